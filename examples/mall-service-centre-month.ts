/**
 * The mall's service centre for one month (seed 001, 人员架构和作息): 9 staff on two service
 * points, the member centre on the 4th floor and the service centre on the ground floor, each
 * with 2 people every day; 4 membership specialists and 4 customer-service specialists in two
 * groups that work alternate days, and the CS manager apart (S1–S4). October 2026 has 31 days
 * and the National Day holidays.
 *
 *   npx tsx examples/mall-service-centre-month.ts
 *
 * It prints the roster, the hours per person against the 174 h cap, and one day's break plan, as
 * tables. The clock is a manual one, so every run prints the same.
 */
import {
  type Actor,
  AdjustRoster,
  createServiceOps,
  manualClock,
  PlanBreaks,
  PublishRoster,
  rosterAggregate,
  rosterStream,
  ScheduleRoster,
  ShiftRulesViolated,
} from "svcops";

const SITE = "mall-east";
const MONTH = "2026-10";
const NATIONAL_DAY = ["01", "02", "03", "04", "05", "06", "07"].map((d) => `${MONTH}-${d}`);
const MEMBER_CENTRE = "member-4F";
const SERVICE_CENTRE = "service-1F";

// Group A works the 1st, 3rd, 5th …; group B the 2nd, 4th …: at each point, two of a group.
const groupA = {
  [MEMBER_CENTRE]: ["wang-fang", "li-jing"],
  [SERVICE_CENTRE]: ["chen-jie", "yang-li"],
};
const groupB = {
  [MEMBER_CENTRE]: ["zhang-min", "liu-yang"],
  [SERVICE_CENTRE]: ["zhao-lei", "huang-wei"],
};
const MANAGER = "he-ping";
const staff = [...Object.values(groupA).flat(), ...Object.values(groupB).flat(), MANAGER];
const role: Record<string, string> = {
  "wang-fang": "membership",
  "li-jing": "membership",
  "zhang-min": "membership",
  "liu-yang": "membership",
  "chen-jie": "customer service",
  "yang-li": "customer service",
  "zhao-lei": "customer service",
  "huang-wei": "customer service",
  [MANAGER]: "CS manager",
};

const ops = createServiceOps({
  site: { id: SITE, holidays: NATIONAL_DAY },
  clock: manualClock("2026-09-25T02:00:00Z"),
});
const person = (id: string, r: Actor["role"]): Actor => ({ id, role: r, sites: [SITE] });
const csManager = person(MANAGER, "csManager");
const teamLead = person("chen-jie", "teamLead");

/** Prints rows as a table with a header rule; columns padded to their widest cell. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  console.log(line(header));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const row of rows) console.log(line(row));
  console.log();
}

// The CS manager draws up the month: the seeds' arrangement, day by day.
const days = Array.from({ length: 31 }, (_, i) => `${MONTH}-${String(i + 1).padStart(2, "0")}`);
const shifts = days.flatMap((day, i) =>
  Object.entries(i % 2 === 0 ? groupA : groupB).flatMap(([pointId, people]) =>
    people.map((staffId) => ({ day, pointId, staffId })),
  ),
);
console.log(`svcops example: the mall's service centre, ${MONTH}\n`);
await ops.execute(
  ScheduleRoster({ month: MONTH, points: [MEMBER_CENTRE, SERVICE_CENTRE], staff, shifts }),
  { actor: csManager },
);

// S2: in a 31-day month group A works 16 days = 176 h. Publishing is refused, with every
// violation listed, not only the first.
try {
  await ops.execute(PublishRoster({ month: MONTH }), { actor: csManager });
} catch (error) {
  if (!(error instanceof ShiftRulesViolated)) throw error;
  console.log(
    `Publishing the seeds' arrangement is refused (${error.violations.length} violations):\n`,
  );
  table(
    ["rule", "day", "who", "why"],
    error.violations.map((v) => [v.rule, v.day, v.staffIds.join(", "), v.message]),
  );
}

// The manager covers one day of each of group A's four people, late in the month.
const covers = Object.values(groupA)
  .flat()
  .map((staffId, i) => ({
    kind: "cover" as const,
    day: days[24 + 2 * i] as string,
    staffId,
    byStaffId: MANAGER,
  }));
await ops.execute(
  AdjustRoster({ month: MONTH, changes: covers, reason: "31 days: the manager covers four days" }),
  { actor: csManager },
);
await ops.execute(PublishRoster({ month: MONTH }), { actor: csManager });
const { state: roster } = await ops.state(rosterAggregate, rosterStream(SITE, MONTH));
console.log(
  `After the manager covers ${covers.map((c) => c.day.slice(8)).join(", ")}: published.\n`,
);

const weekday = new Intl.DateTimeFormat("en-GB", { weekday: "short", timeZone: "UTC" });
const holiday = new Set(roster.holidayShifts.map((s) => s.day));
const on = (day: string, point: string) =>
  roster.shifts
    .filter((s) => s.day === day && s.pointId === point)
    .map((s) => s.staffId)
    .join(", ");
console.log("The roster (S1: 2 people a point every day; S4: holidays worked, holiday pay):\n");
table(
  ["day", "", "holiday", MEMBER_CENTRE, SERVICE_CENTRE],
  days.map((day) => [
    day,
    weekday.format(new Date(`${day}T00:00:00Z`)),
    holiday.has(day) ? "yes, holiday pay" : "",
    on(day, MEMBER_CENTRE),
    on(day, SERVICE_CENTRE),
  ]),
);

console.log("Hours per person against the 174 h cap (S2; a working day counts 11 h, S3):\n");
table(
  ["person", "role", "days", "hours", "of 174", "holiday days"],
  roster.hours.map((h) => [
    h.staffId,
    role[h.staffId] ?? "",
    String(h.days),
    String(h.hours),
    `${174 - h.hours} h left`,
    String(roster.holidayShifts.filter((s) => s.staffId === h.staffId).length),
  ]),
);

// S3: a day's breaks, staggered so that neither point is ever empty. A first plan sends both
// people of the member centre to lunch at overlapping times: refused, naming the point and gap.
const DAY = `${MONTH}-08`; // group B
const plan = [
  { staffId: "zhang-min", lunch: "11:30", dinner: "17:00" },
  { staffId: "liu-yang", lunch: "12:00", dinner: "18:00" },
  { staffId: "zhao-lei", lunch: "11:30", dinner: "17:00" },
  { staffId: "huang-wei", lunch: "12:30", dinner: "18:00" },
];
try {
  await ops.execute(PlanBreaks({ day: DAY, breaks: plan }), { actor: teamLead });
} catch (error) {
  if (!(error instanceof ShiftRulesViolated)) throw error;
  for (const v of error.violations) console.log(`Break plan refused (${v.rule}): ${v.message}`);
  console.log();
}
const staggered = plan.map((b) => (b.staffId === "liu-yang" ? { ...b, lunch: "12:30" } : b));
await ops.execute(PlanBreaks({ day: DAY, breaks: staggered }), { actor: teamLead });
const { state: after } = await ops.state(rosterAggregate, rosterStream(SITE, MONTH));
console.log(
  `The break plan of ${DAY} (S3: 1 h lunch in 11:30–13:30, 1 h dinner in 17:00–19:00):\n`,
);
table(
  ["person", "point", "lunch", "dinner"],
  (after.breaks[DAY] ?? []).map((b) => [
    b.staffId,
    b.pointId,
    `${b.lunch.from}–${b.lunch.to}`,
    `${b.dinner.from}–${b.dinner.to}`,
  ]),
);
