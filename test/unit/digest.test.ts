import { describe, expect, it } from "vitest";
import type { MeetingFact } from "#root/domain/attention.ts";
import {
  ATTENTION_TOP,
  attentionList,
  completedWeek,
  type DigestPair,
  dueDigestWeek,
  emptyFacts,
  mondayOf,
  type OrganisationFacts,
  organisationDigest,
  progressChart,
  weekSoFar,
} from "#root/domain/digest.ts";
import { attentionBlock, changeMark, digestMessage } from "#root/flows/check-ins/digest-message.ts";
import { Translator } from "#root/i18n/translator.ts";

const MSK = "Europe/Moscow";
const VLADIVOSTOK = "Asia/Vladivostok";
const at = (iso: string) => new Date(iso);

describe("when the weekly digest is due", () => {
  it("is Monday's from 09:00 in the organisation's zone, not a minute before", () => {
    // Monday 12 January 2026, 08:59 and 09:00 in Moscow (UTC+3).
    expect(dueDigestWeek(at("2026-01-12T05:59:00Z"), MSK, null)).toBeUndefined();
    expect(dueDigestWeek(at("2026-01-12T06:00:00Z"), MSK, null)).toBe("2026-01-12");
    // The same instant is already Monday afternoon in Vladivostok (UTC+10), still Sunday in New York.
    expect(dueDigestWeek(at("2026-01-12T06:00:00Z"), VLADIVOSTOK, null)).toBe("2026-01-12");
    expect(dueDigestWeek(at("2026-01-12T06:00:00Z"), "America/New_York", null)).toBeUndefined();
  });

  it("is sent once a week: not again after it went out, caught up later in the week, never for a week gone by", () => {
    expect(dueDigestWeek(at("2026-01-12T10:00:00Z"), MSK, "2026-01-12")).toBeUndefined();
    expect(dueDigestWeek(at("2026-01-13T10:00:00Z"), MSK, "2026-01-05")).toBe("2026-01-12");
    expect(dueDigestWeek(at("2026-01-18T20:59:00Z"), MSK, "2026-01-05")).toBe("2026-01-12");
    // Back after a week away on Tuesday the 20th: only that week's digest.
    expect(dueDigestWeek(at("2026-01-20T10:00:00Z"), MSK, "2025-12-29")).toBe("2026-01-19");
  });

  it("finds the Monday of any day", () => {
    expect(mondayOf("2026-01-12")).toBe("2026-01-12");
    expect(mondayOf("2026-01-18")).toBe("2026-01-12");
    expect(mondayOf("2026-03-01")).toBe("2026-02-23");
  });
});

describe("the weeks a digest compares", () => {
  it("reports the seven days before Monday's midnight against the seven before them", () => {
    expect(completedWeek("2026-01-12", MSK)).toEqual({
      weekOf: "2026-01-12",
      thisWeek: { from: at("2026-01-04T21:00:00Z"), to: at("2026-01-11T21:00:00Z") },
      previousWeek: { from: at("2025-12-28T21:00:00Z"), to: at("2026-01-04T21:00:00Z") },
      lastDay: "2026-01-11",
      soFar: false,
    });
  });

  it("reports the week so far against the same days and hours of the week before", () => {
    const now = at("2026-01-14T12:30:00Z");
    expect(weekSoFar(now, MSK)).toEqual({
      weekOf: "2026-01-12",
      thisWeek: { from: at("2026-01-11T21:00:00Z"), to: now },
      previousWeek: { from: at("2026-01-04T21:00:00Z"), to: at("2026-01-07T12:30:00Z") },
      lastDay: "2026-01-14",
      soFar: true,
    });
  });
});

