import type { DecideContext } from "../../kernel/decider.js";
import { RuleViolation } from "../../kernel/errors.js";
import { actorSignature } from "../shared/signature.js";
import type {
  AnswerCall,
  EndCall,
  HoldCall,
  PhoneDeskCommand,
  PromiseCallback,
  PutInquiryThrough,
  RecordCallbackMade,
  RecordInquiry,
  ResumeCall,
} from "./commands.js";
import type { CallbackReason, PhoneDeskEvent } from "./events.js";
import type { PhoneCallState } from "./state.js";

type Answered = Exclude<PhoneCallState, { status: "none" }>;

/**
 * Decides a phone-desk command (P1–P3). Durations are measured from the clock (`context.now`)
 * against the instants earlier events recorded.
 *
 * @example
 * ```ts
 * decidePhoneDesk(AnswerCall({ callId: "t-1", rings: 2 }), initialPhoneCallState, ctx); // [CallAnswered]
 * ```
 */
export function decidePhoneDesk(
  command: PhoneDeskCommand,
  state: PhoneCallState,
  context: DecideContext,
): PhoneDeskEvent[] {
  switch (command.type) {
    case "AnswerCall":
      return answer(command, state, context);
    case "RecordInquiry":
      return inquiry(command, state, context);
    case "PutInquiryThrough":
      return putThrough(command, state);
    case "PromiseCallback":
      return promiseForInquiry(command, state, context);
    case "HoldCall":
      return hold(command, state, context);
    case "ResumeCall":
      return resume(command, state, context);
    case "EndCall":
      return end(command, state, context);
    case "RecordCallbackMade":
      return callbackMade(command, state, context);
    default: {
      const unknown: never = command;
      throw new Error(`Unknown phone-desk command ${JSON.stringify(unknown)}`);
    }
  }
}

const signed = actorSignature;
const today = (context: DecideContext) => context.calendar.businessDayOf(context.now);
const since = (instant: string, context: DecideContext) =>
  Math.max(0, context.now.getTime() - Date.parse(instant));
const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

function answer(command: AnswerCall, state: PhoneCallState, context: DecideContext) {
  const { callId, rings, apologised } = command.data;
  if (state.status !== "none") {
    throw new RuleViolation(
      "P1",
      `call ${callId} was already answered by ${state.answeredBy.staffId}.`,
    );
  }
  const limit = context.policy.answerWithinRings;
  if (rings > limit && !apologised) {
    throw new RuleViolation(
      "P1",
      `call ${callId} rang ${rings} times, past ${limit}: answer it with an apology (apologised: true).`,
    );
  }
  return [
    {
      type: "CallAnswered" as const,
      data: {
        callId,
        by: signed(context),
        rings,
        apologised,
        slaBreached: rings > limit,
        businessDay: today(context),
      },
    },
  ];
}

function live(state: PhoneCallState, callId: string, rule: "P1" | "P2" | "P3"): Answered {
  if (state.status === "none") {
    throw new RuleViolation(rule, `call ${callId} has not been answered.`);
  }
  if (state.status === "ended") throw new RuleViolation(rule, `call ${callId} has ended.`);
  return state;
}

function inquiry(command: RecordInquiry, state: PhoneCallState, context: DecideContext) {
  const { callId, appointmentConsultantId, ...rest } = command.data;
  const call = live(state, callId, "P2");
  if (call.inquiry) {
    throw new RuleViolation(
      "P2",
      `call ${callId} already has an inquiry from ${call.inquiry.callerName}.`,
    );
  }
  return [
    {
      type: "InquiryRecorded" as const,
      data: {
        callId,
        ...rest,
        ...(appointmentConsultantId ? { appointmentConsultantId } : {}),
        businessDay: today(context),
        by: signed(context),
      },
    },
  ];
}

function putThrough(command: PutInquiryThrough, state: PhoneCallState) {
  const { callId } = command.data;
  const call = live(state, callId, "P2");
  if (!call.inquiry || call.inquiry.consultantId !== undefined || call.callback) {
    throw new RuleViolation("P2", `call ${callId} has no inquiry waiting for a consultant.`);
  }
  return [{ type: "InquiryPutThrough" as const, data: command.data }];
}

