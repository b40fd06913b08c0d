/** Who must consent before a person takes part, by age (Russian civil code and 152-FZ practice). */

export const ADULT_AGE = 18;
/** From 14 a minor also gives their own consent, besides the parent's. */
export const OWN_CONSENT_AGE = 14;

/**
 * The consent text shown to parents and teenagers is versioned: the version is stored with every
 * decision, and the text of each version stays in locales/ under `consent-text-<version>`.
 */
export const CONSENT_TEXT_VERSION = "2026-12";

export interface ConsentRequirement {
  parent: boolean;
  self: boolean;
}

/**
 * The consents a person of this age needs before taking part: an adult consents for themself, a
 * child under 14 through a parent, a teenager of 14–17 both.
 */
export function consentRequired(age: number): ConsentRequirement {
  if (age >= ADULT_AGE) return { parent: false, self: true };
  return { parent: true, self: age >= OWN_CONSENT_AGE };
}

/** Age in whole years this calendar year (what the person will be on their birthday). */
export function ageThisYear(birthYear: number, today: Date): number {
  return today.getUTCFullYear() - birthYear;
}

export type ConsentDecision = "granted" | "declined";

export interface ConsentRecordView {
  giver: "parent" | "self";
  decision: ConsentDecision;
  withdrawn: boolean;
}

export type ConsentState = "not_needed" | "waiting" | "granted" | "declined" | "withdrawn";

/** The overall consent state of a participant from the latest decision of each giver. */
export function consentState(requirement: ConsentRequirement, latest: ConsentRecordView[]): ConsentState {
  const relevant = latest.filter((record) => (record.giver === "parent" ? requirement.parent : requirement.self));
  if (!requirement.parent && !requirement.self) return "not_needed";
  if (relevant.some((record) => record.withdrawn)) return "withdrawn";
  if (relevant.some((record) => record.decision === "declined")) return "declined";
  const has = (giver: "parent" | "self") => relevant.some((record) => record.giver === giver);
  if ((requirement.parent && !has("parent")) || (requirement.self && !has("self"))) return "waiting";
  return "granted";
}

/** Why a person may not answer a parent's consent link. */
export type ConsentGiverRefusal = "giver-minor" | "giver-mentee";

export interface ConsentGiver {
  /** The giver's birth year when the bot knows it (they registered with an age somewhere). */
  birthYear: number | null;
  /** The giver takes part in the child's organisation as a mentee (any status). */
  isMenteeThere: boolean;
}

/**
 * Anyone holding a forwarded link can open it, so the bot refuses givers it knows cannot be a legal
 * representative: a person under 18, or a mentee of the same programme (a classmate).
 */
export function consentGiverRefusal(giver: ConsentGiver, today: Date): ConsentGiverRefusal | undefined {
  if (giver.birthYear !== null && ageThisYear(giver.birthYear, today) < ADULT_AGE) return "giver-minor";
  if (giver.isMenteeThere) return "giver-mentee";
  return undefined;
}

/**
 * A grant that follows another person's refusal waits for a coordinator: a child refused by a parent
 * could otherwise open a new link on another account and agree for themself.
 */
export function grantNeedsReview(
  decision: ConsentDecision,
  giverPersonId: number,
  lastParentDecision: { decision: ConsentDecision; giverPersonId: number } | undefined,
): boolean {
  return decision === "granted" && lastParentDecision?.decision === "declined" && lastParentDecision.giverPersonId !== giverPersonId;
}

/**
 * Whether a typed birth year tells another age than a known one. A year either way is the same
 * person typing an age before or after their birthday; more is another story.
 */
export function typedAgeDiffers(knownBirthYear: number, typedBirthYear: number): boolean {
  return Math.abs(knownBirthYear - typedBirthYear) > 1;
}

/** Days a child's data is kept after a parent declined, in case the family agrees after all. */
export const DECLINED_KEEP_DAYS = 30;
/** Days a profile waits for a parent's answer before it is erased (a consent link lasts 30). */
export const AWAITING_CONSENT_KEEP_DAYS = 60;
/** Days the text of a delivered message is kept (in case delivery is questioned); then it is dropped. */
export const DELIVERED_MESSAGES_KEEP_DAYS = 30;