describe("the progress chart's weeks", () => {
  it("runs from the cycle's first Monday to the reported week, gaps as zeros, milestones as a running total", () => {
    const chart = progressChart(
      [
        { weekOf: "2025-12-29", held: 2, missed: 1, milestonesDone: 1 },
        { weekOf: "2026-01-12", held: 0, missed: 2, milestonesDone: 3 },
        // Done before the cycle's first week (moved dates): counted in the first week's total.
        { weekOf: "2025-12-15", held: 5, missed: 0, milestonesDone: 2 },
        // After the reported week: left out.
        { weekOf: "2026-01-19", held: 9, missed: 9, milestonesDone: 9 },
      ],
      12,
      "2025-12-31",
      completedWeek("2026-01-19", MSK),
    );
    expect(chart).toEqual({
      weeks: [
        { weekOf: "2025-12-29", held: 2, missed: 1, milestonesDoneTotal: 3 },
        { weekOf: "2026-01-05", held: 0, missed: 0, milestonesDoneTotal: 3 },
        { weekOf: "2026-01-12", held: 0, missed: 2, milestonesDoneTotal: 6 },
      ],
      milestonesPlanned: 12,
    });
  });

  it("is empty for a cycle that starts after the reported week", () => {
    expect(progressChart([], 0, "2026-02-01", completedWeek("2026-01-19", MSK)).weeks).toEqual([]);
  });
});

const NOW = at("2026-01-12T06:00:00Z");
let counter = 0;
const pair = (id: string, extra: Partial<DigestPair> = {}): DigestPair => ({
  pairId: id,
  formedAt: at("2025-11-01T09:00:00Z"),
  mentorName: `Mentor ${id}`,
  menteeNames: [`Mentee ${id}`],
  ...extra,
});
const meeting = (pairId: string, start: string, state: MeetingFact["state"]): MeetingFact => ({
  id: `m${++counter}`,
  pairId,
  start: at(start),
  end: new Date(at(start).getTime() + 3_600_000),
  state,
});

describe("who needs attention first", () => {
  it("names each pair's reasons in order of seriousness, and leaves out pairs doing fine", () => {
    const facts: OrganisationFacts = {
      ...emptyFacts(),
      pairs: [pair("fine"), pair("quiet"), pair("missing"), pair("stuck"), pair("ended", { endedAt: at("2026-01-01T00:00:00Z") })],
      meetings: [
        meeting("fine", "2026-01-08T12:00:00Z", "held"),
        meeting("quiet", "2025-12-20T12:00:00Z", "held"),
        meeting("missing", "2026-01-05T12:00:00Z", "missed"),
        meeting("missing", "2026-01-09T12:00:00Z", "missed"),
        meeting("stuck", "2026-01-10T12:00:00Z", "held"),
      ],
      milestones: [
        { id: "ms1", pairId: "stuck", due: "2026-01-05", title: "Choose a topic" },
        { id: "ms2", pairId: "stuck", due: "2026-02-01", title: "Write a draft" },
      ],
      checkIns: [{ id: "c1", pairId: "stuck", milestoneId: "ms2", respondent: "mentee", answer: "stuck", at: at("2026-01-10T15:00:00Z") }],
    };
    const list = attentionList(facts, MSK, NOW);
    expect(list.map((entry) => entry.pairId)).toEqual(["missing", "quiet", "stuck"]);
    // Never met since forming on 1 November.
    expect(list[0]!.reasons).toEqual([{ kind: "missed-in-a-row" }, { kind: "no-meeting", since: "2025-11-01", days: 71 }]);
    expect(list[1]!.reasons).toEqual([{ kind: "no-meeting", since: "2025-12-20", days: 22 }]);
    expect(list[2]).toEqual({
      pairId: "stuck",
      mentorName: "Mentor stuck",
      menteeNames: ["Mentee stuck"],
      reasons: [
        { kind: "stuck-check-in", milestone: "Write a draft" },
        { kind: "overdue", count: 1 },
      ],
    });
  });

  it("keeps the first five in the digest and counts them all", () => {
    const pairs = Array.from({ length: 8 }, (_, index) => pair(`p${index}`));
    const digest = organisationDigest({ ...emptyFacts(), pairs }, completedWeek("2026-01-12", MSK), MSK, "2025-11-01", NOW);
    expect(digest.attention).toHaveLength(ATTENTION_TOP);
    expect(digest.attentionTotal).toBe(8);
    expect(digest.figures.pairsQuiet).toEqual({ value: 8, change: 0 });
  });
});

