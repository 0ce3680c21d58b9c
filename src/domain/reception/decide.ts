import type { DecideContext } from "../../kernel/decider.js";
import { RuleViolation } from "../../kernel/errors.js";
import type { RuleId } from "../../kernel/rule-ids.js";
import type {
  ConsultantReturns,
  ConsultantStepsOut,
  HandOffVisitor,
  PageConsultant,
  QuoteMembershipPrice,
  ReassignOverdueVisitor,
  ReceiveVisitor,
  ReceptionCommand,
  RegisterVisitor,
  RequestMembershipPrice,
  SignInConsultant,
} from "./commands.js";
import type { HandOffReason, ReceptionEvent } from "./events.js";
import { isAvailable, nextInRotation } from "./rotation.js";
import { routePhoneInquiry } from "./route-phone-inquiry.js";
import { sellMembershipCard } from "./sell-membership-card.js";
import type { ReceptionState, VisitorState } from "./state.js";

/**
 * Decides a reception command (V8–V14).
 *
 * @example
 * ```ts
 * decideReception(HandOffVisitor({ visitorId: "g-1" }), state, ctx); // [VisitorHandedOff]
 * ```
 */
export function decideReception(
  command: ReceptionCommand,
  state: ReceptionState,
  context: DecideContext,
): ReceptionEvent[] {
  switch (command.type) {
    case "SignInConsultant":
      return signIn(command, state, context);
    case "ConsultantStepsOut":
      return stepOut(command, state);
    case "ConsultantReturns":
      return comeBack(command, state);
    case "RegisterVisitor":
      return register(command, state, context);
    case "HandOffVisitor":
      return handOff(command, state, context);
    case "ReassignOverdueVisitor":
      return reassignOverdue(command, state, context);
    case "PageConsultant":
      return page(command, state, context);
    case "ReceiveVisitor":
      return receive(command, state, context);
    case "RequestMembershipPrice":
      return routePriceRequest(command, state);
    case "QuoteMembershipPrice":
      return quote(command, state, context);
    case "RoutePhoneInquiry":
      return routePhoneInquiry(command, state);
    case "SellMembershipCard":
      return sellMembershipCard(command, state, context);
    default: {
      const unknown: never = command;
      throw new Error(`Unknown reception command ${JSON.stringify(unknown)}`);
    }
  }
}

function signIn(
  command: SignInConsultant,
  state: ReceptionState,
  context: DecideContext,
): ReceptionEvent[] {
  const { consultantId } = command.data;
  if (state.rotation.includes(consultantId)) {
    throw new RuleViolation("V9", `consultant ${consultantId} has already signed in today.`);
  }
  return [
    {
      type: "ConsultantSignedIn",
      data: { consultantId, businessDay: context.calendar.businessDayOf(context.now) },
    },
  ];
}

function stepOut(command: ConsultantStepsOut, state: ReceptionState): ReceptionEvent[] {
  const { consultantId, reason } = command.data;
  if (!state.rotation.includes(consultantId)) {
    throw new RuleViolation("V13", `consultant ${consultantId} has not signed in today.`);
  }
  if (state.away.has(consultantId))
    throw new RuleViolation("V13", `consultant ${consultantId} is already away.`);
  return [{ type: "ConsultantSteppedOut", data: { consultantId, reason } }];
}

function comeBack(command: ConsultantReturns, state: ReceptionState): ReceptionEvent[] {
  const { consultantId } = command.data;
  if (!state.away.has(consultantId))
    throw new RuleViolation("V13", `consultant ${consultantId} is not away.`);
  return [{ type: "ConsultantReturned", data: { consultantId } }];
}

