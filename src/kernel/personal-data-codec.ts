import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { EventEnvelope } from "./envelope.js";
import type { AppendToStream } from "./event-store.js";
import type { EventDefinition } from "./message.js";
import { type PersonalFieldPath, personalFieldsOf } from "./personal-data.js";
import type { PersonalDataKeyStore, SubjectKey } from "./personal-data-keys.js";

/** What an erased personal text reads as: replays, projections and reports show it. */
export const ERASED_TEXT = "[erased]";
/** What an erased personal number (an age) reads as. */
export const ERASED_NUMBER = 0;

/**
 * A personal field as stored: the subject, the key's id, the value's type, the IV and the
 * AES-256-GCM ciphertext with its tag (base64url). An object, so that no text a command can
 * carry is ever taken for one.
 */
interface Sealed {
  readonly $pd: 1;
  /** The data subject's id (`member:M-1`): already in the event in clear. */
  readonly s: string;
  readonly k: string;
  readonly t: "s" | "n";
  readonly iv: string;
  readonly c: string;
}

const isSealed = (value: unknown): value is Sealed =>
  typeof value === "object" && value !== null && (value as { $pd?: unknown }).$pd === 1;

type Ancestors = readonly Record<string, unknown>[];

/**
 * Encrypts the personal fields of events on their way into the store and decrypts them on the
 * way out, with a key per (site, data subject) from a `PersonalDataKeyStore`. A field whose
 * subject's key was erased reads as `ERASED_TEXT` or `ERASED_NUMBER`. Built from the event
 * definitions: the fields marked with `personal` in their schemas.
 *
 * @example
 * ```ts
 * const codec = new PersonalDataCodec(createMemoryKeyStore(), receptionEvents);
 * const sealed = await codec.seal("club-1", requests);
 * const plain = await codec.open(await store.readStream("club-1/reception/main"));
 * ```
 */
export class PersonalDataCodec {
  private readonly fields = new Map<string, readonly PersonalFieldPath[]>();

  constructor(
    readonly keys: PersonalDataKeyStore,
    definitions: Iterable<EventDefinition>,
  ) {
    for (const definition of definitions) {
      const fields = personalFieldsOf(definition.schema);
      if (fields.length > 0) this.fields.set(definition.type, fields);
    }
  }

  /** The event types with personal fields, and the paths of those fields. */
  get personalFields(): ReadonlyMap<string, readonly PersonalFieldPath[]> {
    return this.fields;
  }

  /** The requests with every personal field encrypted (the same array when there is none). */
  async seal(siteId: string, requests: readonly AppendToStream[]): Promise<AppendToStream[]> {
    const subjects = new Set<string>();
    for (const request of requests) {
      for (const event of request.events) {
        const fields = this.fields.get(event.type);
        if (!fields) continue;
        for (const field of fields) {
          mapPath(event.data, field.path, 0, [], (value, ancestors) => {
            if (isPlain(value)) subjects.add(subjectOf(field, ancestors, event.type));
            return value;
          });
        }
      }
    }
    if (subjects.size === 0) return requests as AppendToStream[];
    const keys = await this.keys.obtain(siteId, [...subjects]);
    return requests.map((request) => {
      let changed = false;
      const events = request.events.map((event) => {
        const fields = this.fields.get(event.type);
        if (!fields) return event;
        let data = event.data;
        for (const field of fields) {
          data = mapPath(data, field.path, 0, [], (value, ancestors) => {
            if (!isPlain(value)) return value;
            const subject = subjectOf(field, ancestors, event.type);
            const key = keys.get(subject);
            if (!key) throw new Error(`the key store made no key for ${subject}`);
            return encrypt(value, siteId, subject, key);
          });
        }
        if (data === event.data) return event;
        changed = true;
        return { ...event, data };
      });
      return changed ? { ...request, events } : request;
    });
  }

  /**
   * The envelopes with their personal fields decrypted, or erased where the subject's key is
   * gone (the same array when none has any). With `siteId`, other sites' events pass as stored.
   */
  async open<E extends EventEnvelope>(envelopes: readonly E[], siteId?: string): Promise<E[]> {
    let wanted: Map<string, Set<string>> | undefined;
    for (const envelope of envelopes) {
      if (!this.fields.has(envelope.type)) continue;
      const site = envelope.metadata.siteId;
      if (siteId !== undefined && site !== siteId) continue;
      forEachSealed(envelope.data, (sealed) => {
        wanted ??= new Map();
        let subjects = wanted.get(site);
        if (!subjects) {
          subjects = new Set();
          wanted.set(site, subjects);
        }
        subjects.add(sealed.s);
      });
    }
    if (!wanted) return envelopes as E[];
    const keysBySite = new Map<string, ReadonlyMap<string, SubjectKey>>();
    for (const [site, subjects] of wanted) {
      keysBySite.set(site, await this.keys.find(site, [...subjects]));
    }
    return envelopes.map((envelope) => {
      const keys = keysBySite.get(envelope.metadata.siteId);
      if (!keys || !this.fields.has(envelope.type)) return envelope;
      const data = replaceSealed(envelope.data, (sealed) =>
        decrypt(sealed, envelope.metadata.siteId, keys.get(sealed.s), envelope.eventId),
      );
      return data === envelope.data ? envelope : { ...envelope, data };
    });
  }
}

