export * from "./complaint-reminders.js";
export * from "./hand-off-timeouts.js";
export * from "./quarterly-survey.js";
export * from "./venue-session-reminders.js";
