import { z } from "zod";
import { defineEvent, type MessageOf } from "../../kernel/message.js";
import { Signature } from "../shared/signature.js";

/**
 * S5: the outgoing staff member closed the shift's entry. Everything counted before this event
 * in the log (and in its business day) belongs to this shift; the `handoverBook` projection
 * freezes the figures here.
 */
export const HandoverEntryWritten = defineEvent(
  "HandoverEntryWritten",
  z.object({
    businessDay: z.string(),
    shift: z.string(),
    notableEvents: z.array(z.string()),
    ordersFromAbove: z.array(z.string()),
    outgoing: Signature,
  }),
);
/** S5: the incoming staff member signed the entry too. */
export const HandoverEntryCountersigned = defineEvent(
  "HandoverEntryCountersigned",
  z.object({ businessDay: z.string(), shift: z.string(), incoming: Signature }),
);

export type HandoverEntryWritten = MessageOf<typeof HandoverEntryWritten>;
export type HandoverEntryCountersigned = MessageOf<typeof HandoverEntryCountersigned>;
export type HandoverBookEvent = HandoverEntryWritten | HandoverEntryCountersigned;

export const handoverBookEvents = [HandoverEntryWritten, HandoverEntryCountersigned];
