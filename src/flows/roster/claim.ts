import type { FlowDefinition } from "#root/dialog/flow.ts";
import { ageThisYear, CONSENT_TEXT_VERSION, consentRequired } from "#root/domain/consent.ts";
import { msg } from "#root/i18n/translator.ts";
import { showParentLink } from "../registration/consent-link.ts";
import { addressFromAnswers, askOwnConsent } from "../registration/registration.ts";

/**
 * A student opens their personal link from the class list and says it is them: "Это я, Маша
 * Иванова, 7Б?" → "Да, это я". Then consent goes as in registration for their age (their own from
 * 14, a link for a parent under 18). The profile comes from the list; goals and directions can be
 * added later in the profile.
 */
export const rosterClaimFlow: FlowDefinition<{ token: string; participantId: number }> = {
  name: "roster-claim",
  version: 1,
  async run(d, ctx, { token, participantId }) {
    const student = await d.run("find-student", async () => (await ctx.repos.roster.invitedStudent(participantId)) ?? null);
    if (student?.status !== "invited") {
      await d.say(msg("invite-used_up"));
      return { next: "menu" };
    }
    const today = await d.now();
    // The younger of the two ages a birth year allows: consent is never skipped.
    const age = ageThisYear(student.birthYear, today) - 1;
    addressFromAnswers(d, "mentee", student.birthYear, today);
    const answer = await d.choose(msg("roster-claim-question", { name: student.fullName, grade: student.grade, org: student.orgName }), [
      { value: "me", label: msg("button-roster-claim-me") },
      { value: "not-me", label: msg("button-roster-claim-not-me") },
    ]);
    if (answer === "not-me") {
      await d.say(msg("roster-claim-not-me"));
      return { next: "menu" };
    }
    const required = consentRequired(age);
    if (required.self && !(await askOwnConsent(d, "mentee", age))) {
      await d.say(msg("consent-self-declined"));
      return;
    }
    const result = await d.run("claim", async () => {
      const claimed = await ctx.repos.roster.claim({
        token,
        accountId: ctx.chat.accountId,
        locale: d.locale,
        status: required.parent ? "awaiting_consent" : "active",
        ...(required.self ? { selfConsent: { textVersion: CONSENT_TEXT_VERSION, platform: ctx.chat.platform } } : {}),
        parentLink: required.parent,
        now: ctx.now(),
      });
      if (!claimed.ok) return claimed;
      const { parentLink, ...saved } = claimed;
      return { ...saved, parentLinks: parentLink === undefined ? [] : ctx.links.all(parentLink) };
    });
    if (!result.ok) {
      await d.say(msg(result.reason === "already_registered" ? "register-already" : `invite-${result.reason}`));
      return { next: "menu" };
    }
    if (required.parent) {
      await d.say(msg("register-mentee-saved-needs-parent", { name: student.fullName }));
      await showParentLink(d, result.parentLinks);
      return;
    }
    await d.say(msg("register-mentee-done", { name: student.fullName, org: student.orgName }));
    return { next: "menu" };
  },
};
