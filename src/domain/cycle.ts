import type { Parsed } from "./parsers.ts";
import { DIRECTIONS, type Direction, MENTORING_FORMS, type MentoringForm } from "./programme.ts";

/** Programme cycles: dates, forms and directions, and the stage a cycle is in. */

export const CYCLE_STAGES = ["matching", "working", "closing", "archived"] as const;
export type CycleStage = (typeof CYCLE_STAGES)[number];

/** A calendar date as stored ("YYYY-MM-DD"). */
export type CalendarDate = string;

/** The calendar date of an instant in a time zone. */
export function calendarDate(instant: Date, timeZone: string): CalendarDate {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);
}

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const pad = (value: number) => String(value).padStart(2, "0");

/**
 * A typed date: "25.12.2026", "25.12.26", "25.12" (the next such day from today), "2026-12-25".
 * Refuses dates that do not exist (31.02) and, unless `allowPast`, days before today.
 */
export function parseCalendarDate(text: string, today: CalendarDate, options: { allowPast?: boolean } = {}): Parsed<CalendarDate> {
  const trimmed = text.trim();
  const [todayYear, todayMonth, todayDay] = today.split("-").map(Number) as [number, number, number];
  let year: number;
  let month: number;
  let day: number;
  const dotted = /^(\d{1,2})[./](\d{1,2})(?:[./](\d{2}|\d{4}))?$/.exec(trimmed);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  if (dotted) {
    day = Number(dotted[1]);
    month = Number(dotted[2]);
    if (dotted[3]) year = dotted[3].length === 2 ? 2000 + Number(dotted[3]) : Number(dotted[3]);
    else year = month < todayMonth || (month === todayMonth && day < todayDay) ? todayYear + 1 : todayYear;
  } else if (iso) {
    year = Number(iso[1]);
    month = Number(iso[2]);
    day = Number(iso[3]);
  } else {
    return { ok: false, error: "error-date-format" };
  }
  if (!isRealDate(year, month, day)) return { ok: false, error: "error-date-impossible" };
  const value = `${year}-${pad(month)}-${pad(day)}`;
  if (!options.allowPast && value < today) return { ok: false, error: "error-date-past" };
  return { ok: true, value };
}

/** A cycle ends after it starts, within two years. */
export function checkCycleDates(startsOn: CalendarDate, endsOn: CalendarDate): Parsed<{ startsOn: CalendarDate; endsOn: CalendarDate }> {
  if (endsOn <= startsOn) return { ok: false, error: "error-cycle-end-before-start" };
  const days = (Date.parse(endsOn) - Date.parse(startsOn)) / 86_400_000;
  if (days > 731) return { ok: false, error: "error-cycle-too-long" };
  return { ok: true, value: { startsOn, endsOn } };
}

export function isMentoringForm(value: string): value is MentoringForm {
  return (MENTORING_FORMS as readonly string[]).includes(value);
}

/** The forms a new cycle offers by default: those the organisation runs. */
export function defaultCycleForms(organisationForms: readonly string[]): MentoringForm[] {
  return MENTORING_FORMS.filter((form) => organisationForms.includes(form));
}

export const ALL_DIRECTIONS: readonly Direction[] = DIRECTIONS;

/** A calendar date as people read it: 01.12.2026 in Russian, 1 Dec 2026 in English. */
export function formatCalendarDate(date: CalendarDate, locale: "ru" | "en"): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(locale === "ru" ? "ru-RU" : "en-GB", {
    day: locale === "ru" ? "2-digit" : "numeric",
    month: locale === "ru" ? "2-digit" : "short",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(Date.UTC(year, month - 1, day)));
}
