import type { Feature } from "#root/dialog/flow.ts";
import { PARENTS_ACTIONS } from "./actions.ts";
import { parentChildrenFlow, parentNoticesFlow } from "./children.ts";
import { parentsToldFlow, parentsToldSetFlow } from "./choice.ts";

export * from "./actions.ts";

/**
 * Parents who know (issue 18): the parent's screen of their children's pairs and meetings and the
 * switch of the meeting notices; the teenager's and the coordinator's choice whether parents are told.
 * The notices themselves go out with the meetings' own (flows/meetings/parent-notices.ts).
 */
export const parentsFeature: Feature = {
  flows: [parentChildrenFlow, parentNoticesFlow, parentsToldFlow, parentsToldSetFlow],
  actions: PARENTS_ACTIONS,
};
