import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { calendarDate } from "#root/domain/cycle.ts";
import {
  addMonths,
  parseTimeOnDate,
  parseTypedDate,
  parseTypedDateTime,
  parseTypedDay,
  parseTypedDeadline,
  parseTypedTime,
  quickDates,
  wallClock,
  zonedInstant,
} from "#root/domain/typed-dates.ts";

const MOSCOW = "Europe/Moscow";
/** Wednesday 13 May 2026, 10:00 in Moscow (UTC+3 all year). */
const NOW = new Date("2026-05-13T07:00:00Z");

describe("parseTypedDate", () => {
  it.each([
    ["25.12", "2026-12-25"],
    ["25.12.2026", "2026-12-25"],
    ["2026-12-25", "2026-12-25"],
    ["25.12.", "2026-12-25"],
    ["25 декабря", "2026-12-25"],
    ["1 мая", "2027-05-01"],
    ["1 мая 2027 г.", "2027-05-01"],
    ["December 25", "2026-12-25"],
    ["25 Dec 2027", "2027-12-25"],
    ["сегодня", "2026-05-13"],
    ["завтра", "2026-05-14"],
    ["  Завтра ", "2026-05-14"],
    ["послезавтра", "2026-05-15"],
    ["через 3 дня", "2026-05-16"],
    ["через неделю", "2026-05-20"],
    ["через 2 недели", "2026-05-27"],
    ["через две недели", "2026-05-27"],
    ["через месяц", "2026-06-13"],
    ["tomorrow", "2026-05-14"],
    ["in 3 days", "2026-05-16"],
    ["in a week", "2026-05-20"],
    ["in 2 weeks", "2026-05-27"],
    ["in two weeks", "2026-05-27"],
  ])("reads %j on Wednesday 13 May as %s", (typed, date) => {
    expect(parseTypedDate(typed, NOW, MOSCOW)).toEqual({ ok: true, value: date });
  });

  it.each([
    ["в пятницу", "2026-05-15"],
    ["пятница", "2026-05-15"],
    ["пт", "2026-05-15"],
    ["Friday", "2026-05-15"],
    ["on fri", "2026-05-15"],
    ["во вторник", "2026-05-19"],
    ["в воскресенье", "2026-05-17"],
    ["в среду", "2026-05-20"],
    ["в эту среду", "2026-05-13"],
    ["this Wednesday", "2026-05-13"],
    ["в следующую пятницу", "2026-05-22"],
    ["next Friday", "2026-05-22"],
    ["в следующий понедельник", "2026-05-18"],
    ["в следующее воскресенье", "2026-05-24"],
    ["next Wednesday", "2026-05-20"],
  ])("reads the weekday %j on Wednesday 13 May as %s", (typed, date) => {
    expect(parseTypedDate(typed, NOW, MOSCOW)).toEqual({ ok: true, value: date });
  });

  it("reads 'next Friday' as Friday of next week, whatever day it is said on", () => {
    const monday = new Date("2026-05-11T07:00:00Z");
    const saturday = new Date("2026-05-16T07:00:00Z");
    expect(parseTypedDate("в пятницу", monday, MOSCOW)).toEqual({ ok: true, value: "2026-05-15" });
    expect(parseTypedDate("в следующую пятницу", monday, MOSCOW)).toEqual({ ok: true, value: "2026-05-22" });
    expect(parseTypedDate("в пятницу", saturday, MOSCOW)).toEqual({ ok: true, value: "2026-05-22" });
    expect(parseTypedDate("next Friday", saturday, MOSCOW)).toEqual({ ok: true, value: "2026-05-22" });
  });

  it("counts from today in the organisation's zone, not in UTC", () => {
    const halfPastMidnightInMoscow = new Date("2026-05-13T21:30:00Z");
    expect(parseTypedDate("завтра", halfPastMidnightInMoscow, MOSCOW)).toEqual({ ok: true, value: "2026-05-15" });
    expect(parseTypedDate("завтра", halfPastMidnightInMoscow, "UTC")).toEqual({ ok: true, value: "2026-05-14" });
  });

  it("adds a month up to the last day of a shorter month", () => {
    expect(parseTypedDate("через месяц", new Date("2026-01-31T07:00:00Z"), MOSCOW)).toEqual({ ok: true, value: "2026-02-28" });
    expect(addMonths("2028-01-31", 1)).toBe("2028-02-29");
    expect(addMonths("2026-12-15", 2)).toBe("2027-02-15");
  });

  it.each([
    ["31.02", "error-date-impossible"],
    ["30.02.2027", "error-date-impossible"],
    ["31 февраля", "error-date-impossible"],
    ["01.05.2026", "error-date-past"],
    ["12.05.2026", "error-date-past"],
    ["", "error-date-format"],
    ["когда-нибудь", "error-date-format"],
    ["вчера", "error-date-past"],
    ["позавчера", "error-date-past"],
    ["yesterday", "error-date-past"],
    ["через 0 дней", "error-date-format"],
    ["через сколько-то дней", "error-date-format"],
    ["через constructor дней", "error-date-format"],
    ["в constructor", "error-date-format"],
    ["next toString", "error-date-format"],
    ["25 мартобря", "error-date-format"],
  ])("refuses %j with %s", (typed, error) => {
    expect(parseTypedDate(typed, NOW, MOSCOW)).toMatchObject({ ok: false, error });
  });

  it("takes a day in the past when allowed", () => {
    expect(parseTypedDate("01.05.2026", NOW, MOSCOW, { allowPast: true })).toEqual({ ok: true, value: "2026-05-01" });
  });

  it("never throws, and never gives a day before today", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 40 }),
          fc.constantFrom("через ", "in ", "в ", "next ", "25.").chain((head) => fc.string({ maxLength: 12 }).map((tail) => head + tail)),
        ),
        (typed) => {
          const parsed = parseTypedDate(typed, NOW, MOSCOW);
          if (parsed.ok) {
            expect(parsed.value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
            expect(parsed.value >= "2026-05-13").toBe(true);
          } else {
            expect(parsed.error).toMatch(/^error-date-/);
          }
        },
      ),
    );
  });
});

