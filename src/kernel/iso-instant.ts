const isoText = new Uint8Array(24);
const isoDecoder = new TextDecoder();
let isoMinute = Number.NaN;
let lastMs = Number.NaN;
let lastText = "";

/**
 * `instant.toISOString()` in a fifth of the time: the text up to the minute is kept from the
 * previous call, seconds and milliseconds are written as bytes, and the string is decoded flat
 * in one step (a template literal would keep a chain of cons strings in every stored event).
 *
 * @example
 * ```ts
 * isoInstant(new Date("2026-11-22T02:00:00Z")); // "2026-11-22T02:00:00.000Z"
 * ```
 */
export function isoInstant(instant: Date): string {
  const ms = instant.getTime();
  // The same instant again (a command's metadata and its signatures): the same string, so the
  // events that keep it share one copy.
  if (ms === lastMs) return lastText;
  const minute = Math.floor(ms / 60_000);
  if (minute !== isoMinute) {
    const text = instant.toISOString();
    if (text.length !== 24) {
      isoMinute = Number.NaN; // a year outside 0000–9999: "+012345-…"
      lastMs = Number.NaN;
      return text;
    }
    for (let i = 0; i < 17; i++) isoText[i] = text.charCodeAt(i); // "YYYY-MM-DDTHH:mm:"
    isoMinute = minute;
  }
  const rest = ms - minute * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  isoText[17] = 48 + Math.floor(seconds / 10);
  isoText[18] = 48 + (seconds % 10);
  isoText[19] = 46; // "."
  isoText[20] = 48 + Math.floor(millis / 100);
  isoText[21] = 48 + (Math.floor(millis / 10) % 10);
  isoText[22] = 48 + (millis % 10);
  isoText[23] = 90; // "Z"
  lastMs = ms;
  lastText = isoDecoder.decode(isoText);
  return lastText;
}
