/**
 * The personal-data marks in the event schemas, and the codec that encrypts the marked fields
 * (see docs/personal-data.md).
 */
import {
  createMemoryKeyStore,
  defaultAggregates,
  defineEvent,
  ERASED_NUMBER,
  ERASED_TEXT,
  type EventEnvelope,
  type EventMetadata,
  IncidentReported,
  looksPersonal,
  type NewEvent,
  PersonalDataCodec,
  personal,
  personalData,
  personalFieldsOf,
  unmarkedPersonalFields,
  VisitorRegistered,
} from "svcops";
import { describe, expect, it } from "vitest";
import { z } from "zod";

const shippedEvents = defaultAggregates.flatMap((aggregate) => aggregate.events);

describe("personal-data marks", () => {
  it("every field of a shipped event named like personal data is marked personal", () => {
    expect(unmarkedPersonalFields(shippedEvents)).toEqual([]);
  });

  it("the check names each field of a new event that is named like personal data and unmarked", () => {
    const GuestNoted = defineEvent(
      "GuestNoted",
      z.object({
        guestId: z.string(),
        guestName: z.string(),
        mobile: z.string().optional(),
        companions: z.array(z.object({ name: z.string(), idNumber: z.string() })),
        cardNumber: z.string(),
        page: z.number(),
      }),
    );
    expect(unmarkedPersonalFields([GuestNoted])).toEqual([
      "GuestNoted.guestName",
      "GuestNoted.mobile",
      "GuestNoted.companions.[].name",
      "GuestNoted.companions.[].idNumber",
    ]);
    expect(looksPersonal("customerPhone")).toBe(true);
    expect(looksPersonal("passportNo")).toBe(true);
    expect(looksPersonal("usage")).toBe(false);
  });

  it("a mark says whose the data is, and survives refinements and wrappers", () => {
    expect(personalFieldsOf(VisitorRegistered.schema)).toEqual([
      {
        path: ["name"],
        type: "string",
        field: { subject: [{ kind: "visitor", path: "visitorId" }] },
      },
      {
        path: ["phone"],
        type: "string",
        field: { subject: [{ kind: "visitor", path: "visitorId" }] },
      },
    ]);
    expect(personalFieldsOf(IncidentReported.schema).map((f) => f.path.join("."))).toEqual([
      "member.name",
      "member.age",
      "whatHappened",
    ]);
    const shared = z.string();
    const marked = personal(shared, { kind: "member", path: "card" }).min(1).optional();
    expect(personalData.get(shared)).toBeUndefined();
    expect(personalFieldsOf(z.object({ marked }))).toHaveLength(1);
  });

  it("only strings and numbers may be marked (their erased marker is of their shape)", () => {
    const bad = z.object({
      id: z.string(),
      flag: personal(z.boolean(), { kind: "x", path: "id" }),
    });
    expect(() => personalFieldsOf(bad)).toThrow(/flag is a boolean/);
  });
});

describe("PersonalDataCodec", () => {
  const Noted = defineEvent(
    "Noted",
    z.object({
      memberCard: z.string(),
      name: personal(z.string(), { kind: "member", path: "memberCard" }),
      age: personal(z.number(), { kind: "member", path: "memberCard" }).optional(),
      friends: z.array(
        z.object({
          friendId: z.string(),
          name: personal(z.string(), { kind: "friend", path: "friendId" }),
        }),
      ),
    }),
  );
  const metadata: EventMetadata = {
    commandId: "c-1",
    correlationId: "c-1",
    causationId: "c-1",
    actor: { id: "s-1", role: "frontDesk" },
    siteId: "club-1",
    occurredAt: "2026-11-23T01:00:00.000Z",
    recordedAt: "2026-11-23T01:00:00.000Z",
  };
  const event: NewEvent = {
    eventId: "e-1",
    type: "Noted",
    schemaVersion: 1,
    metadata,
    data: { memberCard: "M-1", name: "Li Na", age: 61, friends: [{ friendId: "F-1", name: "Wu" }] },
  };
  const stored = (data: unknown): EventEnvelope =>
    ({ ...event, data, streamId: "s", streamVersion: 1, globalPosition: 1 }) as EventEnvelope;

  it("encrypts each marked field under its subject's key and reads it back, or erased without the key", async () => {
    const keys = createMemoryKeyStore();
    const codec = new PersonalDataCodec(keys, [Noted]);
    const [request] = await codec.seal("club-1", [
      { streamId: "s", expectedVersion: "any", events: [event] },
    ]);
    const data = request?.events[0]?.data as Record<string, unknown>;
    expect(data.memberCard).toBe("M-1");
    expect(data.name).toMatchObject({ $pd: 1, s: "member:M-1", t: "s" });
    expect(data.age).toMatchObject({ $pd: 1, s: "member:M-1", t: "n" });
    // The plain values appear nowhere as JSON values (quoted, so that the random base64url
    // ciphertext, which has no quotes, cannot match them by chance).
    const sealed = JSON.stringify(data);
    for (const plain of ['"Li Na"', '"Wu"', '"age":61']) expect(sealed).not.toContain(plain);
    const [open] = await codec.open([stored(data)]);
    expect(open?.data).toEqual(event.data);

    expect(await keys.erase("club-1", "member:M-1")).toBe(true);
    const [erased] = await codec.open([stored(data)]);
    expect(erased?.data).toEqual({
      memberCard: "M-1",
      name: ERASED_TEXT,
      age: ERASED_NUMBER,
      friends: [{ friendId: "F-1", name: "Wu" }],
    });
  });

  it("refuses to read a value that was altered, or moved to another site", async () => {
    const codec = new PersonalDataCodec(createMemoryKeyStore(), [Noted]);
    const [request] = await codec.seal("club-1", [
      { streamId: "s", expectedVersion: "any", events: [event] },
    ]);
    const data = request?.events[0]?.data as { name: { c: string } };
    const flipped = data.name.c.startsWith("A") ? "B" : "A";
    const altered = { ...data, name: { ...data.name, c: `${flipped}${data.name.c.slice(1)}` } };
    await expect(codec.open([stored(altered)])).rejects.toThrow(/does not decrypt/);
    const moved = { ...stored(data), metadata: { ...metadata, siteId: "club-2" } };
    // Another site has no key of that subject: erased, never the first site's plain value.
    const [other] = await codec.open([moved as EventEnvelope]);
    expect(other?.data).toMatchObject({ name: ERASED_TEXT });
  });

  it("passes events without personal fields through untouched, at no copy", async () => {
    const codec = new PersonalDataCodec(createMemoryKeyStore(), shippedEvents);
    const requests = [
      {
        streamId: "s",
        expectedVersion: "any" as const,
        events: [{ ...event, type: "TabCharged", data: { visitId: "v-1", amount: 1500 } }],
      },
    ];
    expect(await codec.seal("club-1", requests)).toBe(requests);
    const envelopes = [stored({ visitId: "v-1" })];
    expect(await codec.open(envelopes)).toBe(envelopes);
  });
});
