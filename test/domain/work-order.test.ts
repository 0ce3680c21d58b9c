/**
 * WorkOrder: a repair from the customer's call to the completed order (docs/rules.md W1). The
 * seat agent books (約單), creates (創單) and dispatches (派單) it; a department's emergency repair
 * (搶修) is raised by the team lead, who notifies the people concerned; after the repair a seat
 * agent calls the customer back (回訪), and the order closes only once the customer confirmed the
 * repair. Steps out of order are RuleViolations W1; a role that may not take a step is
 * Unauthorized; both append nothing.
 */
import {
  AssignRepairCallback,
  BookRepair,
  CloseWorkOrder,
  CreateWorkOrder,
  createMemoryStore,
  createServiceOps,
  DispatchWorkOrder,
  EmergencyRepairNotified,
  EmergencyRepairRaised,
  manualClock,
  openWorkOrders,
  RaiseEmergencyRepair,
  RecordRepairCallback,
  RecordRepairDone,
  RepairBooked,
  RepairCallbackAssigned,
  RepairCallbackMade,
  RepairDone,
  Unauthorized,
  ValidationError,
  WorkOrderClosed,
  WorkOrderCreated,
  WorkOrderDispatched,
  workOrderAggregate,
  workOrderDecider,
  workOrderStream,
} from "svcops";
import { given, specContext } from "svcops/testing";
import { describe, expect, it } from "vitest";
import { later, minutes, NOW, SITE } from "./fixtures.js";
import {
  agent,
  booked,
  calledBack,
  created,
  customer,
  dispatched,
  handler,
  infoDesk,
  otherAgent,
  repairedOrder,
  slot,
  teamLead,
} from "./work-order-fixtures.js";

const id = { orderId: "wo-1" };
const book = (appointment = slot) =>
  BookRepair({
    ...id,
    customer,
    fault: "no signal on the set-top box since this morning",
    appointment,
  });
const raise = (
  notify: { id: string; role?: string; phone?: string }[] = [
    { id: "eng-duty", role: "deptSupervisor", phone: "13600000000" },
  ],
) =>
  RaiseEmergencyRepair({
    orderId: "em-1",
    department: "engineering",
    fault: "fibre cut, no service in building 5",
    location: "Garden Road estate, building 5",
    contact: { name: "Building 5 property office", phone: "02100000000" },
    notify,
  });

