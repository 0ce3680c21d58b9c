/**
 * The demo's command line (`npm run demo -- --help`): a usage text for --help and -h, and for a
 * wrong option one line and the usage on stderr with exit status 2, never a stack trace. None of
 * these runs opens or creates the demo's SQLite file.
 */

import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const script = join(root, "examples", "gym-front-desk-day.ts");

interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

describe("the demo's command line", () => {
  let dir = "";
  let db = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "svcops-demo-cli-"));
    db = join(dir, "never.sqlite");
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Runs the demo with tsx (as `npx tsx` does) and `args`; SVCOPS_DEMO_DB names a scratch file. */
  const demo = (...args: readonly string[]) =>
    new Promise<Outcome>((resolve) => {
      execFile(
        process.execPath,
        ["--import", "tsx", script, ...args],
        { cwd: root, env: { ...process.env, NO_COLOR: "1", SVCOPS_DEMO_DB: db }, timeout: 60_000 },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
          resolve({ code, stdout, stderr });
        },
      );
    });

  it("prints its usage for --help and -h, and exits 0", async () => {
    const [long, short] = await Promise.all([demo("--help"), demo("-h")]);
    for (const run of [long, short]) {
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Usage: npm run demo -- \[--db <path>\]\n/);
      expect(run.stdout).toContain("--db <path>");
      expect(run.stdout).toContain("-h, --help");
      expect(run.stdout).toContain("SVCOPS_DEMO_DB");
    }
    expect(short.stdout).toBe(long.stdout);
    expect(existsSync(db)).toBe(false);
  }, 60_000);

  it("exits 2 with one line and the usage on stderr for a wrong command line", async () => {
    const runs = await Promise.all([demo("--bogus"), demo("--db"), demo("--db="), demo("tuesday")]);
    const firstLines = runs.map((run) => run.stderr.split("\n")[0]);
    expect(firstLines).toEqual([
      "demo: Unknown option '--bogus'",
      "demo: Option '--db <value>' argument missing",
      "demo: option --db needs a file path",
      "demo: Unexpected argument 'tuesday'. This command does not take positional arguments",
    ]);
    for (const run of runs) {
      expect(run.code).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr.split("\n")[1]).toBe("");
      expect(run.stderr).toContain("Usage: npm run demo -- [--db <path>]");
      expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
    expect(existsSync(db)).toBe(false);
  }, 60_000);
});
