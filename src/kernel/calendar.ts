import { TZDate } from "@date-fns/tz";
import { addDays as addCalendarDays, format } from "date-fns";
import { z } from "zod";
import { ValidationError } from "./errors.js";

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be YYYY-MM-DD");
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "must be HH:mm (24-hour)");
const hours = z
  .object({ opens: clockTime, closes: clockTime })
  .refine((h) => h.opens < h.closes, { message: "opens must be before closes" });

/**
 * How a site keeps time: its IANA zone, opening hours, public holidays (worked, S4) and the days
 * it is closed.
 */
export const CalendarConfigSchema = z.object({
  timeZone: z
    .string()
    .refine(isTimeZone, { message: "must be an IANA time zone such as Asia/Shanghai" })
    .default("Asia/Shanghai"),
  /** Opening hours of every day, unless `weekly` says otherwise for a weekday. */
  openingHours: hours.default({ opens: "09:00", closes: "22:00" }),
  /** Per weekday (0 = Sunday … 6 = Saturday): other hours, or `null` for closed. */
  weekly: z
    .partialRecord(z.enum(["0", "1", "2", "3", "4", "5", "6"]), hours.nullable())
    .default({}),
  /** Public holidays (YYYY-MM-DD). The site is open; the day is flagged for holiday pay (S4). */
  holidays: z.array(isoDay).default([]),
  /** Days the site is closed (YYYY-MM-DD). */
  closedDays: z.array(isoDay).default([]),
});

export type CalendarConfig = z.input<typeof CalendarConfigSchema>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * How a deadline counts time: `elapsed` counts every millisecond; `openingHours` counts only
 * while the site is open (a callback due "2 h" after 21:30 falls due the next morning).
 */
export type TimeCounting = "elapsed" | "openingHours";

/** A span of time and how it is counted. The one algebra for every deadline (V10, C9, D2 …). */
export interface BusinessDuration {
  readonly ms: number;
  readonly counting: TimeCounting;
}

const DAY_LIMIT = 800;

/**
 * A site's calendar: business days in the site's zone, opening hours, holidays, and the
 * business-time algebra every deadline uses. Pure: it never reads the clock.
 *
 * @example
 * ```ts
 * const calendar = createCalendar({ timeZone: "Asia/Shanghai" });
 * calendar.businessDayOf(new Date("2026-11-22T17:30:00Z")); // "2026-11-23" (01:30 local)
 * calendar.due(new Date("2026-11-22T13:30:00Z"), { ms: 2 * 3600_000, counting: "openingHours" });
 * ```
 */
export class SiteCalendar {
  readonly timeZone: string;
  private readonly config: z.output<typeof CalendarConfigSchema>;
  private readonly holidays: ReadonlySet<string>;
  private readonly closed: ReadonlySet<string>;
  private cacheStart = 0;
  private cacheEnd = 0;
  private cacheDay = "";

  constructor(config: CalendarConfig = {}) {
    const parsed = CalendarConfigSchema.safeParse(config);
    if (!parsed.success) throw ValidationError.fromZod("Calendar", parsed.error, "calendar");
    this.config = parsed.data;
    this.timeZone = parsed.data.timeZone;
    this.holidays = new Set(parsed.data.holidays);
    this.closed = new Set(parsed.data.closedDays);
  }

  /** The business day (YYYY-MM-DD, site zone) an instant falls on. */
  businessDayOf(instant: Date): string {
    const t = instant.getTime();
    if (t >= this.cacheStart && t < this.cacheEnd) return this.cacheDay;
    const local = new TZDate(t, this.timeZone);
    const y = local.getFullYear();
    const m = local.getMonth();
    const d = local.getDate();
    this.cacheStart = new TZDate(y, m, d, this.timeZone).getTime();
    this.cacheEnd = new TZDate(y, m, d + 1, this.timeZone).getTime();
    this.cacheDay = formatDay(y, m, d);
    return this.cacheDay;
  }

  /** The instants (plain UTC Dates) a business day starts (local midnight) and ends (next local midnight). */
  dayBounds(day: string): { start: Date; end: Date } {
    const [y, m, d] = parseDay(day);
    return {
      start: new Date(new TZDate(y, m, d, this.timeZone).getTime()),
      end: new Date(new TZDate(y, m, d + 1, this.timeZone).getTime()),
    };
  }

  /** The day after (or `n` days after) a business day: calendar days, with date-fns. */
  addDays(day: string, n: number): string {
    const [y, m, d] = parseDay(day);
    return format(addCalendarDays(new Date(y, m, d), n), "yyyy-MM-dd");
  }