const isPlain = (value: unknown): value is string | number =>
  typeof value === "string" || typeof value === "number";

/** The subject id of a field: the first ref found in the holder or an object around it. */
function subjectOf(field: PersonalFieldPath, ancestors: Ancestors, type: string): string {
  for (const ref of field.field.subject) {
    const steps = ref.path.split(".");
    for (let a = ancestors.length - 1; a >= 0; a--) {
      let value: unknown = ancestors[a];
      for (const step of steps) {
        value =
          typeof value === "object" && value !== null
            ? (value as Record<string, unknown>)[step]
            : undefined;
      }
      if (isPlain(value) && value !== "") return `${ref.kind}:${value}`;
    }
  }
  throw new Error(`${type}: no data subject found for the personal field ${field.path.join(".")}`);
}

/** Applies `fn` to the values at a path (`"[]"`: each element), copying only what changes. */
function mapPath(
  node: unknown,
  path: readonly string[],
  i: number,
  ancestors: Ancestors,
  fn: (value: unknown, ancestors: Ancestors) => unknown,
): unknown {
  if (i === path.length) return node === undefined || node === null ? node : fn(node, ancestors);
  const step = path[i] as string;
  if (step === "[]") {
    if (!Array.isArray(node)) return node;
    let copy: unknown[] | undefined;
    node.forEach((element, e) => {
      const next = mapPath(element, path, i + 1, ancestors, fn);
      if (next !== element) {
        copy ??= node.slice();
        copy[e] = next;
      }
    });
    return copy ?? node;
  }
  if (typeof node !== "object" || node === null || Array.isArray(node)) return node;
  const holder = node as Record<string, unknown>;
  const child = holder[step];
  const next = mapPath(child, path, i + 1, [...ancestors, holder], fn);
  return next === child ? node : { ...holder, [step]: next };
}

function forEachSealed(node: unknown, visit: (sealed: Sealed) => void): void {
  if (typeof node !== "object" || node === null) return;
  if (isSealed(node)) {
    visit(node);
    return;
  }
  for (const value of Array.isArray(node) ? node : Object.values(node)) {
    forEachSealed(value, visit);
  }
}

function replaceSealed(node: unknown, fn: (sealed: Sealed) => unknown): unknown {
  if (typeof node !== "object" || node === null) return node;
  if (isSealed(node)) return fn(node);
  if (Array.isArray(node)) {
    let copy: unknown[] | undefined;
    node.forEach((value, i) => {
      const next = replaceSealed(value, fn);
      if (next !== value) {
        copy ??= node.slice();
        copy[i] = next;
      }
    });
    return copy ?? node;
  }
  let copy: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(node)) {
    const next = replaceSealed(value, fn);
    if (next !== value) {
      copy ??= { ...node };
      copy[key] = next;
    }
  }
  return copy ?? node;
}

const aad = (siteId: string, subject: string) => Buffer.from(`${siteId}/${subject}`, "utf8");

function encrypt(value: string | number, siteId: string, subject: string, key: SubjectKey): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key.key, iv);
  cipher.setAAD(aad(siteId, subject));
  const body = cipher.update(JSON.stringify(value), "utf8");
  const c = Buffer.concat([body, cipher.final(), cipher.getAuthTag()]);
  return {
    $pd: 1,
    s: subject,
    k: key.keyId,
    t: typeof value === "number" ? "n" : "s",
    iv: iv.toString("base64url"),
    c: c.toString("base64url"),
  };
}

function decrypt(
  sealed: Sealed,
  siteId: string,
  key: SubjectKey | undefined,
  eventId: string,
): unknown {
  // No key, or a newer one made after an erasure: this value's key is gone.
  if (!key || key.keyId !== sealed.k) return sealed.t === "n" ? ERASED_NUMBER : ERASED_TEXT;
  const all = Buffer.from(sealed.c, "base64url");
  const decipher = createDecipheriv("aes-256-gcm", key.key, Buffer.from(sealed.iv, "base64url"));
  decipher.setAAD(aad(siteId, sealed.s));
  decipher.setAuthTag(all.subarray(all.length - 16));
  try {
    const text = Buffer.concat([
      decipher.update(all.subarray(0, all.length - 16)),
      decipher.final(),
    ]).toString("utf8");
    return JSON.parse(text);
  } catch {
    throw new Error(
      `event ${eventId}: a personal field of ${sealed.s} does not decrypt with its key (altered, or another site's)`,
    );
  }
}
