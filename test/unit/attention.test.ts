import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CheckInFact,
  type ConsentFact,
  compareFigures,
  type DigestWeek,
  digestFigures,
  type MeetingFact,
  type MilestoneFact,
  needsAttentionFirst,
  type PairAlert,
  type PairFact,
  type PairHistory,
  pairAlerts,
  weekFigures,
} from "#root/domain/attention.ts";
import type { MeetingState } from "#root/domain/meetings.ts";

const NOW = new Date("2026-05-13T07:00:00Z");
const DAY = 86_400_000;
let counter = 0;
const meeting = (start: string, state: MeetingState, pairId = "A"): MeetingFact => ({
  id: `meeting-${++counter}`,
  pairId,
  start: new Date(start),
  end: new Date(new Date(start).getTime() + 3_600_000),
  state,
});
const checkIn = (at: string, answer: CheckInFact["answer"], extra: Partial<CheckInFact> = {}): CheckInFact => ({
  id: `check-in-${++counter}`,
  pairId: "A",
  milestoneId: "m1",
  respondent: "mentee",
  answer,
  at: new Date(at),
  ...extra,
});
const history = (extra: Partial<PairHistory>): PairHistory => ({
  pairId: "A",
  formedAt: new Date("2026-04-01T09:00:00Z"),
  meetings: [],
  checkIns: [],
  ...extra,
});
const reasons = (alerts: PairAlert[]) => alerts.map((alert) => alert.reason);

describe("pairAlerts", () => {
  it("raises nothing for a pair that meets and is on track", () => {
    expect(
      pairAlerts(
        history({ meetings: [meeting("2026-05-10T12:00:00Z", "held")], checkIns: [checkIn("2026-05-10T14:00:00Z", "on_track")] }),
        NOW,
      ),
    ).toEqual([]);
  });

  it("raises an alert for two missed meetings in a row, not counting moved or declined ones between them", () => {
    const second = meeting("2026-05-11T12:00:00Z", "missed");
    const meetings = [
      meeting("2026-05-01T12:00:00Z", "held"),
      meeting("2026-05-04T12:00:00Z", "missed"),
      meeting("2026-05-06T12:00:00Z", "moved"),
      meeting("2026-05-08T12:00:00Z", "declined"),
      second,
      meeting("2026-05-14T12:00:00Z", "accepted"),
    ];
    expect(pairAlerts(history({ meetings }), NOW)).toEqual([{ reason: "missed-in-a-row", key: `missed-in-a-row:${second.id}` }]);
  });

  it("forgets missed meetings once a meeting is held after them", () => {
    const meetings = [
      meeting("2026-05-04T12:00:00Z", "missed"),
      meeting("2026-05-06T12:00:00Z", "missed"),
      meeting("2026-05-11T12:00:00Z", "held"),
    ];
    expect(pairAlerts(history({ meetings }), NOW)).toEqual([]);
    expect(reasons(pairAlerts(history({ meetings: meetings.slice(1) }), NOW))).toEqual([]);
  });

  it("raises an alert when no meeting has been held for 14 days, from the last held meeting's end", () => {
    const last = meeting("2026-04-28T12:00:00Z", "held");
    const alerts = pairAlerts(history({ meetings: [last, meeting("2026-05-12T12:00:00Z", "moved")] }), NOW);
    expect(alerts).toEqual([{ reason: "no-meeting", key: "no-meeting:2026-04-28T13:00:00.000Z", since: last.end }]);
    expect(pairAlerts(history({ meetings: [last] }), new Date(last.end.getTime() + 14 * DAY - 1))).toEqual([]);
    expect(reasons(pairAlerts(history({ meetings: [last] }), new Date(last.end.getTime() + 14 * DAY)))).toEqual(["no-meeting"]);
  });

  it("gives a new pair 14 days from forming before calling it quiet", () => {
    const formedAt = new Date("2026-05-05T09:00:00Z");
    expect(pairAlerts(history({ formedAt }), NOW)).toEqual([]);
    expect(pairAlerts(history({ formedAt }), new Date(formedAt.getTime() + 14 * DAY))).toEqual([
      { reason: "no-meeting", key: "no-meeting:2026-05-05T09:00:00.000Z", since: formedAt },
    ]);
  });

  it("raises an alert while the latest answer of mentor or mentee about a milestone is 'stuck'", () => {
    const stuck = checkIn("2026-05-10T10:00:00Z", "stuck");
    const onTrackMentor = checkIn("2026-05-11T10:00:00Z", "on_track", { respondent: "mentor" });
    const base = { meetings: [meeting("2026-05-10T12:00:00Z", "held")] };
    expect(pairAlerts(history({ ...base, checkIns: [stuck, onTrackMentor] }), NOW)).toEqual([
      { reason: "stuck-check-in", key: `stuck-check-in:${stuck.id}` },
    ]);
    // The mentee answers again: no longer stuck.
    expect(pairAlerts(history({ ...base, checkIns: [stuck, onTrackMentor, checkIn("2026-05-12T10:00:00Z", "on_track")] }), NOW)).toEqual(
      [],
    );
    // The milestone is done since: no longer stuck.
    expect(
      pairAlerts(
        history({ ...base, checkIns: [stuck], milestones: [{ id: "m1", due: "2026-05-20", doneAt: new Date("2026-05-12T10:00:00Z") }] }),
        NOW,
      ),
    ).toEqual([]);
    // Another milestone stuck too: one alert each.
    const other = checkIn("2026-05-09T10:00:00Z", "stuck", { milestoneId: "m2", respondent: "mentor" });
    expect(pairAlerts(history({ ...base, checkIns: [stuck, other] }), NOW).map((alert) => alert.key)).toEqual([
      `stuck-check-in:${other.id}`,
      `stuck-check-in:${stuck.id}`,
    ]);
  });

  it("gives an alert the same key however often it is checked, so it is sent once", () => {
    const meetings = [meeting("2026-04-20T12:00:00Z", "missed"), meeting("2026-04-22T12:00:00Z", "missed")];
    const first = pairAlerts(history({ meetings }), NOW);
    const later = pairAlerts(history({ meetings }), new Date(NOW.getTime() + 3 * DAY));
    expect(later.map((alert) => alert.key)).toEqual(first.map((alert) => alert.key));
    expect(reasons(first)).toEqual(["missed-in-a-row", "no-meeting"]);
  });
});

