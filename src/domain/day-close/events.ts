import { z } from "zod";
import { defineEvent, type MessageOf } from "../../kernel/message.js";
import { fenSchema } from "../../kernel/money.js";
import { Signature } from "../shared/signature.js";
import { DayCloseDiscrepancy } from "./commands.js";

const day = z.string();

/** S7: the close began; the day takes no more front-desk commands. */
export const DayCloseBegun = defineEvent(
  "DayCloseBegun",
  z.object({ businessDay: day, by: Signature }),
);
/** S7: the drawer's count per payment method. */
export const CashDrawerCounted = defineEvent(
  "CashDrawerCounted",
  z.object({
    businessDay: day,
    counted: z.array(z.object({ method: z.string(), amount: fenSchema })),
    countedBy: Signature,
  }),
);
/** S7 (V6, N5): what the close found; empty when everything balanced. */
export const DayCloseDiscrepanciesListed = defineEvent(
  "DayCloseDiscrepanciesListed",
  z.object({ businessDay: day, discrepancies: z.array(DayCloseDiscrepancy), by: Signature }),
);
/** S7: one discrepancy explained by the role responsible for it. */
export const DayCloseDiscrepancyAnnotated = defineEvent(
  "DayCloseDiscrepancyAnnotated",
  z.object({ businessDay: day, discrepancyId: z.string(), note: z.string(), by: Signature }),
);
/** S7: valuables locked away. */
export const ValuablesLocked = defineEvent(
  "ValuablesLocked",
  z.object({ businessDay: day, by: Signature }),
);
/** S7: the day's handover entry is written (enlisted by the handover book). */
export const HandoverWrittenRecorded = defineEvent(
  "HandoverWrittenRecorded",
  z.object({ businessDay: day, handoverId: z.string() }),
);
/** S7: the business day is closed; nothing dated in it goes through the desk any more. */
export const BusinessDayClosed = defineEvent(
  "BusinessDayClosed",
  z.object({ businessDay: day, discrepancies: z.number().int(), by: Signature }),
);
/** S7: the close was withdrawn; the desk takes commands again and the close starts over. */
export const DayCloseWithdrawn = defineEvent(
  "DayCloseWithdrawn",
  z.object({ businessDay: day, reason: z.string(), by: Signature }),
);

export type DayCloseBegun = MessageOf<typeof DayCloseBegun>;
export type CashDrawerCounted = MessageOf<typeof CashDrawerCounted>;
export type DayCloseDiscrepanciesListed = MessageOf<typeof DayCloseDiscrepanciesListed>;
export type DayCloseDiscrepancyAnnotated = MessageOf<typeof DayCloseDiscrepancyAnnotated>;
export type ValuablesLocked = MessageOf<typeof ValuablesLocked>;
export type HandoverWrittenRecorded = MessageOf<typeof HandoverWrittenRecorded>;
export type BusinessDayClosed = MessageOf<typeof BusinessDayClosed>;
export type DayCloseWithdrawn = MessageOf<typeof DayCloseWithdrawn>;
export type DayCloseEvent =
  | DayCloseBegun
  | CashDrawerCounted
  | DayCloseDiscrepanciesListed
  | DayCloseDiscrepancyAnnotated
  | ValuablesLocked
  | HandoverWrittenRecorded
  | BusinessDayClosed
  | DayCloseWithdrawn;

/** The day close's events. */
export const dayCloseEvents = [
  DayCloseBegun,
  CashDrawerCounted,
  DayCloseDiscrepanciesListed,
  DayCloseDiscrepancyAnnotated,
  ValuablesLocked,
  HandoverWrittenRecorded,
  BusinessDayClosed,
  DayCloseWithdrawn,
] as const;
