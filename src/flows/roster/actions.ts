import { defineAction } from "#root/dialog/actions.ts";

/** The coordinator's button that opens the roster import (on the base of mentees). */
export const rosterImportAction = defineAction({ name: "roster-import", flow: "roster-import" });

export const ROSTER_ACTIONS = [rosterImportAction];
