import { CONSENT_TEXT_VERSION, ageThisYear } from "#root/domain/consent.ts";
import { parsePersonName } from "#root/domain/parsers.ts";
import { packAction } from "#root/dialog/buttons.ts";
import type { FlowDefinition } from "#root/dialog/flow.ts";
import type { ParentDecisionResult } from "#root/db/repositories/consents.ts";
import type { FlowContext } from "#root/dialog/flow.ts";
import { msg } from "#root/i18n/translator.ts";
import { currentPerson } from "./people.ts";

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
      const participant = found.invite.subjectParticipantId ? await ctx.repos.people.participant(found.invite.subjectParticipantId) : undefined;
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
    const refusal = await d.run("giver-check", async () => (await ctx.repos.consents.giverRefusal(ctx.chat.accountId, request.orgId, ctx.now())) ?? null);
    if (refusal) {
      await d.say(refusalMessage(refusal));
      return;
    }
    await d.say(msg("consent-request-intro", { org: request.orgName, child: request.childName, age: request.childAge, role: msg(`role-${request.role}`) }));
    await d.say(msg(`consent-text-${CONSENT_TEXT_VERSION}`));
    const parentName = await d.ask(msg("consent-parent-name"), { parse: parsePersonName });
    const answer = await d.choose(msg("consent-parent-question", { child: request.childName }), [
      { value: "granted", label: msg("button-consent-agree") },
      { value: "declined", label: msg("button-consent-decline") },
    ]);
    const result = await d.run("decide", async () => {
      const decided = await ctx.repos.consents.decideAsParent({
        token,
        accountId: ctx.chat.accountId,
        parentName,
        locale: d.locale,
        decision: answer,
        textVersion: CONSENT_TEXT_VERSION,
        platform: ctx.chat.platform,
        now: ctx.now(),
      });
      if (!decided.ok) return decided;
      if (decided.awaitsReview) {
        await askCoordinatorsToReview(ctx, decided, request.childName, parentName);
        return decided;
      }
      await ctx.notify.send(
        { personId: decided.childPersonId },
        {
          text: [msg(`consent-${answer}-child`)],
          buttons: [[{ label: msg("button-menu"), payload: packAction("menu") }]],
        },
        `consent:${decided.consentId}:child`,
      );
      for (const coordinator of await ctx.repos.organisations.coordinatorPersonIds(decided.orgId)) {
        await ctx.notify.send(
          { personId: coordinator },
          { text: [msg(`consent-${answer}-coordinator`, { child: request.childName, parent: parentName })] },
          `consent:${decided.consentId}:coordinator:${coordinator}`,
        );
      }
      return decided;
    });
    if (!result.ok) {
      await d.say(refusalMessage(result.reason));
      return { next: "menu" };
    }
    if (result.awaitsReview) {
      await d.say(msg("consent-review-parent"), { buttons: [[{ label: msg("button-menu"), action: "menu" }]] });
      return;
    }
    await d.say(msg(`consent-${answer}-parent`, { child: request.childName }), {
      buttons: [[{ label: msg("button-parent-consents"), action: "parent-consents" }], [{ label: msg("button-menu"), action: "menu" }]],
    });
  },
};

/** The answer to a link that cannot be used, or to a person who may not answer it. */
function refusalMessage(reason: "unknown" | "expired" | "used_up" | "giver-minor" | "giver-mentee") {
  if (reason === "giver-minor") return msg("consent-giver-minor");
  if (reason === "giver-mentee") return msg("consent-giver-mentee");
  return msg(`invite-${reason}`);
}

/**
 * A grant that follows another person's decline: the coordinators hear who declined and who agrees
 * now, and decide; the child hears nothing until they do.
 */
async function askCoordinatorsToReview(
  ctx: FlowContext,
  decided: Extract<ParentDecisionResult, { ok: true }>,
  childName: string,
  parentName: string,
): Promise<void> {
  const verdict = (value: "accept" | "reject") => packAction("consent-review", `${decided.orgId}.${decided.consentId}.${value}`);
  for (const coordinator of await ctx.repos.organisations.coordinatorPersonIds(decided.orgId)) {
    await ctx.notify.send(
      { personId: coordinator },
      {
        text: [msg("consent-review-coordinator", { child: childName, previous: decided.previousGiverName ?? "—", parent: parentName })],
        buttons: [
          [{ label: msg("button-consent-review-accept"), payload: verdict("accept") }],
          [{ label: msg("button-consent-review-reject"), payload: verdict("reject") }],
        ],
      },
      `consent:${decided.consentId}:review:${coordinator}`,
    );
  }
}