describe("needsAttentionFirst", () => {
  const alert = (reason: PairAlert["reason"], since?: string): PairAlert => ({
    reason,
    key: `${reason}:x`,
    ...(since ? { since: new Date(since) } : {}),
  });

  it("puts missed meetings first, then quiet pairs (longest quiet first), then stuck ones, then only overdue, and leaves out the rest", () => {
    const pairs = [
      { pairId: "fine", alerts: [], overdueMilestones: 0 },
      { pairId: "overdue", alerts: [], overdueMilestones: 2 },
      { pairId: "stuck", alerts: [alert("stuck-check-in")], overdueMilestones: 0 },
      { pairId: "quiet-long", alerts: [alert("no-meeting", "2026-04-01T00:00:00Z")], overdueMilestones: 0 },
      { pairId: "quiet-short", alerts: [alert("no-meeting", "2026-04-25T00:00:00Z")], overdueMilestones: 5 },
      { pairId: "missed", alerts: [alert("missed-in-a-row")], overdueMilestones: 0 },
      { pairId: "missed-and-quiet", alerts: [alert("missed-in-a-row"), alert("no-meeting", "2026-04-20T00:00:00Z")], overdueMilestones: 0 },
      { pairId: "stuck-and-overdue", alerts: [alert("stuck-check-in")], overdueMilestones: 1 },
    ];
    expect(needsAttentionFirst(pairs).map((pair) => pair.pairId)).toEqual([
      "missed-and-quiet",
      "missed",
      "quiet-long",
      "quiet-short",
      "stuck-and-overdue",
      "stuck",
      "overdue",
    ]);
  });

  it("gives the same order whatever order the pairs come in", () => {
    const pairs = ["a", "b", "c", "d", "e", "f"].map((pairId, index) => ({
      pairId,
      alerts: index % 3 === 0 ? [alert("stuck-check-in")] : index % 3 === 1 ? [alert("no-meeting", `2026-04-0${index}T00:00:00Z`)] : [],
      overdueMilestones: index % 2,
    }));
    const expected = needsAttentionFirst(pairs).map((pair) => pair.pairId);
    fc.assert(
      fc.property(fc.shuffledSubarray(pairs, { minLength: pairs.length, maxLength: pairs.length }), (shuffled) => {
        expect(needsAttentionFirst(shuffled).map((pair) => pair.pairId)).toEqual(expected);
      }),
    );
  });
});

