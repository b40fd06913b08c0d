import type { Feature } from "#root/dialog/flow.ts";
import { ROSTER_ACTIONS } from "./actions.ts";
import { rosterClaimFlow } from "./claim.ts";
import { rosterImportFlow } from "./import.ts";

export * from "./actions.ts";

/** Roster import (issue 19): a class list becomes invited students with personal links; a student claims theirs in two taps. */
export const rosterFeature: Feature = {
  flows: [rosterImportFlow, rosterClaimFlow],
  actions: ROSTER_ACTIONS,
};
