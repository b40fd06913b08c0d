import type { CheckInAnswerRow, NewPairAlert, PairMeeting } from "#root/db/repositories/check-ins.ts";
import type { WorkingPair } from "#root/db/repositories/pairs.ts";
import type { PlanMilestone } from "#root/db/repositories/plans.ts";
import { type PairAlert, type PairHistory, pairAlerts } from "#root/domain/attention.ts";
import { type AlertDetails, alertMessages, alertText, respondentLine } from "#root/flows/check-ins/index.ts";
import type { Job } from "./job.ts";

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

function byPair<T extends { pairId: number }>(items: readonly T[]): Map<number, T[]> {
  const grouped = new Map<number, T[]>();
  for (const item of items) grouped.set(item.pairId, [...(grouped.get(item.pairId) ?? []), item]);
  return grouped;
}

/** The facts domain/attention.ts reads, from a pair's rows. */
function historyOf(
  pair: WorkingPair,
  meetings: readonly PairMeeting[],
  answers: readonly CheckInAnswerRow[],
  milestones: readonly PlanMilestone[],
): PairHistory {
  return {
    pairId: String(pair.pairId),
    formedAt: pair.publishedAt,
    meetings: meetings.map((meeting) => ({
      id: String(meeting.id),
      start: meeting.startsAt,
      end: new Date(meeting.startsAt.getTime() + meeting.minutes * MINUTE_MS),
      state: meeting.state,
    })),
    checkIns: answers.map((answer) => ({
      id: String(answer.id),
      milestoneId: String(answer.milestoneId),
      respondent: answer.respondent,
      answer: answer.answer,
      at: answer.at,
    })),
    milestones: milestones.map((milestone) => ({ id: String(milestone.id), due: milestone.dueOn, doneAt: milestone.doneAt ?? undefined })),
  };
}

/** What the coordinator's text says about an alert; undefined when its facts are gone (an erased answer). */
function detailsOf(
  pair: WorkingPair,
  alert: PairAlert,
  answers: readonly CheckInAnswerRow[],
  milestones: readonly PlanMilestone[],
  now: Date,
): AlertDetails | undefined {
  switch (alert.reason) {
    case "missed-in-a-row":
      return { reason: alert.reason };
    case "no-meeting":
      return { reason: alert.reason, quietDays: Math.floor((now.getTime() - (alert.since ?? pair.publishedAt).getTime()) / DAY_MS) };
    case "stuck-check-in": {
      const answer = answers.find((entry) => `stuck-check-in:${entry.id}` === alert.key);
      const milestone = answer && milestones.find((entry) => entry.id === answer.milestoneId);
      if (!answer || !milestone) return undefined;
      return {
        reason: alert.reason,
        stuck: { who: respondentLine(pair, answer.personId, answer.respondent), title: milestone.title, reason: answer.reason ?? "—" },
      };
    }
  }
}

/**
 * Looks at every working pair and alerts the organisation's coordinators about what needs them: a
 * stuck check-in (usually alerted already when it was answered), two missed meetings in a row, no
 * meeting for 14 days. Each alert is kept under its key (pair_alerts), so it goes out once however
 * often the job, or how many replicas, run. A fixed number of queries whatever the number of pairs.
 */
export const attentionJob: Job = {
  name: "attention",
  schedule: "5 * * * *",
  async run({ repos }, now) {
    const pairs = await repos.pairs.working({ all: true });
    if (pairs.length === 0) return 0;
    const pairIds = pairs.map((pair) => pair.pairId);
    const meetings = byPair(await repos.checkIns.meetingsOf(pairIds));
    const answers = byPair(await repos.checkIns.answersOf(pairIds));
    const milestones = byPair(await repos.plans.milestonesOf(pairIds));

    const found: Array<NewPairAlert & { details: AlertDetails; pair: WorkingPair }> = [];
    for (const pair of pairs) {
      const own = {
        meetings: meetings.get(pair.pairId) ?? [],
        answers: answers.get(pair.pairId) ?? [],
        milestones: milestones.get(pair.pairId) ?? [],
      };
      for (const alert of pairAlerts(historyOf(pair, own.meetings, own.answers, own.milestones), now)) {
        const details = detailsOf(pair, alert, own.answers, own.milestones, now);
        if (details) found.push({ pairId: pair.pairId, orgId: pair.orgId, reason: alert.reason, key: alert.key, details, pair });
      }
    }
    if (found.length === 0) return 0;

    const coordinators = await repos.checkIns.coordinatorsOf([...new Set(found.map((alert) => alert.orgId))]);
    const sources = new Map(found.map((alert) => [`${alert.pairId}|${alert.key}`, alert]));
    const recorded = await repos.checkIns.recordAlerts(found, now, (alerts) =>
      alerts.flatMap((alert) => {
        const source = sources.get(`${alert.pairId}|${alert.key}`)!;
        return alertMessages(alert, alertText(source.pair, source.details), coordinators.get(alert.orgId) ?? [], now);
      }),
    );
    return recorded.length;
  },
};