describe("the weekly digest", () => {
  // Monday 4 May to Monday 11 May 2026 on the Moscow clock, and the week before.
  const MOSCOW = "Europe/Moscow";
  const from = new Date("2026-05-03T21:00:00Z");
  const to = new Date("2026-05-10T21:00:00Z");
  const previousFrom = new Date("2026-04-26T21:00:00Z");

  const pairs: PairFact[] = [
    { pairId: "A", formedAt: new Date("2026-03-01T09:00:00Z") },
    { pairId: "B", formedAt: new Date("2026-03-01T09:00:00Z") },
    { pairId: "C", formedAt: new Date("2026-05-08T09:00:00Z") },
    { pairId: "D", formedAt: new Date("2026-03-01T09:00:00Z"), endedAt: new Date("2026-05-02T09:00:00Z") },
    { pairId: "E", formedAt: new Date("2026-03-01T09:00:00Z") },
  ];
  const meetings: MeetingFact[] = [
    meeting("2026-05-05T12:00:00Z", "held", "A"),
    meeting("2026-04-28T12:00:00Z", "held", "A"),
    meeting("2026-05-12T12:00:00Z", "accepted", "A"),
    meeting("2026-04-15T12:00:00Z", "held", "B"),
    meeting("2026-05-06T12:00:00Z", "missed", "B"),
    meeting("2026-04-29T12:00:00Z", "missed", "B"),
    meeting("2026-05-07T12:00:00Z", "declined", "B"),
    meeting("2026-05-20T12:00:00Z", "proposed", "B"),
    // A proposal answered with another time: the replacement is the planned one, this is not a second.
    meeting("2026-05-13T12:00:00Z", "rescheduled", "B"),
    meeting("2026-04-20T12:00:00Z", "held", "D"),
  ];
  const milestones: MilestoneFact[] = [
    { id: "m1", pairId: "A", due: "2026-05-08", doneAt: new Date("2026-05-07T10:00:00Z") },
    { id: "m2", pairId: "A", due: "2026-05-01", doneAt: new Date("2026-05-06T10:00:00Z") },
    { id: "m3", pairId: "B", due: "2026-05-10" },
    { id: "m4", pairId: "B", due: "2026-05-11" },
    { id: "m5", pairId: "E", due: "2026-04-30", doneAt: new Date("2026-04-30T10:00:00Z") },
  ];
  const checkIns: CheckInFact[] = [
    checkIn("2026-05-06T10:00:00Z", "stuck", { pairId: "B" }),
    checkIn("2026-05-08T10:00:00Z", "stuck", { pairId: "B", milestoneId: "m4" }),
    checkIn("2026-05-07T10:00:00Z", "on_track"),
    checkIn("2026-04-30T10:00:00Z", "stuck", { pairId: "B" }),
  ];
  const consents: ConsentFact[] = [
    { requestedAt: new Date("2026-04-20T10:00:00Z"), resolvedAt: new Date("2026-05-05T10:00:00Z") },
    { requestedAt: new Date("2026-05-01T10:00:00Z") },
    { requestedAt: new Date("2026-05-09T10:00:00Z") },
    { requestedAt: new Date("2026-04-01T10:00:00Z"), resolvedAt: new Date("2026-04-10T10:00:00Z") },
  ];
  const facts = { timeZone: MOSCOW, pairs, meetings, milestones, checkIns, consents };
  const thisWeek: DigestWeek = { from, to, ...facts };
  const previousWeek: DigestWeek = { from: previousFrom, to: from, ...facts };

  it("counts this week's figures and their change against the previous week from the same facts", () => {
    expect(digestFigures(thisWeek, previousWeek)).toEqual({
      pairsActive: { value: 2, change: 1 },
      pairsQuiet: { value: 2, change: 0 },
      meetingsHeld: { value: 1, change: 0 },
      meetingsMissed: { value: 1, change: 0 },
      meetingsPlanned: { value: 1, change: -1 },
      milestonesDone: { value: 2, change: 1 },
      milestonesOverdue: { value: 1, change: 0 },
      stuckCheckIns: { value: 2, change: 1 },
      consentsPending: { value: 2, change: 0 },
    });
  });

  it("counts a milestone due on the week's last day as overdue, and one due the next day not", () => {
    const figures = weekFigures({ ...thisWeek, milestones: [milestones[2]!, milestones[3]!] });
    expect(figures.milestonesOverdue).toBe(1);
  });

  it("gives zeros for an organisation with nothing yet", () => {
    const empty: DigestWeek = { from, to, timeZone: MOSCOW, pairs: [], meetings: [], milestones: [], checkIns: [], consents: [] };
    const figures = digestFigures(empty, empty);
    expect(Object.values(figures).every((figure) => figure.value === 0 && figure.change === 0)).toBe(true);
  });

  it("compares with figures kept from an earlier digest as well", () => {
    const current = weekFigures(thisWeek);
    expect(compareFigures(current, { ...current, meetingsHeld: 4 }).meetingsHeld).toEqual({ value: 1, change: -3 });
  });

  it("splits the working pairs into active and quiet", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 120 }), (daysLater) => {
        const end = new Date(to.getTime() + daysLater * DAY);
        const figures = weekFigures({ ...thisWeek, from: new Date(end.getTime() - 7 * DAY), to: end });
        const working = pairs.filter((pair) => pair.formedAt < end && !(pair.endedAt && pair.endedAt < end)).length;
        expect(figures.pairsActive + figures.pairsQuiet).toBe(working);
      }),
    );
  });
});
