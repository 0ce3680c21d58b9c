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

# The SQLite entry, both ways, with the driver this checkout built (linked, not compiled again):
# a store opens, appends, reads back, and closes with its checkpoint thread.
(cd "$consumer" && npm install --silent --no-audit --no-fund --no-save "$root/node_modules/better-sqlite3" >/dev/null 2>&1)
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
