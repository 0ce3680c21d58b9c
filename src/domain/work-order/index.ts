export * from "./aggregate.js";
export * from "./commands.js";
export * from "./decide.js";
export * from "./events.js";
export * from "./evolve.js";
export * from "./notifications.js";
export * from "./open-work-order.js";
export * from "./state.js";
