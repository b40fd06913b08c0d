import { describe, expect, it } from "vitest";
import {
  checkAgreement,
  checkChangeRequest,
  milestoneState,
  overdueCount,
  type PlanChange,
  type PlanStatus,
  parseMilestoneDate,
  parsePlanText,
  planAfterChange,
  reopensAgreement,
} from "#root/domain/plan.ts";

const MOSCOW = "Europe/Moscow";
/** Wednesday 13 May 2026, 10:00 in Moscow. */
const NOW = new Date("2026-05-13T07:00:00Z");
const CYCLE_END = "2026-12-31";

describe("parseMilestoneDate", () => {
  it.each([
    ["25.12", "2026-12-25"],
    ["2026-06-01", "2026-06-01"],
    ["через 2 недели", "2026-05-27"],
    ["next Friday", "2026-05-22"],
    ["в следующую пятницу", "2026-05-22"],
    ["сегодня", "2026-05-13"],
    ["31.12.2026", "2026-12-31"],
    ["к 25 декабря", "2026-12-25"],
    ["до 1 июня", "2026-06-01"],
    ["ко вторнику", "2026-05-19"],
    ["до пятницы", "2026-05-15"],
    ["until Friday", "2026-05-15"],
    ["by 20 June", "2026-06-20"],
    ["до конца мая", "2026-05-31"],
    ["до конца декабря", "2026-12-31"],
    ["by the end of the month", "2026-05-31"],
  ])("accepts %j as %s", (typed, date) => {
    expect(parseMilestoneDate(typed, NOW, MOSCOW, CYCLE_END)).toEqual({ ok: true, value: date });
  });

  it("refuses an impossible day, a day gone by, a day after the cycle and something that is not a date", () => {
    expect(parseMilestoneDate("31.02", NOW, MOSCOW, CYCLE_END)).toEqual({ ok: false, error: "error-date-impossible" });
    expect(parseMilestoneDate("12.05.2026", NOW, MOSCOW, CYCLE_END)).toEqual({ ok: false, error: "error-date-past" });
    expect(parseMilestoneDate("2026-01-10", NOW, MOSCOW, CYCLE_END)).toEqual({ ok: false, error: "error-date-past" });
    expect(parseMilestoneDate("01.01.2027", NOW, MOSCOW, CYCLE_END)).toEqual({
      ok: false,
      error: "plan-error-after-cycle",
      args: { end: CYCLE_END },
    });
    // "10.01" is next January: after this cycle.
    expect(parseMilestoneDate("10.01", NOW, MOSCOW, CYCLE_END)).toEqual({
      ok: false,
      error: "plan-error-after-cycle",
      args: { end: CYCLE_END },
    });
    expect(parseMilestoneDate("до конца января", NOW, MOSCOW, CYCLE_END)).toEqual({
      ok: false,
      error: "plan-error-after-cycle",
      args: { end: CYCLE_END },
    });
    expect(parseMilestoneDate("когда-нибудь", NOW, MOSCOW, CYCLE_END)).toEqual({ ok: false, error: "error-deadline-format" });
  });

  it("reads today in the organisation's zone: 23:30 UTC is already tomorrow in Moscow", () => {
    const lateEvening = new Date("2026-05-13T21:30:00Z");
    expect(parseMilestoneDate("13.05.2026", lateEvening, MOSCOW, CYCLE_END)).toEqual({ ok: false, error: "error-date-past" });
    expect(parseMilestoneDate("сегодня", lateEvening, MOSCOW, CYCLE_END)).toEqual({ ok: true, value: "2026-05-14" });
  });
});

describe("parsePlanText", () => {
  it("keeps paragraphs, trims and squeezes spaces", () => {
    expect(parsePlanText("  Сделать   проект\n\n\n\nи выступить  ", 500)).toEqual({ ok: true, value: "Сделать проект\n\nи выступить" });
  });

  it("refuses empty text and text over the limit, counting characters, not UTF-16 units", () => {
    expect(parsePlanText(" \n ", 500)).toEqual({ ok: false, error: "error-empty" });
    expect(parsePlanText("а".repeat(301), 300)).toEqual({ ok: false, error: "error-too-long", args: { max: 300 } });
    expect(parsePlanText("🎯".repeat(300), 300)).toEqual({ ok: true, value: "🎯".repeat(300) });
    expect(parsePlanText("x".repeat(5_000), 500)).toEqual({ ok: false, error: "error-too-long", args: { max: 500 } });
  });
});

