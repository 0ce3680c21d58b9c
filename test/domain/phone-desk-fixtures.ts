/**
 * Fixtures of the phone-desk specs: a call answered, an inquiry taken, a hold begun, with
 * sensible defaults (call t-1, answered by desk-1 at NOW after two rings).
 */
import { type Actor, CallAnswered, CallPutOnHold, InquiryRecorded } from "svcops";
import { SPEC_SITE } from "svcops/testing";
import { DAY, NOW, SITE } from "./fixtures.js";

/** A call-centre agent of the façade site and of the spec site. */
export const agent: Actor = { id: "agent-1", role: "callAgent", sites: [SITE, SPEC_SITE] };

/** The desk's signature at an instant (NOW by default). */
export function deskSigned(at: string = NOW) {
  return { staffId: "desk-1", role: "frontDesk", at };
}

/** Call t-1 answered by desk-1 at NOW after two rings (override any field). */
export function answered(overrides: Partial<Parameters<typeof CallAnswered>[0]> = {}) {
  return CallAnswered({
    callId: "t-1",
    by: deskSigned(),
    rings: 2,
    apologised: false,
    slaBreached: false,
    businessDay: DAY,
    ...overrides,
  });
}

/** The caller on t-1 asked about membership: name, callback number, no appointment. */
export function inquired(overrides: Partial<Parameters<typeof InquiryRecorded>[0]> = {}) {
  return InquiryRecorded({
    callId: "t-1",
    callerName: "Wang Fang",
    callbackNumber: "13900000000",
    hasAppointment: false,
    businessDay: DAY,
    by: deskSigned(),
    ...overrides,
  });
}

/** Call t-1 put on hold at an instant. */
export function onHold(at: string = NOW) {
  return CallPutOnHold({ callId: "t-1", at });
}

/** What the desk takes down on an inquiry call (the RecordInquiry data). */
export const inquiryInput = {
  callId: "t-1",
  callerName: "Wang Fang",
  callbackNumber: "13900000000",
  hasAppointment: false,
};
