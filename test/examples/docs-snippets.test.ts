/**
 * The docs run. Every ```ts block in README.md and in the Markdown files under docs/ whose first
 * line is `// @run` is written to a file beside the repo (.svcops/, git-ignored) and run with
 * `node --import tsx`, so that "svcops" resolves to src as in the examples; the blocks are also
 * type-checked with the project's tsconfig. And the demo (`npm run demo`) runs to the end and
 * prints its reports.
 */

import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { mkdir, rm, rmdir, writeFile } from "node:fs/promises";
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
function node(args: readonly string[], timeoutMs = 60_000): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
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
  it("runs the whole day to the reports, the same way every time", async () => {
    const demo = ["--import", "tsx", join(root, "examples", "gym-front-desk-day.ts")];
    const [first, second] = await Promise.all([node(demo), node(demo)]);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    const out = first.stdout;
    expect(out).toContain("V6 key-tag reconciliation");
    expect(out).toMatch(/\| issued \| returned \| lost \| tagged entries \| balanced\? \|/);
    expect(out).toContain("V5 entries by category × gender");
    expect(out).toMatch(/\| category \| female \| male \| total \|/);
    expect(out).toContain("Visitor hand-offs");
    // The rules the day is meant to show, each refused or applied once.
    expect(out).toContain('refused: "V4: visit');
    expect(out).toContain('refused: "V2: key tag');
    expect(out).toContain('refused: "V14: role frontDesk may not issue QuoteMembershipPrice');
    expect(out).toContain("(arrivalTimeout, from c-chen)");
    expect(out).toContain("(pagesExhausted, from c-zhou)");
    // Deterministic: clock, PRNG and ids are seeded, so two runs print the same.
    expect(second.stdout).toBe(out);
  }, 120_000);
});
