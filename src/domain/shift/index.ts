export * from "./conduct/index.js";
export * from "./post-duty/index.js";
export * from "./roster/index.js";
export * from "./shift-rules-violated.js";
