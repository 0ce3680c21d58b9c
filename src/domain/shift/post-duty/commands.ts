import { z } from "zod";
import { defineCommand, type MessageOf } from "../../../kernel/message.js";
import { id } from "../../shared/people.js";
import { DESK_ROLES, SUPERVISOR_ROLES } from "../../shared/roles.js";

const text = z.string().trim().min(1, "must not be empty").max(500);

/** S8: a person on duty asks the team lead for leave from the post, before leaving it. */
export const RequestLeaveFromPost = defineCommand(
  "RequestLeaveFromPost",
  z.strictObject({ leaveId: id, pointId: id, reason: text }),
  { roles: DESK_ROLES },
);

/** S8: the team lead grants the leave asked for. */
export const GrantLeaveFromPost = defineCommand(
  "GrantLeaveFromPost",
  z.strictObject({ leaveId: id }),
  { roles: ["teamLead"], authorityRule: "S8" },
);

/** S8: the person leaves the post on the leave granted to them; without it, refused. */
export const LeavePost = defineCommand("LeavePost", z.strictObject({ leaveId: id }), {
  roles: DESK_ROLES,
});

/** S8: back at the post. */
export const ReturnToPost = defineCommand("ReturnToPost", z.strictObject({ leaveId: id }), {
  roles: DESK_ROLES,
});

/**
 * S8: a supervisor finds someone away from the post without leave: the breach is recorded
 * against the person (it shows in `conductRecords`).
 */
export const ReportLeftPostWithoutLeave = defineCommand(
  "ReportLeftPostWithoutLeave",
  z.strictObject({ staffId: id, pointId: id, note: text }),
  { roles: SUPERVISOR_ROLES, authorityRule: "S8" },
);

export type RequestLeaveFromPost = MessageOf<typeof RequestLeaveFromPost>;
export type GrantLeaveFromPost = MessageOf<typeof GrantLeaveFromPost>;
export type LeavePost = MessageOf<typeof LeavePost>;
export type ReturnToPost = MessageOf<typeof ReturnToPost>;
export type ReportLeftPostWithoutLeave = MessageOf<typeof ReportLeftPostWithoutLeave>;

export type PostDutyCommand =
  | RequestLeaveFromPost
  | GrantLeaveFromPost
  | LeavePost
  | ReturnToPost
  | ReportLeftPostWithoutLeave;

export const postDutyCommands = [
  RequestLeaveFromPost,
  GrantLeaveFromPost,
  LeavePost,
  ReturnToPost,
  ReportLeftPostWithoutLeave,
];
