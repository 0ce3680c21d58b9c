import { defineAggregate, type Enlistment, streamName } from "../../kernel/aggregate.js";
import type { Decider } from "../../kernel/decider.js";
import { keyTagPoolAggregate } from "../key-tag-pool/aggregate.js";
import { IssueKeyTag, RetireLostKeyTag, ReturnKeyTag } from "../key-tag-pool/commands.js";
import { type VisitCommand, visitCommands } from "./commands.js";
import { decideVisit } from "./decide.js";
import { type VisitEvent, visitEvents } from "./events.js";
import { evolveVisit } from "./evolve.js";
import { initialVisitState, type VisitState } from "./state.js";

/**
 * A member's visit as a decider: check-in, tab, lost tag, check-out.
 *
 * @example
 * ```ts
 * const state = replay(visitDecider, events);
 * ```
 */
export const visitDecider: Decider<VisitCommand, VisitEvent, VisitState> = {
  initialState: initialVisitState,
  decide: decideVisit,
  evolve: evolveVisit,
};

/**
 * The pool commands a visit event brings into the same atomic append, so that V2 (a tag is out
 * on one visit at a time) holds even when two desks check in at the same moment. They are built
 * as plain messages: their data comes from an event the visit's schema already checked, so
 * parsing it again (the creator functions do) would only cost time on every check-in and out.
 *
 * @example
 * ```ts
 * enlistKeyTagPool(MemberCheckedIn({ ... })); // [{ aggregate: keyTagPoolAggregate, command: IssueKeyTag }]
 * ```
 */
export function enlistKeyTagPool(event: VisitEvent): readonly Enlistment[] {
  switch (event.type) {
    case "MemberCheckedIn":
      return [
        {
          aggregate: keyTagPoolAggregate,
          command: {
            type: IssueKeyTag.type,
            data: { tag: event.data.keyTag, visitId: event.data.visitId },
          },
        },
      ];
    case "MemberCheckedOut":
      return event.data.keyTag === null
        ? []
        : [
            {
              aggregate: keyTagPoolAggregate,
              command: {
                type: ReturnKeyTag.type,
                data: { tag: event.data.keyTag, visitId: event.data.visitId },
              },
            },
          ];
    case "KeyTagReportedLost":
      return [
        {
          aggregate: keyTagPoolAggregate,
          command: {
            type: RetireLostKeyTag.type,
            data: { tag: event.data.keyTag, visitId: event.data.visitId },
          },
        },
      ];
    default:
      return [];
  }
}

/**
 * One stream per visit, `<siteId>/visit/<visitId>`; its tag moves enlist the key-tag pool.
 *
 * @example
 * ```ts
 * await ops.execute(CheckInMember({ visitId: "v-1", memberCard: "M-1", keyTag: "17", gender: "female" }), { actor });
 * ```
 */
export const visitAggregate = defineAggregate({
  name: "visit",
  version: 2,
  decider: visitDecider,
  commands: visitCommands,
  events: visitEvents,
  streamId: (command, scope) => visitStream(scope.siteId, command.data.visitId),
  enlist: enlistKeyTagPool,
});

/**
 * A visit's stream id.
 *
 * @example
 * ```ts
 * visitStream("club-1", "v-1"); // "club-1/visit/v-1"
 * ```
 */
export function visitStream(siteId: string, visitId: string): string {
  return streamName(siteId, "visit", visitId);
}
