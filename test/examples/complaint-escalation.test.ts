/** The complaint example runs, and prints what is due when the text says it is. */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));

it("C9 C7 C8 examples/complaint-escalation.ts runs: a late callback, the follow-up list, the escalation and the report", async () => {
  const output = await new Promise<string>((resolve, reject) => {
    execFile(
      process.execPath,
      ["--import", "tsx", join(root, "examples", "complaint-escalation.ts")],
      { cwd: root, timeout: 60_000 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
    );
  });
  expect(output).toContain("C9 k-1123-01: due 23/11/2026, 21:00:00, 30 min late");
  expect(output).toContain("C7 k-1123-01: due 24/11/2026, 00:00:00, 600 min late");
  expect(output).toContain("escalated:  yes, to the store manager");
  expect(output).toContain("closed:     24/11/2026, 10:00:00");
}, 90_000);
