import { dayCloseAggregate, dayCloseStream } from "../domain/day-close/aggregate.js";
import {
  BeginDayClose,
  CloseBusinessDay,
  type DayCloseCommand,
  ListDayCloseDiscrepancies,
} from "../domain/day-close/commands.js";
import {
  type DayCloseState,
  type ListedDiscrepancy,
  missingForClose,
} from "../domain/day-close/state.js";
import type { CommandResult } from "../kernel/command-handler.js";
import type { Actor } from "../kernel/envelope.js";
import { RuleViolation } from "../kernel/errors.js";
import type { ExecuteOptions } from "../kernel/execute-options.js";
import { cashDrawer } from "../projections/cash-drawer.js";
import { keyTagMovements } from "../projections/key-tag-reconciliation.js";
import { stockReport } from "../projections/stock-report.js";
import type { ServiceOps } from "../service-ops.js";
import { dayCloseDiscrepancies, uncountedLocations } from "./day-close-discrepancies.js";

/** What the day-close workflow needs of svcops: any façade that routes the day close. */
export interface DayCloseOps extends Pick<ServiceOps, "site" | "read" | "state"> {
  execute(command: DayCloseCommand, options: ExecuteOptions): Promise<CommandResult>;
}

/** Where a business day's close stands after a step of the workflow. */
export interface DayCloseReview {
  readonly businessDay: string;
  readonly phase: DayCloseState["phase"];
  /** Counts the close waits for before it lists anything (stock locations, the drawer). */
  readonly waitingFor: readonly string[];
  /** The discrepancies listed, each with its note once annotated; empty until listed. */
  readonly discrepancies: readonly ListedDiscrepancy[];
  /** What `CloseBusinessDay` still lacks (annotations, valuables, handover); empty once closed. */
  readonly missing: readonly string[];
}

/**
 * S7's closing (with V6 and N5) as a process manager. `begin` stops the day's front-desk intake
 * (`BeginDayClose`: from then on every front-desk command dated in that day is refused, S7).
 * Each `tick` then moves the close on as far as it can: once every stock location that opened
 * the day has its closing count (N5) and the cashier has counted the drawer, it reads the
 * key-tag reconciliation (V6), the stock report and the cash drawer, and lists every
 * discrepancy (`ListDayCloseDiscrepancies`); once each is annotated by its responsible role and
 * the closing list is done (valuables locked, handover written), it closes the day
 * (`CloseBusinessDay`). It sends nothing else: annotations and the closing list are people's
 * commands. A tick that comes early or twice changes nothing.
 *
 * @example
 * ```ts
 * const close = dayClose(ops);
 * await close.begin({ businessDay: "2026-12-06", actor: dutyManager });
 * await ops.execute(CountCashDrawer({ businessDay: "2026-12-06", counted }), { actor: cashier });
 * const review = await close.tick({ businessDay: "2026-12-06", actor: dutyManager });
 * review.discrepancies; // annotate each, lock the valuables, write the handover, tick again
 * ```
 */
export function dayClose(ops: DayCloseOps) {
  const streamOf = (businessDay: string) => dayCloseStream(ops.site.id, businessDay);
  const load = async (businessDay: string) =>
    (await ops.state(dayCloseAggregate, streamOf(businessDay))).state;

  async function review(businessDay: string, state: DayCloseState): Promise<DayCloseReview> {
    const waitingFor: string[] = [];
    if (state.phase === "closing" && state.discrepancies === undefined) {
      for (const location of uncountedLocations(await ops.read(stockReport), businessDay)) {
        waitingFor.push(`the closing stock count of ${location}`);
      }
      if (state.cashCounted === undefined) waitingFor.push("the cash drawer's count");
    }
    return {
      businessDay,
      phase: state.phase,
      waitingFor,
      discrepancies: state.discrepancies ?? [],
      missing: missingForClose(state),
    };
  }

  return {
    /** Begins the close of a business day: the desk takes no more commands dated in it. */
    async begin(options: { businessDay: string; actor: Actor }): Promise<CommandResult> {
      return ops.execute(BeginDayClose({ businessDay: options.businessDay }), {
        actor: options.actor,
      });
    },

    /** Lists the discrepancies when the counts are in, and closes the day when it may. */
    async tick(options: { businessDay: string; actor: Actor }): Promise<DayCloseReview> {
      const { businessDay, actor } = options;
      let state = await load(businessDay);
      let current = await review(businessDay, state);
      if (state.phase !== "closing") return current;
      if (state.discrepancies === undefined && current.waitingFor.length === 0) {
        const discrepancies = dayCloseDiscrepancies({
          businessDay,
          keyTags: await ops.read(keyTagMovements),
          stock: await ops.read(stockReport),
          drawer: await ops.read(cashDrawer(ops.site.calendar)),
          cashCounted: state.cashCounted ?? [],
        });
        await settled(
          ops.execute(ListDayCloseDiscrepancies({ businessDay, discrepancies }), { actor }),
        );
        state = await load(businessDay);
        current = await review(businessDay, state);
      }
      if (state.phase === "closing" && current.missing.length === 0) {
        await settled(ops.execute(CloseBusinessDay({ businessDay }), { actor }));
        state = await load(businessDay);
        current = await review(businessDay, state);
      }
      return current;
    },
  };
}

/** A step another tick (or instance) took first is refused with S7: the state read next tells. */
async function settled(step: Promise<CommandResult>): Promise<void> {
  try {
    await step;
  } catch (error) {
    if (!(error instanceof RuleViolation && error.rule === "S7")) throw error;
  }
}
