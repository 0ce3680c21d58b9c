import type { ShippedCommand } from "../src/index.js";

/** The water-bar charge of an even visit, in fen. */
export const TAB_AMOUNT = 1500;

/** Which front-desk day: the Visit's own tab charge, or a sale at the water bar on the key tag. */
export type DayKind = "visit" | "waterBar";

/** The water bar an even visit buys at on a water-bar day: its location and receipt numbers. */
export interface WaterBar {
  readonly location: string;
  /** The next receipt number of the location's day (N2: no gaps, no reuse). */
  readonly nextReceipt: () => number;
}

/**
 * One visit of the front-desk day through `send`: CheckInMember; for even n a charge of 1500 fen
 * and SettleTab of it; CheckOutMember. The charge is the Visit's `ChargeTab`, or, given a
 * `waterBar`, a water-bar sale on the member's key tag (`SellItems` paid by key tag, which
 * enlists the pool and the visit's tab in the same append: N2, V4). Commands are plain objects,
 * so the schema parse is paid once, inside `execute`.
 */
export async function frontDeskVisit(
  i: number,
  keyTag: string,
  send: (command: ShippedCommand) => Promise<void>,
  waterBar?: WaterBar,
): Promise<void> {
  const visitId = `v${i}`;
  await send({
    type: "CheckInMember",
    data: {
      visitId,
      memberCard: `M${i}`,
      keyTag,
      category: "member",
      gender: i % 2 === 0 ? "female" : "male",
    },
  });
  if (i % 2 === 0) {
    if (waterBar) {
      await send({
        type: "SellItems",
        data: {
          location: waterBar.location,
          receiptNumber: waterBar.nextReceipt(),
          lines: [{ item: "water", quantity: 1, unitPrice: TAB_AMOUNT }],
          payment: { keyTag },
        },
      });
    } else {
      await send({ type: "ChargeTab", data: { visitId, amount: TAB_AMOUNT, source: "waterBar" } });
    }
    await send({ type: "SettleTab", data: { visitId, amount: TAB_AMOUNT, method: "cash" } });
  }
  await send({ type: "CheckOutMember", data: { visitId, keyTag } });
}

/**
 * The untimed set-up of a water bar: its item list and an opening count of `stock` bottles
 * (N1, N7). Sent by a team lead.
 */
export function waterBarSetup(location: string, stock: number): ShippedCommand[] {
  return [
    { type: "ListItems", data: { location, items: [{ item: "water", kind: "goods" }] } },
    { type: "CountOpeningStock", data: { location, counts: [{ item: "water", quantity: stock }] } },
  ];
}

/** A water bar whose receipts count from 1. */
export function waterBarAt(location: string): WaterBar {
  let receipt = 0;
  return { location, nextReceipt: () => ++receipt };
}

/** Events a day of `n` visits appends: check-in and check-out append 2 each; a charge on the
 * tab 1 (ChargeTab) or 2 (the sale and the tab's charge; the pool routes it without an event of
 * its own); a settlement 1. */
export function eventsOfDay(n: number, day: DayKind): number {
  const tabbed = Math.ceil(n / 2);
  return 4 * n + tabbed * (day === "waterBar" ? 3 : 2);
}
