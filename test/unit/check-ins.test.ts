import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkInRound, currentMilestones, MAX_STUCK_REASON, parseStuckReason, roundStartsAt } from "#root/domain/check-ins.ts";

const DAY = 86_400_000;
const PUBLISHED = new Date("2026-09-07T09:00:00Z");

describe("check-in rounds", () => {
  it("has no round before one period has passed since publishing", () => {
    expect(checkInRound(PUBLISHED, 7, PUBLISHED)).toBe(0);
    expect(checkInRound(PUBLISHED, 7, new Date(PUBLISHED.getTime() - DAY))).toBe(0);
    expect(checkInRound(PUBLISHED, 7, new Date(PUBLISHED.getTime() + 7 * DAY - 1))).toBe(0);
  });

  it("starts round 1 one period after publishing and counts on", () => {
    expect(checkInRound(PUBLISHED, 7, new Date(PUBLISHED.getTime() + 7 * DAY))).toBe(1);
    expect(checkInRound(PUBLISHED, 7, new Date(PUBLISHED.getTime() + 13 * DAY))).toBe(1);
    expect(checkInRound(PUBLISHED, 7, new Date(PUBLISHED.getTime() + 14 * DAY))).toBe(2);
    expect(checkInRound(PUBLISHED, 3, new Date(PUBLISHED.getTime() + 10 * DAY))).toBe(3);
  });

  it("after downtime gives only the round under way", () => {
    // Down for three weeks: the job that wakes up sees round 4, not rounds 1–3.
    expect(checkInRound(PUBLISHED, 7, new Date(PUBLISHED.getTime() + 30 * DAY))).toBe(4);
  });

  it("puts each instant inside the round it names", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 400 * DAY }), (every, offset) => {
        const now = new Date(PUBLISHED.getTime() + offset);
        const round = checkInRound(PUBLISHED, every, now);
        if (round === 0) return now.getTime() < roundStartsAt(PUBLISHED, every, 1).getTime();
        return (
          roundStartsAt(PUBLISHED, every, round).getTime() <= now.getTime() &&
          now.getTime() < roundStartsAt(PUBLISHED, every, round + 1).getTime()
        );
      }),
    );
  });

  it("starts round n n periods after publishing", () => {
    expect(roundStartsAt(PUBLISHED, 7, 1).toISOString()).toBe("2026-09-14T09:00:00.000Z");
    expect(roundStartsAt(PUBLISHED, 14, 2).toISOString()).toBe("2026-10-05T09:00:00.000Z");
  });
});

describe("current milestones", () => {
  const milestone = (id: string, dueOn: string, position: number, doneAt: Date | null = null) => ({ id, dueOn, position, doneAt });
  const ids = (list: { id: string }[]) => list.map((item) => item.id);

  it("asks about the next two by date when nothing is overdue", () => {
    const plan = [
      milestone("c", "2026-12-01", 3),
      milestone("a", "2026-10-01", 1),
      milestone("b", "2026-11-01", 2),
      milestone("d", "2027-01-10", 4),
    ];
    expect(ids(currentMilestones(plan, "2026-09-20"))).toEqual(["a", "b"]);
  });

  it("asks about every overdue one and then the next one", () => {
    const plan = [
      milestone("a", "2026-09-01", 1),
      milestone("b", "2026-09-10", 2),
      milestone("c", "2026-10-01", 3),
      milestone("d", "2026-11-01", 4),
    ];
    expect(ids(currentMilestones(plan, "2026-09-20"))).toEqual(["a", "b", "c"]);
  });

  it("leaves out done milestones, overdue or not", () => {
    const done = new Date("2026-09-05T10:00:00Z");
    const plan = [
      milestone("a", "2026-09-01", 1, done),
      milestone("b", "2026-10-01", 2),
      milestone("c", "2026-11-01", 3, done),
      milestone("d", "2026-12-01", 4),
    ];
    expect(ids(currentMilestones(plan, "2026-09-20"))).toEqual(["b", "d"]);
  });

  it("does not count a milestone due today as overdue", () => {
    const plan = [milestone("a", "2026-09-20", 1), milestone("b", "2026-10-01", 2), milestone("c", "2026-11-01", 3)];
    expect(ids(currentMilestones(plan, "2026-09-20"))).toEqual(["a", "b"]);
  });

  it("orders milestones of one date by their position", () => {
    const plan = [milestone("second", "2026-10-01", 2), milestone("first", "2026-10-01", 1)];
    expect(ids(currentMilestones(plan, "2026-09-20"))).toEqual(["first", "second"]);
  });

  it("has nothing to ask when the plan is empty or all done", () => {
    expect(currentMilestones([], "2026-09-20")).toEqual([]);
    expect(currentMilestones([milestone("a", "2026-09-01", 1, new Date("2026-09-02T00:00:00Z"))], "2026-09-20")).toEqual([]);
  });
});

describe("a word why a milestone is stuck", () => {
  it("keeps the words, trimmed", () => {
    expect(parseStuckReason("  не понимаю задачу \n")).toEqual({ ok: true, value: "не понимаю задачу" });
  });

  it("refuses an empty answer", () => {
    expect(parseStuckReason("   ")).toEqual({ ok: false, error: "error-empty" });
  });

  it("takes 300 characters and refuses more, kindly, with the limit", () => {
    expect(parseStuckReason("я".repeat(MAX_STUCK_REASON))).toEqual({ ok: true, value: "я".repeat(MAX_STUCK_REASON) });
    expect(parseStuckReason("я".repeat(5_000))).toEqual({ ok: false, error: "check-ins-reason-too-long", args: { max: 300 } });
  });
});