describe("milestoneState", () => {
  it("is done once marked, whatever the date; overdue the day after its date; upcoming up to and on its date", () => {
    expect(milestoneState({ dueOn: "2026-05-01", doneAt: new Date("2026-05-10T00:00:00Z") }, "2026-05-13")).toBe("done");
    expect(milestoneState({ dueOn: "2026-05-12", doneAt: null }, "2026-05-13")).toBe("overdue");
    expect(milestoneState({ dueOn: "2026-05-13", doneAt: null }, "2026-05-13")).toBe("upcoming");
    expect(milestoneState({ dueOn: "2026-06-13", doneAt: null }, "2026-05-13")).toBe("upcoming");
  });

  it("counts the overdue ones", () => {
    const milestones = [
      { dueOn: "2026-05-01", doneAt: null },
      { dueOn: "2026-05-02", doneAt: "2026-05-02T10:00:00Z" },
      { dueOn: "2026-05-12", doneAt: null },
      { dueOn: "2026-05-20", doneAt: null },
    ];
    expect(overdueCount(milestones, "2026-05-13")).toBe(2);
    expect(overdueCount([], "2026-05-13")).toBe(0);
  });
});

describe("changes and agreement", () => {
  const promises: PlanChange[] = ["goal", "title", "date", "evidence", "added", "removed"];
  const progress: PlanChange[] = ["done", "undone"];
  const shown: PlanStatus[] = ["proposed", "agreed", "change_requested"];

  it("re-opens a shown plan when what was promised changes, as a new version to look at", () => {
    for (const status of shown) {
      for (const change of promises) {
        expect(reopensAgreement(status, change), `${status} ${change}`).toBe(true);
        expect(planAfterChange({ status, version: 3 }, change)).toEqual({ status: "proposed", version: 4, reopened: true });
      }
    }
  });

  it("keeps the plan as it is when progress is marked, or while it is still a draft", () => {
    for (const status of shown) {
      for (const change of progress) {
        expect(planAfterChange({ status, version: 2 }, change)).toEqual({ status, version: 2, reopened: false });
      }
    }
    for (const change of [...promises, ...progress]) {
      expect(planAfterChange({ status: "draft", version: 1 }, change)).toEqual({ status: "draft", version: 1, reopened: false });
    }
  });

  it("counts an agreement only for the version shown, once", () => {
    expect(checkAgreement({ status: "proposed", version: 2 }, 2)).toEqual({ ok: true, value: true });
    // Asked for a change, then agreed as it is: fine.
    expect(checkAgreement({ status: "change_requested", version: 2 }, 2)).toEqual({ ok: true, value: true });
    expect(checkAgreement({ status: "agreed", version: 2 }, 2)).toEqual({ ok: false, error: "plan-error-already-agreed" });
    expect(checkAgreement({ status: "proposed", version: 3 }, 2)).toEqual({ ok: false, error: "plan-error-changed-since" });
    expect(checkAgreement({ status: "agreed", version: 3 }, 2)).toEqual({ ok: false, error: "plan-error-changed-since" });
    expect(checkAgreement({ status: "draft", version: 1 }, 1)).toEqual({ ok: false, error: "plan-error-not-sent" });
  });

  it("takes one change request per version, and none once agreed", () => {
    expect(checkChangeRequest({ status: "proposed", version: 1 }, 1)).toEqual({ ok: true, value: true });
    expect(checkChangeRequest({ status: "change_requested", version: 1 }, 1)).toEqual({
      ok: false,
      error: "plan-error-change-already-asked",
    });
    expect(checkChangeRequest({ status: "agreed", version: 1 }, 1)).toEqual({ ok: false, error: "plan-error-already-agreed" });
    expect(checkChangeRequest({ status: "proposed", version: 2 }, 1)).toEqual({ ok: false, error: "plan-error-changed-since" });
    expect(checkChangeRequest({ status: "draft", version: 1 }, 1)).toEqual({ ok: false, error: "plan-error-not-sent" });
  });
});
