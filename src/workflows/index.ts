export * from "./complaint-reminders.js";
export * from "./day-close.js";
export * from "./day-close-discrepancies.js";
export * from "./hand-off-timeouts.js";