describe("WorkOrder", () => {
  it("W1 a repair is booked for a slot (約單), made into an order (創單) and dispatched (派單), each signed", () => {
    given(workOrderDecider)
      .when(book(), { actor: agent })
      .then([
        RepairBooked({
          ...id,
          customer,
          fault: "no signal on the set-top box since this morning",
          appointment: slot,
          bookedBy: { staffId: "agent-li", role: "callAgent" },
          at: NOW,
        }),
      ]);
    given(workOrderDecider, [booked])
      .when(CreateWorkOrder({ ...id, category: "no signal" }), { actor: handler })
      .then([
        WorkOrderCreated({
          ...id,
          category: "no signal",
          createdBy: { staffId: "handler-wu", role: "complaintHandler" },
          at: NOW,
        }),
      ]);
    given(workOrderDecider, [booked, created])
      .when(DispatchWorkOrder({ ...id, team: "install-team-3", technician: "tech-9" }), {
        actor: agent,
      })
      .then([
        WorkOrderDispatched({
          ...id,
          team: "install-team-3",
          technician: "tech-9",
          dispatchedBy: { staffId: "agent-li", role: "callAgent" },
          at: NOW,
        }),
      ]);
  });

  it("W1 the steps come in order: no order before the booking, no dispatch before the order, no second booking", () => {
    given(workOrderDecider)
      .when(CreateWorkOrder({ ...id, category: "no signal" }), { actor: agent })
      .thenThrows("W1");
    given(workOrderDecider, [booked])
      .when(DispatchWorkOrder({ ...id, team: "install-team-3" }), { actor: agent })
      .thenThrows("W1");
    given(workOrderDecider, [booked]).when(book(), { actor: agent }).thenThrows("W1");
    given(workOrderDecider, [booked, created, dispatched])
      .when(DispatchWorkOrder({ ...id, team: "install-team-3" }), { actor: agent })
      .thenThrows("W1");
  });

  it("W1 an order is moved to another team before the repair, not after", () => {
    given(workOrderDecider, [booked, created, dispatched])
      .when(DispatchWorkOrder({ ...id, team: "install-team-5" }), { actor: teamLead })
      .thenState((state) => {
        expect(state.status).toBe("dispatched");
        expect(state.status !== "none" && state.dispatch?.team).toBe("install-team-5");
      });
    given(workOrderDecider, repairedOrder)
      .when(DispatchWorkOrder({ ...id, team: "install-team-5" }), { actor: teamLead })
      .thenThrows("W1");
  });

  it("W1 refuses a booking whose slot is already past; a slot that ends before it starts is a ValidationError naming the field", () => {
    given(workOrderDecider)
      .when(book({ from: later(-minutes(120)), to: later(-minutes(60)) }), { actor: agent })
      .thenThrows("W1");
    expect(() => book({ from: slot.to, to: slot.from })).toThrowError(ValidationError);
    try {
      book({ from: slot.to, to: slot.from });
    } catch (error) {
      expect((error as ValidationError).issues[0]?.path).toBe("data.appointment.to");
    }
  });

  it("W1 an emergency repair is raised by the team lead and notifies the people concerned, in one event naming them and the message", () => {
    given(workOrderDecider)
      .when(
        raise([{ id: "eng-duty", role: "deptSupervisor", phone: "13600000000" }, { id: "cs-1" }]),
        {
          actor: teamLead,
        },
      )
      .then([
        EmergencyRepairRaised({
          orderId: "em-1",
          department: "engineering",
          fault: "fibre cut, no service in building 5",
          location: "Garden Road estate, building 5",
          contact: { name: "Building 5 property office", phone: "02100000000" },
          raisedBy: { staffId: "lead-zhao", role: "teamLead" },
          at: NOW,
        }),
        EmergencyRepairNotified({
          orderId: "em-1",
          channel: "sms",
          recipients: [
            { id: "eng-duty", role: "deptSupervisor", phone: "13600000000" },
            { id: "cs-1" },
          ],
          message:
            "Emergency repair em-1 at Garden Road estate, building 5: fibre cut, no service in building 5 (engineering repairing).",
          notifiedBy: { staffId: "lead-zhao", role: "teamLead" },
          at: NOW,
        }),
      ]);
  });

  it("W1 refuses an emergency repair that notifies nobody; naming someone twice is a ValidationError", () => {
    given(workOrderDecider).when(raise([]), { actor: teamLead }).thenThrows("W1");
    expect(() => raise([{ id: "cs-1" }, { id: "cs-1" }])).toThrowError(ValidationError);
  });

  it("W1 the emergency repair is with the department that raised it, and follows the same path to the callback", () => {
    const raisedAndNotified = workOrderDecider.decide(
      raise(),
      workOrderDecider.initialState,
      specContext({ actor: teamLead }),
    );
    given(workOrderDecider, raisedAndNotified)
      .when(RecordRepairDone({ orderId: "em-1", work: "fibre spliced" }), { actor: infoDesk })
      .thenState((state) => {
        expect(state.status).toBe("repaired");
        if (state.status === "none") return;
        expect(state.kind).toBe("emergency");
        expect(state.dispatch?.team).toBe("engineering");
        expect(state.notified?.recipients.map((r) => r.id)).toEqual(["eng-duty"]);
      });
  });

  it("W1 refuses a callback before the repair is done", () => {
    given(workOrderDecider, [booked, created, dispatched])
      .when(RecordRepairCallback({ ...id, outcome: "confirmed" }), { actor: agent })
      .thenThrows("W1");
  });

  it("W1 refuses to close an order nobody has called back after the repair", () => {
    given(workOrderDecider, repairedOrder)
      .when(CloseWorkOrder(id), { actor: teamLead })
      .thenThrows("W1");
    expect(() =>
      workOrderDecider.decide(
        CloseWorkOrder(id),
        repairedOrder.reduce(workOrderDecider.evolve, workOrderDecider.initialState),
        specContext({ actor: teamLead }),
      ),
    ).toThrowError(
      "W1: work order wo-1 closes only after a callback in which the customer confirms the repair; the repair is done but nobody has called the customer back.",
    );
  });

  it("W1 refuses to close an order whose callbacks reached nobody, and one not repaired yet", () => {
    given(workOrderDecider, [...repairedOrder, calledBack("unreachable")])
      .when(CloseWorkOrder(id), { actor: teamLead })
      .thenThrows("W1");
    given(workOrderDecider, [booked, created, dispatched])
      .when(CloseWorkOrder(id), { actor: teamLead })
      .thenThrows("W1");
  });

  it("W1 closes the order once a callback confirmed the repair, and nothing happens on it after", () => {
    const confirmed = calledBack("confirmed");
    given(workOrderDecider, [...repairedOrder, calledBack("unreachable"), confirmed])
      .when(CloseWorkOrder(id), { actor: teamLead })
      .then([
        WorkOrderClosed({
          ...id,
          confirmedAt: confirmed.data.at,
          closedBy: { staffId: "lead-zhao", role: "teamLead" },
          at: NOW,
        }),
      ]);
    const closed = WorkOrderClosed({
      ...id,
      confirmedAt: confirmed.data.at,
      closedBy: { staffId: "lead-zhao", role: "teamLead" },
      at: NOW,
    });
    given(workOrderDecider, [...repairedOrder, confirmed, closed])
      .when(RecordRepairCallback({ ...id, outcome: "confirmed" }), { actor: agent })
      .thenThrows("W1");
    given(workOrderDecider, [...repairedOrder, confirmed, closed])
      .when(CloseWorkOrder(id), { actor: teamLead })
      .thenThrows("W1");
  });

  it("W1 a callback that finds the fault still there sends the order back to its team, to be repaired and called back again", () => {
    const history = [...repairedOrder, calledBack("notFixed")];
    given(workOrderDecider, history).when(CloseWorkOrder(id), { actor: teamLead }).thenThrows("W1");
    given(workOrderDecider, history)
      .when(RecordRepairCallback({ ...id, outcome: "confirmed" }), { actor: agent })
      .thenThrows("W1");
    given(workOrderDecider, history)
      .when(RecordRepairDone({ ...id, work: "replaced the set-top box" }), { actor: teamLead })
      .then([
        RepairDone({
          ...id,
          work: "replaced the set-top box",
          recordedBy: { staffId: "lead-zhao", role: "teamLead" },
          at: NOW,
        }),
      ]);
  });

  it("W1 once the team lead gives the callback to a seat agent, only that agent records it", () => {
    const assigned = RepairCallbackAssigned({
      ...id,
      agentId: "agent-ma",
      assignedBy: { staffId: "lead-zhao", role: "teamLead" },
      at: NOW,
    });
    given(workOrderDecider, repairedOrder)
      .when(AssignRepairCallback({ ...id, agentId: "agent-ma" }), { actor: teamLead })
      .then([assigned]);
    given(workOrderDecider, [...repairedOrder, assigned])
      .when(RecordRepairCallback({ ...id, outcome: "confirmed" }), { actor: agent })
      .thenThrows("W1");
    given(workOrderDecider, [...repairedOrder, assigned])
      .when(RecordRepairCallback({ ...id, outcome: "confirmed", note: "picture is fine" }), {
        actor: otherAgent,
      })
      .then([
        RepairCallbackMade({
          ...id,
          outcome: "confirmed",
          note: "picture is fine",
          by: { staffId: "agent-ma", role: "callAgent" },
          at: NOW,
        }),
      ]);
  });

  describe("through the façade", () => {
    const actor = (a: typeof agent) => ({ ...a, sites: [SITE] });
    const start = () => {
      const store = createMemoryStore();
      const clock = manualClock(NOW);
      const ops = createServiceOps({ site: { id: SITE }, store, clock });
      return { store, clock, ops };
    };

    it("W1 roles: a seat agent may not raise an emergency repair or close an order, a team lead may not call back, the information desk may not book; nothing is appended", async () => {
      const { store, ops } = start();
      await expect(ops.execute(raise(), { actor: actor(agent) })).rejects.toMatchObject({
        code: "unauthorized",
        rule: "W1",
      });
      await expect(ops.execute(book(), { actor: actor(infoDesk) })).rejects.toBeInstanceOf(
        Unauthorized,
      );
      expect(store.size).toBe(0);
      await ops.execute(book(), { actor: actor(agent) });
      await expect(ops.execute(CloseWorkOrder(id), { actor: actor(agent) })).rejects.toMatchObject({
        code: "unauthorized",
        rule: "W1",
      });
      await expect(
        ops.execute(RecordRepairCallback({ ...id, outcome: "confirmed" }), {
          actor: actor(teamLead),
        }),
      ).rejects.toMatchObject({ code: "unauthorized", rule: "W1" });
      expect(store.size).toBe(1);
    });

    it("W1 an emergency repair notifies its people through the outbox, in the same append, with no phone number", async () => {
      const { store, ops } = start();
      const result = await ops.execute(
        raise([
          { id: "eng-duty", role: "deptSupervisor", phone: "13600000000" },
          { id: "wang-gong", role: "fibre crew", phone: "13700000000" },
        ]),
        { actor: actor(teamLead) },
      );
      const notified = result.events.find((e) => e.type === "EmergencyRepairNotified");
      const outbox = await store.outbox.list({ siteId: SITE });
      expect(outbox.map((n) => [n.type, n.rule, n.to, n.eventId])).toEqual([
        [
          "EmergencyRepairNotified",
          "W1",
          { role: "deptSupervisor", staffId: "eng-duty" },
          notified?.eventId,
        ],
        ["EmergencyRepairNotified", "W1", { staffId: "wang-gong" }, notified?.eventId],
      ]);
      expect(JSON.stringify(outbox)).not.toContain("136");
      expect(outbox[0]?.data).toMatchObject({ orderId: "em-1", channel: "sms" });
      // The other steps notify nobody.
      await ops.execute(book(), { actor: actor(agent) });
      expect(await store.outbox.list({ siteId: SITE })).toHaveLength(2);
    });

    it("W1 the emergency repair and its notification land in one append, on the order's stream", async () => {
      const { ops } = start();
      const result = await ops.execute(raise(), { actor: actor(teamLead) });
      expect(result.events.map((e) => [e.type, e.streamId])).toEqual([
        ["EmergencyRepairRaised", workOrderStream(SITE, "em-1")],
        ["EmergencyRepairNotified", workOrderStream(SITE, "em-1")],
      ]);
      const notified = result.events[1];
      expect(notified?.data).toMatchObject({
        channel: "sms",
        recipients: [{ id: "eng-duty", role: "deptSupervisor", phone: "13600000000" }],
      });
    });

    it("W1 an order from booking to close, with openWorkOrders telling what each waits for", async () => {
      const { ops, clock } = start();
      const next = async () => (await ops.read(openWorkOrders)).get("wo-1")?.next;
      await ops.execute(book(), { actor: actor(agent) });
      expect(await next()).toBe("create");
      await ops.execute(CreateWorkOrder({ ...id, category: "no signal" }), { actor: actor(agent) });
      await ops.execute(DispatchWorkOrder({ ...id, team: "install-team-3" }), {
        actor: actor(agent),
      });
      expect(await next()).toBe("repair");
      clock.set(later(minutes(300)));
      await ops.execute(RecordRepairDone({ ...id, work: "replaced the splitter" }), {
        actor: actor(teamLead),
      });
      expect(await next()).toBe("callback");
      await expect(
        ops.execute(CloseWorkOrder(id), { actor: actor(teamLead) }),
      ).rejects.toMatchObject({ rule: "W1" });
      await ops.execute(AssignRepairCallback({ ...id, agentId: "agent-li" }), {
        actor: actor(teamLead),
      });
      await ops.execute(RecordRepairCallback({ ...id, outcome: "confirmed" }), {
        actor: actor(agent),
      });
      expect(await next()).toBe("close");
      await ops.execute(CloseWorkOrder(id), { actor: actor(teamLead) });
      expect((await ops.read(openWorkOrders)).has("wo-1")).toBe(false);
      const { state } = await ops.state(workOrderAggregate, workOrderStream(SITE, "wo-1"));
      expect(state.status).toBe("closed");
    });
  });
});
