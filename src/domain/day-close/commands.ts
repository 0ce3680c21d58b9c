import { z } from "zod";
import { defineCommand, type MessageOf } from "../../kernel/message.js";
import { fenSchema } from "../../kernel/money.js";
import { id } from "../shared/people.js";
import { DESK_ROLES } from "../shared/roles.js";

/** A business day, `YYYY-MM-DD` in the site's zone. */
export const BusinessDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be YYYY-MM-DD");

/** What a day-close discrepancy is about, and so which role annotates it (see `ANNOTATING_ROLES`). */
export const DiscrepancyKind = z.enum(["keyTags", "stock", "cash"]);
export type DiscrepancyKind = z.infer<typeof DiscrepancyKind>;

/** One difference the day close found (V6, N5, the drawer): never silently absorbed. */
export const DayCloseDiscrepancy = z.strictObject({
  /** Stable within the day: `keyTags:…`, `stock:<location>:<item>`, `cash:<method>`. */
  id: z.string().min(1).max(200),
  kind: DiscrepancyKind,
  rule: z.enum(["V6", "N5", "S7"]),
  /** The difference in words. */
  text: z.string().min(1).max(500),
});
export type DayCloseDiscrepancy = z.infer<typeof DayCloseDiscrepancy>;

const method = z.enum(["cash", "card", "wechat", "alipay"]);

/** S7: the close of a business day begins; from now on the day takes no front-desk command. */
export const BeginDayClose = defineCommand(
  "BeginDayClose",
  z.strictObject({ businessDay: BusinessDay }),
  { roles: DESK_ROLES },
);

/** S7: the cashier's count of the day's takings per payment method, net of refunds, float excluded. */
export const CountCashDrawer = defineCommand(
  "CountCashDrawer",
  z.strictObject({
    businessDay: BusinessDay,
    counted: z
      .array(z.strictObject({ method, amount: fenSchema }))
      .max(4)
      .refine((lines) => new Set(lines.map((l) => l.method)).size === lines.length, {
        message: "names a payment method twice",
      }),
  }),
  { roles: ["cashier", "dutyManager"] },
);

/** S7 (V6, N5): the day close's discrepancies, as the day-close workflow gathered them. */
export const ListDayCloseDiscrepancies = defineCommand(
  "ListDayCloseDiscrepancies",
  z.strictObject({
    businessDay: BusinessDay,
    discrepancies: z
      .array(DayCloseDiscrepancy)
      .max(1000)
      .refine((list) => new Set(list.map((d) => d.id)).size === list.length, {
        message: "names a discrepancy id twice",
      }),
  }),
  { roles: DESK_ROLES },
);

/** S7: the responsible role says what happened (key tags: desk; stock: CS manager; cash: cashier). */
export const AnnotateDayCloseDiscrepancy = defineCommand(
  "AnnotateDayCloseDiscrepancy",
  z.strictObject({
    businessDay: BusinessDay,
    discrepancyId: z.string().min(1).max(200),
    note: z.string().trim().min(1, "must say what happened").max(500),
  }),
  { roles: ["frontDesk", "dutyManager", "csManager", "cashier"] },
);

/** S7: theft-prone and valuable goods locked in the cabinet, the locks checked. */
export const LockValuables = defineCommand(
  "LockValuables",
  z.strictObject({ businessDay: BusinessDay }),
  { roles: [...DESK_ROLES, "waterBar"] },
);

/**
 * S7: the day's handover entry is written. No role sends it: the handover book's event enlists
 * it (the close requires it by this name, whatever writes the entry).
 */
export const RecordHandoverWritten = defineCommand(
  "RecordHandoverWritten",
  z.strictObject({ businessDay: BusinessDay, handoverId: id }),
  { roles: [] },
);

/** S7: the day closes, once every discrepancy is annotated and the closing list is done. */
export const CloseBusinessDay = defineCommand(
  "CloseBusinessDay",
  z.strictObject({ businessDay: BusinessDay }),
  { roles: DESK_ROLES },
);

/** S7: a close begun by mistake (or with a member still inside) is withdrawn; the desk reopens. */
export const WithdrawDayClose = defineCommand(
  "WithdrawDayClose",
  z.strictObject({ businessDay: BusinessDay, reason: z.string().trim().min(1).max(500) }),
  { roles: ["dutyManager", "csManager"] },
);

/**
 * S7 as a guard: a front-desk command dated in `businessDay` passes only while that day's close
 * has not begun. No role sends it; the front-desk aggregates declare it (`frontDeskDayGuard`).
 */
export const CheckFrontDeskOpen = defineCommand(
  "CheckFrontDeskOpen",
  z.strictObject({ businessDay: BusinessDay, command: z.string() }),
  { roles: [] },
);

export type BeginDayClose = MessageOf<typeof BeginDayClose>;
export type CountCashDrawer = MessageOf<typeof CountCashDrawer>;
export type ListDayCloseDiscrepancies = MessageOf<typeof ListDayCloseDiscrepancies>;
export type AnnotateDayCloseDiscrepancy = MessageOf<typeof AnnotateDayCloseDiscrepancy>;
export type LockValuables = MessageOf<typeof LockValuables>;
export type RecordHandoverWritten = MessageOf<typeof RecordHandoverWritten>;
export type CloseBusinessDay = MessageOf<typeof CloseBusinessDay>;
export type WithdrawDayClose = MessageOf<typeof WithdrawDayClose>;
export type CheckFrontDeskOpen = MessageOf<typeof CheckFrontDeskOpen>;
export type DayCloseCommand =
  | BeginDayClose
  | CountCashDrawer
  | ListDayCloseDiscrepancies
  | AnnotateDayCloseDiscrepancy
  | LockValuables
  | RecordHandoverWritten
  | CloseBusinessDay
  | WithdrawDayClose
  | CheckFrontDeskOpen;

/** The day close's commands, in the order of a close. */
export const dayCloseCommands = [
  BeginDayClose,
  CountCashDrawer,
  ListDayCloseDiscrepancies,
  AnnotateDayCloseDiscrepancy,
  LockValuables,
  RecordHandoverWritten,
  CloseBusinessDay,
  WithdrawDayClose,
  CheckFrontDeskOpen,
] as const;
