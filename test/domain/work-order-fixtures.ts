/**
 * Fixtures of the WorkOrder specs: the call centre's people and the events of an order at each
 * step, with sensible defaults.
 */
import {
  type Actor,
  RepairBooked,
  RepairCallbackMade,
  RepairDone,
  WorkOrderCreated,
  WorkOrderDispatched,
} from "svcops";
import { SPEC_SITE } from "svcops/testing";
import { later, minutes, NOW } from "./fixtures.js";

const person = (id: string, role: Actor["role"]): Actor => ({ id, role, sites: [SPEC_SITE] });
export const agent = person("agent-li", "callAgent");
export const otherAgent = person("agent-ma", "callAgent");
export const handler = person("handler-wu", "complaintHandler");
export const teamLead = person("lead-zhao", "teamLead");
export const infoDesk = person("info-sun", "informationDesk");

const sign = (actor: Actor) => ({ staffId: actor.id, role: actor.role });

export const customer = {
  name: "Liu Yang",
  phone: "13800000000",
  address: "5-2-301 Garden Road",
};
/** The slot booked: 14:00–16:00 in Shanghai on the spec's day. */
export const slot = { from: "2026-11-22T06:00:00.000Z", to: "2026-11-22T08:00:00.000Z" };

export const booked = RepairBooked({
  orderId: "wo-1",
  customer,
  fault: "no signal on the set-top box since this morning",
  appointment: slot,
  bookedBy: sign(agent),
  at: NOW,
});
export const created = WorkOrderCreated({
  orderId: "wo-1",
  category: "no signal",
  createdBy: sign(agent),
  at: later(minutes(2)),
});
export const dispatched = WorkOrderDispatched({
  orderId: "wo-1",
  team: "install-team-3",
  dispatchedBy: sign(agent),
  at: later(minutes(3)),
});
export const repaired = RepairDone({
  orderId: "wo-1",
  work: "replaced the splitter in the stairwell",
  recordedBy: sign(teamLead),
  at: later(minutes(300)),
});
export const calledBack = (outcome: "confirmed" | "notFixed" | "unreachable") =>
  RepairCallbackMade({
    orderId: "wo-1",
    outcome,
    by: sign(agent),
    at: later(minutes(330)),
  });
/** An order repaired, not called back yet. */
export const repairedOrder = [booked, created, dispatched, repaired];
