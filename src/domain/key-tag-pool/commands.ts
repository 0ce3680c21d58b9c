import { z } from "zod";
import { defineCommand, type MessageOf } from "../../kernel/message.js";
import { id } from "../shared/people.js";
import { SUPERVISOR_ROLES } from "../shared/roles.js";

/** Adds key tags to the site's pool (V1: tags are issued from the pool). */
export const RegisterKeyTags = defineCommand(
  "RegisterKeyTags",
  z.object({ tags: z.array(id).min(1).max(10_000) }),
  { roles: SUPERVISOR_ROLES },
);
/** Issues a tag to a visit. Enlisted by CheckInMember; never sent directly. */
export const IssueKeyTag = defineCommand("IssueKeyTag", z.object({ tag: id, visitId: id }), {
  roles: [],
});
/** Takes a tag back from a visit. Enlisted by CheckOutMember; never sent directly. */
export const ReturnKeyTag = defineCommand("ReturnKeyTag", z.object({ tag: id, visitId: id }), {
  roles: [],
});
/** Takes a tag out of the pool for good: lost (V7) or damaged. */
export const RetireKeyTag = defineCommand(
  "RetireKeyTag",
  z.object({ tag: id, reason: z.enum(["lost", "damaged"]), visitId: id.optional() }),
  { roles: SUPERVISOR_ROLES },
);

export type RegisterKeyTags = MessageOf<typeof RegisterKeyTags>;
export type IssueKeyTag = MessageOf<typeof IssueKeyTag>;
export type ReturnKeyTag = MessageOf<typeof ReturnKeyTag>;
export type RetireKeyTag = MessageOf<typeof RetireKeyTag>;
export type KeyTagPoolCommand = RegisterKeyTags | IssueKeyTag | ReturnKeyTag | RetireKeyTag;

export const keyTagPoolCommands = [RegisterKeyTags, IssueKeyTag, ReturnKeyTag, RetireKeyTag];
