import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { calendarDate, checkCycleDates, defaultCycleForms, isMentoringForm, parseCalendarDate } from "#root/domain/cycle.ts";
import { canApprove, needsRecordCheck } from "#root/domain/mentor-review.ts";
import { MENTOR_KINDS, MENTORING_FORMS } from "#root/domain/programme.ts";

const TODAY = "2026-05-15";

describe("parseCalendarDate", () => {
  it.each([
    ["25.12.2026", "2026-12-25"],
    ["25.12.26", "2026-12-25"],
    ["2026-12-25", "2026-12-25"],
    ["  25.12.2026 ", "2026-12-25"],
    ["25/12/2026", "2026-12-25"],
    ["5.1.2027", "2027-01-05"],
    ["05.01.27", "2027-01-05"],
    ["29.02.2028", "2028-02-29"],
  ])("reads %j as %s", (typed, date) => {
    expect(parseCalendarDate(typed, TODAY)).toEqual({ ok: true, value: date });
  });

  it.each([
    ["25.12", "2026-12-25", "later this year"],
    ["15.05", "2026-05-15", "today"],
    ["16.05", "2026-05-16", "tomorrow"],
    ["14.05", "2027-05-14", "yesterday's day: next year"],
    ["01.01", "2027-01-01", "a month already past: next year"],
  ])("reads %j without a year as the next such day (%s, %s)", (typed, date) => {
    expect(parseCalendarDate(typed, TODAY)).toEqual({ ok: true, value: date });
  });

  it("rolls a day without a year to next year after that day has passed in December", () => {
    expect(parseCalendarDate("25.12", "2026-12-26")).toEqual({ ok: true, value: "2027-12-25" });
    expect(parseCalendarDate("25.12", "2026-12-25")).toEqual({ ok: true, value: "2026-12-25" });
    expect(parseCalendarDate("31.12", "2026-12-31")).toEqual({ ok: true, value: "2026-12-31" });
    expect(parseCalendarDate("01.01", "2026-12-31")).toEqual({ ok: true, value: "2027-01-01" });
  });

  it.each([
    "31.02",
    "31.02.2027",
    "30.02.2028",
    "29.02.2027",
    "32.01.2027",
    "00.01.2027",
    "15.13.2027",
    "15.00.2027",
    "2027-02-30",
    "2027-13-01",
  ])("refuses %j: no such day", (typed) => {
    expect(parseCalendarDate(typed, TODAY)).toEqual({ ok: false, error: "error-date-impossible" });
  });

  it.each(["", "завтра", "25 декабря", "25.12.202", "25-12-2026", "2026/12/25", "25..12", "25.12.2026г", "26-12-25", "1.2.3.4"])(
    "refuses %j: not a date",
    (typed) => {
      expect(parseCalendarDate(typed, TODAY)).toEqual({ ok: false, error: "error-date-format" });
    },
  );

  it("refuses days before today unless the past is allowed", () => {
    expect(parseCalendarDate("14.05.2026", TODAY)).toEqual({ ok: false, error: "error-date-past" });
    expect(parseCalendarDate("2020-09-01", TODAY)).toEqual({ ok: false, error: "error-date-past" });
    expect(parseCalendarDate("01.09.25", TODAY)).toEqual({ ok: false, error: "error-date-past" });
    expect(parseCalendarDate("15.05.2026", TODAY)).toEqual({ ok: true, value: "2026-05-15" });
    expect(parseCalendarDate("01.09.25", TODAY, { allowPast: true })).toEqual({ ok: true, value: "2025-09-01" });
    expect(parseCalendarDate("31.02.2025", TODAY, { allowPast: true })).toEqual({ ok: false, error: "error-date-impossible" });
  });

  it("gives back what calendarDate would write for any real day from today on", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("2026-05-15T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true }), (day) => {
        const iso = day.toISOString().slice(0, 10);
        const [year, month, date] = iso.split("-");
        expect(parseCalendarDate(iso, TODAY)).toEqual({ ok: true, value: iso });
        expect(parseCalendarDate(`${date}.${month}.${year}`, TODAY)).toEqual({ ok: true, value: iso });
        expect(parseCalendarDate(`${Number(date)}.${Number(month)}.${year}`, TODAY)).toEqual({ ok: true, value: iso });
      }),
    );
  });
});

describe("checkCycleDates", () => {
  it("accepts a cycle that ends after it starts, within two years", () => {
    expect(checkCycleDates("2026-09-01", "2027-05-31")).toEqual({ ok: true, value: { startsOn: "2026-09-01", endsOn: "2027-05-31" } });
    expect(checkCycleDates("2026-09-01", "2026-09-02")).toEqual({ ok: true, value: { startsOn: "2026-09-01", endsOn: "2026-09-02" } });
    // Two years with a 29 February in them are 731 days.
    expect(checkCycleDates("2027-09-01", "2029-09-01").ok).toBe(true);
  });

  it("refuses an end on or before the start", () => {
    expect(checkCycleDates("2026-09-01", "2026-09-01")).toEqual({ ok: false, error: "error-cycle-end-before-start" });
    expect(checkCycleDates("2026-09-01", "2026-08-31")).toEqual({ ok: false, error: "error-cycle-end-before-start" });
  });

  it("refuses a cycle longer than two years", () => {
    expect(checkCycleDates("2027-09-01", "2029-09-02")).toEqual({ ok: false, error: "error-cycle-too-long" });
    expect(checkCycleDates("2026-09-01", "2030-05-31")).toEqual({ ok: false, error: "error-cycle-too-long" });
  });
});

