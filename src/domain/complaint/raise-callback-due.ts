import type { DecideContext } from "../../kernel/decider.js";
import { RuleViolation } from "../../kernel/errors.js";
import type { ComplaintEvent } from "./events.js";
import { type ComplaintState, isUnresolved } from "./state.js";

/**
 * C9: when a phone or hotline case's callback falls due: `callbackWithin` (2 h, counted as
 * `complaintCallbackCounting` says) after it was lodged, or after its last callback. The same
 * instant `complaintsDue` reports.
 *
 * @example
 * ```ts
 * callbackDueAt(state, context)?.toISOString(); // "2026-11-22T04:00:00.000Z"
 * ```
 */
export function callbackDueAt(
  state: ComplaintState,
  context: Pick<DecideContext, "calendar" | "policy">,
): Date | undefined {
  if (!isUnresolved(state)) return undefined;
  if (state.channel !== "phone" && state.channel !== "hotline") return undefined;
  const from = new Date(state.callbacks.at(-1) ?? state.lodgedAt);
  return context.calendar.due(from, {
    ms: context.policy.callbackWithin,
    counting: context.policy.complaintCallbackCounting,
  });
}

/**
 * C9: raises a callback that has fallen due, once per due instant: the event names who owes it
 * (the case's complaint handler, else its supervisor, else the duty manager on shift), and the
 * complaint's notification mapping tells them through the outbox. Before the callback is due,
 * or on a case that owes none, it is a RuleViolation; raised already for this due instant, it
 * appends nothing.
 *
 * @example
 * ```ts
 * raiseCallbackDue(state, context); // [{ type: "ComplaintCallbackDue", data: { … } }]
 * ```
 */
export function raiseCallbackDue(state: ComplaintState, context: DecideContext): ComplaintEvent[] {
  const dueAt = callbackDueAt(state, context);
  if (!dueAt) {
    throw new RuleViolation(
      "C9",
      `case ${state.caseId || "(not lodged)"} owes no callback: only an unresolved phone or hotline complaint does.`,
    );
  }
  if (dueAt > context.now) {
    throw new RuleViolation(
      "C9",
      `case ${state.caseId}'s next callback is due at ${dueAt.toISOString()}, not yet.`,
    );
  }
  const due = dueAt.toISOString();
  if (state.callbackDueRaised === due) return [];
  const owedBy = state.handlerId
    ? { role: "complaintHandler", staffId: state.handlerId }
    : state.supervisorId
      ? { role: "deptSupervisor", staffId: state.supervisorId }
      : { role: "dutyManager" };
  return [
    {
      type: "ComplaintCallbackDue",
      data: { caseId: state.caseId, dueAt: due, at: context.now.toISOString(), owedBy },
    },
  ];
}
