import { type CalendarDate, calendarDate, parseCalendarDate } from "./cycle.ts";
import type { Parsed } from "./parsers.ts";

/**
 * Dates and times people type for milestones and meetings ("25.12", "через 2 недели", "next Friday",
 * "завтра в 15:00"), read in the organisation's IANA time zone. Wall times become UTC instants through
 * Intl alone, so the answer is right on both sides of a daylight-saving change.
 */

/** A time of day as read on a wall clock. */
export interface WallTime {
  hour: number;
  minute: number;
}

export interface TypedDateOptions {
  /** Accept days before today and times already past (editing history, tests); off by default. */
  allowPast?: boolean;
}

const DAY_MS = 86_400_000;
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (error: string, args?: Record<string, string | number>): Parsed<never> =>
  args ? { ok: false, error, args } : { ok: false, error };
const pad = (value: number) => String(value).padStart(2, "0");

// ---------------------------------------------------------------------------------------------
// Wall clock <-> instant

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // h23, because some ICU builds write midnight as "24" with hour12: false.
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall clock in a time zone at an instant: its calendar date and time of day. */
export function wallClock(instant: Date, timeZone: string): { date: CalendarDate; hour: number; minute: number; second: number } {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  const year = parts.year ?? 0;
  const month = parts.month ?? 1;
  const day = parts.day ?? 1;
  return {
    date: `${String(year).padStart(4, "0")}-${pad(month)}-${pad(day)}`,
    hour: (parts.hour ?? 0) % 24,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds. */
function offsetAt(epochMs: number, timeZone: string): number {
  const whole = epochMs - (((epochMs % 1000) + 1000) % 1000);
  const clock = wallClock(new Date(whole), timeZone);
  const [year, month, day] = clock.date.split("-").map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day, clock.hour, clock.minute, clock.second) - whole;
}

/** The instant's time on the wall clock of `timeZone`, as messages show it: "16:30". */
export function clockTime(instant: Date, timeZone: string): string {
  const { hour, minute } = wallClock(instant, timeZone);
  return `${pad(hour)}:${pad(minute)}`;
}

/**
 * The instant a wall clock in the zone shows this date and time. A time repeated when clocks go back
 * is its first occurrence; a time skipped when clocks go forward moves on by the gap (02:30 becomes
 * 03:30), as calendars do.
 */
export function zonedInstant(date: CalendarDate, time: WallTime, timeZone: string): Date {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const wall = Date.UTC(year, month - 1, day, time.hour, time.minute);
  // Offsets a day either side bracket any single transition near this wall time.
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const fits = [wall - before, wall - after].filter((candidate) => candidate + offsetAt(candidate, timeZone) === wall);
  if (fits.length > 0) return new Date(Math.min(...fits));
  return new Date(wall - before);
}

/** A calendar date moved by whole days. */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** A calendar date moved by whole months; the 31st lands on the last day of a shorter month. */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const last = lastDayOfMonth(year, month - 1 + months);
  return new Date(Date.UTC(year, month - 1 + months, Math.min(day, last))).toISOString().slice(0, 10);
}

function lastDayOfMonth(year: number, monthIndex: number): number {
  return new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
}

/** The last day of the date's month. */
export function endOfMonth(date: CalendarDate): CalendarDate {
  const [year, month] = date.split("-").map(Number) as [number, number];
  return `${date.slice(0, 7)}-${pad(lastDayOfMonth(year, month - 1))}`;
}

/** The ISO weekday of a date: 1 for Monday to 7 for Sunday. */
export function isoWeekday(date: CalendarDate): number {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay() || 7;
}

// ---------------------------------------------------------------------------------------------
// Words

