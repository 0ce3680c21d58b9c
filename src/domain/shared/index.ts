export * from "./people.js";
export * from "./roles.js";
export * from "./signature.js";