describe("parseTypedDay", () => {
  it("reads the words a start date is given in from the day the flow knows as today", () => {
    expect(parseTypedDay("сегодня", "2026-12-07")).toEqual({ ok: true, value: "2026-12-07" });
    expect(parseTypedDay("Сегодня.", "2026-12-07")).toEqual({ ok: true, value: "2026-12-07" });
    expect(parseTypedDay("today", "2026-12-07")).toEqual({ ok: true, value: "2026-12-07" });
    expect(parseTypedDay("завтра", "2026-12-07")).toEqual({ ok: true, value: "2026-12-08" });
    expect(parseTypedDay("tomorrow", "2026-12-31")).toEqual({ ok: true, value: "2027-01-01" });
    expect(parseTypedDay("послезавтра", "2026-12-31")).toEqual({ ok: true, value: "2027-01-02" });
    expect(parseTypedDay("07.12", "2026-12-07")).toEqual({ ok: true, value: "2026-12-07" });
    expect(parseTypedDay("01.12.2026", "2026-12-07")).toEqual({ ok: false, error: "error-date-past" });
  });

  it("refuses yesterday as a day gone by, unless the past is allowed", () => {
    expect(parseTypedDay("вчера", "2027-01-01")).toEqual({ ok: false, error: "error-date-past" });
    expect(parseTypedDay("вчера", "2027-01-01", { allowPast: true })).toEqual({ ok: true, value: "2026-12-31" });
  });
});

