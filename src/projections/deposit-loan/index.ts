export * from "./deposit-ledger.js";
export * from "./open-loans.js";
export * from "./venue-reminders-due.js";