function register(
  command: RegisterVisitor,
  state: ReceptionState,
  context: DecideContext,
): ReceptionEvent[] {
  const { visitorId, namedConsultantId, appointmentConsultantId, ...rest } = command.data;
  if (state.visitors.has(visitorId))
    throw new RuleViolation("V8", `visitor ${visitorId} is already registered today.`);
  return [
    {
      type: "VisitorRegistered",
      data: {
        visitorId,
        ...rest,
        ...(namedConsultantId ? { namedConsultantId } : {}),
        ...(appointmentConsultantId ? { appointmentConsultantId } : {}),
        businessDay: context.calendar.businessDayOf(context.now),
        deskSignature: { staffId: context.actor.id, role: context.actor.role },
      },
    },
  ];
}

/** V8: a visitor registers before being received; every later step needs the registration. */
function visitor(state: ReceptionState, visitorId: string): VisitorState {
  const found = state.visitors.get(visitorId);
  if (!found)
    throw new RuleViolation("V8", `visitor ${visitorId} has not registered today; register first.`);
  return found;
}

/**
 * V9: appointment (returning) → the appointed consultant if signed in today, even when away (an
 * appointment is kept: the desk pages them, V11, and V10 moves the visitor on if they do not
 * come); named (first visit) → the named consultant if signed in and in the centre; otherwise
 * the next in today's rotation, skipping consultants who are away (V13).
 */
function choose(
  state: ReceptionState,
  guest: VisitorState,
): { consultantId: string; reason: HandOffReason } | undefined {
  if (
    !guest.firstVisit &&
    guest.appointmentConsultantId &&
    state.rotation.includes(guest.appointmentConsultantId)
  ) {
    return { consultantId: guest.appointmentConsultantId, reason: "appointment" };
  }
  if (guest.firstVisit && guest.namedConsultantId && isAvailable(state, guest.namedConsultantId)) {
    return { consultantId: guest.namedConsultantId, reason: "named" };
  }
  const next = nextInRotation(state, guest.tried);
  return next === undefined ? undefined : { consultantId: next, reason: "rotation" };
}

function handedOff(
  guest: VisitorState,
  to: { consultantId: string; reason: HandOffReason },
  context: DecideContext,
): ReceptionEvent {
  const arrivalDue = context.calendar.due(context.now, {
    ms: context.policy.consultantArrivalLimit,
    counting: "elapsed",
  });
  return {
    type: "VisitorHandedOff",
    data: {
      visitorId: guest.visitorId,
      consultantId: to.consultantId,
      reason: to.reason,
      ...(guest.consultantId ? { fromConsultantId: guest.consultantId } : {}),
      arrivalDue: arrivalDue.toISOString(),
      deskSignature: { staffId: context.actor.id, role: context.actor.role },
    },
  };
}

function noneAvailable(rule: RuleId, guest: VisitorState): never {
  throw new RuleViolation(
    rule,
    `no consultant in today's rotation is available for visitor ${guest.visitorId} (all away, tried or not signed in).`,
  );
}

function handOff(
  command: HandOffVisitor,
  state: ReceptionState,
  context: DecideContext,
): ReceptionEvent[] {
  const guest = visitor(state, command.data.visitorId);
  if (guest.status !== "registered") {
    throw new RuleViolation(
      "V9",
      `visitor ${guest.visitorId} is already with consultant ${guest.consultantId}.`,
    );
  }
  const to = choose(state, guest) ?? noneAvailable("V9", guest);
  return [handedOff(guest, to, context)];
}

function reassignOverdue(
  command: ReassignOverdueVisitor,
  state: ReceptionState,
  context: DecideContext,
): ReceptionEvent[] {
  const guest = visitor(state, command.data.visitorId);
  if (guest.status !== "handedOff" || !guest.arrivalDue) {
    throw new RuleViolation("V10", `visitor ${guest.visitorId} is not waiting for a consultant.`);
  }
  if (context.now.getTime() <= Date.parse(guest.arrivalDue)) {
    throw new RuleViolation(
      "V10",
      `consultant ${guest.consultantId} still has until ${guest.arrivalDue} to arrive for visitor ${guest.visitorId}.`,
    );
  }
  const next = nextInRotation(state, guest.tried) ?? noneAvailable("V10", guest);
  return [handedOff(guest, { consultantId: next, reason: "arrivalTimeout" }, context)];
}