describe("calendarDate", () => {
  it("gives the day in the organisation's time zone, around midnight UTC", () => {
    const lateEvening = new Date("2026-03-10T20:59:00Z");
    expect(calendarDate(lateEvening, "UTC")).toBe("2026-03-10");
    expect(calendarDate(lateEvening, "Europe/Moscow")).toBe("2026-03-10"); // 23:59 in Moscow
    expect(calendarDate(lateEvening, "Asia/Vladivostok")).toBe("2026-03-11"); // 06:59 next morning

    const moscowMidnight = new Date("2026-03-10T21:00:00Z");
    expect(calendarDate(moscowMidnight, "Europe/Moscow")).toBe("2026-03-11");

    const justBeforeUtcMidnight = new Date("2026-03-10T23:59:59Z");
    expect(calendarDate(justBeforeUtcMidnight, "UTC")).toBe("2026-03-10");
    expect(calendarDate(justBeforeUtcMidnight, "Europe/Moscow")).toBe("2026-03-11");
    expect(calendarDate(justBeforeUtcMidnight, "Asia/Vladivostok")).toBe("2026-03-11");

    const vladivostokMidnight = new Date("2026-03-10T14:00:00Z");
    expect(calendarDate(new Date(vladivostokMidnight.getTime() - 1000), "Asia/Vladivostok")).toBe("2026-03-10");
    expect(calendarDate(vladivostokMidnight, "Asia/Vladivostok")).toBe("2026-03-11");
    expect(calendarDate(vladivostokMidnight, "Europe/Moscow")).toBe("2026-03-10");
  });

  it("crosses into a new year in Vladivostok while it is still the old year in Moscow", () => {
    const instant = new Date("2026-12-31T15:30:00Z");
    expect(calendarDate(instant, "Asia/Vladivostok")).toBe("2027-01-01");
    expect(calendarDate(instant, "Europe/Moscow")).toBe("2026-12-31");
    // "31.12" typed at that instant is today in Moscow and a year ahead in Vladivostok.
    expect(parseCalendarDate("31.12", calendarDate(instant, "Europe/Moscow"))).toEqual({ ok: true, value: "2026-12-31" });
    expect(parseCalendarDate("31.12", calendarDate(instant, "Asia/Vladivostok"))).toEqual({ ok: true, value: "2027-12-31" });
  });

  it("always writes YYYY-MM-DD", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true }),
        fc.constantFrom("Europe/Moscow", "Asia/Vladivostok", "Europe/Kaliningrad", "Asia/Kamchatka"),
        (instant, zone) => {
          expect(calendarDate(instant, zone)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        },
      ),
    );
  });
});

describe("forms of a cycle", () => {
  it("offers the forms the organisation runs, in the usual order", () => {
    expect(defaultCycleForms(["adult_student", "teacher_student", "something_else"])).toEqual(["teacher_student", "adult_student"]);
    expect(defaultCycleForms([...MENTORING_FORMS])).toEqual([...MENTORING_FORMS]);
    expect(defaultCycleForms([])).toEqual([]);
  });

  it("recognises the four forms only", () => {
    for (const form of MENTORING_FORMS) expect(isMentoringForm(form)).toBe(true);
    expect(isMentoringForm("parent_student")).toBe(false);
    expect(isMentoringForm("")).toBe(false);
  });
});

describe("mentor review", () => {
  it("asks for the record check of every adult, not of an older student", () => {
    expect(Object.fromEntries(MENTOR_KINDS.map((kind) => [kind, needsRecordCheck(kind)]))).toEqual({
      teacher: true,
      student: false,
      university_student: true,
      adult: true,
    });
  });

  it.each([
    ["teacher", false, "active", { ok: false, error: "review-needs-record-check" }],
    ["teacher", true, "active", { ok: true }],
    ["university_student", false, "active", { ok: false, error: "review-needs-record-check" }],
    ["adult", false, "active", { ok: false, error: "review-needs-record-check" }],
    ["adult", true, "active", { ok: true }],
    ["student", false, "active", { ok: true }],
    ["student", false, "awaiting_consent", { ok: false, error: "review-not-active" }],
    ["teacher", true, "left", { ok: false, error: "review-not-active" }],
    ["adult", false, "withdrawn", { ok: false, error: "review-not-active" }],
  ] as const)("approving a %s (record checked: %s, %s) gives %j", (kind, recordChecked, participantStatus, expected) => {
    expect(canApprove({ kind, recordChecked, participantStatus })).toEqual(expected);
  });
});
