import { defineAction, idField, oneOf } from "#root/dialog/actions.ts";

/**
 * The buttons of a territory's coordinator (issue 20). Every one names its territory: the flow
 * re-checks that the person coordinates it or its region.
 */
export const territoryAction = defineAction({ name: "territory", flow: "territory", optional: { territoryId: idField } });
export const municipalitiesAction = defineAction({
  name: "terr-munis",
  flow: "territory-municipalities",
  fields: { territoryId: idField },
});
export const addMunicipalityAction = defineAction({
  name: "terr-add-muni",
  flow: "territory-add-municipality",
  fields: { territoryId: idField },
});
export const territoryOrganisationsAction = defineAction({
  name: "terr-orgs",
  flow: "territory-organisations",
  fields: { territoryId: idField },
});
export const joinRequestsAction = defineAction({ name: "terr-requests", flow: "territory-join-requests" });
export const territoryJoinLinkAction = defineAction({
  name: "terr-join-link",
  flow: "territory-join-link",
  fields: { territoryId: idField },
});
export const territoryInviteAction = defineAction({ name: "terr-invite", flow: "territory-invite", fields: { territoryId: idField } });
/** A territory's coordinator approves or refuses a school's request to join, from the notice or the list. */
export const joinDecisionAction = defineAction({
  name: "terr-decide",
  flow: "territory-join-decide",
  fields: { requestId: idField, verdict: oneOf(["approve", "refuse"]) },
});

/** A school's coordinator enters the organisation's number of students aged 10–19 for the school year (from the programme screen). */
export const enrolmentAction = defineAction({ name: "enrolment", flow: "enrolment" });

export const TERRITORY_ACTIONS = [
  territoryAction,
  municipalitiesAction,
  addMunicipalityAction,
  territoryOrganisationsAction,
  joinRequestsAction,
  territoryJoinLinkAction,
  territoryInviteAction,
  joinDecisionAction,
  enrolmentAction,
];
