import { defineAction, idField, oneOf } from "#root/dialog/actions.ts";

/** The buttons of registration and consent. */
export const consentLinkAction = defineAction({ name: "consent-link", flow: "consent-link" });
export const parentConsentsAction = defineAction({ name: "parent-consents", flow: "parent-consents" });
export const inviteLinksAction = defineAction({ name: "invite-links", flow: "invite-links" });
export const revokeInviteLinksAction = defineAction({ name: "invite-links-revoke", flow: "invite-links-revoke" });
export const inviteCoordinatorAction = defineAction({ name: "invite-coordinator", flow: "invite-coordinator" });
/** A coordinator's verdict on a grant that waits for review. */
export const consentReviewAction = defineAction({
  name: "consent-review",
  flow: "consent-review",
  fields: { orgId: idField, consentId: idField, verdict: oneOf(["accept", "reject"]) },
});

export const REGISTRATION_ACTIONS = [
  consentLinkAction,
  parentConsentsAction,
  inviteLinksAction,
  revokeInviteLinksAction,
  inviteCoordinatorAction,
  consentReviewAction,
];
