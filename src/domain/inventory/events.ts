import { z } from "zod";
import { defineEvent, type MessageOf } from "../../kernel/message.js";
import { fenSchema } from "../../kernel/money.js";
import { Signature } from "../shared/signature.js";
import { ItemKind, Payment } from "./commands.js";

const day = z.string();
const item = z.string();
const count = z.number().int();
const stockLines = z.array(z.object({ item, quantity: count }));
const receiptLines = z.array(z.object({ item, quantity: count, unitPrice: fenSchema }));
/** One item where a count and the book disagree (N1, N5). */
export const StockDifference = z.object({
  item,
  expected: count,
  counted: count,
  /** counted − expected: negative when stock is missing. */
  difference: count,
  note: z.string().optional(),
});
export type StockDifference = z.infer<typeof StockDifference>;

/** N7: the item list of a location with marked prices. */
export const ItemsListed = defineEvent(
  "ItemsListed",
  z.object({
    location: z.string(),
    items: z.array(z.object({ item, kind: ItemKind, price: fenSchema.optional() })),
  }),
);
/** N1: the day is open; `counts` is every item's opening count. */
export const OpeningStockCounted = defineEvent(
  "OpeningStockCounted",
  z.object({ location: z.string(), businessDay: day, counts: stockLines, countedBy: Signature }),
);
/** N1: the opening count differs from the last closing count (the book) for these items. */
export const OpeningDifferencesReported = defineEvent(
  "OpeningDifferencesReported",
  z.object({ location: z.string(), businessDay: day, differences: z.array(StockDifference) }),
);
/** N1: a delivery taken in. */
export const StockReceived = defineEvent(
  "StockReceived",
  z.object({
    location: z.string(),
    businessDay: day,
    lines: stockLines,
    deliveryNote: z.string().optional(),
    receivedBy: Signature,
  }),
);
/** N2: a sale on a numbered receipt. A sale on a key tag enlists the charge of the visit's tab. */
export const ItemsSold = defineEvent(
  "ItemsSold",
  z.object({
    location: z.string(),
    businessDay: day,
    receiptNumber: count,
    lines: receiptLines,
    total: fenSchema,
    payment: Payment,
    soldBy: Signature,
  }),
);
/** N7: the gift bags and boxes of a receipt, entered in the packaging register. */
export const PackagingSaleRegistered = defineEvent(
  "PackagingSaleRegistered",
  z.object({ location: z.string(), businessDay: day, receiptNumber: count, lines: receiptLines }),
);
/** N3: a receipt's lines replaced, signed by the member. */
export const ReceiptCorrected = defineEvent(
  "ReceiptCorrected",
  z.object({
    location: z.string(),
    businessDay: day,
    receiptNumber: count,
    lines: receiptLines,
    total: fenSchema,
    previousLines: receiptLines,
    previousTotal: fenSchema,
    payment: Payment,
    memberSignature: Signature,
    correctedBy: Signature,
  }),
);
/** N4: a receipt voided; its goods are back in stock. */
export const ReceiptVoided = defineEvent(
  "ReceiptVoided",
  z.object({
    location: z.string(),
    businessDay: day,
    receiptNumber: count,
    lines: receiptLines,
    total: fenSchema,
    reason: z.string(),
    /** How the receipt was paid: a key-tag receipt's total comes back off the visit's tab. */
    payment: Payment.optional(),
    voidedBy: Signature,
    supervisorSignature: Signature.optional(),
  }),
);
/** N4: voided without a supervisor's signature, the voider owes the original price. */
export const VoidLiabilityRecorded = defineEvent(
  "VoidLiabilityRecorded",
  z.object({
    location: z.string(),
    businessDay: day,
    receiptNumber: count,
    staffId: z.string(),
    amount: fenSchema,
  }),
);
/** N7: a promotion gift handed out against the register. */
export const PromotionGiftIssued = defineEvent(
  "PromotionGiftIssued",
  z.object({
    location: z.string(),
    businessDay: day,
    item,
    quantity: count,
    register: z.string(),
    recipient: z.string().optional(),
    issuedBy: Signature,
  }),
);
/** N5: stock written off. */
export const StockWrittenOff = defineEvent(
  "StockWrittenOff",
  z.object({
    location: z.string(),
    businessDay: day,
    item,
    quantity: count,
    reason: z.string(),
    writtenOffBy: Signature,
  }),
);
/** N5: the day is closed; `counts` is every item's closing count, `expected` the book's. */
export const ClosingStockCounted = defineEvent(
  "ClosingStockCounted",
  z.object({
    location: z.string(),
    businessDay: day,
    counts: stockLines,
    expected: stockLines,
    countedBy: Signature,
  }),
);
/** N5: the gaps of the closing count, each with its note, reported to the CS manager. */
export const StockDiscrepancyReported = defineEvent(
  "StockDiscrepancyReported",
  z.object({
    location: z.string(),
    businessDay: day,
    discrepancies: z.array(StockDifference),
    reportedTo: z.literal("csManager"),
  }),
);

export type ItemsListed = MessageOf<typeof ItemsListed>;
export type OpeningStockCounted = MessageOf<typeof OpeningStockCounted>;
export type OpeningDifferencesReported = MessageOf<typeof OpeningDifferencesReported>;
export type StockReceived = MessageOf<typeof StockReceived>;
export type ItemsSold = MessageOf<typeof ItemsSold>;
export type PackagingSaleRegistered = MessageOf<typeof PackagingSaleRegistered>;
export type ReceiptCorrected = MessageOf<typeof ReceiptCorrected>;
export type ReceiptVoided = MessageOf<typeof ReceiptVoided>;
export type VoidLiabilityRecorded = MessageOf<typeof VoidLiabilityRecorded>;
export type PromotionGiftIssued = MessageOf<typeof PromotionGiftIssued>;
export type StockWrittenOff = MessageOf<typeof StockWrittenOff>;
export type ClosingStockCounted = MessageOf<typeof ClosingStockCounted>;
export type StockDiscrepancyReported = MessageOf<typeof StockDiscrepancyReported>;
export type InventoryEvent =
  | ItemsListed
  | OpeningStockCounted
  | OpeningDifferencesReported
  | StockReceived
  | ItemsSold
  | PackagingSaleRegistered
  | ReceiptCorrected
  | ReceiptVoided
  | VoidLiabilityRecorded
  | PromotionGiftIssued
  | StockWrittenOff
  | ClosingStockCounted
  | StockDiscrepancyReported;

export const inventoryEvents = [
  ItemsListed,
  OpeningStockCounted,
  OpeningDifferencesReported,
  StockReceived,
  ItemsSold,
  PackagingSaleRegistered,
  ReceiptCorrected,
  ReceiptVoided,
  VoidLiabilityRecorded,
  PromotionGiftIssued,
  StockWrittenOff,
  ClosingStockCounted,
  StockDiscrepancyReported,
];
