import type { Choice, Dialog } from "#root/dialog/dialog.ts";
import { type CalendarDate, formatCalendarDate } from "#root/domain/cycle.ts";
import { parseTimeOnDate, parseTypedDate, type QuickDate, quickDates } from "#root/domain/typed-dates.ts";
import { type Locale, type Msg, msg } from "#root/i18n/translator.ts";

/** The day and time questions of plans, meetings and the final event, with the same quick buttons everywhere. */

const QUICK_DATE_LABELS: Record<string, (date: string) => Msg> = {
  "quick-date-tomorrow": (date) => msg("quick-date-tomorrow", { date }),
  "quick-date-in-week": (date) => msg("quick-date-in-week", { date }),
  "quick-date-in-two-weeks": (date) => msg("quick-date-in-two-weeks", { date }),
  "quick-date-end-of-month": (date) => msg("quick-date-end-of-month", { date }),
};

function quickDateChoice(quick: QuickDate, locale: Locale): Choice {
  const label = QUICK_DATE_LABELS[quick.label.key] ?? ((date: string) => msg("plain", { text: date }));
  return { value: quick.date, label: label(formatCalendarDate(quick.date, locale)) };
}

/** Tomorrow, in a week, in two weeks, the month's end (those not after `until`) as buttons. */
export function quickDateChoices(now: Date, timeZone: string, locale: Locale, until?: CalendarDate): Choice[] {
  return quickDates(now, timeZone)
    .filter((quick) => until === undefined || quick.date <= until)
    .map((quick) => quickDateChoice(quick, locale));
}

/** A day from today on: a quick button or a typed date ("25.12", "через 2 недели", "next Friday"). */
export function askDay(d: Dialog, prompt: Msg, now: Date, timeZone: string): Promise<CalendarDate> {
  return d.ask(prompt, { parse: (text) => parseTypedDate(text, now, timeZone), suggestions: quickDateChoices(now, timeZone, d.locale) });
}

/** A time on `date` that has not passed yet, typed ("16:30") or one of `commonTimes` as buttons. */
export function askTimeOn(
  d: Dialog,
  prompt: Msg,
  date: CalendarDate,
  now: Date,
  timeZone: string,
  commonTimes: readonly string[],
): Promise<Date> {
  return d.ask(prompt, {
    parse: (text) => parseTimeOnDate(text, date, now, timeZone),
    // Button values may not hold ":"; "16.30" reads as a time too.
    suggestions: commonTimes.map((time) => ({ value: time.replace(":", "."), label: msg("plain", { text: time }) })),
  });
}

/** Where the day and time steps put their answers: the day, and the start as an ISO instant. */
export interface WhenDraft {
  date: CalendarDate;
  start: string;
}

/**
 * The two steps (for `runSteps`) that ask for a day from today on and then a time on it that has not
 * passed; `timeQuestion` words the second with the day chosen.
 */
export function whenSteps<D extends WhenDraft>(
  d: Dialog,
  now: Date,
  timeZone: string,
  questions: { day: Msg; time: (date: string) => Msg; commonTimes: readonly string[] },
): Array<(draft: D) => Promise<void>> {
  return [
    async (draft) => {
      draft.date = await askDay(d, questions.day, now, timeZone);
    },
    async (draft) => {
      const start = await askTimeOn(
        d,
        questions.time(formatCalendarDate(draft.date, d.locale)),
        draft.date,
        now,
        timeZone,
        questions.commonTimes,
      );
      draft.start = start.toISOString();
    },
  ];
}
