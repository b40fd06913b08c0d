/**
 * Steps that many end-to-end journeys share (a coordinator joins, a student registers, a parent
 * answers), written once over `ChatUser` so they run on Telegram and on VK. Expected texts are
 * rendered from locales/ through the app's own Translator, so a wording change needs no test change.
 */
import { expect } from "vitest";
import { plainText } from "#root/documents/plain-text.ts";
import { CONSENT_TEXT_VERSION } from "#root/domain/consent.ts";
import { parseGrade } from "#root/domain/parsers.ts";
import type { Direction, MentorKind } from "#root/domain/programme.ts";
import type { TokenPurpose } from "#root/domain/tokens.ts";
import { directionList } from "#root/flows/common/choices.ts";
import { type Msg, msg, Translator } from "#root/i18n/translator.ts";
import type { Platform } from "#root/messaging/messenger.ts";
import { hashToken } from "#root/tokens.ts";
import { type ChatMessage, type ChatUser, linkFor, payloadOf } from "./chat-user.ts";
import type { TestStack } from "./stack.ts";

export const translator = await Translator.load("ru");

/** A text of locales/ru.ftl, rendered as the bot renders it for an adult (or a reader it does not know yet): «вы». */
export const ru = (key: string, args?: Msg["args"]): string => translator.t({ locale: "ru", address: "vy" }, key, args);
/** A text of locales/ru.ftl as a child reads it: «ты». */
export const ruChild = (key: string, args?: Msg["args"]): string => translator.t({ locale: "ru", address: "ty" }, key, args);
/** The Russian text for a reader of this age: «ты» under 18, «вы» from 18. */
export const ruAged = (age: number) => (age < 18 ? ruChild : ru);
/** A text of locales/en.ftl. */
export const en = (key: string, args?: Msg["args"]): string => translator.t("en", key, args);

/** A text of locales/ru.ftl as documents (the order, the bases, reports) print it: without emoji. */
export const ruPlain = (key: string, args?: Msg["args"]): string => plainText(ru(key, args));

/** An emoji: documents carry none. */
export const EMOJI = /\p{Extended_Pictographic}/u;

/** The first line of a text: enough to recognise a long message (the consent document). */
export const firstLine = (rendered: string): string => rendered.split("\n")[0]!;

/** The title line of the consent document a participant of this role (and their parent) reads. */
export const consentTitle = (role: "mentee" | "mentor"): string =>
  firstLine(ru(role === "mentor" ? `consent-text-mentor-${CONSENT_TEXT_VERSION}` : `consent-text-${CONSENT_TEXT_VERSION}`));

