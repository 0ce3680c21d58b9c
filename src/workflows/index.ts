export * from "./hand-off-timeouts.js";
