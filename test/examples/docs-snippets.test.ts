/**
 * The docs run. Every ```ts block in README.md and in the Markdown files under docs/ whose first
 * line is `// @run` is written to a file beside the repo (.svcops/, git-ignored) and run with
 * `node --import tsx`, so that "svcops" resolves to src as in the examples; the blocks are also
 * type-checked with the project's tsconfig. And the demo (`npm run demo`) runs to the end and
 * prints its reports, each run on a SQLite file of its own in a temporary directory, and a second
 * run on the same file plays the next day.
 */

import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, rmdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const RUN_MARK = "// @run";

interface Snippet {
  /** Where the block is, e.g. "docs/visit.md:42". */
  readonly where: string;
  /** File name of the block once written out. */
  readonly file: string;
  readonly code: string;
}

/** The ```ts blocks of a Markdown file whose first line is `// @run`. */
function runnableBlocks(path: string): Snippet[] {
  const where = relative(root, path);
  const lines = readFileSync(path, "utf8").split("\n");
  const blocks: Snippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^```ts\s*$/.test(lines[i] ?? "")) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !/^```\s*$/.test(lines[end] ?? "")) end++;
    const body = lines.slice(start, end);
    if (body[0]?.trim() === RUN_MARK) {
      blocks.push({
        where: `${where}:${start + 1}`,
        file: `${where.replace(/[^A-Za-z0-9]+/g, "-")}-L${start + 1}.ts`,
        code: `${body.join("\n")}\n`,
      });
    }
    i = end;
  }
  return blocks;
}

