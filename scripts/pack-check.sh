#!/usr/bin/env bash
# Packs the built package as npm would publish it, then checks the tarball:
# publint (package.json fields, exports, files) and Are-The-Types-Wrong (types for
# import and require on every subpath), and that only dist/ and the package files ship.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
[ -f dist/index.js ] || { echo "pack-check: run 'npm run build' first" >&2; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
tarball=$(npm pack --silent --pack-destination "$out" 2>/dev/null | tail -n 1)
echo "packed $tarball ($(du -k "$out/$tarball" | cut -f1) KiB)"
unexpected=$(tar -tzf "$out/$tarball" | grep -vE '^package/(dist/|package\.json$|README\.md$|LICENSE$)' || true)
if [ -n "$unexpected" ]; then
  echo "pack-check: unexpected files in the tarball:" >&2
  echo "$unexpected" >&2
  exit 1
fi
npx --no-install publint run "$out/$tarball" --strict
npx --no-install attw "$out/$tarball" --profile node16

# Install the tarball into a throwaway consumer and load every entry both ways.
consumer="$out/consumer"
mkdir -p "$consumer"
(cd "$consumer" && npm init -y >/dev/null 2>&1 && npm install --silent --no-audit --no-fund "$out/$tarball" >/dev/null 2>&1)
(cd "$consumer" && node --input-type=module -e '
  const svcops = await import("svcops");
  const testing = await import("svcops/testing");
  if (typeof svcops.createServiceOps !== "function" || typeof testing.given !== "function") process.exit(1);
  console.log("consumer ESM import: ok");
' && node -e '
  const svcops = require("svcops");
  const testing = require("svcops/testing");
  if (typeof svcops.createServiceOps !== "function" || typeof testing.eventStoreConformance !== "function") process.exit(1);
  console.log("consumer CJS require: ok");
')

# Error names survive the build (esbuild renames a class that refers to itself unless told to keep
# names), and instanceof holds across the two copies an app may load: its imports get the ESM
# build, a dependency's require the CJS one (the dual package hazard).
(cd "$consumer" && node --input-type=module -e '
  import { createRequire } from "node:module";
  const esm = await import("svcops");
  const cjs = createRequire(import.meta.url)("svcops");
  const fail = (what) => {
    console.error(`pack-check: ${what}`);
    process.exit(1);
  };
  const make = {
    SvcOpsError: (m) => new m.SvcOpsError("custom", "Something went wrong."),
    ValidationError: (m) => new m.ValidationError("Thing", [{ path: "a", message: "b" }]),
    RuleViolation: (m) => new m.RuleViolation("V2", "x"),
    Unauthorized: (m) => new m.Unauthorized("x", "V14"),
    VersionConflict: (m) => new m.VersionConflict("s-1", 1, 2),
    IdempotencyConflict: (m) => new m.IdempotencyConflict("cmd-1"),
    DuplicateCommand: (m) => new m.DuplicateCommand("cmd-1", "club-1"),
    ClockError: (m) => new m.ClockError(new Date(-1)),
    ShiftRulesViolated: (m) =>
      new m.ShiftRulesViolated("roster 2026-10", [{ rule: "S2", day: "2026-10-31", pointId: null, staffIds: ["s-1"], gap: null, message: "176 h" }]),
    PlaylistViolations: (m) =>
      new m.PlaylistViolations("plan-1", [{ part: "courtesyNotice", index: 7, message: "x" }]),
  };
  // Errors that extend another of the list (both are RuleViolations).
  const parent = { ShiftRulesViolated: "RuleViolation", PlaylistViolations: "RuleViolation" };
  for (const [build, copy] of [["ESM", esm], ["CJS", cjs]]) {
    for (const [name, create] of Object.entries(make)) {
      const error = create(copy);
      if (error.name !== name) fail(`${build}: new ${name}(…).name is ${error.name}`);
      if (!error.stack.startsWith(`${name}: `)) fail(`${build}: the stack of a ${name} starts "${error.stack.split("\n")[0]}"`);
    }
  }
  console.log("consumer error names: ok");

  if (esm.RuleViolation === cjs.RuleViolation) fail("the ESM and CJS builds share their classes: nothing to check");
  for (const [from, to, a, b] of [["CJS", "ESM", cjs, esm], ["ESM", "CJS", esm, cjs]]) {
    for (const [name, create] of Object.entries(make)) {
      const error = create(a);
      for (const other of Object.keys(make)) {
        const expected = other === name || other === "SvcOpsError" || parent[name] === other;
        if (error instanceof b[other] !== expected) {
          fail(`a ${name} of the ${from} build instanceof ${other} of the ${to} build is ${!expected}`);
        }
      }
    }
  }
  // One thrown by the library itself: the CJS copy refuses a command that does not parse.
  let thrown;
  try {
    cjs.CheckInMember({ visitId: "v-1" });
  } catch (error) {
    thrown = error;
  }
  if (!(thrown instanceof esm.ValidationError) || thrown instanceof esm.RuleViolation) {
    fail(`the CJS build threw ${thrown}, not a ValidationError of the ESM build`);
  }
  console.log("consumer instanceof across ESM and CJS: ok");
')

# The SQLite entry, both ways, with the driver this checkout built (linked, not compiled again):
# a store opens, appends, reads back, and closes with its checkpoint thread.
(cd "$consumer" && npm install --silent --no-audit --no-fund --no-save --ignore-scripts "$root/node_modules/better-sqlite3" >/dev/null 2>&1)
(cd "$consumer" && SQLITE_DIR="$out" node --input-type=module -e '
  const { openSqliteStore } = await import("svcops/sqlite");
  const store = await openSqliteStore({ path: process.env.SQLITE_DIR + "/esm.db" });
  const events = [{ eventId: "e-1", type: "Noted", schemaVersion: 1, data: {}, metadata: {} }];
  await store.append({ streamId: "s", expectedVersion: "no-stream", events });
  if ((await store.readStream("s")).length !== 1) process.exit(1);
  await store.close();
  console.log("consumer ESM svcops/sqlite store: ok");
' && SQLITE_DIR="$out" node -e '
  const { openSqliteStore } = require("svcops/sqlite");
  (async () => {
    const store = await openSqliteStore({ path: process.env.SQLITE_DIR + "/cjs.db" });
    const events = [{ eventId: "e-1", type: "Noted", schemaVersion: 1, data: {}, metadata: {} }];
    await store.append({ streamId: "s", expectedVersion: "no-stream", events });
    if ((await store.readStream("s")).length !== 1) process.exit(1);
    await store.close();
    console.log("consumer CJS svcops/sqlite store: ok");
  })().catch((error) => { console.error(error); process.exit(1); });
')

# The types from outside: a TypeScript consumer of the tarball (ESM, nodenext), with no
# skipLibCheck, declares a role and a rule id of its own by augmenting "svcops", and the
# compiler refuses a role typo, an unknown rule id and an event sent as a command.
(cd "$consumer" && npm install --silent --no-audit --no-fund --no-save --ignore-scripts "$root/node_modules/typescript" "$root/node_modules/@types/node" >/dev/null 2>&1)
mkdir -p "$consumer/typed"
cat > "$consumer/typed/package.json" <<'JSON'
{ "type": "module" }
JSON
cat > "$consumer/typed/tsconfig.json" <<'JSON'
{ "compilerOptions": { "strict": true, "module": "nodenext", "moduleResolution": "nodenext", "target": "es2022", "noEmit": true, "skipLibCheck": false, "types": ["node"] }, "files": ["consumer.ts"] }
JSON
cat > "$consumer/typed/consumer.ts" <<'TS'
import { type Actor, CheckInMember, createServiceOps, MemberCheckedIn, RuleViolation } from "svcops";
import { eventStoreConformance } from "svcops/testing";

declare module "svcops" {
  interface CustomRoles {
    lifeguard: true;
  }
  interface CustomRuleIds {
    X1: true;
  }
}

const guard: Actor = { id: "l-1", role: "lifeguard", sites: ["club-1"] };
export const custom = new RuleViolation("X1", "the pool closes at 21:00.");
// @ts-expect-error a role typo does not compile
export const typo: Actor = { id: "d-1", role: "frontdesk", sites: ["club-1"] };
// @ts-expect-error an unknown rule id does not compile
export const unknownRule = new RuleViolation("V99", "no such rule");
const ops = createServiceOps({ site: { id: "club-1" } });
const checkIn = CheckInMember({ visitId: "v-1", memberCard: "M-1", keyTag: "1", gender: "male" });
export const sent = () => ops.execute(checkIn, { actor: guard });
const event = MemberCheckedIn({
  visitId: "v-1",
  memberCard: "M-1",
  keyTag: "1",
  gender: "male",
  category: "member",
  businessDay: "2026-11-22",
});
// @ts-expect-error an event is not a command
export const wrong = () => ops.execute(event, { actor: guard });
export const suite = eventStoreConformance;
TS
(cd "$consumer/typed" && node "$consumer/node_modules/typescript/bin/tsc" -p . && echo "consumer TypeScript types (augmented roles and rule ids, typos refused): ok")
