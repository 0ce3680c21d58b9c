export * from "./complaint-reminders.js";
export * from "./day-close.js";
export * from "./day-close-discrepancies.js";
export * from "./hand-off-timeouts.js";
export * from "./quarterly-survey.js";
export * from "./venue-session-reminders.js";
