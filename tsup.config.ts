import { defineConfig } from "tsup";

export default defineConfig({
  entry: {
    index: "src/index.ts",
    "testing/index": "src/testing/index.ts",
    "sqlite/index": "src/stores/sqlite/index.ts",
    "postgres/index": "src/stores/postgres/index.ts",
  },
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  splitting: true,
  treeshake: true,
  target: "node20",
  external: ["better-sqlite3", "pg"],
  // `import.meta.url` in the CJS build (the SQLite store resolves better-sqlite3 for its checkpoint thread).
  shims: true,
});
