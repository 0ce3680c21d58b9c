export * from "./memory-key-store.js";
export * from "./memory-store.js";
