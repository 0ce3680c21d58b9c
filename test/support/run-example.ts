/**
 * Runs a script of `examples/` as `npx tsx examples/<name>` does (node with the tsx loader, from
 * the project's root), for the tests that keep the examples from rotting.
 *
 * @example
 * ```ts
 * const { code, stdout } = await runExample("complaint-escalation.ts");
 * ```
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));

/** What a run printed and how it ended (exit code 0, or the failure's code, -1 if none). */
export interface ExampleRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function runExample(name: string, args: readonly string[] = []): Promise<ExampleRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", join(root, "examples", name), ...args],
      { cwd: root, env: { ...process.env, NO_COLOR: "1" }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
