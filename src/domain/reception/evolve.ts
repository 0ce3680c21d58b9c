import type { ReceptionEvent } from "./events.js";
import { passRotation } from "./rotation.js";
import type { ReceptionState, VisitorState } from "./state.js";

/**
 * Folds one reception event into today's reception.
 *
 * @example
 * ```ts
 * evolveReception(initialReceptionState, ConsultantSignedIn({ consultantId: "c-1", businessDay: "2026-11-22" }));
 * ```
 */
export function evolveReception(state: ReceptionState, event: ReceptionEvent): ReceptionState {
  switch (event.type) {
    case "ConsultantSignedIn":
      return { ...state, rotation: [...state.rotation, event.data.consultantId] };
    case "ConsultantSteppedOut": {
      const away = new Map(state.away);
      away.set(event.data.consultantId, event.data.reason);
      return { ...state, away };
    }
    case "ConsultantReturned": {
      const away = new Map(state.away);
      away.delete(event.data.consultantId);
      return { ...state, away };
    }
    case "VisitorRegistered": {
      const d = event.data;
      return withVisitor(state, {
        visitorId: d.visitorId,
        name: d.name,
        gender: d.gender,
        firstVisit: d.firstVisit,
        namedConsultantId: d.namedConsultantId,
        appointmentConsultantId: d.appointmentConsultantId,
        deskSignature: d.deskSignature,
        status: "registered",
        consultantId: undefined,
        reason: undefined,
        arrivalDue: undefined,
        pages: 0,
        priceConsultantId: undefined,
        tried: [],
      });
    }
    case "VisitorHandedOff": {
      const d = event.data;
      const guest = state.visitors.get(d.visitorId);
      if (!guest) return state;
      const next = withVisitor(state, {
        ...guest,
        status: "handedOff",
        consultantId: d.consultantId,
        reason: d.reason,
        arrivalDue: d.arrivalDue,
        deskSignature: d.deskSignature,
        pages: 0,
        tried: [...guest.tried, d.consultantId],
      });
      if (d.reason === "named" || d.reason === "appointment") return next;
      return passRotation(next, d.consultantId);
    }
    case "ConsultantPaged":
      return patchVisitor(state, event.data.visitorId, (g) => ({ ...g, pages: event.data.page }));
    case "VisitorReceived":
      return patchVisitor(state, event.data.visitorId, (g) => ({ ...g, status: "received" }));
    case "PriceRequestRouted":
      return patchVisitor(state, event.data.visitorId, (g) => ({
        ...g,
        priceConsultantId: event.data.consultantId,
      }));
    case "PhoneInquiryRouted":
      return event.data.reason === "rotation"
        ? passRotation(state, event.data.consultantId)
        : state;
    case "PhoneInquiryUnrouted":
    case "MembershipPriceQuoted":
    case "MembershipCardSold":
      return state;
    default: {
      const unknown: never = event;
      throw new Error(`Unknown reception event ${JSON.stringify(unknown)}`);
    }
  }
}

function withVisitor(state: ReceptionState, guest: VisitorState): ReceptionState {
  const visitors = new Map(state.visitors);
  visitors.set(guest.visitorId, guest);
  return { ...state, visitors };
}

function patchVisitor(
  state: ReceptionState,
  visitorId: string,
  patch: (guest: VisitorState) => VisitorState,
): ReceptionState {
  const guest = state.visitors.get(visitorId);
  return guest ? withVisitor(state, patch(guest)) : state;
}
