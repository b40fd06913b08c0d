import type { Feature } from "#root/dialog/flow.ts";
import { PROGRAMME_ACTIONS } from "./actions.ts";
import { announceFlow, announcementStatusFlow } from "./announce.ts";
import { exportFlow } from "./export.ts";
import { matchFlow } from "./match.ts";
import { menteeSituationsFlow } from "./mentee-situations.ts";
import { openCycleFlow, organisationFormsFlow } from "./open-cycle.ts";
import { participantBaseFlow } from "./participant-base.ts";
import { programmeFlow } from "./programme.ts";
import { reviewMentorsFlow } from "./review-mentors.ts";
import { switchOrganisationFlow } from "./switch-organisation.ts";

export * from "./actions.ts";

/** A coordinator's programme: the cycle, the bases, mentors' review, situations, matching, announcements, export. */
export const programmeFeature: Feature = {
  flows: [
    announceFlow,
    announcementStatusFlow,
    exportFlow,
    matchFlow,
    menteeSituationsFlow,
    openCycleFlow,
    organisationFormsFlow,
    participantBaseFlow,
    programmeFlow,
    reviewMentorsFlow,
    switchOrganisationFlow,
  ],
  actions: PROGRAMME_ACTIONS,
};
