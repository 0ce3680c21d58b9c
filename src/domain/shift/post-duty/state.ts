/** Where a leave from the post stands (S8). */
export type LeaveStatus = "requested" | "granted" | "away" | "returned";

/** One leave from the post. */
export interface PostLeave {
  readonly staffId: string;
  readonly pointId: string;
  readonly reason: string;
  readonly status: LeaveStatus;
}

/** A site's business day at its posts: the leaves asked for and taken, and the breaches (S8). */
export interface PostDutyState {
  readonly leaves: Readonly<Record<string, PostLeave>>;
  /** How many times someone was found away without leave, by person. */
  readonly breaches: Readonly<Record<string, number>>;
}

/** A day before anyone asks for leave. */
export const initialPostDutyState: PostDutyState = { leaves: {}, breaches: {} };
