/**
 * svcops/testing: given/when/then specs for deciders and projections, and the EventStore
 * conformance suite for adapters.
 *
 * @example
 * ```ts
 * import { given, eventStoreConformance } from "svcops/testing";
 * ```
 * @packageDocumentation
 */
export * from "./decider-spec.js";
export * from "./event-store-conformance.js";
export * from "./projection-spec.js";