function normalise(text: string): string {
  const spaced = text
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(/,(\s|$)/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return withoutClosingPunctuation(spaced);
}

/** Drops the dots, "!" and "?" a phrase ends with, in one pass from the end (a regex anchored at the end rescans each run: quadratic). */
function withoutClosingPunctuation(text: string): string {
  let end = text.length;
  while (end > 0 && ".!?".includes(text[end - 1]!)) end -= 1;
  return text.slice(0, end);
}

/** A record lookup that ignores Object.prototype, so "constructor" typed by someone is just a word. */
function lookup(record: Record<string, number>, key: string | undefined): number | undefined {
  return key !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

const NUMBER_WORDS: Record<string, number> = {
  один: 1,
  одну: 1,
  одна: 1,
  одни: 1,
  два: 2,
  две: 2,
  пару: 2,
  три: 3,
  четыре: 4,
  пять: 5,
  шесть: 6,
  семь: 7,
  восемь: 8,
  девять: 9,
  десять: 10,
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  couple: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};

const UNITS: [RegExp, "day" | "week" | "month"][] = [
  [/^(?:день|дня|дней|дн|days?)$/, "day"],
  [/^(?:неделю|недели|недель|нед|weeks?)$/, "week"],
  [/^(?:месяц|месяца|месяцев|мес|months?)$/, "month"],
];

const WEEKDAYS: Record<string, number> = {
  понедельник: 1,
  пн: 1,
  вторник: 2,
  вт: 2,
  среда: 3,
  среду: 3,
  ср: 3,
  четверг: 4,
  чт: 4,
  пятница: 5,
  пятницу: 5,
  пт: 5,
  суббота: 6,
  субботу: 6,
  сб: 6,
  воскресенье: 7,
  вс: 7,
  monday: 1,
  mon: 1,
  tuesday: 2,
  tue: 2,
  tues: 2,
  wednesday: 3,
  wed: 3,
  thursday: 4,
  thu: 4,
  thur: 4,
  thurs: 4,
  friday: 5,
  fri: 5,
  saturday: 6,
  sat: 6,
  sunday: 7,
  sun: 7,
};

/**
 * The weekday after "к"/"ко" (dative: "ко вторнику") and "до" (genitive: "до вторника"), read only
 * where a deadline is asked: "пятнице" alone is no answer to "which day?".
 */
const DEADLINE_WEEKDAYS: Record<string, number> = {
  ...WEEKDAYS,
  понедельнику: 1,
  понедельника: 1,
  вторнику: 2,
  вторника: 2,
  среде: 3,
  среды: 3,
  четвергу: 4,
  четверга: 4,
  пятнице: 5,
  пятницы: 5,
  субботе: 6,
  субботы: 6,
  воскресенью: 7,
  воскресенья: 7,
};

const MONTHS: [RegExp, number][] = [
  [/^(?:января|январь|янв|january|jan)$/, 1],
  [/^(?:февраля|февраль|фев|february|feb)$/, 2],
  [/^(?:марта|март|мар|march|mar)$/, 3],
  [/^(?:апреля|апрель|апр|april|apr)$/, 4],
  [/^(?:мая|май|may)$/, 5],
  [/^(?:июня|июнь|июн|june|jun)$/, 6],
  [/^(?:июля|июль|июл|july|jul)$/, 7],
  [/^(?:августа|август|авг|august|aug)$/, 8],
  [/^(?:сентября|сентябрь|сен|сент|september|sep|sept)$/, 9],
  [/^(?:октября|октябрь|окт|october|oct)$/, 10],
  [/^(?:ноября|ноябрь|ноя|november|nov)$/, 11],
  [/^(?:декабря|декабрь|дек|december|dec)$/, 12],
];

function monthOf(word: string): number | undefined {
  return MONTHS.find(([pattern]) => pattern.test(word.replace(/\.$/, "")))?.[1];
}

/**
 * "сегодня", "завтра", "через 2 недели", "in 3 days": a day counted from today. "вчера" and
 * "yesterday" are read too, so that the answer is "that day has passed" rather than "I don't understand".
 */
function relativeDay(phrase: string, today: CalendarDate): CalendarDate | undefined {
  if (phrase === "сегодня" || phrase === "today") return today;
  if (phrase === "вчера" || phrase === "yesterday") return addDays(today, -1);
  if (phrase === "позавчера" || phrase === "the day before yesterday") return addDays(today, -2);
  if (phrase === "завтра" || phrase === "tomorrow") return addDays(today, 1);
  if (phrase === "послезавтра" || phrase === "day after tomorrow" || phrase === "the day after tomorrow") return addDays(today, 2);
  const match = /^(?:через|in) (?:(\d{1,3}|\p{L}+) )?(?:of )?(\p{L}+)$/u.exec(phrase);
  if (!match) return undefined;
  const count = match[1] === undefined ? 1 : /^\d+$/.test(match[1]) ? Number(match[1]) : lookup(NUMBER_WORDS, match[1]);
  const unit = UNITS.find(([pattern]) => pattern.test(match[2]!))?.[1];
  if (count === undefined || count < 1 || unit === undefined) return undefined;
  if (unit === "day") return addDays(today, count);
  if (unit === "week") return addDays(today, 7 * count);
  return addMonths(today, count);
}

/**
 * "в пятницу" / "Friday": the next such day after today. "в эту пятницу" / "this Friday": the same,
 * but today counts. "в следующую пятницу" / "next Friday": that day of next week (weeks start on
 * Monday), which is how most people mean it on a Monday and still right on a Saturday.
 */
function weekdayDate(phrase: string, today: CalendarDate, names: Record<string, number> = WEEKDAYS): CalendarDate | undefined {
  const match =
    /^(?:(?:в|во|на|on) )?(?:(следующий|следующую|следующее|следующему|следующей|следующего|next|этот|эту|это|этому|этой|этого|this) )?(\p{L}+)$/u.exec(
      phrase,
    );
  const target = lookup(names, match?.[2]);
  if (!match || target === undefined) return undefined;
  const current = isoWeekday(today);
  const which = match[1];
  if (which && /^(?:след|next)/.test(which)) return addDays(today, 8 - current + (target - 1));
  const ahead = (target - current + 7) % 7;
  if (which) return addDays(today, ahead);
  return addDays(today, ahead === 0 ? 7 : ahead);
}

/**
 * "25 декабря", "1 мая 2027", "December 25", "25 dec", "20-го января", "the 20th of January":
 * rewritten as "25.12[.2027]" for the numeric parser.
 */
function namedMonthDate(phrase: string): string | undefined {
  const dayFirst = /^(?:the )?(\d{1,2})(?:st|nd|rd|th|-?(?:е|го|ое|ому|му))? (?:of )?(\p{L}+\.?)(?: (\d{4}))?(?: г(?:ода?)?)?$/u.exec(
    phrase,
  );
  const monthFirst = /^(\p{L}+\.?) (\d{1,2})(?:st|nd|rd|th)?(?: (\d{4}))?$/u.exec(phrase);
  const [day, monthWord, year] = dayFirst
    ? [dayFirst[1], dayFirst[2], dayFirst[3]]
    : monthFirst
      ? [monthFirst[2], monthFirst[1], monthFirst[3]]
      : [];
  const month = monthWord === undefined ? undefined : monthOf(monthWord);
  if (day === undefined || month === undefined) return undefined;
  return year ? `${day}.${month}.${year}` : `${day}.${month}`;
}

/**
 * A date typed for a milestone or a meeting: "25.12", "25.12.2026", "2026-12-25", "25 декабря",
 * "сегодня", "завтра", "послезавтра", "через 2 недели", "в пятницу", "в следующую пятницу", "next Friday",
 * "tomorrow", "in 3 days". Refuses 31.02 and, unless allowed, days before today.
 */
export function parseTypedDate(text: string, now: Date, timeZone: string, options: TypedDateOptions = {}): Parsed<CalendarDate> {
  return parseTypedDay(text, calendarDate(now, timeZone), options);
}

/** parseTypedDate for a flow that already knows today's date in the organisation's zone. */
export function parseTypedDay(text: string, today: CalendarDate, options: TypedDateOptions = {}): Parsed<CalendarDate> {
  const phrase = normalise(text);
  const relative = relativeDay(phrase, today) ?? weekdayDate(phrase, today);
  if (relative) return notPast(relative, today, options);
  return parseCalendarDate(namedMonthDate(phrase) ?? phrase, today, options);
}

function notPast(date: CalendarDate, today: CalendarDate, options: TypedDateOptions): Parsed<CalendarDate> {
  return !options.allowPast && date < today ? fail("error-date-past") : ok(date);
}

/** The words a deadline starts with: "к 20 января", "до пятницы", "by Friday", "не позже 20.01". */
const DEADLINE_WORD = /^(?:к|ко|до|не позже|не позднее|by|until|till|no later than) /u;

/**
 * "конца января", "концу мая 2027", "в конце января", "end of January", "конца месяца", "end of next
 * month": the last day of that month. A month named without a year is the next one whose end has not
 * passed: in December "до конца января" is January of next year, in January it is this January.
 */
function monthEnd(phrase: string, today: CalendarDate): CalendarDate | undefined {
  const match =
    /^(?:(?:в )?(?:конца|концу|конец|конце)|(?:(?:at|by) )?(?:the )?end of(?: the)?) (?:(этого|следующего|this|next) )?(\p{L}+\.?)(?: (\d{4}))?(?: г(?:ода?)?)?$/u.exec(
      phrase,
    );
  if (!match) return undefined;
  const which = match[1];
  const word = match[2]!;
  const typedYear = match[3];
  if (/^(?:месяца|месяц|month)$/u.test(word) && typedYear === undefined) {
    const first = `${today.slice(0, 7)}-01`;
    if (which === undefined || /^(?:этого|this)$/u.test(which)) return endOfMonth(first);
    return endOfMonth(addMonths(first, 1));
  }
  const month = which === undefined ? monthOf(word) : undefined;
  if (month === undefined) return undefined;
  const [year, thisMonth] = today.split("-").map(Number) as [number, number];
  const endYear = typedYear !== undefined ? Number(typedYear) : month < thisMonth ? year + 1 : year;
  return endOfMonth(`${String(endYear).padStart(4, "0")}-${pad(month)}-01`);
}

/**
 * A deadline typed for a milestone or the end of a cycle: whatever parseTypedDay reads, also after
 * "к", "до", "by", "until" ("к 20 января", "до 20.01", "by 20 January", "until Friday"), a weekday
 * in the case those words take ("ко вторнику", "до пятницы") and the end of a month ("до конца
 * января", "к концу месяца", "by the end of January"). "До 20 января" is read as "by": that day is
 * the deadline. A weekday is the next such day after today, so "ко вторнику" typed on a Tuesday is
 * next week's Tuesday (as "во вторник" is); "к этому вторнику" on a Tuesday is today.
 */
export function parseTypedDeadline(text: string, today: CalendarDate, options: TypedDateOptions = {}): Parsed<CalendarDate> {
  const phrase = normalise(text);
  const rest = phrase.replace(DEADLINE_WORD, "");
  const end = monthEnd(rest, today);
  if (end) return notPast(end, today, options);
  const weekday = weekdayDate(rest, today, DEADLINE_WEEKDAYS);
  if (weekday) return ok(weekday);
  const day = parseTypedDay(rest, today, options);
  return day.ok || day.error !== "error-date-format" ? day : fail("error-deadline-format");
}

/**
 * A time of day: "16:30", "16.30", "в 16", "16", "4pm", "4:30 p.m.", "в 7 вечера". A bare hour is
 * read on the 24-hour clock.
 */
export function parseTypedTime(text: string): Parsed<WallTime> {
  const phrase = normalise(text);
  const match =
    /^(?:(?:в|во|к|at|@) ?)?(\d{1,2})(?: ?[:.] ?(\d{2}))? ?(am|a\.m|a\.m\.|pm|p\.m|p\.m\.|утра|дня|вечера|ночи|ч|час|часа|часов|h)?$/u.exec(
      phrase,
    );
  if (!match) return fail("error-time-format");
  let hour = Number(match[1]);
  const minute = match[2] === undefined ? 0 : Number(match[2]);
  const period = match[3]?.replace(/\./g, "");
  if (minute > 59) return fail("error-time-impossible");
  if (period === "am" || period === "pm" || period === "утра" || period === "дня" || period === "вечера" || period === "ночи") {
    // A twelve-hour reading: "12am" is midnight, "12pm" and "12 дня" noon, "11 ночи" 23:00, "2 ночи" 02:00.
    if (hour < 1 || hour > 12) return fail("error-time-impossible");
    const afternoon =
      period === "pm" || period === "вечера" || (period === "дня" && hour < 12) || (period === "ночи" && hour >= 9 && hour < 12);
    if (hour === 12 && (period === "am" || period === "ночи")) hour = 0;
    else if (afternoon && hour < 12) hour += 12;
  } else if (hour > 23) {
    return fail("error-time-impossible");
  }
  return ok({ hour, minute });
}

/** A typed time on a chosen day (a date from a button, then "16:30"): refuses a time already past. */
export function parseTimeOnDate(
  text: string,
  date: CalendarDate,
  now: Date,
  timeZone: string,
  options: TypedDateOptions = {},
): Parsed<Date> {
  const time = parseTypedTime(text);
  if (!time.ok) return time;
  return onDate(date, time.value, now, timeZone, options);
}

function onDate(date: CalendarDate, time: WallTime, now: Date, timeZone: string, options: TypedDateOptions): Parsed<Date> {
  const instant = zonedInstant(date, time, timeZone);
  if (!options.allowPast && instant.getTime() <= now.getTime()) {
    return fail(date < calendarDate(now, timeZone) ? "error-date-past" : "error-time-past");
  }
  return ok(instant);
}

/**
 * A date and a time in one answer: "25.12 16:30", "завтра в 15:00", "в пятницу в 16", "next Friday
 * 4pm", "в 16 завтра". A time alone means today; a date alone is refused with a request for the time.
 * "12.05" alone is a date (a time is written "12:05" or "в 12.05").
 */
export function parseTypedDateTime(text: string, now: Date, timeZone: string, options: TypedDateOptions = {}): Parsed<Date> {
  const phrase = normalise(text);
  const words = phrase.split(" ").filter(Boolean);
  let dateError: Parsed<never> | undefined;
  let timeError: Parsed<never> | undefined;
  // The time is a tail or a head of at most three words ("в 7 вечера"): try those splits, tail first.
  for (let size = 1; size <= Math.min(3, words.length - 1); size += 1) {
    for (const [datePart, timePart] of [
      [words.slice(0, -size), words.slice(-size)],
      [words.slice(size), words.slice(0, size)],
    ] as const) {
      const time = parseTypedTime(timePart.join(" "));
      const date = parseTypedDate(datePart.join(" "), now, timeZone, options);
      if (!time.ok) {
        // "завтра в 25:00": a real date with an impossible time deserves the time's complaint.
        if (date.ok && time.error !== "error-time-format") timeError ??= time;
        continue;
      }
      if (date.ok) return onDate(date.value, time.value, now, timeZone, options);
      if (date.error !== "error-date-format") dateError ??= date;
    }
  }
  if (dateError) return dateError;
  if (timeError) return timeError;
  const dateOnly = parseTypedDate(phrase, now, timeZone, options);
  if (dateOnly.ok) return fail("error-time-missing");
  const timeOnly = parseTypedTime(phrase);
  if (timeOnly.ok) return onDate(calendarDate(now, timeZone), timeOnly.value, now, timeZone, options);
  // "16.30" is an impossible date but a fine time, so a specific complaint waits until both have failed.
  if (dateOnly.error !== "error-date-format") return dateOnly;
  if (timeOnly.error !== "error-time-format") return timeOnly;
  return fail("error-datetime-format");
}

// ---------------------------------------------------------------------------------------------
// Buttons

/** One quick date button: the date it stands for and its label as a message key with arguments. */
export interface QuickDate {
  date: CalendarDate;
  label: { key: string; args: Record<string, string | number> };
}

/**
 * Dates offered as buttons when a date is asked: tomorrow, in a week, in two weeks and the end of
 * the month (of next month when this month's end is today or already offered), in date order.
 * Label arguments: `date` (YYYY-MM-DD), `day` and `month` (numbers) for the locale to format.
 */
export function quickDates(now: Date, timeZone: string): QuickDate[] {
  const today = calendarDate(now, timeZone);
  const choice = (date: CalendarDate, key: string): QuickDate => {
    const [, month, day] = date.split("-").map(Number) as [number, number, number];
    return { date, label: { key, args: { date, day, month } } };
  };
  const fixed = [
    choice(addDays(today, 1), "quick-date-tomorrow"),
    choice(addDays(today, 7), "quick-date-in-week"),
    choice(addDays(today, 14), "quick-date-in-two-weeks"),
  ];
  let monthEnd = endOfMonth(today);
  if (monthEnd === today || fixed.some((quick) => quick.date === monthEnd)) monthEnd = endOfMonth(addMonths(`${today.slice(0, 7)}-01`, 1));
  return [...fixed, choice(monthEnd, "quick-date-end-of-month")].sort((a, b) => a.date.localeCompare(b.date));
}
