import type { MilestoneAnswer, Respondent } from "#root/db/repositories/check-ins.ts";
import type { Repositories } from "#root/db/repositories/index.ts";
import type { Choice } from "#root/dialog/dialog.ts";
import type { FlowDefinition } from "#root/dialog/flow.ts";
import type { CheckInAnswer } from "#root/domain/attention.ts";
import { checkInRound, currentMilestones, MAX_STUCK_REASON, parseStuckReason } from "#root/domain/check-ins.ts";
import { calendarDate, formatCalendarDate } from "#root/domain/cycle.ts";
import { msg } from "#root/i18n/translator.ts";
import type { SpecButton } from "#root/messaging/message-spec.ts";
import { currentPerson } from "../common/people.ts";
import { menuAction } from "../self-service/actions.ts";
import { alertMessages, alertText, respondentLine } from "./alerts.ts";

interface AskedMilestone {
  id: number;
  title: string;
  dueOn: string;
  overdue: boolean;
}

/** What a press of a check-in button finds in the database (plain data: it is kept in the replay log). */
type CheckInSetup =
  | { kind: "not-yours" | "answered" | "stale" | "pair-over" }
  | { kind: "ask"; checkInId: number; pairId: number; orgId: number; respondent: Respondent; milestones: AskedMilestone[] };

/**
 * Re-checks a check-in button against the database: the check-in is this person's, not answered, of
 * a pair still at work that they are still in, and of the round under way (an older one is stale);
 * then the milestones to ask about today.
 */
async function openCheckIn(repos: Repositories, id: number, personId: number | undefined, now: Date): Promise<CheckInSetup> {
  const checkIn = await repos.checkIns.get(id);
  if (!checkIn || personId === undefined || checkIn.personId !== personId) return { kind: "not-yours" };
  if (checkIn.answeredAt) return { kind: "answered" };
  const [pair] = await repos.pairs.working({ pairId: checkIn.pairId });
  const stillIn = pair && (pair.mentor.personId === personId || pair.mentees.some((mentee) => mentee.personId === personId));
  if (!pair || !stillIn) return { kind: "pair-over" };
  if (checkIn.round < checkInRound(pair.publishedAt, pair.checkInEveryDays, now)) return { kind: "stale" };
  const today = calendarDate(now, pair.timeZone);
  const milestones = currentMilestones(await repos.plans.milestonesOf([pair.pairId]), today).map((milestone) => ({
    id: milestone.id,
    title: milestone.title,
    dueOn: milestone.dueOn,
    overdue: milestone.dueOn < today,
  }));
  return { kind: "ask", checkInId: checkIn.id, pairId: pair.pairId, orgId: pair.orgId, respondent: checkIn.respondent, milestones };
}

const MENU: SpecButton[][] = [[menuAction.button(msg("button-menu"))]];

const REFUSALS = {
  "not-yours": msg("check-ins-not-yours"),
  answered: msg("check-ins-already-answered"),
  stale: msg("check-ins-stale"),
  "pair-over": msg("check-ins-pair-over"),
};

const ANSWER_CHOICES: Choice<CheckInAnswer>[] = [
  { value: "done", label: msg("check-ins-button-done") },
  { value: "on_track", label: msg("check-ins-button-on-track") },
  { value: "stuck", label: msg("check-ins-button-stuck") },
];

/**
 * A check-in answered from its button: for each current milestone done / on track / stuck (with a word
 * why), saved together at the end. A stuck answer alerts the organisation's coordinators at once.
 */
export const checkInFlow: FlowDefinition<{ id: number }> = {
  name: "check-in",
  version: 1,
  async run(d, ctx, { id }) {
    const me = await currentPerson(d, ctx);
    const opened = await d.now();
    const setup = await d.run("open-check-in", () => openCheckIn(ctx.repos, id, me?.person.id, opened));
    if (setup.kind !== "ask") {
      await d.say(REFUSALS[setup.kind], { buttons: MENU });
      return;
    }
    if (setup.milestones.length === 0) {
      await d.say(msg("check-ins-nothing-now"), { buttons: MENU });
      return;
    }
    const mentor = setup.respondent === "mentor";
    const count = setup.milestones.length;
    await d.say(msg(mentor ? "check-ins-intro-mentor" : "check-ins-intro-mentee", { count }));

    const answers: MilestoneAnswer[] = [];
    for (const [index, milestone] of setup.milestones.entries()) {
      const args = {
        number: index + 1,
        count,
        title: milestone.title,
        due: msg(milestone.overdue ? "check-ins-due-passed" : "check-ins-due", { date: formatCalendarDate(milestone.dueOn, d.locale) }),
      };
      const answer = await d.choose(msg(mentor ? "check-ins-question-mentor" : "check-ins-question-mentee", args), ANSWER_CHOICES);
      const reason =
        answer === "stuck"
          ? await d.ask(msg(mentor ? "check-ins-why-mentor" : "check-ins-why-mentee", { max: MAX_STUCK_REASON }), {
              parse: parseStuckReason,
            })
          : null;
      answers.push({ milestoneId: milestone.id, answer, reason });
    }

    const at = await d.now();
    const saved = await d.run("save-answers", async () => {
      const [pair] = await ctx.repos.pairs.working({ pairId: setup.pairId });
      const coordinators = (await ctx.repos.checkIns.coordinatorsOf([setup.orgId])).get(setup.orgId) ?? [];
      const result = await ctx.repos.checkIns.answer(
        // Only the mentor's "done" closes a milestone: the mentor answers for the plan, and a child's
        // "done" is their own view of it (kept as their answer, for the mentor and the coordinator),
        // so a mentee cannot close a step on the group's behalf or by a slip of the finger.
        { checkInId: setup.checkInId, personId: me!.person.id, at, answers, marksDone: mentor },
        (alerts) =>
          pair
            ? alerts.flatMap((alert) => {
                const title = setup.milestones.find((milestone) => milestone.id === alert.answer.milestoneId)?.title ?? "—";
                const stuck = {
                  who: respondentLine(pair, alert.answer.personId, alert.answer.respondent),
                  title,
                  reason: alert.answer.reason ?? "—",
                };
                return alertMessages(alert, alertText(pair, { reason: "stuck-check-in", stuck }), coordinators, at);
              })
            : [],
      );
      if (result?.alerts.length) ctx.kickDelivery();
      return result
        ? { stuck: answers.some((entry) => entry.answer === "stuck"), done: answers.filter((entry) => entry.answer === "done").length }
        : undefined;
    });
    if (!saved) {
      // Answered meanwhile (another device, the same button pressed twice).
      await d.say(REFUSALS.answered, { buttons: MENU });
      return;
    }
    if (mentor && saved.done > 0) await d.say(msg("check-ins-marked-done", { count: saved.done }));
    await d.say(
      msg(
        saved.stuck
          ? mentor
            ? "check-ins-thanks-stuck-mentor"
            : "check-ins-thanks-stuck-mentee"
          : mentor
            ? "check-ins-thanks-mentor"
            : "check-ins-thanks-mentee",
      ),
      {
        buttons: MENU,
      },
    );
  },
};
