export * from "./memory-outbox.js";
export * from "./memory-store.js";
