import type { AppendToStream, Commit, EventStore } from "svcops";

/**
 * A store that records the requests of each commit sent to it (one list per commit), for specs
 * that look at what a command's commit carries: which streams, at which versions, with how many
 * events.
 *
 * @example
 * ```ts
 * const { store, commits } = recording(createMemoryStore());
 * await createServiceOps({ site, store }).execute(command, { actor });
 * commits.at(-1)?.map((r) => [r.streamId, r.expectedVersion, r.events.length]);
 * ```
 */
export function recording(store: EventStore): {
  store: EventStore;
  commits: (readonly AppendToStream[])[];
} {
  const commits: (readonly AppendToStream[])[] = [];
  const wrapped: EventStore = {
    append: (request, command) => {
      commits.push([request]);
      return store.append(request, command);
    },
    appendMany: (requests, command) => {
      commits.push(requests);
      return store.appendMany(requests, command);
    },
    ...(store.appendBatch
      ? {
          appendBatch: async (batch: readonly Commit[]) => {
            for (const commit of batch) commits.push(commit.requests);
            return (store.appendBatch as NonNullable<EventStore["appendBatch"]>).call(store, batch);
          },
        }
      : {}),
    readStream: (id, options) => store.readStream(id, options),
    readAll: (options) => store.readAll(options),
    findCommand: (key) => store.findCommand(key),
    close: () => store.close(),
  };
  return { store: wrapped, commits };
}
