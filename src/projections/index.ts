export * from "./daily-entry-counts.js";
export * from "./incident-reports.js";
export * from "./key-tag-ledger.js";
export * from "./key-tag-reconciliation.js";
export * from "./open-incidents.js";
export * from "./pending-hand-offs.js";
