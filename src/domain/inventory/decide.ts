import type { DecideContext } from "../../kernel/decider.js";
import { RuleViolation } from "../../kernel/errors.js";
import { actorSignature, type Signature } from "../shared/signature.js";
import type {
  CorrectReceipt,
  CountClosingStock,
  CountOpeningStock,
  InventoryCommand,
  IssuePromotionGift,
  ListItems,
  ReceiveStock,
  SellItems,
  VoidReceipt,
  WriteOffStock,
} from "./commands.js";
import type { InventoryEvent } from "./events.js";
import { type InventoryDay, type InventoryState, type ReceiptState, receiptAt } from "./state.js";
import {
  checkMarkedPrices,
  checkStock,
  compare,
  isPackaging,
  lines,
  tally,
  totalOf,
} from "./stock-checks.js";

/** Nothing given back: the stock a sale checks against is the book's alone. */
const NOTHING_BACK: ReadonlyMap<string, number> = new Map();

/** Who may sign off a void without owing its price (N4). */
const VOID_SIGNERS: readonly string[] = ["teamLead", "csManager"];

/**
 * Decides an inventory command (N1–N7) for one stock location.
 *
 * @example
 * ```ts
 * decideInventory(ReceiveStock({ location: "bar", lines: [{ item: "water", quantity: 24 }] }), state, ctx);
 * ```
 */
export function decideInventory(
  command: InventoryCommand,
  state: InventoryState,
  context: DecideContext,
): InventoryEvent[] {
  const by = actorSignature(context);
  const today = context.calendar.businessDayOf(context.now);
  switch (command.type) {
    case "ListItems":
      return list(command);
    case "CountOpeningStock":
      return countOpening(command, state, today, by);
    case "ReceiveStock":
      return receive(command, state, today, by);
    case "SellItems":
      return sell(command, state, today, by);
    case "CorrectReceipt":
      return correct(command, state, today, by);
    case "VoidReceipt":
      return voidReceipt(command, state, today, by);
    case "IssuePromotionGift":
      return issueGift(command, state, today, by);
    case "WriteOffStock":
      return writeOff(command, state, today, by);
    case "CountClosingStock":
      return countClosing(command, state, today, by);
    default: {
      const unknown: never = command;
      throw new Error(`Unknown inventory command ${JSON.stringify(unknown)}`);
    }
  }
}

function list(command: ListItems): InventoryEvent[] {
  const { location, items } = command.data;
  return [{ type: "ItemsListed", data: { location, items } }];
}

function countOpening(
  command: CountOpeningStock,
  state: InventoryState,
  today: string,
  by: Signature,
): InventoryEvent[] {
  const { location } = command.data;
  if (state.day?.businessDay === today) {
    throw new RuleViolation(
      state.day.status === "open" ? "N1" : "N5",
      state.day.status === "open"
        ? `the opening stock of ${location} for ${today} is already counted.`
        : `${location} is closed for ${today}; it opens again tomorrow with a new count.`,
    );
  }
  const counted = tally(command.data.counts);
  const counts = lines(counted);
  const events: InventoryEvent[] = [
    { type: "OpeningStockCounted", data: { location, businessDay: today, counts, countedBy: by } },
  ];
  // The very first count of a location is its baseline: there is no close to compare it with.
  if (state.day === undefined) return events;
  const differences = compare(state.stock, counted, new Map());
  if (differences.length > 0) {
    events.push({
      type: "OpeningDifferencesReported",
      data: { location, businessDay: today, differences },
    });
  }
  return events;
}

function receive(
  command: ReceiveStock,
  state: InventoryState,
  today: string,
  by: Signature,
): InventoryEvent[] {
  const { location, deliveryNote } = command.data;
  openDay(state, location, today);
  return [
    {
      type: "StockReceived",
      data: {
        location,
        businessDay: today,
        lines: lines(tally(command.data.lines)),
        ...(deliveryNote ? { deliveryNote } : {}),
        receivedBy: by,
      },
    },
  ];
}

function sell(
  command: SellItems,
  state: InventoryState,
  today: string,
  by: Signature,
): InventoryEvent[] {
  const { location, receiptNumber, lines: sold, payment } = command.data;
  const day = openDay(state, location, today);
  const next = day.receiptCount + 1;
  if (receiptNumber !== next) {
    throw new RuleViolation(
      "N2",
      receiptNumber < next
        ? `receipt ${receiptNumber} of ${location} is already used today; the next one is ${next}.`
        : `receipt ${receiptNumber} would leave a gap in ${location}'s receipts; the next one is ${next}.`,
    );
  }
  checkMarkedPrices(state, sold);
  checkStock(state, location, tally(sold), NOTHING_BACK);
  const total = totalOf(sold, "SellItems");
  const events: InventoryEvent[] = [
    {
      type: "ItemsSold",
      data: {
        location,
        businessDay: today,
        receiptNumber,
        lines: sold,
        total,
        payment,
        soldBy: by,
      },
    },
  ];
  if (sold.some((line) => isPackaging(state, line.item))) {
    const packaging = sold.filter((line) => isPackaging(state, line.item));
    events.push({
      type: "PackagingSaleRegistered",
      data: { location, businessDay: today, receiptNumber, lines: packaging },
    });
  }
  return events;
}

