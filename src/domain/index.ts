export * from "./complaint/index.js";
export * from "./deposit-loan/index.js";
export * from "./incident/index.js";
export * from "./inventory/index.js";
export * from "./key-tag-pool/index.js";
export * from "./reception/index.js";
export * from "./shared/index.js";
export * from "./visit/index.js";
