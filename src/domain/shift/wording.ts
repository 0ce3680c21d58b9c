/** Internal wording helpers of the Shift messages (not exported from the package). */

/** "a1", "a1 and a2", "a1, a2 and a3". */
export function list(names: readonly string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/** 176 → "176", 10.5 → "10.5". */
export function formatHours(hours: number): string {
  return String(Math.round(hours * 100) / 100);
}

/** "HH:mm" → minutes after midnight. */
export function minutesOf(time: string): number {
  const [h, m] = time.split(":").map(Number) as [number, number];
  return h * 60 + m;
}

/** Minutes after midnight → "HH:mm". */
export function clockOf(minutes: number): string {
  const h = Math.floor(minutes / 60);
  return `${String(h).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
