/**
 * The commands of a front-desk burst, the same in the writer process and in the test that
 * checks what it left: command n (from 0) checks a member in (even n) or out (odd n), on one of
 * 20 key tags, with the command id `<tag>-<n>`. Command ids, not event data, tie them together.
 *
 * @example
 * ```ts
 * const { command, commandId } = burstCommand("k", 3); // CheckOutMember of visit k-v1
 * ```
 */
import { type Actor, CheckInMember, CheckOutMember, type ShippedCommand } from "../../src/index.js";

export const BURST_SITE = "club-1";
export const BURST_TAGS = Array.from({ length: 20 }, (_, i) => `k${i}`);
export const burstDesk: Actor = { id: "desk-1", role: "frontDesk", sites: [BURST_SITE] };
export const burstLead: Actor = { id: "lead-1", role: "teamLead", sites: [BURST_SITE] };

export function burstCommand(
  tag: string,
  n: number,
): { command: ShippedCommand; commandId: string } {
  const visit = Math.floor(n / 2);
  const visitId = `${tag}-v${visit}`;
  const keyTag = BURST_TAGS[visit % BURST_TAGS.length] as string;
  return {
    commandId: `${tag}-${n}`,
    command:
      n % 2 === 0
        ? CheckInMember({ visitId, memberCard: `M-${visit}`, keyTag, gender: "female" })
        : CheckOutMember({ visitId, keyTag }),
  };
}
