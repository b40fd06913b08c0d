import { MAX_MENTOR_CAPACITY, MENTEE_AGE, MENTOR_AGE } from "./programme.ts";

/**
 * Parsers of what people type. Each returns a value or the key of a friendly explanation
 * (a locales/ message id), never throws.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string; args?: Record<string, string | number> };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (error: string, args?: Record<string, string | number>): Parsed<never> => ({ ok: false, error, args });

/** Longest free-text answer kept (a goal, an offer): enough for a paragraph, not an essay. */
export const MAX_FREE_TEXT = 500;
const MAX_NAME = 80;

function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** A person's name as they want to be called: letters, spaces, hyphens and apostrophes. */
export function parsePersonName(text: string): Parsed<string> {
  const name = collapseSpaces(text);
  if (name.length === 0) return fail("error-empty");
  if (name.length > MAX_NAME) return fail("error-too-long", { max: MAX_NAME });
  if (!/^[\p{L}][\p{L}\p{M} .'’-]*$/u.test(name)) return fail("error-name-letters");
  return ok(name);
}

export interface AgeAnswer {
  birthYear: number;
  /** The age to apply rules with: exact when an age was typed, the lower bound for a birth year. */
  age: number;
}

/** An age ("13", "13 лет") or a birth year ("2012") of a mentee. */
export function parseMenteeAge(text: string, today: Date): Parsed<AgeAnswer> {
  return parseAge(text, today, MENTEE_AGE.min, MENTEE_AGE.max, "error-mentee-age");
}

/** An age or birth year of a mentor: from 14 (an older student) to 90. */
export function parseMentorAge(text: string, today: Date): Parsed<AgeAnswer> {
  return parseAge(text, today, MENTOR_AGE.min, MENTOR_AGE.max, "error-mentor-age");
}

function parseAge(text: string, today: Date, min: number, max: number, rangeError: string): Parsed<AgeAnswer> {
  // Trimmed first: surrounding \s* in the pattern would backtrack quadratically over long runs of spaces.
  const match = /^(\d{1,4})\s*(?:лет|год|года|years?|y\.?o\.?|г\.?(?:р\.?)?)?$/iu.exec(text.trim());
  if (!match?.[1]) return fail("error-age-number");
  const number = Number(match[1]);
  const year = today.getUTCFullYear();
  if (number < 1000) {
    return number >= min && number <= max ? ok({ birthYear: year - number, age: number }) : fail(rangeError, { min, max });
  }
  // A birth year leaves two possible ages; rules take the younger one, so consent is never skipped.
  const older = year - number;
  const younger = older - 1;
  // Refused, not clamped: a year that may mean an age below the range is not taken as the minimum.
  if (number > year || younger < min || younger > max) return fail(rangeError, { min, max });
  return ok({ birthYear: number, age: younger });
}

/**
 * A class as people write it: a number, a letter after a space, a hyphen or in quotes, and the word
 * "класс" ("кл.") or "class"/"grade" after it: "6 б", "6-Б", "6 «Б»", "6б кл.", "6 б класс".
 */
const SCHOOL_CLASS = /^(1[01]|[1-9])(?: ?(?:[-–—] ?)?["«“„']?([А-ЯA-Z])["»”“']?)?(?: ?(?:КЛАСС|КЛ\.?|CLASS|GRADE))?$/u;

/** A class or grade: "7", "7Б", "10 А", "6-Б", "6 б класс", "1 курс"; a class is kept as "7Б". */
export function parseGrade(text: string): Parsed<string> {
  const grade = collapseSpaces(text).toUpperCase();
  if (grade.length === 0) return fail("error-empty");
  if (grade.length > 20) return fail("error-grade");
  // A course is shown as typed ("1 курс"); a class letter joins its number ("7Б").
  const course = /^([1-5])\s?(КУРС|COURSE)$/u.exec(grade);
  if (course) return ok(`${course[1]} ${course[2]!.toLowerCase()}`);
  const school = SCHOOL_CLASS.exec(grade);
  if (!school) return fail("error-grade");
  return ok(`${school[1]}${school[2] ?? ""}`);
}

/**
 * Whether a class or course fits an age: class N is usually at N+6 or N+7, and a year either way
 * happens (an early start, a year repeated); a college course K starts at 15 or later. A mismatch
 * is asked again rather than stored: age decides consent and quiet hours.
 */
export function gradeFitsAge(grade: string, age: number): boolean {
  const course = /^([1-5]) /u.exec(grade);
  if (course) return age >= 14 + Number(course[1]);
  const school = /^(\d{1,2})/u.exec(grade);
  if (!school) return true;
  const year = Number(school[1]);
  return age >= year + 5 && age <= year + 8;
}

/** A class or course (see parseGrade) that also fits the age given before it. */
export function parseGradeForAge(text: string, age: number): Parsed<string> {
  const parsed = parseGrade(text);
  if (!parsed.ok) return parsed;
  return gradeFitsAge(parsed.value, age) ? parsed : fail("error-grade-age", { age, grade: parsed.value });
}

/** Free text such as goals or an offer of help: trimmed, not empty, at most MAX_FREE_TEXT characters. */
export function parseFreeText(text: string): Parsed<string> {
  const value = text
    .trim()
    .replace(/[ \t]+/g, " ")
    .replace(/\n{3,}/g, "\n\n");
  if (value.length === 0) return fail("error-empty");
  if (value.length > MAX_FREE_TEXT) return fail("error-too-long", { max: MAX_FREE_TEXT });
  return ok(value);
}

/** How many mentees a mentor can take: 1 to MAX_MENTOR_CAPACITY. */
export function parseCapacity(text: string): Parsed<number> {
  const match = /^\s*(\d{1,2})\s*$/.exec(text);
  const value = match?.[1] ? Number(match[1]) : Number.NaN;
  if (!Number.isInteger(value) || value < 1 || value > MAX_MENTOR_CAPACITY) {
    return fail("error-capacity", { max: MAX_MENTOR_CAPACITY });
  }
  return ok(value);
}

/** An IANA time zone name the runtime knows (Europe/Moscow, Asia/Yekaterinburg…). */
export function parseTimeZone(text: string): Parsed<string> {
  const zone = text.trim();
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone.includes("/") || zone === "UTC" ? ok(zone) : fail("error-timezone");
  } catch {
    return fail("error-timezone");
  }
}
