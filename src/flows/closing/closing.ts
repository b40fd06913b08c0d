import type { ClosingPair } from "#root/db/repositories/closing.ts";
import type { Cycle } from "#root/db/repositories/cycles.ts";
import type { Repositories } from "#root/db/repositories/index.ts";
import type { NewOutboxMessage } from "#root/db/repositories/outbox.ts";
import type { Dialog } from "#root/dialog/dialog.ts";
import type { FlowContext, FlowDefinition } from "#root/dialog/flow.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import { coordinatorScope } from "../common/people.ts";
import { meetingTopic } from "../meetings/notices.ts";
import { openCycleAction, programmeAction } from "../programme/actions.ts";
import { menuAction } from "../self-service/actions.ts";
import { monitoringReportAction } from "./actions.ts";

/**
 * Stage 7 of the target model: the coordinator closes the cycle (each pair gets a summary of its
 * work, the end questionnaires go out, the monitoring report becomes available) and then archives
 * it (pairs end; the data stays for reports; people stay in the programme for the next cycle).
 */

const PROGRAMME_BUTTON = programmeAction.button(msg("button-programme"));
const REPORT_BUTTON = monitoringReportAction.button(msg("closing-button-report"));

/** What the people of one pair are told when the cycle closes: their meetings and plan, children in their own words. */
export function closingSummaries(
  pairs: readonly ClosingPair[],
  cycleName: string,
  at: Date,
): { pairs: number; messages: NewOutboxMessage[] } {
  const messages: NewOutboxMessage[] = [];
  let told = 0;
  for (const pair of pairs) {
    if (!pair.active) continue;
    const mentees = pair.mentees.filter((mentee) => mentee.current);
    if (!pair.mentor.current || mentees.length === 0) continue;
    told += 1;
    const plan = (audience: "mentor" | "mentee"): Msg => {
      if (pair.goal === null) return audience === "mentor" ? msg("closing-summary-mentor-no-plan") : msg("closing-summary-mentee-no-plan");
      if (pair.milestones === 0)
        return audience === "mentor"
          ? msg("closing-summary-mentor-goal", { goal: pair.goal })
          : msg("closing-summary-mentee-goal", { goal: pair.goal });
      const figures = { goal: pair.goal, done: pair.milestonesDone, total: pair.milestones };
      return audience === "mentor" ? msg("closing-summary-mentor-plan", figures) : msg("closing-summary-mentee-plan", figures);
    };
    messages.push({
      dedupKey: `closing-summary:${pair.pairId}:${pair.mentor.personId}`,
      to: { personId: pair.mentor.personId },
      message: {
        text: [
          msg("closing-summary-mentor", {
            cycle: cycleName,
            mentees: mentees.map((mentee) => mentee.name ?? "—").join(", "),
            meetings: pair.meetingsHeld,
          }),
          plan("mentor"),
          msg("closing-summary-mentor-thanks"),
        ],
      },
      dueAt: at,
    });
    for (const mentee of mentees) {
      messages.push({
        dedupKey: `closing-summary:${pair.pairId}:${mentee.personId}`,
        to: { personId: mentee.personId },
        message: {
          text: [
            msg("closing-summary-mentee", { cycle: cycleName, mentor: pair.mentor.name ?? "—", meetings: pair.meetingsHeld }),
            plan("mentee"),
            msg("closing-summary-mentee-thanks"),
          ],
          buttons: [[menuAction.button(msg("button-menu"))]],
        },
        dueAt: at,
      });
    }
  }
  return { pairs: told, messages };
}

/**
 * The coordinator's organisation, its open cycle and how many pairs and groups it has published; says
 * why not (not a coordinator, or `noCycle`) and returns undefined otherwise.
 */
async function openCycle(d: Dialog, ctx: FlowContext, noCycle: Msg): Promise<{ orgId: number; cycle: Cycle; pairs: number } | undefined> {
  const scope = await coordinatorScope(d, ctx);
  if (!scope) return undefined;
  const orgId = scope.membership.orgId;
  const open = await d.run("cycle", () =>
    ctx.inOrganisation(orgId, async (repos: Repositories) => {
      const cycle = await repos.cycles.current(orgId);
      return cycle ? { cycle, pairs: (await repos.pairs.units(cycle.id, "published")).length } : undefined;
    }),
  );
  if (!open) await d.say(noCycle, { buttons: [[PROGRAMME_BUTTON]] });
  return open && { orgId, ...open };
}