describe("parseTypedDeadline", () => {
  /** Monday 7 December 2026, the day the start-date prompt of the issue shows. */
  const MONDAY = "2026-12-07";

  it.each([
    ["20.01", "2027-01-20"],
    ["20.01.2027", "2027-01-20"],
    ["2027-01-20", "2027-01-20"],
    ["к 20 января", "2027-01-20"],
    ["К 20 Января", "2027-01-20"],
    ["до 20 января", "2027-01-20"],
    ["до 20 янв.", "2027-01-20"],
    ["к 20-му января", "2027-01-20"],
    ["к 20 январю", "error-deadline-format"],
    ["до 20.01", "2027-01-20"],
    ["к 20.01.2027", "2027-01-20"],
    ["не позже 20 января", "2027-01-20"],
    ["by 20 January", "2027-01-20"],
    ["by January 20th", "2027-01-20"],
    ["by the 20th of Jan", "2027-01-20"],
    ["until 20 jan", "2027-01-20"],
    ["ко вторнику", "2026-12-08"],
    ["к пятнице", "2026-12-11"],
    ["до пятницы", "2026-12-11"],
    ["до вторника", "2026-12-08"],
    ["к среде", "2026-12-09"],
    ["к воскресенью", "2026-12-13"],
    ["до субботы", "2026-12-12"],
    ["к понедельнику", "2026-12-14"],
    ["ко вт", "2026-12-08"],
    ["в пятницу", "2026-12-11"],
    ["во вторник", "2026-12-08"],
    ["к следующему вторнику", "2026-12-15"],
    ["until Friday", "2026-12-11"],
    ["by Tuesday", "2026-12-08"],
    ["by tue", "2026-12-08"],
    ["by next Friday", "2026-12-18"],
    ["до конца января", "2027-01-31"],
    ["До конца Января!", "2027-01-31"],
    ["к концу января", "2027-01-31"],
    ["в конце января", "2027-01-31"],
    ["до конца янв", "2027-01-31"],
    ["до конца февраля", "2027-02-28"],
    ["до конца февраля 2028", "2028-02-29"],
    ["до конца декабря", "2026-12-31"],
    ["до конца месяца", "2026-12-31"],
    ["к концу следующего месяца", "2027-01-31"],
    ["by the end of January", "2027-01-31"],
    ["end of Jan", "2027-01-31"],
    ["until the end of the month", "2026-12-31"],
    ["сегодня", "2026-12-07"],
    ["до завтра", "2026-12-08"],
    ["by tomorrow", "2026-12-08"],
    ["через 2 недели", "2026-12-21"],
  ])("reads %j on Monday 7 December as %s", (typed, expected) => {
    const parsed = parseTypedDeadline(typed, MONDAY);
    expect(parsed).toEqual(expected.startsWith("error-") ? { ok: false, error: expected } : { ok: true, value: expected });
  });

  it("reads the end of January typed on 31 December as next year's", () => {
    expect(parseTypedDeadline("до конца января", "2026-12-31")).toEqual({ ok: true, value: "2027-01-31" });
    expect(parseTypedDeadline("к 20 января", "2026-12-31")).toEqual({ ok: true, value: "2027-01-20" });
    expect(parseTypedDeadline("до конца декабря", "2026-12-31")).toEqual({ ok: true, value: "2026-12-31" });
    expect(parseTypedDeadline("до конца месяца", "2026-12-31")).toEqual({ ok: true, value: "2026-12-31" });
  });

  it("reads the end of January typed in January as this January's", () => {
    expect(parseTypedDeadline("до конца января", "2027-01-10")).toEqual({ ok: true, value: "2027-01-31" });
    expect(parseTypedDeadline("до конца января", "2027-01-31")).toEqual({ ok: true, value: "2027-01-31" });
    expect(parseTypedDeadline("до конца января", "2027-02-01")).toEqual({ ok: true, value: "2028-01-31" });
  });

  it("reads a weekday typed on that very weekday as next week's, unless 'this' is said", () => {
    const tuesday = "2026-12-08";
    expect(parseTypedDeadline("ко вторнику", tuesday)).toEqual({ ok: true, value: "2026-12-15" });
    expect(parseTypedDeadline("до вторника", tuesday)).toEqual({ ok: true, value: "2026-12-15" });
    expect(parseTypedDeadline("by Tuesday", tuesday)).toEqual({ ok: true, value: "2026-12-15" });
    expect(parseTypedDeadline("к этому вторнику", tuesday)).toEqual({ ok: true, value: tuesday });
    expect(parseTypedDeadline("к среде", tuesday)).toEqual({ ok: true, value: "2026-12-09" });
  });

  it.each([
    ["до 01.12.2026", "error-date-past"],
    ["к 6 декабря 2026", "error-date-past"],
    ["до конца ноября 2026", "error-date-past"],
    ["до конца января 2026", "error-date-past"],
    ["вчера", "error-date-past"],
    ["к 31 февраля", "error-date-impossible"],
    ["до 32.01", "error-date-impossible"],
    ["до", "error-deadline-format"],
    ["к", "error-deadline-format"],
    ["до конца", "error-deadline-format"],
    ["до конца света", "error-deadline-format"],
    ["до конца следующего января", "error-deadline-format"],
    ["к constructor", "error-deadline-format"],
    ["когда получится", "error-deadline-format"],
  ])("refuses %j with %s", (typed, error) => {
    expect(parseTypedDeadline(typed, MONDAY)).toEqual({ ok: false, error });
  });

  it("takes a past end of month when allowed", () => {
    expect(parseTypedDeadline("до конца ноября 2026", MONDAY, { allowPast: true })).toEqual({ ok: true, value: "2026-11-30" });
  });

  it("never throws, and never gives a day before today", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 40 }),
          fc
            .constantFrom("к ", "до ", "by ", "до конца ", "к концу ", "end of ", "ко ")
            .chain((head) => fc.string({ maxLength: 12 }).map((tail) => head + tail)),
        ),
        (typed) => {
          const parsed = parseTypedDeadline(typed, MONDAY);
          if (parsed.ok) {
            expect(parsed.value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
            expect(parsed.value >= MONDAY).toBe(true);
          } else {
            expect(parsed.error).toMatch(/^error-(?:date|deadline)-/);
          }
        },
      ),
    );
  });
});

