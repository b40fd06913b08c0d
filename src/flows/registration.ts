import { CONSENT_TEXT_VERSION, consentRequired } from "#root/domain/consent.ts";
import type { RegisterResult, Registration } from "#root/db/repositories/people.ts";
import type { Dialog } from "#root/dialog/dialog.ts";
import type { FlowContext, FlowOutcome } from "#root/dialog/flow.ts";
import { msg } from "#root/i18n/translator.ts";
import { offerParentLink } from "./consent-link.ts";

/** What mentee and mentor registration share: own consent, saving with the invite, the parent link. */

export interface InviteArgs {
  token: string;
  orgId: number;
  orgName: string;
}

/** Shows the consent document and asks the person's own decision (14 and older). */
export async function askOwnConsent(d: Dialog, age: number): Promise<boolean> {
  const adult = !consentRequired(age).parent;
  await d.say(msg(`consent-text-${CONSENT_TEXT_VERSION}`));
  const decision = await d.choose(msg(adult ? "consent-self-question-adult" : "consent-self-question-teen"), [
    { value: "agree", label: msg("button-consent-agree") },
    { value: "decline", label: msg("button-consent-decline") },
  ]);
  return decision === "agree";
}

export async function saveRegistration(
  d: Dialog,
  ctx: FlowContext,
  invite: InviteArgs,
  registration: Registration & { role: "mentee" | "mentor" },
  age: number,
): Promise<FlowOutcome> {
  const required = consentRequired(age);
  const result: RegisterResult = await d.run("register", async () =>
    ctx.repos.people.register({
      accountId: ctx.chat.accountId,
      locale: d.locale,
      token: invite.token,
      orgId: invite.orgId,
      status: required.parent ? "awaiting_consent" : "active",
      registration,
      selfConsent: required.self ? { textVersion: CONSENT_TEXT_VERSION, platform: ctx.chat.platform } : undefined,
      now: ctx.now(),
    }),
  );
  if (!result.ok) {
    await d.say(msg(result.reason === "already_registered" ? "register-already" : `invite-${result.reason}`));
    return { next: "menu" };
  }
  if (required.parent) {
    await d.say(msg(`register-${registration.role}-saved-needs-parent`, { name: registration.answers.fullName }));
    await offerParentLink(d, ctx, result.participantId, result.personId);
    return;
  }
  await d.say(msg(`register-${registration.role}-done`, { name: registration.answers.fullName, org: invite.orgName }));
  return { next: "menu" };
}
