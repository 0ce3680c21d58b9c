export * from "./deposit-ledger.js";
export * from "./open-loans.js";