/** A button label (rendered) as a pattern that also matches it with a ✅ / ▫️ mark in front. */
export function label(rendered: string): RegExp {
  return new RegExp(`${rendered.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
}

export const otherPlatform = (platform: Platform): Platform => (platform === "telegram" ? "vk" : "telegram");

/** User ids no other test of the file uses (every file has its own range, as Redis locks are shared). */
export function idSequence(start: number): () => number {
  let next = start;
  return () => next++;
}

/** The labels of a message's buttons, flattened. */
export function labels(message: ChatMessage): string[] {
  return message.buttons.flat().map((button) => button.label);
}

/** The payload of the button with this label in a message. */
export function payloadOfButton(message: ChatMessage, rendered: string): string {
  const button = message.buttons.flat().find((b) => b.label === rendered || label(rendered).test(b.label));
  if (!button?.payload) throw new Error(`No button "${rendered}" in: ${message.text} [${labels(message).join("] [")}]`);
  return button.payload;
}

export interface Coordinator {
  user: ChatUser;
  orgId: number;
  orgName: string;
  name: string;
}

/** `npm run admin -- create-org`, then the coordinator opens the invite and gives a name. */
export async function registerCoordinator(
  stack: TestStack,
  platform: Platform,
  userId: number,
  orgName = `Школа № ${userId}`,
): Promise<Coordinator> {
  const { orgId, payload } = await stack.createOrganisation(orgName);
  const user = stack.user(platform, userId, "Анна");
  const name = "Анна Петровна Смирнова";
  await user.open(payload);
  await user.waitFor(ru("register-coordinator-welcome", { org: orgName }));
  await user.waitFor(ru("register-coordinator-name"));
  await user.send(name);
  await user.waitFor(ru("register-coordinator-done", { name, org: orgName }));
  const menu = await user.waitFor(ru("menu-title", { name }));
  expect(labels(menu)).toContain(ru("button-invite-links"));
  return { user, orgId, orgName, name };
}

/** A participant invite made as the coordinator menu makes it (for tests that are not about the menu). */
export function issueInvite(
  stack: TestStack,
  orgId: number,
  purpose: Extract<TokenPurpose, "mentee" | "mentor" | "coordinator">,
): Promise<string> {
  return stack.app.repos.invites.issue({ purpose, orgId, now: stack.clock.now() });
}

/** Makes a token expire a minute ago, as if its time had run out. */
export async function expireToken(stack: TestStack, token: string): Promise<void> {
  const result = await stack.database.db
    .updateTable("invites")
    .set({ expires_at: new Date(stack.clock.now().getTime() - 60_000) })
    .where("token_hash", "=", hashToken(token))
    .executeTakeFirst();
  expect(Number(result.numUpdatedRows)).toBe(1);
}

/** An invite start payload and the organisation it leads to. */
export interface Invite {
  payload: string;
  orgName: string;
}

export interface MenteeForm {
  name: string;
  /** What the student types: an age ("15") or a birth year. */
  age: string;
  grade: string;
  directions: Direction[];
  goals: string;
}

export const menteeForm = (name: string, age: number, overrides: Partial<MenteeForm> = {}): MenteeForm => ({
  name,
  age: String(age),
  grade: age >= 17 ? "11А" : `${Math.max(age - 6, 1)}Б`,
  directions: ["projects"],
  goals: "Хочу сделать проект по биологии",
  ...overrides,
});

/** A class as the bot keeps it ("9б" → "9Б", "1 курс" stays). */
export function storedGrade(typed: string): string {
  const parsed = parseGrade(typed);
  if (!parsed.ok) throw new Error(`"${typed}" is not a class the bot accepts`);
  return parsed.value;
}

/** The rules' age for an answer typed as an age (tests type ages, not birth years, unless they say so). */
const typedAge = (answer: string): number => Number(answer);

/** Toggles directions in a choose-many prompt, then presses Done. */
async function pickDirections(user: ChatUser, prompt: string, directions: Direction[]): Promise<void> {
  for (const direction of directions) {
    await user.press(label(ru(`direction-${direction}`)));
    await user.waitFor(prompt);
  }
  await user.press(ru("button-done"));
}

export interface Registered {
  /** Start payloads of the link for a parent, per messenger (minors only). */
  parentPayloads?: Record<Platform, string>;
  /** The message with the links for a parent. */
  parentMessage?: ChatMessage;
}

/**
 * A student opens the mentee invite and answers every question; 14 and older agree themselves
 * (`ownConsent`), minors end with the link for a parent.
 */
export async function registerMentee(
  user: ChatUser,
  invite: Invite,
  form: MenteeForm,
  ownConsent: "agree" | "decline" = "agree",
): Promise<Registered> {
  await user.open(invite.payload);
  await user.waitFor(ruChild("register-mentee-welcome", { org: invite.orgName }));
  await user.waitFor(ruChild("register-mentee-name"));
  await user.send(form.name);
  await user.waitFor(ruChild("register-mentee-age"));
  await user.send(form.age);
  const age = typedAge(form.age);
  const r = ruAged(age);
  await user.waitFor(r("register-mentee-grade"));
  await user.send(form.grade);
  const directionsPrompt = r("register-mentee-directions");
  await user.waitFor(directionsPrompt);
  await pickDirections(user, directionsPrompt, form.directions);
  await user.waitFor(r("register-mentee-goals"));
  await user.send(form.goals);
  await user.waitFor(
    r("register-mentee-summary", {
      name: form.name,
      age,
      grade: storedGrade(form.grade),
      directions: directionList(form.directions),
      goals: form.goals,
    }),
  );
  await user.press(ru("button-save"));
  return finishRegistration(user, invite, "mentee", form.name, age, ownConsent);
}

export interface MentorForm {
  name: string;
  kind: MentorKind;
  age: string;
  directions: Direction[];
  offer: string;
  capacity: string;
  availability: string;
}

export const mentorForm = (name: string, kind: MentorKind, age: number, overrides: Partial<MentorForm> = {}): MentorForm => ({
  name,
  kind,
  age: String(age),
  directions: ["studies", "career"],
  offer: "Подготовка к олимпиаде по физике",
  capacity: "3",
  availability: "Вторник и четверг после 16:00",
  ...overrides,
});

/** A mentor opens the mentor invite and answers every question. */
export async function registerMentor(
  user: ChatUser,
  invite: Invite,
  form: MentorForm,
  ownConsent: "agree" | "decline" = "agree",
): Promise<Registered> {
  await user.open(invite.payload);
  await user.waitFor(ru("register-mentor-welcome", { org: invite.orgName }));
  await user.waitFor(ru("register-mentor-name"));
  await user.send(form.name);
  await user.waitFor(ru("register-mentor-kind"));
  await user.press(ru(`mentor-kind-${form.kind}`));
  await user.waitFor(ru("register-mentor-age"));
  await user.send(form.age);
  const age = typedAge(form.age);
  const r = ruAged(age);
  const directionsPrompt = r("register-mentor-directions");
  await user.waitFor(directionsPrompt);
  await pickDirections(user, directionsPrompt, form.directions);
  await user.waitFor(r("register-mentor-offer"));
  await user.send(form.offer);
  await user.waitFor(r("register-mentor-capacity"));
  await user.press(form.capacity);
  await user.waitFor(r("register-mentor-availability"));
  await user.send(form.availability);
  await user.waitFor(
    r("register-mentor-summary", {
      name: form.name,
      kind: msg(`mentor-kind-${form.kind}`),
      age,
      directions: directionList(form.directions),
      offer: form.offer,
      capacity: Number(form.capacity),
      availability: form.availability,
    }),
  );
  await user.press(ru("button-save"));
  return finishRegistration(user, invite, "mentor", form.name, age, ownConsent);
}

async function finishRegistration(
  user: ChatUser,
  invite: Invite,
  role: "mentee" | "mentor",
  name: string,
  age: number,
  ownConsent: "agree" | "decline",
): Promise<Registered> {
  const r = ruAged(age);
  if (age >= 14) {
    await user.waitFor(consentTitle(role));
    await user.waitFor(r(age >= 18 ? "consent-self-question-adult" : "consent-self-question-teen"));
    await user.press(r(ownConsent === "agree" ? "button-consent-agree" : "button-consent-decline"));
    if (ownConsent === "decline") {
      await user.waitFor(r("consent-self-declined"));
      return {};
    }
  }
  if (age >= 18) {
    await user.waitFor(r(`register-${role}-done`, { name, org: invite.orgName }));
    return {};
  }
  await user.waitFor(r(`register-${role}-saved-needs-parent`, { name }));
  await user.waitFor(r("consent-link-instructions"));
  const parentMessage = await user.waitFor(r("consent-link-for-parent"));
  // The parent gets the message as it is forwarded: theirs alone, none of what was said to the child.
  expect(parentMessage.text.startsWith(r("consent-link-for-parent"))).toBe(true);
  await user.waitFor(r("consent-waiting"));
  const telegram = payloadOf(linkFor(parentMessage, "telegram"));
  return {
    parentMessage,
    parentPayloads: { telegram, vk: payloadOf(linkFor(parentMessage, "vk")), max: payloadOf(linkFor(parentMessage, "max")) },
  };
}

export interface ChildInfo {
  name: string;
  age: number;
  orgName: string;
  role?: "mentee" | "mentor";
}

/** A parent opens the consent link, reads who asks and the consent text, gives a name and decides. */
/**
 * A parent opens the link, reads, gives their name and answers. `awaitsReview`: an agreement after
 * another person's decline, which the bot records for a coordinator to check.
 */
export async function parentDecides(
  parent: ChatUser,
  payload: string,
  parentName: string,
  decision: "agree" | "decline",
  child: ChildInfo,
  outcome: "recorded" | "awaitsReview" = "recorded",
): Promise<void> {
  await parent.open(payload);
  await parent.waitFor(
    ru("consent-request-intro", { org: child.orgName, child: child.name, age: child.age, role: msg(`role-${child.role ?? "mentee"}`) }),
  );
  await parent.waitFor(consentTitle(child.role ?? "mentee"));
  await parent.waitFor(ru("consent-parent-name"));
  await parent.send(parentName);
  await parent.waitFor(ru("consent-parent-question", { child: child.name }));
  await parent.press(ru(decision === "agree" ? "button-consent-agree" : "button-consent-decline"));
  if (outcome === "awaitsReview") await parent.waitFor(ru("consent-review-parent"));
  else await parent.waitFor(ru(decision === "agree" ? "consent-granted-parent" : "consent-declined-parent", { child: child.name }));
}

/** What the database holds about the participant registered under this name in an organisation. */
export async function participantByName(
  stack: TestStack,
  orgId: number,
  fullName: string,
  role: "mentee" | "mentor" | "parent" | "coordinator" = "mentee",
) {
  return stack.database.db
    .selectFrom("participants")
    .innerJoin("people", "people.id", "participants.person_id")
    .select([
      "participants.id as participantId",
      "participants.person_id as personId",
      "participants.status",
      "people.full_name as fullName",
      "people.birth_year as birthYear",
      "people.locale",
    ])
    .where("participants.org_id", "=", orgId)
    .where("participants.role", "=", role)
    .where("people.full_name", "=", fullName)
    .executeTakeFirst();
}

/** Every participant of an organisation (any role, any status). */
export async function participantsOf(stack: TestStack, orgId: number) {
  return stack.database.db
    .selectFrom("participants")
    .select(["id", "person_id", "role", "status"])
    .where("org_id", "=", orgId)
    .orderBy("id")
    .execute();
}

/** The birth year the bot stores for an age typed now, by the app's clock (which may be in another year than the machine's). */
export const birthYearFor = (stack: TestStack, age: number): number => stack.clock.now().getUTCFullYear() - age;
