/**
 * `npm run rules` (scripts/rule-coverage.mjs): the rule ids of docs/rules.md and which of them a
 * test under test/ is named after. Run on this checkout, and on small made-up projects for what
 * it counts as a spec and when `--enforced` fails.
 *
 * The made-up specs are built from variables (`it(${q}${id} …`) so that this file's own text is
 * never taken for a spec of a rule.
 */

import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const script = join(root, "scripts", "rule-coverage.mjs");

interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the script with `args` and collects its output and exit status. */
function rules(...args: readonly string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(process.execPath, [script, ...args], { cwd: root }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const lines = (text: string) => text.trimEnd().split("\n");

describe("rule coverage of this checkout (npm run rules)", () => {
  it("lists the 68 rules of docs/rules.md and finds a spec for every one", async () => {
    const { code, stdout, stderr } = await rules();
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const out = lines(stdout);
    const listed = out.slice(0, -1).map((line) => line.split(/\s+/)[1]);
    expect(listed).toHaveLength(68);
    expect(new Set(listed).size).toBe(68);
    for (let n = 1; n <= 14; n++) {
      expect(out, `V${n}`).toContainEqual(expect.stringMatching(new RegExp(`^covered  V${n} `)));
    }
    for (const id of ["P1", "P4", "S1", "S9", "B1", "W1", "G1", "Q1"]) {
      expect(out, id).toContainEqual(expect.stringMatching(new RegExp(`^covered  ${id} `)));
    }
    // Every rule of the catalogue has its spec now: none is reported missing.
    expect(out).not.toContainEqual(expect.stringMatching(/^MISSING {2}/));
    expect(out.at(-1)).toBe("covered 68 of 68 rules");
  });

  it("passes --enforced: every rule tagged [enforced] has a spec", async () => {
    const { code, stdout } = await rules("--enforced", "--missing");
    expect(code).toBe(0);
    expect(stdout).not.toMatch(/^covered {2}/m); // --missing: covered rules are not listed
    const catalogue = await readFile(join(root, "docs", "rules.md"), "utf8");
    const tagged = catalogue.match(/^- [A-Z][0-9]+ \[enforced\]/gm)?.length ?? 0;
    expect(tagged).toBeGreaterThanOrEqual(14);
    expect(stdout).toContain(`enforced ${tagged} of ${tagged} rules tagged [enforced] have a spec`);
  });

  it("prints its usage for --help, and exits 2 for an unknown option", async () => {
    const help = await rules("--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: node scripts/rule-coverage.mjs");
    const bogus = await rules("--bogus");
    expect(bogus.code).toBe(2);
    expect(lines(bogus.stderr)[0]).toBe("rule-coverage: Unknown option '--bogus'.");
    expect(bogus.stderr).toContain("Usage:");
  });
});

describe("rule coverage of a made-up project", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "svcops-rules-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** A project with this catalogue and these test files; returns its directory. */
  async function project(
    name: string,
    catalogue: string,
    tests: Readonly<Record<string, string>>,
  ): Promise<string> {
    const at = join(dir, name);
    await mkdir(join(at, "docs"), { recursive: true });
    await writeFile(join(at, "docs", "rules.md"), catalogue);
    for (const [file, text] of Object.entries(tests)) {
      await mkdir(join(at, "test", file, ".."), { recursive: true });
      await writeFile(join(at, "test", file), text);
    }
    return at;
  }

  const q = '"';
  const catalogue = [
    "# Rules",
    "",
    "- X1 [enforced] Named by it().",
    "- X2 [enforced] Named by a test() call that the formatter split over two lines.",
    "  A continuation line.",
    "- X3 [planned] Named by describe() with a dash.",
    "- X4 [planned] Only mentioned in a comment and in a longer id.",
    "- X5 [enforced] Has no spec.",
    "",
  ].join("\n");

  it("counts it/test/describe names that start with the id and a separator", async () => {
    const [x1, x2, x3, x4] = ["X1", "X2", "X3", "X4"];
    const at = await project("mixed", catalogue, {
      "a.test.ts": `it(${q}${x1} does one thing${q}, () => {});\n`,
      "nested/b.test.ts": `test(\n  ${q}${x2}: a long name${q},\n  () => {},\n);\n`,
      "c.test.js": `describe('${x3} - a group', () => {});\n`,
      "d.test.ts": `// ${x4} is not a spec\nit(${q}${x4}0 is another rule${q}, () => {});\nsubmit(${q}${x4} x${q});\n`,
    });
    const { code, stdout } = await rules(at);
    expect(code).toBe(0); // without --enforced, a missing rule is listed, not an error
    expect(lines(stdout)).toEqual([
      "covered  X1   test/a.test.ts",
      "covered  X2   test/nested/b.test.ts",
      "covered  X3   test/c.test.js",
      "MISSING  X4",
      "MISSING  X5  (tagged [enforced])",
      "covered 3 of 5 rules",
    ]);
  });

  it("--enforced exits 1 and names the enforced rules without a spec", async () => {
    const at = await project("unproven", catalogue, {});
    const { code, stdout, stderr } = await rules("--enforced", at);
    expect(code).toBe(1);
    expect(lines(stdout).at(-1)).toBe("covered 0 of 5 rules");
    expect(stdout).toContain("enforced 0 of 3 rules tagged [enforced] have a spec");
    expect(stderr).toBe(
      "rule-coverage: rules tagged [enforced] in docs/rules.md without a spec under test/: X1, X2, X5\n",
    );
  });

  it("refuses a catalogue with a rule that has no status tag, or an id listed twice", async () => {
    const untagged = await project("untagged", "- X1 Says nothing of its status.\n", {});
    const first = await rules(untagged);
    expect(first.code).toBe(1);
    expect(first.stderr).toContain("rule X1 has no status tag ([enforced] or [planned])");
    const twice = await project("twice", "- X1 [planned] One.\n- X1 [planned] Two.\n", {});
    const second = await rules(twice);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain("rule X1 is listed twice (first on line 1)");
  });
});
