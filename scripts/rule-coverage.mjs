#!/usr/bin/env node
/**
 * Rule coverage: which rules of docs/rules.md have a spec. `npm run rules`.
 *
 * Lists every rule id of the catalogue (lines `- <ID> [enforced] …` or `- <ID> [planned] …`) and,
 * for each, whether a test under `test/` is named after it: `it("V2 …")`, `test("V2: …")`,
 * `describe("V2 …")` (also `it.each`, `spec(`, `rule(`), the id followed by a space, a colon, a
 * dot, a comma or a dash. The call may span lines, as the formatter leaves long ones. Plain Node,
 * no dependencies, so it runs on a fresh clone before `npm ci`.
 *
 * @example
 * ```sh
 * node scripts/rule-coverage.mjs              # "covered  V2  test/…" or "MISSING  P1" per rule
 * node scripts/rule-coverage.mjs --missing    # only the rules without a spec
 * node scripts/rule-coverage.mjs --enforced   # exit 1 if a rule tagged [enforced] has no spec
 * node scripts/rule-coverage.mjs ../other-checkout
 * ```
 *
 * The last line of the output is `covered N of M rules`. Exit status: 0; 1 when `--enforced` finds
 * an enforced rule without a spec, or the catalogue is malformed (a rule without a status tag, an
 * id listed twice, no rules at all); 2 for a wrong command line.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const USAGE = `Usage: node scripts/rule-coverage.mjs [options] [project-dir]

Lists the rule ids of docs/rules.md and whether a test under test/ is named after each
(it("V2 ..."), test("V2: ..."), describe("V2 ...")). The last line is "covered N of M rules".

Options:
  --missing    print only the rules that have no spec
  --enforced   exit 1 if a rule tagged [enforced] in docs/rules.md has no spec
  -h, --help   print this help

project-dir defaults to the checkout this script belongs to.`;

/** A rule line of the catalogue: `- V2 [enforced] A key tag …`. */
const RULE_LINE = /^- ([A-Z][0-9]+) (.*)$/;
/** The status tag that opens a rule's text. */
const STATUS = /^\[(enforced|planned)\](?: |$)/;
/** A test named after a rule: the call, optional `.each`/`.only`…, the id, then a separator. */
const SPEC_NAME =
  /(?<![\w$])(?:it|test|describe|spec|rule)(?:\.[a-z]+)?\(\s*["'`]([A-Z][0-9]+)[ :.,\-–—]/g;
/** Files that may hold tests. */
const SOURCE = /\.[cm]?[jt]sx?$/;

/** A problem that ends the run: a one-line message for stderr and the exit status. */
class Stop extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

/** Stops with status 1: the catalogue is malformed, or an enforced rule has no spec. */
function fail(message) {
  throw new Stop(message, 1);
}

/** The rules of the catalogue at `path`, in order: `{ id, enforced, line }`. */
function readCatalogue(path) {
  if (!existsSync(path)) fail(`${path} not found`);
  const rules = [];
  const seen = new Map();
  const lines = readFileSync(path, "utf8").split(/\r?\n/);
  lines.forEach((text, index) => {
    const match = RULE_LINE.exec(text);
    if (!match) return;
    const [, id, rest] = match;
    const line = index + 1;
    if (seen.has(id)) {
      fail(`${path}:${line}: rule ${id} is listed twice (first on line ${seen.get(id)})`);
    }
    seen.set(id, line);
    const status = STATUS.exec(rest);
    if (!status) fail(`${path}:${line}: rule ${id} has no status tag ([enforced] or [planned])`);
    rules.push({ id, enforced: status[1] === "enforced", line });
  });
  if (rules.length === 0) fail(`${path} lists no rules (lines "- <ID> [enforced] …")`);
  return rules;
}

/** Every source file under `dir`, recursively, skipping node_modules and dot folders. */
function sourceFiles(dir) {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(path));
    else if (entry.isFile() && SOURCE.test(entry.name)) files.push(path);
  }
  return files.sort();
}

/** Rule id → the first test file (relative to `root`) with a spec named after it. */
function specsByRule(root) {
  const found = new Map();
  for (const file of sourceFiles(join(root, "test"))) {
    for (const match of readFileSync(file, "utf8").matchAll(SPEC_NAME)) {
      const id = match[1];
      if (!found.has(id)) found.set(id, relative(root, file));
    }
  }
  return found;
}

/** Runs the check with the command-line `args`, printing the report; returns the exit status. */
function main(args) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        missing: { type: "boolean" },
        enforced: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    // Node's message goes on to explain `--`; its first sentence says what is wrong.
    const message = error instanceof Error ? error.message : String(error);
    throw new Stop(message.replace(/\. To specify a positional argument.*$/s, "."), 2);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length > 1) {
    throw new Stop(`one project directory at most, got ${positionals.join(" ")}`, 2);
  }

  const root = resolve(positionals[0] ?? fileURLToPath(new URL("..", import.meta.url)));
  const catalogue = join(root, "docs", "rules.md");
  const rules = readCatalogue(catalogue);
  const specs = specsByRule(root);

  let covered = 0;
  const unprovenEnforced = [];
  for (const rule of rules) {
    const file = specs.get(rule.id);
    if (file) {
      covered++;
      if (!values.missing) console.log(`covered  ${rule.id.padEnd(4)} ${file}`);
    } else {
      console.log(`MISSING  ${rule.id}${rule.enforced ? "  (tagged [enforced])" : ""}`);
      if (rule.enforced) unprovenEnforced.push(rule.id);
    }
  }
  if (values.enforced) {
    const enforced = rules.filter((rule) => rule.enforced).length;
    const proven = enforced - unprovenEnforced.length;
    console.log(`enforced ${proven} of ${enforced} rules tagged [enforced] have a spec`);
  }
  console.log(`covered ${covered} of ${rules.length} rules`);
  if (values.enforced && unprovenEnforced.length > 0) {
    const where = relative(root, catalogue);
    fail(
      `rules tagged [enforced] in ${where} without a spec under test/: ${unprovenEnforced.join(", ")}`,
    );
  }
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof Stop)) throw error;
  console.error(`rule-coverage: ${error.message}`);
  if (error.status === 2) console.error(`\n${USAGE}`);
  process.exitCode = error.status;
}
