export * from "./memory-key-store.js";
export * from "./memory-outbox.js";
export * from "./memory-store.js";