describe("parseTypedTime", () => {
  it.each([
    ["16:30", 16, 30],
    ["16.30", 16, 30],
    ["9:05", 9, 5],
    ["в 16", 16, 0],
    ["16", 16, 0],
    ["в 16:30", 16, 30],
    ["к 9.00", 9, 0],
    ["0:00", 0, 0],
    ["23:59", 23, 59],
    ["4pm", 16, 0],
    ["4 PM", 16, 0],
    ["4:30 p.m.", 16, 30],
    ["at 9am", 9, 0],
    ["12am", 0, 0],
    ["12pm", 12, 0],
    ["в 7 вечера", 19, 0],
    ["в 8 утра", 8, 0],
    ["в 2 дня", 14, 0],
    ["в 12 дня", 12, 0],
    ["в 11 ночи", 23, 0],
    ["в 2 ночи", 2, 0],
    ["в 12 ночи", 0, 0],
    ["16 ч", 16, 0],
  ])("reads %j as %i:%i", (typed, hour, minute) => {
    expect(parseTypedTime(typed)).toEqual({ ok: true, value: { hour, minute } });
  });

  it.each([
    ["24:00", "error-time-impossible"],
    ["16:60", "error-time-impossible"],
    ["13pm", "error-time-impossible"],
    ["0am", "error-time-impossible"],
    ["в 15 вечера", "error-time-impossible"],
    ["16:3", "error-time-format"],
    ["", "error-time-format"],
    ["вечером", "error-time-format"],
    ["16:30:00", "error-time-format"],
  ])("refuses %j with %s", (typed, error) => {
    expect(parseTypedTime(typed)).toEqual({ ok: false, error });
  });
});

describe("parseTypedDateTime", () => {
  it.each([
    ["25.12 16:30", "2026-12-25T13:30:00.000Z"],
    ["25.12.2026, 16:30", "2026-12-25T13:30:00.000Z"],
    ["2026-12-25 16:30", "2026-12-25T13:30:00.000Z"],
    ["25 декабря в 16:30", "2026-12-25T13:30:00.000Z"],
    ["завтра в 15:00", "2026-05-14T12:00:00.000Z"],
    ["в 16 завтра", "2026-05-14T13:00:00.000Z"],
    ["в пятницу в 16", "2026-05-15T13:00:00.000Z"],
    ["в следующую пятницу в 16.30", "2026-05-22T13:30:00.000Z"],
    ["через 2 дня в 7 вечера", "2026-05-15T16:00:00.000Z"],
    ["next Friday 4pm", "2026-05-22T13:00:00.000Z"],
    ["tomorrow at 4:30 pm", "2026-05-14T13:30:00.000Z"],
    ["в 16", "2026-05-13T13:00:00.000Z"],
    ["16.30", "2026-05-13T13:30:00.000Z"],
    ["сегодня в 10:01", "2026-05-13T07:01:00.000Z"],
  ])("reads %j as %s", (typed, instant) => {
    const parsed = parseTypedDateTime(typed, NOW, MOSCOW);
    expect(parsed.ok && parsed.value.toISOString()).toBe(instant);
  });

  it.each([
    ["в 9", "error-time-past"],
    ["сегодня в 10:00", "error-time-past"],
    ["01.05.2026 16:00", "error-date-past"],
    ["25.12", "error-time-missing"],
    ["12.05", "error-time-missing"],
    ["завтра", "error-time-missing"],
    ["31.02 16:30", "error-date-impossible"],
    ["завтра в 25:00", "error-time-impossible"],
    ["25:00", "error-time-impossible"],
    ["когда будет удобно", "error-datetime-format"],
    ["", "error-datetime-format"],
  ])("refuses %j with %s", (typed, error) => {
    expect(parseTypedDateTime(typed, NOW, MOSCOW)).toMatchObject({ ok: false, error });
  });

  it("takes a time already past today when allowed", () => {
    const parsed = parseTypedDateTime("в 9", NOW, MOSCOW, { allowPast: true });
    expect(parsed.ok && parsed.value.toISOString()).toBe("2026-05-13T06:00:00.000Z");
  });

  it("never throws on anything typed", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (typed) => {
        const parsed = parseTypedDateTime(typed, NOW, MOSCOW);
        if (parsed.ok) expect(parsed.value.getTime()).toBeGreaterThan(NOW.getTime());
        else expect(parsed.error).toMatch(/^error-/);
      }),
    );
  });
});

