export * from "./complaint-cases.js";
export * from "./complaint-reports.js";
export * from "./complaints-due.js";
export * from "./daily-entry-counts.js";
export * from "./key-tag-ledger.js";
export * from "./key-tag-reconciliation.js";
export * from "./penalty-ledger.js";
export * from "./pending-hand-offs.js";