function promised(
  call: Answered,
  number: string,
  reason: CallbackReason,
  context: DecideContext,
): PhoneDeskEvent {
  return {
    type: "CallbackPromised",
    data: {
      callId: call.callId,
      ...(call.inquiry ? { callerName: call.inquiry.callerName } : {}),
      callbackNumber: number,
      reason,
      businessDay: today(context),
      at: context.now.toISOString(),
    },
  };
}

function promiseForInquiry(
  command: PromiseCallback,
  state: PhoneCallState,
  context: DecideContext,
) {
  const { callId } = command.data;
  const call = live(state, callId, "P2");
  if (!call.inquiry || call.inquiry.consultantId !== undefined || call.callback) {
    throw new RuleViolation("P2", `call ${callId} has no inquiry waiting for a consultant.`);
  }
  return [promised(call, call.inquiry.callbackNumber, "noConsultantFree", context)];
}

function hold(command: HoldCall, state: PhoneCallState, context: DecideContext) {
  const call = live(state, command.data.callId, "P3");
  if (call.status === "onHold") {
    throw new RuleViolation("P3", `call ${call.callId} is already on hold.`);
  }
  return [
    {
      type: "CallPutOnHold" as const,
      data: { callId: call.callId, at: context.now.toISOString() },
    },
  ];
}

function heldTooLong(call: Answered, context: DecideContext): number | undefined {
  if (call.status !== "onHold" || call.holdSince === undefined) return undefined;
  const held = since(call.holdSince, context);
  return held > context.policy.holdLimit ? held : undefined;
}

function resume(command: ResumeCall, state: PhoneCallState, context: DecideContext) {
  const { callId, callerConsented } = command.data;
  const call = live(state, callId, "P3");
  if (call.status !== "onHold" || call.holdSince === undefined) {
    throw new RuleViolation("P3", `call ${callId} is not on hold.`);
  }
  const heldMs = since(call.holdSince, context);
  const over = heldMs > context.policy.holdLimit;
  if (over && !callerConsented) {
    throw new RuleViolation(
      "P3",
      `call ${callId} was held ${seconds(heldMs)}, past the ${seconds(context.policy.holdLimit)} hold limit: record the caller's consent (callerConsented: true) or end the call with a callback promised.`,
    );
  }
  return [
    {
      type: "CallResumed" as const,
      data: { callId, heldMs, overHoldLimit: over, callerConsented, businessDay: today(context) },
    },
  ];
}

function end(command: EndCall, state: PhoneCallState, context: DecideContext) {
  const { callId, promiseCallback, callbackNumber } = command.data;
  const call = live(state, callId, "P3");
  const overHold = heldTooLong(call, context);
  if (overHold !== undefined && !promiseCallback) {
    throw new RuleViolation(
      "P3",
      `call ${callId} has been on hold ${seconds(overHold)}, past the ${seconds(context.policy.holdLimit)} hold limit: resume it with the caller's consent, or end it with a callback promised.`,
    );
  }
  const events: PhoneDeskEvent[] = [];
  if (promiseCallback) {
    if (call.callback && !call.callback.madeBy) {
      throw new RuleViolation("P2", `call ${callId} already has a callback promised.`);
    }
    const number = callbackNumber ?? call.inquiry?.callbackNumber;
    if (number === undefined) {
      throw new RuleViolation(
        "P3",
        `a callback for call ${callId} needs the caller's number: give callbackNumber or record the inquiry first.`,
      );
    }
    events.push(promised(call, number, "deskCallsBack", context));
  }
  const durationMs = since(call.answeredAt, context);
  const targetMs = context.policy.callTargetDuration;
  events.push({
    type: "CallEnded",
    data: {
      callId,
      durationMs,
      targetMs,
      overTarget: durationMs > targetMs,
      businessDay: today(context),
      at: context.now.toISOString(),
    },
  });
  return events;
}

function callbackMade(command: RecordCallbackMade, state: PhoneCallState, context: DecideContext) {
  const { callId } = command.data;
  if (state.status === "none" || !state.callback) {
    throw new RuleViolation("P2", `no callback was promised on call ${callId}.`);
  }
  if (state.callback.madeBy) {
    throw new RuleViolation(
      "P2",
      `the callback on call ${callId} was already made by ${state.callback.madeBy.staffId}.`,
    );
  }
  return [
    {
      type: "CallbackMade" as const,
      data: {
        callId,
        by: signed(context),
        waitedMs: since(state.callback.promisedAt, context),
        businessDay: today(context),
      },
    },
  ];
}
