/**
 * svcops: front-desk service operations as an event-sourced core.
 *
 * @example
 * ```ts
 * import { createServiceOps, CheckInMember } from "svcops";
 * ```
 * @packageDocumentation
 */
export * from "./domain/index.js";
export * from "./kernel/index.js";
export * from "./projections/index.js";
export * from "./service-ops.js";
export * from "./stores/memory/index.js";
export * from "./workflows/index.js";
