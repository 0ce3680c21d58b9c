import { defineProjection, type KeyTagPoolEvent, type VisitEvent } from "../src/index.js";

/** What the benchmark's rebuild folds the global log into. */
export interface FrontDeskView {
  readonly female: number;
  readonly male: number;
  readonly tagsIssued: number;
  readonly tagsReturned: number;
}

/** Entries by gender and tags issued / returned, from the global log. */
export const frontDeskView = defineProjection<FrontDeskView, VisitEvent | KeyTagPoolEvent>({
  name: "bench-front-desk",
  initialView: { female: 0, male: 0, tagsIssued: 0, tagsReturned: 0 },
  eventTypes: ["MemberCheckedIn", "KeyTagIssued", "KeyTagReturned"],
  fold(view, event) {
    switch (event.type) {
      case "MemberCheckedIn":
        return event.data.gender === "female"
          ? { ...view, female: view.female + 1 }
          : { ...view, male: view.male + 1 };
      case "KeyTagIssued":
        return { ...view, tagsIssued: view.tagsIssued + 1 };
      case "KeyTagReturned":
        return { ...view, tagsReturned: view.tagsReturned + 1 };
      default:
        return view;
    }
  },
});