/** A step that cannot be undone, confirmed or put off ("not now", after which `kept` is said). */
async function confirmed(d: Dialog, step: { prompt: Msg; value: string; label: Msg; kept: Msg }): Promise<boolean> {
  const answer = await d.choose(step.prompt, [
    { value: step.value, label: step.label },
    { value: "keep", label: msg("closing-button-not-now") },
  ]);
  if (answer === step.value) return true;
  await d.say(step.kept, { buttons: [[PROGRAMME_BUTTON]] });
  return false;
}

/** "🏁 Close the cycle": summaries to the pairs, the cycle's stage "closing" (the survey job then sends the end questionnaires). */
export const closeCycleFlow: FlowDefinition = {
  name: "close-cycle",
  version: 1,
  async run(d, ctx) {
    const open = await openCycle(d, ctx, msg("closing-close-no-cycle"));
    if (!open) return;
    const { orgId, cycle } = open;
    if (cycle.stage === "closing") {
      await d.say(msg("closing-close-already", { name: cycle.name }), { buttons: [[REPORT_BUTTON], [PROGRAMME_BUTTON]] });
      return;
    }
    if (cycle.stage !== "working") {
      await d.say(msg("closing-close-not-working", { name: cycle.name, stage: msg(`stage-${cycle.stage}`) }), {
        buttons: [[PROGRAMME_BUTTON]],
      });
      return;
    }
    const confirmation = {
      prompt: msg("closing-confirm", { name: cycle.name, pairs: open.pairs }),
      value: "close",
      label: msg("closing-button-confirm"),
      kept: msg("closing-kept"),
    };
    if (!(await confirmed(d, confirmation))) return;
    const now = await d.now();
    // The stage moves only from "working": a second press, or another coordinator who was quicker, changes nothing.
    const closed = await d.run("close", async () => {
      const done = await ctx.inOrganisation(orgId, async (repos) => {
        if (!(await repos.closing.begin(cycle.id, now))) return undefined;
        const facts = await repos.closing.cycleFacts(cycle.id, now);
        const summaries = closingSummaries(facts.pairs, cycle.name, now);
        await repos.outbox.enqueue(summaries.messages);
        return { people: summaries.messages.length, pairs: summaries.pairs };
      });
      if (done) ctx.kickDelivery();
      return done;
    });
    if (!closed) {
      await d.say(msg("closing-close-already", { name: cycle.name }), { buttons: [[REPORT_BUTTON], [PROGRAMME_BUTTON]] });
      return;
    }
    await d.say(msg("closing-started", { name: cycle.name, people: closed.people, pairs: closed.pairs }), {
      buttons: [[REPORT_BUTTON], [PROGRAMME_BUTTON]],
    });
  },
};

/** "🗄 Archive the cycle": pairs end, the data stays for reports, the organisation may open the next cycle. */
export const archiveCycleFlow: FlowDefinition = {
  name: "archive-cycle",
  version: 1,
  async run(d, ctx) {
    const open = await openCycle(d, ctx, msg("closing-archive-no-cycle"));
    if (!open) return;
    const { orgId, cycle } = open;
    if (cycle.stage !== "closing") {
      await d.say(msg("closing-archive-not-closing", { name: cycle.name, stage: msg(`stage-${cycle.stage}`) }), {
        buttons: [[PROGRAMME_BUTTON]],
      });
      return;
    }
    const confirmation = {
      prompt: msg("closing-archive-confirm", { name: cycle.name, pairs: open.pairs }),
      value: "archive",
      label: msg("closing-button-archive-confirm"),
      kept: msg("closing-archive-kept"),
    };
    if (!(await confirmed(d, confirmation))) return;
    const now = await d.now();
    const ended = await d.run("archive", () =>
      ctx.inOrganisation(orgId, async (repos) => {
        const archived = await repos.closing.archive(cycle.id, now);
        if (!archived) return undefined;
        // The pairs have ended: reminders of meetings they had planned would call people to nothing.
        await repos.outbox.withdrawTopic(archived.upcomingMeetings.map(meetingTopic), now, "cycle archived");
        return archived.pairsEnded;
      }),
    );
    if (ended === undefined) {
      // Archived meanwhile (a second press, another coordinator): what the programme screen now shows is the truth.
      await d.say(msg("closing-archive-no-cycle"), { buttons: [[PROGRAMME_BUTTON]] });
      return;
    }
    await d.say(msg("closing-archived", { name: cycle.name, pairs: ended }), {
      buttons: [[openCycleAction.button(msg("button-open-cycle"))], [REPORT_BUTTON], [PROGRAMME_BUTTON]],
    });
  },
};