function correct(
  command: CorrectReceipt,
  state: InventoryState,
  today: string,
  by: Signature,
): InventoryEvent[] {
  const { location, receiptNumber, lines: corrected, memberSignature } = command.data;
  const receipt = receiptOf(openDay(state, location, today), location, receiptNumber);
  if (memberSignature === undefined) {
    throw new RuleViolation(
      "N3",
      `receipt ${receiptNumber} is corrected only with the member's signature, given on the spot.`,
    );
  }
  checkMarkedPrices(state, corrected);
  checkStock(state, location, tally(corrected), tally(receipt.lines));
  const total = totalOf(corrected, "CorrectReceipt");
  return [
    {
      type: "ReceiptCorrected",
      data: {
        location,
        businessDay: today,
        receiptNumber,
        lines: corrected,
        total,
        previousLines: [...receipt.lines],
        previousTotal: receipt.total,
        payment: receipt.payment,
        memberSignature: { ...memberSignature, at: memberSignature.at ?? by.at },
        correctedBy: by,
      },
    },
  ];
}

function voidReceipt(
  command: VoidReceipt,
  state: InventoryState,
  today: string,
  by: Signature,
): InventoryEvent[] {
  const { location, receiptNumber, reason, supervisorSignature } = command.data;
  const receipt = receiptOf(openDay(state, location, today), location, receiptNumber);
  if (supervisorSignature !== undefined && !VOID_SIGNERS.includes(supervisorSignature.role)) {
    throw new RuleViolation(
      "N4",
      `a void is signed by a team lead or the CS manager, not by a ${supervisorSignature.role}.`,
    );
  }
  const base = { location, businessDay: today, receiptNumber };
  const voided: InventoryEvent = {
    type: "ReceiptVoided",
    data: {
      ...base,
      lines: [...receipt.lines],
      total: receipt.total,
      reason,
      payment: receipt.payment,
      voidedBy: by,
      ...(supervisorSignature
        ? { supervisorSignature: { ...supervisorSignature, at: supervisorSignature.at ?? by.at } }
        : {}),
    },
  };
  if (supervisorSignature) return [voided];
  return [
    voided,
    {
      type: "VoidLiabilityRecorded",
      data: { ...base, staffId: by.staffId, amount: receipt.total },
    },
  ];
}

function issueGift(
  command: IssuePromotionGift,
  state: InventoryState,
  today: string,
  by: Signature,
): InventoryEvent[] {
  const { location, item, quantity, register, recipient } = command.data;
  openDay(state, location, today);
  if (register === undefined) {
    throw new RuleViolation("N7", `a promotion gift is handed out only against the register.`);
  }
  if (state.items[item]?.kind !== "promotionGift") {
    throw new RuleViolation("N7", `${item} is not on ${location}'s item list as a promotion gift.`);
  }
  checkStock(state, location, new Map([[item, quantity]]), new Map());
  return [
    {
      type: "PromotionGiftIssued",
      data: {
        location,
        businessDay: today,
        item,
        quantity,
        register,
        ...(recipient ? { recipient } : {}),
        issuedBy: by,
      },
    },
  ];
}

function writeOff(
  command: WriteOffStock,
  state: InventoryState,
  today: string,
  by: Signature,
): InventoryEvent[] {
  const { location, item, quantity, reason } = command.data;
  openDay(state, location, today);
  checkStock(state, location, new Map([[item, quantity]]), new Map());
  return [
    {
      type: "StockWrittenOff",
      data: { location, businessDay: today, item, quantity, reason, writtenOffBy: by },
    },
  ];
}

function countClosing(
  command: CountClosingStock,
  state: InventoryState,
  today: string,
  by: Signature,
): InventoryEvent[] {
  const { location } = command.data;
  openDay(state, location, today);
  const counted = tally(command.data.counts);
  const notes = new Map<string, string>();
  for (const line of command.data.counts) {
    if (line.note && !notes.has(line.item)) notes.set(line.item, line.note);
  }
  const discrepancies = compare(state.stock, counted, notes);
  const bare = discrepancies.filter((d) => d.note === undefined).map((d) => d.item);
  if (bare.length > 0) {
    throw new RuleViolation(
      "N5",
      `the count differs from the book for ${bare.join(", ")}; note what happened to each before closing.`,
    );
  }
  const events: InventoryEvent[] = [
    {
      type: "ClosingStockCounted",
      data: {
        location,
        businessDay: today,
        counts: lines(counted),
        expected: lines(new Map(Object.entries(state.stock))),
        countedBy: by,
      },
    },
  ];
  if (discrepancies.length > 0) {
    events.push({
      type: "StockDiscrepancyReported",
      data: { location, businessDay: today, discrepancies, reportedTo: "csManager" },
    });
  }
  return events;
}

/** The open business day of the location, or the rule that says why there is none. */
function openDay(state: InventoryState, location: string, today: string): InventoryDay {
  const day = state.day;
  if (day?.businessDay !== today) {
    throw new RuleViolation(
      "N1",
      `${location} has no opening count for ${today}; count the opening stock first.`,
    );
  }
  if (day.status === "closed") {
    throw new RuleViolation("N5", `${location} is closed for ${today}: its stock is counted.`);
  }
  return day;
}

function receiptOf(day: InventoryDay, location: string, receiptNumber: number): ReceiptState {
  const receipt = receiptAt(day, receiptNumber);
  if (receipt === undefined) {
    throw new RuleViolation("N2", `${location} has no receipt ${receiptNumber} today.`);
  }
  if (receipt.voided) {
    throw new RuleViolation("N4", `receipt ${receiptNumber} of ${location} is voided.`);
  }
  return receipt;
}