function page(
  command: PageConsultant,
  state: ReceptionState,
  context: DecideContext,
): ReceptionEvent[] {
  const guest = visitor(state, command.data.visitorId);
  if (guest.status !== "handedOff" || !guest.consultantId) {
    throw new RuleViolation("V11", `visitor ${guest.visitorId} is not waiting for a consultant.`);
  }
  if (guest.pages < context.policy.maxPagesPerConsultant) {
    return [
      {
        type: "ConsultantPaged",
        data: {
          visitorId: guest.visitorId,
          consultantId: guest.consultantId,
          page: guest.pages + 1,
        },
      },
    ];
  }
  const next = nextInRotation(state, guest.tried) ?? noneAvailable("V11", guest);
  return [handedOff(guest, { consultantId: next, reason: "pagesExhausted" }, context)];
}

function receive(
  command: ReceiveVisitor,
  state: ReceptionState,
  context: DecideContext,
): ReceptionEvent[] {
  const guest = visitor(state, command.data.visitorId);
  if (guest.status === "received") {
    throw new RuleViolation(
      "V12",
      `visitor ${guest.visitorId} was already received by ${guest.consultantId}.`,
    );
  }
  if (guest.status !== "handedOff" || !guest.consultantId || !guest.arrivalDue) {
    throw new RuleViolation(
      "V12",
      `visitor ${guest.visitorId} has not been handed off; the desk signs first.`,
    );
  }
  if (context.actor.id !== guest.consultantId) {
    throw new RuleViolation(
      "V12",
      `visitor ${guest.visitorId} was handed to ${guest.consultantId}; ${context.actor.id} cannot sign for them.`,
    );
  }
  if (context.now.getTime() > Date.parse(guest.arrivalDue)) {
    throw new RuleViolation(
      "V10",
      `the arrival limit for visitor ${guest.visitorId} passed at ${guest.arrivalDue}; the visitor goes to the next consultant.`,
    );
  }
  return [
    {
      type: "VisitorReceived",
      data: {
        visitorId: guest.visitorId,
        consultantId: guest.consultantId,
        deskSignature: guest.deskSignature,
        consultantSignature: { staffId: context.actor.id, role: context.actor.role },
      },
    },
  ];
}

function routePriceRequest(
  command: RequestMembershipPrice,
  state: ReceptionState,
): ReceptionEvent[] {
  const guest = visitor(state, command.data.visitorId);
  const consultantId = guest.consultantId ?? nextInRotation(state, guest.tried);
  if (consultantId === undefined) noneAvailable("V14", guest);
  return [{ type: "PriceRequestRouted", data: { visitorId: guest.visitorId, consultantId } }];
}

function quote(
  command: QuoteMembershipPrice,
  state: ReceptionState,
  context: DecideContext,
): ReceptionEvent[] {
  const guest = visitor(state, command.data.visitorId);
  const actor = context.actor.id;
  const routedHere = guest.priceConsultantId === actor;
  const received = guest.status === "received" && guest.consultantId === actor;
  if (!routedHere && !received) {
    throw new RuleViolation(
      "V14",
      guest.consultantId === actor
        ? `consultant ${actor} quotes visitor ${guest.visitorId} after signing for them (V12), or when the price request is routed to them.`
        : `prices for visitor ${guest.visitorId} are quoted by ${guest.priceConsultantId ?? guest.consultantId ?? "the consultant a price request is routed to"}, not by ${actor}.`,
    );
  }
  const { plan, price } = command.data;
  return [
    {
      type: "MembershipPriceQuoted",
      data: { visitorId: guest.visitorId, consultantId: context.actor.id, plan, price },
    },
  ];
}
