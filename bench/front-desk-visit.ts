import type { ShippedCommand } from "../src/index.js";

/** The water-bar charge of an even visit, in fen. */
export const TAB_AMOUNT = 1500;

/**
 * One visit of the front-desk day through `send`: CheckInMember; for even n ChargeTab and
 * SettleTab of 1500 fen; CheckOutMember. Commands are plain objects, so the schema parse is
 * paid once, inside `execute`.
 */
export async function frontDeskVisit(
  i: number,
  keyTag: string,
  send: (command: ShippedCommand) => Promise<void>,
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
    await send({ type: "ChargeTab", data: { visitId, amount: TAB_AMOUNT, source: "waterBar" } });
    await send({ type: "SettleTab", data: { visitId, amount: TAB_AMOUNT, method: "cash" } });
  }
  await send({ type: "CheckOutMember", data: { visitId, keyTag } });
}