describe("parseTimeOnDate", () => {
  it("puts a typed time on a day chosen with a button, and refuses a time already past", () => {
    const parsed = parseTimeOnDate("16:30", "2026-05-14", NOW, MOSCOW);
    expect(parsed.ok && parsed.value.toISOString()).toBe("2026-05-14T13:30:00.000Z");
    expect(parseTimeOnDate("9:30", "2026-05-13", NOW, MOSCOW)).toEqual({ ok: false, error: "error-time-past" });
    expect(parseTimeOnDate("9:30", "2026-05-12", NOW, MOSCOW)).toEqual({ ok: false, error: "error-date-past" });
    expect(parseTimeOnDate("полдень", "2026-05-14", NOW, MOSCOW)).toEqual({ ok: false, error: "error-time-format" });
  });
});

describe("wall time in a zone with daylight saving", () => {
  const BERLIN = "Europe/Berlin";
  const beforeSpring = new Date("2026-03-01T12:00:00Z");

  it("uses winter and summer offsets either side of the change", () => {
    const winter = parseTypedDateTime("28.03 12:00", beforeSpring, BERLIN);
    const summer = parseTypedDateTime("29.03 12:00", beforeSpring, BERLIN);
    expect(winter.ok && winter.value.toISOString()).toBe("2026-03-28T11:00:00.000Z");
    expect(summer.ok && summer.value.toISOString()).toBe("2026-03-29T10:00:00.000Z");
  });

  it("moves a time skipped by clocks going forward on by the gap", () => {
    expect(zonedInstant("2026-03-29", { hour: 2, minute: 30 }, BERLIN).toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(wallClock(new Date("2026-03-29T01:30:00Z"), BERLIN)).toEqual({ date: "2026-03-29", hour: 3, minute: 30, second: 0 });
    expect(zonedInstant("2026-03-08", { hour: 2, minute: 30 }, "America/New_York").toISOString()).toBe("2026-03-08T07:30:00.000Z");
  });

  it("takes the first of a time repeated by clocks going back", () => {
    expect(zonedInstant("2026-10-25", { hour: 2, minute: 30 }, BERLIN).toISOString()).toBe("2026-10-25T00:30:00.000Z");
    expect(zonedInstant("2026-10-25", { hour: 3, minute: 30 }, BERLIN).toISOString()).toBe("2026-10-25T02:30:00.000Z");
    expect(zonedInstant("2026-11-01", { hour: 1, minute: 30 }, "America/New_York").toISOString()).toBe("2026-11-01T05:30:00.000Z");
  });

  it("reads back the wall clock it was given, in any zone on any day", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1) / 60_000, max: Date.UTC(2040, 0, 1) / 60_000 }).map((minutes) => new Date(minutes * 60_000)),
        fc.constantFrom(
          "Europe/Moscow",
          "Europe/Berlin",
          "America/New_York",
          "Australia/Lord_Howe",
          "Asia/Kathmandu",
          "America/Santiago",
          "Asia/Vladivostok",
        ),
        (instant, zone) => {
          const clock = wallClock(instant, zone);
          const back = zonedInstant(clock.date, clock, zone);
          // The same wall clock, at this instant or at its earlier twin when clocks went back.
          expect(wallClock(back, zone)).toEqual(clock);
          expect(back.getTime()).toBeLessThanOrEqual(instant.getTime());
          expect(calendarDate(back, zone)).toBe(clock.date);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("quickDates", () => {
  const dates = (now: Date) => quickDates(now, MOSCOW).map((quick) => [quick.date, quick.label.key]);

  it("offers tomorrow, a week, two weeks and the end of the month, with keys and arguments for the labels", () => {
    expect(quickDates(NOW, MOSCOW)).toEqual([
      { date: "2026-05-14", label: { key: "quick-date-tomorrow", args: { date: "2026-05-14", day: 14, month: 5 } } },
      { date: "2026-05-20", label: { key: "quick-date-in-week", args: { date: "2026-05-20", day: 20, month: 5 } } },
      { date: "2026-05-27", label: { key: "quick-date-in-two-weeks", args: { date: "2026-05-27", day: 27, month: 5 } } },
      { date: "2026-05-31", label: { key: "quick-date-end-of-month", args: { date: "2026-05-31", day: 31, month: 5 } } },
    ]);
  });

  it("keeps date order when the month ends before two weeks are up", () => {
    expect(dates(new Date("2026-05-20T07:00:00Z"))).toEqual([
      ["2026-05-21", "quick-date-tomorrow"],
      ["2026-05-27", "quick-date-in-week"],
      ["2026-05-31", "quick-date-end-of-month"],
      ["2026-06-03", "quick-date-in-two-weeks"],
    ]);
  });

  it("offers next month's end when this month's is today or already a button", () => {
    expect(dates(new Date("2026-05-24T07:00:00Z"))).toEqual([
      ["2026-05-25", "quick-date-tomorrow"],
      ["2026-05-31", "quick-date-in-week"],
      ["2026-06-07", "quick-date-in-two-weeks"],
      ["2026-06-30", "quick-date-end-of-month"],
    ]);
    expect(dates(new Date("2026-01-31T07:00:00Z")).at(-1)).toEqual(["2026-02-28", "quick-date-end-of-month"]);
    expect(dates(new Date("2026-12-30T07:00:00Z")).map(([date]) => date)).toEqual(["2026-12-31", "2027-01-06", "2027-01-13", "2027-01-31"]);
  });

  it("counts from the day in the organisation's zone", () => {
    // 00:30 on 1 June in Moscow, still 31 May in UTC.
    expect(dates(new Date("2026-05-31T21:30:00Z"))[0]).toEqual(["2026-06-02", "quick-date-tomorrow"]);
  });

  it("always gives four different future dates in order", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("2026-01-01T00:00:00Z"), max: new Date("2035-12-31T00:00:00Z"), noInvalidDate: true }), (now) => {
        const offered = quickDates(now, MOSCOW).map((quick) => quick.date);
        expect(new Set(offered).size).toBe(4);
        expect([...offered].sort()).toEqual(offered);
        expect(offered[0]! > calendarDate(now, MOSCOW)).toBe(true);
      }),
    );
  });
});

describe("hostile phrases", () => {
  // 32,000 dots took 5 s when the closing punctuation was stripped by a regex; 200,000 would take
  // about a minute and outlive the test's timeout, where one pass takes milliseconds.
  it.each([
    ["dots before a letter", `1${".".repeat(200_000)}x`],
    ["dots at the end", `15.05${".".repeat(200_000)}`],
    ["spaces and commas", `${", ".repeat(100_000)}x`],
    ["questions and exclamations", `1${"!?".repeat(100_000)}x`],
  ])("reads %s in one pass and answers", (_what, text) => {
    expect(parseTypedDate(text, NOW, MOSCOW).ok).toBeDefined();
    expect(parseTypedDateTime(text, NOW, MOSCOW).ok).toBeDefined();
    expect(parseTypedTime(text).ok).toBeDefined();
  });

  it("still reads a date that ends with a full stop or an exclamation", () => {
    expect(parseTypedDate("15.05.2027.", NOW, MOSCOW)).toEqual({ ok: true, value: "2027-05-15" });
    expect(parseTypedDate("15.05.2027!!", NOW, MOSCOW)).toEqual({ ok: true, value: "2027-05-15" });
  });
});
