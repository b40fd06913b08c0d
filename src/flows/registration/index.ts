import type { Feature } from "#root/dialog/flow.ts";
import { REGISTRATION_ACTIONS } from "./actions.ts";
import { consentLinkFlow } from "./consent-link.ts";
import { consentReviewFlow } from "./consent-review.ts";
import { registerCoordinatorFlow } from "./coordinator.ts";
import { inviteCoordinatorFlow, inviteLinksFlow, revokeInviteLinksFlow } from "./invite-links.ts";
import { registerMenteeFlow } from "./mentee.ts";
import { registerMentorFlow } from "./mentor.ts";
import { parentConsentFlow } from "./parent-consent.ts";
import { parentConsentsFlow } from "./parent-consents.ts";
import { startFlow } from "./start.ts";

export * from "./actions.ts";

/** Registration: invitations, the three registrations, consent links, parents' consent and its review. */
export const registrationFeature: Feature = {
  flows: [
    consentLinkFlow,
    consentReviewFlow,
    registerCoordinatorFlow,
    inviteLinksFlow,
    revokeInviteLinksFlow,
    inviteCoordinatorFlow,
    registerMenteeFlow,
    registerMentorFlow,
    parentConsentFlow,
    parentConsentsFlow,
    startFlow,
  ],
  actions: REGISTRATION_ACTIONS,
  commands: {
    start: (args) => ({ flow: "start", args: { payload: args || undefined } }),
  },
};
