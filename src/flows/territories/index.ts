import type { Feature } from "#root/dialog/flow.ts";
import { TERRITORY_ACTIONS } from "./actions.ts";
import { enrolmentFlow } from "./enrolment.ts";
import { joinTerritoryFlow } from "./join.ts";
import { territoryJoinRequestFlow } from "./join-request.ts";
import { territoryInviteFlow, territoryJoinLinkFlow } from "./links.ts";
import { addMunicipalityFlow, municipalitiesFlow } from "./municipalities.ts";
import { territoryOrganisationsFlow } from "./organisations.ts";
import { joinDecisionFlow, joinRequestsFlow } from "./requests.ts";
import { territoryFlow } from "./territory.ts";

export * from "./actions.ts";

/** The regional level (issue 20): territories' coordinators, their screens, schools asking to join, a school's yearly number of students. */
export const territoriesFeature: Feature = {
  flows: [
    addMunicipalityFlow,
    enrolmentFlow,
    joinDecisionFlow,
    joinRequestsFlow,
    joinTerritoryFlow,
    municipalitiesFlow,
    territoryFlow,
    territoryInviteFlow,
    territoryJoinLinkFlow,
    territoryJoinRequestFlow,
    territoryOrganisationsFlow,
  ],
  actions: TERRITORY_ACTIONS,
};
