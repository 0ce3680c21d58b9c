export * from "./aggregate.js";
export * from "./commands.js";
export * from "./decide.js";
export * from "./enlist-venue-drinks.js";
export * from "./events.js";
export * from "./evolve.js";
export * from "./purchase-request.js";
export * from "./state.js";
