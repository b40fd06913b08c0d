import type { Registration } from "#root/db/repositories/people.ts";
import type { Dialog } from "#root/dialog/dialog.ts";
import type { FlowContext, FlowOutcome } from "#root/dialog/flow.ts";
import { formOfAddress } from "#root/domain/address.ts";
import { ageThisYear, CONSENT_TEXT_VERSION, consentRequired, typedAgeDiffers } from "#root/domain/consent.ts";
import type { AgeAnswer } from "#root/domain/parsers.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import { showParentLink } from "./consent-link.ts";

/** What mentee and mentor registration share: own consent, saving with the invite, the parent link. */

export interface InviteArgs {
  token: string;
  orgId: number;
  orgName: string;
  /**
   * The birth year the bot knew for the chat's person when the invite was opened (null: none), found
   * by the start's look-up. Absent in flows started before the look-up brought it: then it is asked.
   */
  knownBirthYear?: number | null;
}

/**
 * The consent document for a participant of this role, as they and their parent read it: a mentee's
 * speaks of a child's data and finding a mentor, a mentor's of the mentor's data, selection and the
 * record check. Both carry CONSENT_TEXT_VERSION; the participant's role tells which one was agreed to.
 */
export function consentText(role: "mentee" | "mentor"): Msg {
  return role === "mentor" ? msg(`consent-text-mentor-${CONSENT_TEXT_VERSION}`) : msg(`consent-text-${CONSENT_TEXT_VERSION}`);
}

/** Shows the consent document and asks the person's own decision (14 and older). */
export async function askOwnConsent(d: Dialog, role: "mentee" | "mentor", age: number): Promise<boolean> {
  const adult = !consentRequired(age).parent;
  await d.say(consentText(role));
  const decision = await d.choose(msg(adult ? "consent-self-question-adult" : "consent-self-question-teen"), [
    { value: "agree", label: msg("button-consent-agree") },
    { value: "decline", label: msg("button-consent-decline") },
  ]);
  return decision === "agree";
}

/**
 * Speaks «ты» or «вы» from what the registration knows so far: a mentee is «ты» until an adult age
 * is given, a mentor «вы» unless younger than 18.
 */
export function addressFromAnswers(d: Dialog, role: "mentee" | "mentor", birthYear: number | null, today: Date): void {
  d.useAddress(formOfAddress({ birthYear, roles: [role] }, today));
}

/** The birth year the bot already knows for this chat's person (from an earlier registration), or null. */
export async function knownBirthYear(d: Dialog, ctx: FlowContext, invite: InviteArgs): Promise<number | null> {
  return d.run("known-birth-year", async () => {
    if (invite.knownBirthYear !== undefined) return invite.knownBirthYear;
    const personId = await ctx.repos.accounts.personOf(ctx.chat.accountId);
    return personId === null ? null : ((await ctx.repos.people.get(personId))?.birthYear ?? null);
  });
}

/** An age typed that disagrees with the one the bot knows: kept aside for the coordinators. */
export interface AgeConflict {
  typedAge: number;
  knownAge: number;
}

/**
 * Checks a typed age against a known one. A known age is never changed by what is typed later
 * (consent, quiet hours and matching hang on it): the person is told the known one is kept, and the
 * coordinators hear of the difference when the registration is saved.
 */
export async function settleAge(
  d: Dialog,
  typed: AgeAnswer,
  known: number | null,
  today: Date,
): Promise<AgeAnswer & { conflict?: AgeConflict }> {
  if (known === null) return typed;
  const knownAge = ageThisYear(known, today);
  // Rules follow the known age even when the typed one is only a year off (a birthday, or 17 typed as 18).
  if (!typedAgeDiffers(known, typed.birthYear)) return { birthYear: known, age: knownAge };
  await d.say(msg(consentRequired(knownAge).parent ? "register-age-kept-child" : "register-age-kept-adult", { age: knownAge }));
  return { birthYear: known, age: knownAge, conflict: { typedAge: typed.age, knownAge } };
}

export async function saveRegistration(
  d: Dialog,
  ctx: FlowContext,
  invite: InviteArgs,
  registration: Registration & { role: "mentee" | "mentor" },
  age: number,
  conflict?: AgeConflict,
): Promise<FlowOutcome> {
  const required = consentRequired(age);
  const result = await d.run("register", async () => {
    // One statement: the person, the participation, the answers, the own consent, the invite's use
    // and, for a minor, the parent's link (saved with the registration, so never missing from it).
    const registered = await ctx.repos.people.register({
      accountId: ctx.chat.accountId,
      locale: d.locale,
      token: invite.token,
      orgId: invite.orgId,
      status: required.parent ? "awaiting_consent" : "active",
      registration,
      selfConsent: required.self ? { textVersion: CONSENT_TEXT_VERSION, platform: ctx.chat.platform } : undefined,
      parentLink: required.parent,
      now: ctx.now(),
    });
    if (registered.ok && conflict) {
      for (const coordinator of await ctx.repos.organisations.coordinatorPersonIds(invite.orgId)) {
        await ctx.notify.send(
          { personId: coordinator },
          {
            text: [
              msg("age-conflict-coordinator", {
                name: registration.answers.fullName,
                role: msg(`role-${registration.role}`),
                typed: conflict.typedAge,
                known: conflict.knownAge,
              }),
            ],
          },
          `age-conflict:${registered.participantId}:${coordinator}`,
        );
      }
    }
    if (!registered.ok) return registered;
    const { parentLink, ...saved } = registered;
    return { ...saved, parentLinks: parentLink === undefined ? [] : ctx.links.all(parentLink) };
  });
  if (!result.ok) {
    await d.say(msg(result.reason === "already_registered" ? "register-already" : `invite-${result.reason}`));
    return { next: "menu" };
  }
  if (required.parent) {
    await d.say(msg(`register-${registration.role}-saved-needs-parent`, { name: registration.answers.fullName }));
    await showParentLink(d, result.parentLinks);
    return;
  }
  await d.say(msg(`register-${registration.role}-done`, { name: registration.answers.fullName, org: invite.orgName }));
  return { next: "menu" };
}