const docs = [
  join(root, "README.md"),
  ...readdirSync(join(root, "docs"), { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => join(root, "docs", name)),
];
const snippets = docs.flatMap(runnableBlocks);

interface Outcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs node with `args` in the repo and collects its output. */
function node(
  args: readonly string[],
  timeoutMs = 60_000,
  env: Readonly<Record<string, string>> = {},
): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", ...env },
      timeout: timeoutMs,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const scratch = join(root, ".svcops", `doc-snippets-${process.pid}`);

describe("docs snippets", () => {
  beforeAll(async () => {
    await mkdir(scratch, { recursive: true });
    for (const snippet of snippets) await writeFile(join(scratch, snippet.file), snippet.code);
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
    await rmdir(dirname(scratch)).catch(() => {}); // only if nothing else uses .svcops/
  });

  it("finds runnable blocks in the README and in every guide", () => {
    const files = new Set(snippets.map((s) => s.where.replace(/:\d+$/, "")));
    for (const doc of [
      "README.md",
      "docs/architecture.md",
      "docs/visit.md",
      "docs/writing-specs.md",
    ]) {
      expect(files, `${doc} has no \`${RUN_MARK}\` block`).toContain(doc);
    }
  });

  it.concurrent.each(snippets.map((s) => [s.where, s] as const))(
    "runs %s",
    async (_where, snippet) => {
      const { code, stdout, stderr } = await node(["--import", "tsx", join(scratch, snippet.file)]);
      if (code !== 0) {
        throw new Error(
          `${snippet.where} exited with ${code}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`,
        );
      }
    },
    120_000,
  );

  it("type-checks every runnable block", async () => {
    await writeFile(
      join(scratch, "tsconfig.json"),
      JSON.stringify({ extends: "../../tsconfig.json", include: ["*.ts"] }),
    );
    const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
    const { code, stdout, stderr } = await node(
      [tsc, "-p", join(scratch, "tsconfig.json")],
      120_000,
    );
    // Report errors against the Markdown file they came from.
    const byFile = new Map(snippets.map((s) => [s.file, s.where]));
    const report = `${stdout}${stderr}`.replace(
      /[^\s]*doc-snippets-\d+\/([^\s(]+)\((\d+),(\d+)\)/g,
      (match, file: string, line: string) => {
        const where = byFile.get(file);
        if (!where) return match;
        const [doc, first] = where.split(":");
        return `${doc}:${Number(first) + Number(line) - 1}`;
      },
    );
    expect(report, "type errors in the docs").toBe("");
    expect(code).toBe(0);
  }, 120_000);
});

describe("the demo (npm run demo)", () => {
  const script = join(root, "examples", "gym-front-desk-day.ts");
  // Every run gets a SQLite file of its own (runs in parallel must not share one), in a temporary
  // directory removed at the end; the demo never writes its default ./svcops-demo.sqlite here.
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "svcops-demo-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const demo = (db: string) => node(["--import", "tsx", script, "--db", db]);

  it("runs the whole day to the reports, the same way every time", async () => {
    const files = [join(dir, "first.sqlite"), join(dir, "second.sqlite")];
    const [first, second] = await Promise.all(files.map(demo));
    if (!first || !second) throw new Error("two runs expected");
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    const out = first.stdout;
    expect(out).toContain("svcops demo: Riverside Fitness front desk, Monday 2026-11-23");
    expect(out).toContain(`store: SQLite file ${files[0]}`);
    expect(out).toContain("new history: no events stored yet");
    expect(out).toContain("lead-zhao registers 150 key tags in the pool (V1)");
    // S6, S7, P1, P2, S5: the opening, a phone inquiry through the rotation, the handovers and the
    // day close with every discrepancy annotated.
    expect(out).toContain(
      "lead-zhao, desk-amy and bar-kai on site, pre-shift meeting held, posts taken; 5 opening checks done and the message book read: the day opens (S6, S7)",
    );
    expect(out).toMatch(
      /a phone inquiry, answered on the 2nd ring \(P1\), goes to c-\w+ by the rotation \(P2\)/,
    );
    expect(out).toContain(
      "desk-amy writes the early shift's handover entry, desk-ben countersigns (S5)",
    );
    expect(out).toContain(
      'the day close begins; a late check-in is refused: "S7: business day 2026-11-23 is closing',
    );
    expect(out).toMatch(/each annotated by its role; valuables locked: the day is closed \(S7\)/);
    expect(out).toMatch(
      /\| early \| +\d+ \| +\d+ \| +\d+ \| +\d+ \| +1 \| desk-amy \/ desk-ben +\|/,
    );
    // N1, N2, N5, N7: the water bar sells on key tags through Inventory and counts at close.
    expect(out).toContain("lead-zhao lists the water bar's 5 items at their marked prices (N7)");
    expect(out).toContain(
      "bar-kai counts the water bar's opening stock and takes a delivery of 200 (N1)",
    );
    expect(out).toMatch(
      /\| sports drink +\| +0 \| +40 \| +\d+ \| +\d+ \| -1 \(one bottle dropped behind the bar\) +\|/,
    );
    expect(out).toMatch(/Taken on \d+ receipts, all on key tags: ¥[\d,]+\.\d\d\./);
    // I1–I7 and C1–C11: the twisted ankle closed with its written report in the evening, the
    // water-bar complaint closed the same afternoon, and nothing due at close.
    expect(out).toContain(
      "incident inc-1123-01: Liu Yang twists an ankle; cs-he and coach-wu told first (I1)",
    );
    expect(out).toContain(
      "incident inc-1123-01: care call made (I6), written report complete, closed (I7)",
    );
    expect(out).toContain(
      "complaint k-1123-01: a shake charged twice; taken to the meeting room (C1, C10)",
    );
    expect(out).toContain("report written and sent to the store manager, then closed (C6, C11)");
    expect(out).toContain("Complaints and incidents (C1–C15, I1–I7)");
    expect(out).toMatch(/inc-1123-01 Liu Yang \(card M-11237, male, 41\)/);
    expect(out).toContain("report: refund and a free shake accepted; closed 15:20:00");
    expect(out).toContain("No complaint callback (C9) or follow-up (C7) is due at close.");
    expect(out).toContain("V6 key-tag reconciliation");
    expect(out).toMatch(
      /\| issued \| returned \| lost \| tagged entries \| late arrivals \| balanced\? \|/,
    );
    expect(out).toContain("V5 entries by category × gender");
    expect(out).toMatch(/\| category \| female \| male \| total \|/);
    expect(out).toContain("Visitor hand-offs");
    // The rules the day is meant to show, each refused or applied once.
    expect(out).toContain('refused: "V4: visit');
    expect(out).toContain('refused: "V2: key tag');
    expect(out).toContain('refused: "V14: role frontDesk may not issue QuoteMembershipPrice');
    expect(out).toContain("(arrivalTimeout, from c-chen)");
    expect(out).toContain("(pagesExhausted, from c-zhou)");
    // The member who leaves with tag 005 (the next run starts with it), and the lost tag 010.
    expect(out).toContain("V6: key tag 005 (visit v-1123-150) was not returned or reported lost.");
    expect(out).toContain("cannot find key tag 010 after a swim: reported lost (V7)");
    // Deterministic: clock, PRNG and ids are seeded, so two new files print the same (but for
    // the file's name).
    expect(second.stdout.replaceAll(files[1] ?? "", "<db>")).toBe(
      out.replaceAll(files[0] ?? "", "<db>"),
    );
  }, 120_000);

  it("continues the history of its file on the next run: the next day", async () => {
    const db = join(dir, "two-days.sqlite");
    const first = await demo(db);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("new history");
    // The file can also be named by the environment.
    const second = await node(["--import", "tsx", script], 60_000, { SVCOPS_DEMO_DB: db });
    expect(second.stderr).toBe("");
    expect(second.code).toBe(0);
    const out = second.stdout;
    expect(out).toContain("svcops demo: Riverside Fitness front desk, Tuesday 2026-11-24");
    expect(out).toContain(`store: SQLite file ${db}`);
    expect(out).toMatch(
      /continuing its history: \d+ events already stored, last business day Monday 2026-11-23/,
    );
    // The pool is in the file: registered once, the lost tag stays retired, 005 is still out.
    expect(out).not.toContain("registers 150 key tags");
    expect(out).toContain("retired on earlier days, never issued again (V7): 010");
    expect(out).toContain("out overnight: tag 005 on visit v-1123-150");
    // The member brings tag 005 back: a late arrival today, and Monday keeps its discrepancy.
    expect(out).toContain(
      "card M-10017: the member brings back key tag 005, taken home on 2026-11-23",
    );
    expect(out).toContain("V6 key-tag reconciliation, 2026-11-24");
    expect(out).toContain("key tag 005 (visit v-1123-150), issued on 2026-11-23, returned today");
    expect(out).toContain("V6 key-tag reconciliation, 2026-11-23, read again today");
    expect(out).toContain(
      "V6: key tag 005 (visit v-1123-150) was still out at close; returned on 2026-11-24.",
    );
    // Today's ids carry today's date, so nothing clashes with Monday's.
    expect(out).toContain("visitor g-1124-1 (Gao Min) registers at the desk (V8)");
    expect(out).toContain("(arrivalTimeout, from c-chen)");
  }, 120_000);
});
