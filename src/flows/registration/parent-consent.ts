import type { DecidedConsent } from "#root/db/repositories/consents.ts";
import type { NewOutboxMessage } from "#root/db/repositories/outbox.ts";
import type { FlowDefinition } from "#root/dialog/flow.ts";
import { ageThisYear, CONSENT_TEXT_VERSION, type ConsentDecision } from "#root/domain/consent.ts";
import { parsePersonName } from "#root/domain/parsers.ts";
import type { Role } from "#root/domain/programme.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import { currentPerson } from "../common/people.ts";
import { menuAction } from "../self-service/actions.ts";
import { consentReviewAction, parentConsentsAction } from "./actions.ts";
import { consentText } from "./registration.ts";

/**
 * A parent opens the link their child forwarded: sees who asks, for what, and the consent text,
 * gives their name and agrees or declines. The child and the coordinators are told.
 */
export const parentConsentFlow: FlowDefinition<{ token: string }> = {
  name: "parent-consent",
  version: 2,
  async run(d, ctx, { token }) {
    const request = await d.run("consent-request", async () => {
      const found = await ctx.repos.invites.find(token, ctx.now());
      if (!found.ok) return found;
      const participant = found.invite.subjectParticipantId
        ? await ctx.repos.people.participant(found.invite.subjectParticipantId)
        : undefined;
      const child = participant ? await ctx.repos.people.get(participant.personId) : undefined;
      if (!participant || !child || participant.status === "withdrawn" || participant.status === "left") {
        return { ok: false as const, reason: "unknown" as const };
      }
      return {
        ok: true as const,
        childPersonId: child.id,
        childName: child.fullName ?? "",
        childAge: child.birthYear ? ageThisYear(child.birthYear, ctx.now()) : 0,
        role: participant.role,
        orgId: participant.orgId,
        orgName: participant.orgName,
      };
    });
    if (!request.ok) {
      await d.say(msg(`invite-${request.reason}`));
      return { next: "menu" };
    }
    const me = await currentPerson(d, ctx);
    if (me?.person.id === request.childPersonId) {
      await d.say(msg("consent-link-is-for-parent"));
      return;
    }
    const refusal = await d.run(
      "giver-check",
      async () => (await ctx.repos.consents.giverRefusal(ctx.chat.accountId, request.orgId, ctx.now())) ?? null,
    );
    if (refusal) {
      await d.say(refusalMessage(refusal));
      return;
    }
    await d.say(
      msg("consent-request-intro", {
        org: request.orgName,
        child: request.childName,
        age: request.childAge,
        role: msg(`role-${request.role}`),
      }),
    );
    await d.say(consentText(request.role === "mentor" ? "mentor" : "mentee"));
    const parentName = await d.ask(msg("consent-parent-name"), { parse: parsePersonName });
    const answer = await d.choose(msg("consent-parent-question", { child: request.childName }), [
      { value: "granted", label: msg("button-consent-agree") },
      { value: "declined", label: msg("button-consent-decline") },
    ]);
    const result = await d.run("decide", async () => {
      const now = ctx.now();
      const decided = await ctx.repos.consents.decideAsParent({
        token,
        accountId: ctx.chat.accountId,
        parentName,
        locale: d.locale,
        decision: answer,
        textVersion: CONSENT_TEXT_VERSION,
        platform: ctx.chat.platform,
        now,
        notices: (consent) =>
          consent.awaitsReview
            ? reviewRequests(consent, request.childName, parentName, now)
            : decisionNotices(consent, answer, request.role, request.childName, parentName, now),
      });
      if (decided.ok) ctx.kickDelivery();
      return decided;
    });
    if (!result.ok) {
      await d.say(refusalMessage(result.reason));
      return { next: "menu" };
    }
    if (result.awaitsReview) {
      await d.say(msg("consent-review-parent"), { buttons: [[menuAction.button(msg("button-menu"))]] });
      return;
    }
    await d.say(msg(`consent-${answer}-parent`, { child: request.childName }), {
      buttons: [[parentConsentsAction.button(msg("button-parent-consents"))], [menuAction.button(msg("button-menu"))]],
    });
  },
};

/** The answer to a link that cannot be used, or to a person who may not answer it. */
function refusalMessage(reason: "unknown" | "expired" | "used_up" | "giver-minor" | "giver-mentee") {
  if (reason === "giver-minor") return msg("consent-giver-minor");
  if (reason === "giver-mentee") return msg("consent-giver-mentee");
  return msg(`invite-${reason}`);
}

/** What the child hears of a parent's agreement depends on their part: a mentor waits for approval and mentees. */
export function childNotice(answer: ConsentDecision, role: Role): Msg {
  return answer === "granted" && role === "mentor" ? msg("consent-granted-mentor") : msg(`consent-${answer}-child`);
}

/** The child and the coordinators hear a parent's decision. */
function decisionNotices(
  consent: DecidedConsent,
  answer: ConsentDecision,
  role: Role,
  childName: string,
  parentName: string,
  now: Date,
): NewOutboxMessage[] {
  return [
    {
      to: { personId: consent.childPersonId },
      message: { text: [childNotice(answer, role)], buttons: [[menuAction.button(msg("button-menu"))]] },
      dedupKey: `consent:${consent.consentId}:child`,
      dueAt: now,
    },
    ...consent.coordinatorIds.map((coordinator) => ({
      to: { personId: coordinator },
      message: { text: [msg(`consent-${answer}-coordinator`, { child: childName, parent: parentName })] },
      dedupKey: `consent:${consent.consentId}:coordinator:${coordinator}`,
      dueAt: now,
    })),
  ];
}

/**
 * A grant that follows another person's decline: the coordinators hear who declined and who agrees
 * now, and decide; the child hears nothing until they do.
 */
function reviewRequests(consent: DecidedConsent, childName: string, parentName: string, now: Date): NewOutboxMessage[] {
  const verdict = (verdict: "accept" | "reject") =>
    consentReviewAction.payload({ orgId: consent.orgId, consentId: consent.consentId, verdict });
  return consent.coordinatorIds.map((coordinator) => ({
    to: { personId: coordinator },
    message: {
      text: [msg("consent-review-coordinator", { child: childName, previous: consent.previousGiverName ?? "—", parent: parentName })],
      buttons: [
        [{ label: msg("button-consent-review-accept"), payload: verdict("accept") }],
        [{ label: msg("button-consent-review-reject"), payload: verdict("reject") }],
      ],
    },
    dedupKey: `consent:${consent.consentId}:review:${coordinator}`,
    dueAt: now,
  }));
}
