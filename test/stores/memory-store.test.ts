import { describe, it } from "vitest";
import { createMemoryStore } from "../../src/index.js";
import { eventStoreConformance } from "../../src/testing/index.js";

eventStoreConformance(() => createMemoryStore(), { describe, it, name: "memory", rounds: 100 });
