export * from "./aggregate.js";
export * from "./commands.js";
export * from "./decide.js";
export * from "./events.js";
export * from "./evolve.js";
export * from "./forward-to-visit-tab.js";
export * from "./free-key-tags.js";
export * from "./state.js";
