export * from "./aggregate.js";
export * from "./commands.js";
export * from "./decide.js";
export * from "./enlist-reception.js";
export * from "./events.js";
export * from "./evolve.js";
export * from "./state.js";
