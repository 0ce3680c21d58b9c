import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^svcops\/testing$/, replacement: src("testing/index.ts") },
      { find: /^svcops\/sqlite$/, replacement: src("stores/sqlite/index.ts") },
      { find: /^svcops\/postgres$/, replacement: src("stores/postgres/index.ts") },
      { find: /^svcops$/, replacement: src("index.ts") },
    ],
  },
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
