import type { CheckIn, NewCheckIn } from "#root/db/repositories/check-ins.ts";
import type { NewOutboxMessage } from "#root/db/repositories/outbox.ts";
import type { WorkingPair } from "#root/db/repositories/pairs.ts";
import type { PlanMilestone } from "#root/db/repositories/plans.ts";
import { checkInRound, currentMilestones, roundStartsAt } from "#root/domain/check-ins.ts";
import { calendarDate } from "#root/domain/cycle.ts";
import { checkInAction } from "#root/flows/check-ins/index.ts";
import { planAction } from "#root/flows/plan/index.ts";
import { msg } from "#root/i18n/translator.ts";
import type { Job } from "./job.ts";

const names = (pair: WorkingPair) => pair.mentees.map((mentee) => mentee.name ?? "—").join(", ");

/** The pair's messages about check-ins: withdrawn together, if a pair ever needs it. */
const topicOf = (pairId: number) => `pair:${pairId}:check-in`;

/** The question to one person: a button that opens the check-in flow on their check-in. */
function question(pair: WorkingPair, checkIn: CheckIn, at: Date): NewOutboxMessage {
  const text =
    checkIn.respondent === "mentor"
      ? msg("check-ins-ask-mentor", { mentees: names(pair) })
      : msg("check-ins-ask-mentee", { mentor: pair.mentor.name ?? "—" });
  return {
    dedupKey: `check-in:${checkIn.id}`,
    to: { personId: checkIn.personId },
    message: { text: [text], buttons: [[checkInAction.button(msg("check-ins-button-answer"), { id: checkIn.id })]] },
    dueAt: at,
    topic: topicOf(pair.pairId),
    // A question not delivered before the next round (quiet hours, downtime) is not worth sending.
    expiresAt: roundStartsAt(pair.publishedAt, pair.checkInEveryDays, checkIn.round + 1),
    reminder: true,
  };
}

/** A pair with no milestones has nothing to check: the mentor is asked to write the plan instead. */
function planNudge(pair: WorkingPair, round: number, at: Date): NewOutboxMessage {
  return {
    // The key is the claim: one nudge per pair and round, whatever the replicas.
    dedupKey: `check-in:plan:${pair.pairId}:${round}`,
    to: { personId: pair.mentor.personId },
    message: {
      text: [msg("check-ins-plan-missing", { mentees: names(pair) })],
      buttons: [[planAction.button(msg("check-ins-button-plan"), { pairId: pair.pairId })]],
    },
    dueAt: at,
    topic: topicOf(pair.pairId),
    expiresAt: roundStartsAt(pair.publishedAt, pair.checkInEveryDays, round + 1),
    reminder: true,
  };
}

/**
 * Asks the mentor and the mentees of every working pair how the plan goes, once per round: the round
 * under way at `now` only, so a run after downtime asks once and never about missed rounds. A fixed
 * number of queries whatever the number of pairs.
 */
export const checkInJob: Job = {
  name: "check-ins",
  schedule: "*/15 * * * *",
  async run({ repos }, now) {
    const due = (await repos.pairs.working({ all: true }))
      .map((pair) => ({ pair, round: checkInRound(pair.publishedAt, pair.checkInEveryDays, now) }))
      .filter((entry) => entry.round >= 1);
    if (due.length === 0) return 0;

    const asked = new Set(
      (await repos.checkIns.askedIn(due.map((entry) => ({ pairId: entry.pair.pairId, round: entry.round })))).map(
        (entry) => `${entry.pairId}:${entry.personId}`,
      ),
    );
    const unasked = due
      .map((entry) => ({
        ...entry,
        people: [
          { personId: entry.pair.mentor.personId, respondent: "mentor" as const },
          ...entry.pair.mentees.map((mentee) => ({ personId: mentee.personId, respondent: "mentee" as const })),
        ].filter((person) => !asked.has(`${entry.pair.pairId}:${person.personId}`)),
      }))
      .filter((entry) => entry.people.length > 0);
    if (unasked.length === 0) return 0;

    const milestones = new Map<number, PlanMilestone[]>();
    for (const milestone of await repos.plans.milestonesOf(unasked.map((entry) => entry.pair.pairId))) {
      milestones.set(milestone.pairId, [...(milestones.get(milestone.pairId) ?? []), milestone]);
    }
    const checkIns: NewCheckIn[] = [];
    const nudges: NewOutboxMessage[] = [];
    for (const { pair, round, people } of unasked) {
      const plan = milestones.get(pair.pairId) ?? [];
      if (plan.length === 0) {
        // The mentee has nothing to answer about until the mentor writes the plan.
        if (people.some((person) => person.respondent === "mentor")) nudges.push(planNudge(pair, round, now));
        continue;
      }
      // Every step done: nothing to ask about.
      if (currentMilestones(plan, calendarDate(now, pair.timeZone)).length === 0) continue;
      for (const person of people)
        checkIns.push({ pairId: pair.pairId, orgId: pair.orgId, personId: person.personId, respondent: person.respondent, round });
    }

    const pairs = new Map(unasked.map((entry) => [entry.pair.pairId, entry.pair]));
    const claimed = await repos.checkIns.ask(checkIns, now, (checkIn) => question(pairs.get(checkIn.pairId)!, checkIn, now));
    const nudged = await repos.outbox.enqueue(nudges);
    return claimed.length + nudged;
  },
};