  /** Whether a day is a public holiday (worked, flagged for holiday pay: S4). */
  isHoliday(day: string): boolean {
    return this.holidays.has(day);
  }

  /** Opening and closing instants of a day, or `null` when the site is closed that day. */
  openingHoursOf(day: string): { opens: Date; closes: Date } | null {
    const hours = this.hoursOf(day);
    if (!hours) return null;
    return { opens: this.at(day, hours.opens), closes: this.at(day, hours.closes) };
  }

  /**
   * Whether the site opens on a day (`openingHoursOf(day) !== null`), without building the
   * instants: the roster check (S1) asks it for every day of a month.
   */
  isOpenOn(day: string): boolean {
    return this.hoursOf(day) !== null;
  }

  private hoursOf(day: string): { opens: string; closes: string } | null {
    if (this.closed.has(day)) return null;
    const [y, m, d] = parseDay(day);
    const weekday = String(new Date(Date.UTC(y, m, d)).getUTCDay()) as "0";
    const hours =
      weekday in this.config.weekly ? this.config.weekly[weekday] : this.config.openingHours;
    return hours ?? null;
  }

  /** The instant of a local wall-clock time (`"HH:mm"`) on a business day. */
  at(day: string, time: string): Date {
    const [y, m, d] = parseDay(day);
    const [hh, mm] = time.split(":").map(Number) as [number, number];
    return new Date(new TZDate(y, m, d, hh, mm, 0, this.timeZone).getTime());
  }

  /** Whether the site is open at an instant. */
  isOpenAt(instant: Date): boolean {
    const hours = this.openingHoursOf(this.businessDayOf(instant));
    return hours !== null && instant >= hours.opens && instant < hours.closes;
  }

  /**
   * When a span that starts at `start` is used up. `elapsed` adds the milliseconds;
   * `openingHours` adds them only while the site is open, skipping nights and closed days.
   */
  due(start: Date, span: BusinessDuration): Date {
    if (span.counting === "elapsed") return new Date(start.getTime() + span.ms);
    let left = span.ms;
    let cursor = start.getTime();
    let day = this.businessDayOf(start);
    for (let i = 0; i < DAY_LIMIT; i++, day = this.addDays(day, 1)) {
      const hours = this.openingHoursOf(day);
      if (!hours) continue;
      const from = Math.max(cursor, hours.opens.getTime());
      const to = hours.closes.getTime();
      if (from >= to) continue;
      if (from + left <= to) return new Date(from + left);
      left -= to - from;
      cursor = to;
    }
    throw new RangeError(`due: the site is not open long enough within ${DAY_LIMIT} days`);
  }

  /** How much of a span has run between two instants, counted as `counting` says. */
  measure(start: Date, end: Date, counting: TimeCounting): number {
    if (end <= start) return 0;
    if (counting === "elapsed") return end.getTime() - start.getTime();
    let total = 0;
    let day = this.businessDayOf(start);
    const last = this.businessDayOf(end);
    for (let i = 0; i < DAY_LIMIT; i++, day = this.addDays(day, 1)) {
      const hours = this.openingHoursOf(day);
      if (hours) {
        const from = Math.max(start.getTime(), hours.opens.getTime());
        const to = Math.min(end.getTime(), hours.closes.getTime());
        if (to > from) total += to - from;
      }
      if (day === last) break;
    }
    return total;
  }

  /**
   * How many periods have started after a free span: the "each started day beyond the free
   * period" of D2. 0 while within the free span.
   */
  startedPeriodsBeyond(
    start: Date,
    end: Date,
    free: BusinessDuration,
    period: BusinessDuration,
  ): number {
    const used = this.measure(start, end, free.counting);
    if (used <= free.ms) return 0;
    const beyond = this.measure(this.due(start, free), end, period.counting);
    return Math.ceil(beyond / period.ms);
  }
}

/**
 * Creates a site calendar, or throws a ValidationError naming the bad field.
 *
 * @example
 * ```ts
 * const calendar = createCalendar({ openingHours: { opens: "06:00", closes: "22:00" } });
 * ```
 */
export function createCalendar(config: CalendarConfig = {}): SiteCalendar {
  return new SiteCalendar(config);
}

function parseDay(day: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new RangeError(`${day} is not a business day (YYYY-MM-DD)`);
  return [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
}

function formatDay(y: number, m: number, d: number): string {
  return `${y}-${String(m + 1).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}
