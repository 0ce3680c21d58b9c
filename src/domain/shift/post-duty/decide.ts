import type { DecideContext } from "../../../kernel/decider.js";
import { RuleViolation } from "../../../kernel/errors.js";
import type { Signature } from "../../shared/signature.js";
import type { PostDutyCommand } from "./commands.js";
import type { PostDutyEvent } from "./events.js";
import type { PostDutyState, PostLeave } from "./state.js";

/**
 * Decides a post-duty command (S8): nobody leaves the post without leave asked of and granted by
 * the team lead beforehand. `LeavePost` without a granted leave of one's own is refused (the app
 * asks before the person goes); someone found away without leave is recorded as a breach by a
 * supervisor (`ReportLeftPostWithoutLeave`).
 *
 * @example
 * ```ts
 * decidePostDuty(LeavePost({ leaveId: "l-1" }), state, ctx); // [PostLeft] once granted
 * ```
 */
export function decidePostDuty(
  command: PostDutyCommand,
  state: PostDutyState,
  context: DecideContext,
): PostDutyEvent[] {
  const at = context.now.toISOString();
  const day = context.calendar.businessDayOf(context.now);
  const me = context.actor.id;
  switch (command.type) {
    case "RequestLeaveFromPost": {
      const { leaveId, pointId, reason } = command.data;
      if (state.leaves[leaveId]) {
        throw new RuleViolation("S8", `leave ${leaveId} has already been asked for.`);
      }
      return [
        {
          type: "LeaveFromPostRequested",
          data: { leaveId, day, staffId: me, pointId, reason, at },
        },
      ];
    }
    case "GrantLeaveFromPost": {
      const { leaveId } = command.data;
      const leave = leaveIn(state, leaveId, "requested", "grant it");
      const by: Signature = { staffId: me, role: context.actor.role, at };
      return [{ type: "LeaveFromPostGranted", data: { leaveId, day, staffId: leave.staffId, by } }];
    }
    case "LeavePost": {
      const { leaveId } = command.data;
      const leave = state.leaves[leaveId];
      if (!leave || leave.staffId !== me || leave.status !== "granted") {
        const found = !leave
          ? "no leave was asked for"
          : leave.staffId !== me
            ? `leave ${leaveId} is ${leave.staffId}'s`
            : leave.status === "requested"
              ? "the team lead has not granted it yet"
              : "it has been used";
        throw new RuleViolation(
          "S8",
          `${me} may not leave the post on ${leaveId}: ${found}; ask the team lead first.`,
        );
      }
      return [
        { type: "PostLeft", data: { leaveId, day, staffId: me, pointId: leave.pointId, at } },
      ];
    }
    case "ReturnToPost": {
      const { leaveId } = command.data;
      const leave = leaveIn(state, leaveId, "away", "return on it");
      return [
        {
          type: "PostReturned",
          data: { leaveId, day, staffId: leave.staffId, pointId: leave.pointId, at },
        },
      ];
    }
    case "ReportLeftPostWithoutLeave": {
      const { staffId, pointId, note } = command.data;
      const away = Object.values(state.leaves).some(
        (leave) => leave.staffId === staffId && leave.status === "away",
      );
      if (away) {
        throw new RuleViolation("S8", `${staffId} is away on leave granted by the team lead.`);
      }
      const by: Signature = { staffId: me, role: context.actor.role, at };
      return [{ type: "PostLeftWithoutLeave", data: { day, staffId, pointId, note, by } }];
    }
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${(unknown as { type: string }).type}`);
    }
  }
}

function leaveIn(
  state: PostDutyState,
  leaveId: string,
  status: PostLeave["status"],
  step: string,
): PostLeave {
  const leave = state.leaves[leaveId];
  if (!leave || leave.status !== status) {
    throw new RuleViolation(
      "S8",
      `cannot ${step}: leave ${leaveId} is ${leave ? leave.status : "not asked for"}, not ${status}.`,
    );
  }
  return leave;
}
