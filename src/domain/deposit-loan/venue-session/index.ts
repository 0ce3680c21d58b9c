export * from "./commands.js";
export * from "./correct-settlement.js";
export * from "./decide.js";
export * from "./events.js";
export * from "./evolve.js";
export * from "./notifications.js";
export * from "./state.js";
export * from "./venue-fee.js";