describe("the digest's figures", () => {
  it("compare the reported week with the week before", () => {
    const facts: OrganisationFacts = {
      ...emptyFacts(),
      pairs: [pair("a", { formedAt: at("2025-12-20T09:00:00Z") })],
      meetings: [
        meeting("a", "2025-12-30T12:00:00Z", "held"),
        meeting("a", "2026-01-06T12:00:00Z", "held"),
        meeting("a", "2026-01-08T12:00:00Z", "held"),
        meeting("a", "2026-01-09T12:00:00Z", "missed"),
        meeting("a", "2026-01-14T12:00:00Z", "accepted"),
        // Moved to the 14th: the same meeting, counted once.
        meeting("a", "2026-01-15T12:00:00Z", "moved"),
      ],
      milestones: [{ id: "x", pairId: "a", due: "2026-01-03", title: "x", doneAt: at("2026-01-07T10:00:00Z") }],
    };
    const { figures } = organisationDigest(facts, completedWeek("2026-01-12", MSK), MSK, "2025-12-20", NOW);
    expect(figures.meetingsHeld).toEqual({ value: 2, change: 1 });
    expect(figures.meetingsMissed).toEqual({ value: 1, change: 1 });
    // A week earlier the three meetings of the reported week were still ahead.
    expect(figures.meetingsPlanned).toEqual({ value: 1, change: -2 });
    expect(figures.milestonesDone).toEqual({ value: 1, change: 1 });
    expect(figures.milestonesOverdue).toEqual({ value: 0, change: -1 });
    expect(figures.pairsActive).toEqual({ value: 1, change: 0 });
  });
});

describe("the digest message", () => {
  it("marks changes with arrows", () => {
    expect([changeMark(3), changeMark(-2), changeMark(0)]).toEqual(["▲ 3", "▼ 2", "="]);
  });

  it("reads in either language, with the chart as its picture", async () => {
    const translator = await Translator.load();
    const facts: OrganisationFacts = {
      ...emptyFacts(),
      pairs: [pair("a", { mentorName: "Ирина Волкова", menteeNames: ["Петя Соколов", "Оля Ким"] })],
      meetings: [meeting("a", "2025-12-20T12:00:00Z", "held")],
    };
    const period = completedWeek("2026-01-12", MSK);
    const digest = organisationDigest(facts, period, MSK, "2025-11-01", NOW);
    const chart = new Uint8Array([1, 2, 3]);
    const ru = digestMessage({ orgName: "Школа № 5", period, digest, chart, locale: "ru" });
    const text = ru.text.map((part) => translator.render("ru", part)).join("\n\n");
    expect(text).toContain("Сводка программы «Школа № 5» за неделю 05.01.2026 — 11.01.2026");
    expect(text).toContain("💤 Не встречались две недели и дольше: 1 (=)");
    expect(text).toContain("1. Ирина Волкова и Петя Соколов, Оля Ким: нет встреч 22 дня (с 20.12.2025)");
    expect(ru.image).toEqual({ filename: "digest-2026-01-11.png", content: chart });
    expect(ru.document).toBeUndefined();
    const en = digestMessage({ orgName: "School 5", period, digest, chart, locale: "en" });
    const english = en.text.map((part) => translator.render("en", part)).join("\n\n");
    expect(english).toContain("1. Ирина Волкова and Петя Соколов, Оля Ким: no meeting for 22 days (since 20 Dec 2025)");
    expect(english).not.toMatch(/digest-/);
  });

  it("says when no pair needs attention", async () => {
    const translator = await Translator.load();
    expect(translator.render("ru", attentionBlock({ attention: [], attentionTotal: 0 }, "ru"))).toContain("Тревожных сигналов нет");
  });
});
