import { z } from "zod";
import { defineCommand, type MessageOf } from "../../kernel/message.js";
import { fenSchema } from "../../kernel/money.js";
import { id } from "../shared/people.js";
import type { Role } from "../shared/roles.js";
import { Signature } from "../shared/signature.js";
import { quickParseSale } from "./quick-parse-sale.js";

/** A stock location (the water bar, the desk's gift shelf): short, so a receipt reference stays short. */
export const Location = z.string().trim().min(1, "must not be empty").max(32);

/** What an item is, for N7: gift bags and boxes sell at their marked price; promotion gifts are issued. */
export const ItemKind = z.enum(["goods", "giftBag", "giftBox", "promotionGift"]);
export type ItemKind = z.infer<typeof ItemKind>;

const quantity = z
  .number()
  .int("must be a whole number")
  .min(1, "must be at least 1")
  .max(1_000_000);
const countedQuantity = z.number().int("must be a whole number").min(0).max(1_000_000);
const note = z.string().trim().min(1, "must not be empty").max(500);

/** A line of stock moved: an item and how many. */
export const StockLine = z.strictObject({ item: id, quantity });
/** A line of a count: an item and how many are on the shelf (0 allowed); a note explains a gap (N5). */
export const CountLine = z.strictObject({
  item: id,
  quantity: countedQuantity,
  note: note.optional(),
});
/** A line of a receipt: item, quantity and unit price in fen. */
export const ReceiptLine = z.strictObject({ item: id, quantity, unitPrice: fenSchema });
/**
 * How a receipt is paid: at the counter, on the member's key tag (the visit's tab, V4), or on a
 * sports-centre guest's venue session (its bill, settled at the cashier: G1).
 */
export const Payment = z.union([
  z.strictObject({ method: z.enum(["cash", "card", "wechat", "alipay"]) }),
  z.strictObject({ keyTag: id }),
  z.strictObject({ venueSession: id }),
]);
export type Payment = z.infer<typeof Payment>;

/** The staff who keep stock: the water bar, the desk, and their supervisors. */
export const STOCK_ROLES = [
  "waterBar",
  "frontDesk",
  "teamLead",
  "csManager",
] as const satisfies readonly Role[];
/** Who sets the item list and writes stock off. */
export const STOCK_SUPERVISOR_ROLES = ["teamLead", "csManager"] as const satisfies readonly Role[];

/** N7: the item list of a location, with the marked price of what is sold there. */
export const ListItems = defineCommand(
  "ListItems",
  z.strictObject({
    location: Location,
    items: z
      .array(z.strictObject({ item: id, kind: ItemKind, price: fenSchema.optional() }))
      .min(1)
      .max(1000),
  }),
  { roles: STOCK_SUPERVISOR_ROLES },
);

/** N1: the opening count of the business day, compared with the last closing count. */
export const CountOpeningStock = defineCommand(
  "CountOpeningStock",
  z.strictObject({ location: Location, counts: z.array(CountLine).max(1000) }),
  { roles: STOCK_ROLES },
);

/** N1: a delivery taken in, after the opening count of the day. */
export const ReceiveStock = defineCommand(
  "ReceiveStock",
  z.strictObject({
    location: Location,
    deliveryNote: z.string().trim().min(1).max(64).optional(),
    lines: z.array(StockLine).min(1).max(1000),
  }),
  { roles: STOCK_ROLES },
);

/**
 * The data of a sale (`SellItems`): the location, the next receipt number, the lines at their
 * unit prices, and how it is paid (at the counter, on a key tag, or on a venue session).
 *
 * @example
 * ```ts
 * SaleData.parse({ location: "bar", receiptNumber: 1, lines: [{ item: "water", quantity: 2, unitPrice: 300 }], payment: { keyTag: "17" } });
 * ```
 */
export const SaleData = z.strictObject({
  location: Location,
  receiptNumber: z.number().int().min(1).max(1_000_000),
  lines: z.array(ReceiptLine).min(1).max(100),
  payment: Payment,
});

/** N2, N6, N7: a sale on the next numbered receipt, paid at the counter or on a key tag. */
export const SellItems = defineCommand(
  "SellItems",
  SaleData,
  // The water bar's hot command: parsed by hand when it has its common shape (measured).
  { roles: STOCK_ROLES, quickParse: quickParseSale },
);

/** N3: a receipt corrected (new lines), with the member's signature given on the spot. */
export const CorrectReceipt = defineCommand(
  "CorrectReceipt",
  z.strictObject({
    location: Location,
    receiptNumber: z.number().int().min(1),
    lines: z.array(ReceiptLine).min(1).max(100),
    memberSignature: Signature.optional(),
  }),
  { roles: STOCK_ROLES },
);

/** N4: a receipt voided; without a team lead's or CS manager's signature the voider owes its price. */
export const VoidReceipt = defineCommand(
  "VoidReceipt",
  z.strictObject({
    location: Location,
    receiptNumber: z.number().int().min(1),
    reason: note,
    supervisorSignature: Signature.optional(),
  }),
  { roles: STOCK_ROLES },
);

/** N6, N7: a promotion gift handed out against the promotion register. */
export const IssuePromotionGift = defineCommand(
  "IssuePromotionGift",
  z.strictObject({
    location: Location,
    item: id,
    quantity,
    /** The promotion register's entry (its number or reference). */
    register: id.optional(),
    recipient: id.optional(),
  }),
  { roles: STOCK_ROLES },
);

/** N5, N6: stock written off (broken, expired), by a supervisor. */
export const WriteOffStock = defineCommand(
  "WriteOffStock",
  z.strictObject({ location: Location, item: id, quantity, reason: note }),
  { roles: STOCK_SUPERVISOR_ROLES },
);

/** N5: the closing count; every gap with the book is a discrepancy, with a note, for the CS manager. */
export const CountClosingStock = defineCommand(
  "CountClosingStock",
  z.strictObject({ location: Location, counts: z.array(CountLine).max(1000) }),
  { roles: STOCK_ROLES },
);

export type ListItems = MessageOf<typeof ListItems>;
export type CountOpeningStock = MessageOf<typeof CountOpeningStock>;
export type ReceiveStock = MessageOf<typeof ReceiveStock>;
export type SellItems = MessageOf<typeof SellItems>;
export type CorrectReceipt = MessageOf<typeof CorrectReceipt>;
export type VoidReceipt = MessageOf<typeof VoidReceipt>;
export type IssuePromotionGift = MessageOf<typeof IssuePromotionGift>;
export type WriteOffStock = MessageOf<typeof WriteOffStock>;
export type CountClosingStock = MessageOf<typeof CountClosingStock>;
export type InventoryCommand =
  | ListItems
  | CountOpeningStock
  | ReceiveStock
  | SellItems
  | CorrectReceipt
  | VoidReceipt
  | IssuePromotionGift
  | WriteOffStock
  | CountClosingStock;

export const inventoryCommands = [
  ListItems,
  CountOpeningStock,
  ReceiveStock,
  SellItems,
  CorrectReceipt,
  VoidReceipt,
  IssuePromotionGift,
  WriteOffStock,
  CountClosingStock,
];
