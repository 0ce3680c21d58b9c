import { z } from "zod";
import { defineCommand, type MessageOf } from "../../kernel/message.js";
import { DESK_ROLES } from "../shared/roles.js";

const shift = z.string().trim().min(1, "name the shift (e.g. early, late)").max(32);
const notes = z
  .array(z.string().trim().min(1, "a note must not be empty").max(500))
  .max(50)
  .default([]);

/**
 * S5: the outgoing staff member writes the shift's handover entry and signs it. Only what cannot
 * be counted is typed: notable events and orders from above. The figures (entries by category
 * and gender, cards sold, phone inquiries) are never sent: the `handoverBook` projection counts
 * them from the shift's events.
 */
export const WriteHandoverEntry = defineCommand(
  "WriteHandoverEntry",
  z.strictObject({ shift, notableEvents: notes, ordersFromAbove: notes }),
  { roles: DESK_ROLES },
);
/** S5: the incoming staff member countersigns the entry (not the one who wrote it). */
export const CountersignHandover = defineCommand("CountersignHandover", z.strictObject({ shift }), {
  roles: DESK_ROLES,
});

export type WriteHandoverEntry = MessageOf<typeof WriteHandoverEntry>;
export type CountersignHandover = MessageOf<typeof CountersignHandover>;
export type HandoverBookCommand = WriteHandoverEntry | CountersignHandover;

export const handoverBookCommands = [WriteHandoverEntry, CountersignHandover];
