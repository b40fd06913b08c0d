import type { WorkingPair } from "#root/db/repositories/pairs.ts";
import type { Plan, PlanSummary } from "#root/db/repositories/plans.ts";
import type { FlowDefinition } from "#root/dialog/flow.ts";
import { DOCX_MIME } from "#root/documents/docx/paperwork.ts";
import { planDocument } from "#root/documents/docx/plan.docx.ts";
import { ADULT_AGE, ageThisYear } from "#root/domain/consent.ts";
import { calendarDate, formatCalendarDate } from "#root/domain/cycle.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import type { SpecButton } from "#root/messaging/message-spec.ts";
import { coordinatorScope } from "../common/people.ts";
import { programmeAction } from "../programme/actions.ts";
import { menuAction } from "../self-service/actions.ts";
import { planDocumentAction, plansAction, planViewAction } from "./actions.ts";
import { PLAN_STATUS_LABELS, pairForCoordinator, planMessages } from "./screen.ts";

/** Five pairs a page: with the navigation row that is six rows, VK's most for one keyboard. */
const PAGE_SIZE = 5;

interface PlanRow {
  pair: WorkingPair;
  summary: PlanSummary | null;
}

function planRowLine(row: PlanRow, number: number): Msg {
  const who = pairForCoordinator(row.pair);
  if (!row.summary) return msg("plans-line-none", { number, pair: who });
  const { status, milestones, done, overdue } = row.summary;
  return msg(overdue > 0 ? "plans-line-overdue" : "plans-line", {
    number,
    pair: who,
    status: PLAN_STATUS_LABELS[status],
    total: milestones,
    done,
    overdue,
  });
}

/**
 * The coordinator's view of every pair's plan in their organisation's working cycle, with and
 * without a plan: status, milestones done and overdue, a page at a time. Read-only.
 */
export const plansFlow: FlowDefinition<{ page: number }> = {
  name: "plans",
  version: 1,
  async run(d, ctx, { page }) {
    const scope = await coordinatorScope(d, ctx);
    if (!scope) return;
    const { orgId, orgName, timezone } = scope.membership;
    const now = await d.now();
    const today = calendarDate(now, timezone);
    const rows = await d.run("load-plans", () =>
      ctx.inOrganisation(orgId, async (repos): Promise<PlanRow[]> => {
        const pairs = await repos.pairs.working({ orgId });
        const summaries = new Map(
          (
            await repos.plans.summaries(
              pairs.map((pair) => pair.pairId),
              today,
            )
          ).map((summary) => [summary.pairId, summary]),
        );
        return pairs.map((pair) => ({ pair, summary: summaries.get(pair.pairId) ?? null }));
      }),
    );
    const back: SpecButton[] = [programmeAction.button(msg("button-programme")), menuAction.button(msg("button-menu"))];
    if (rows.length === 0) {
      await d.say(msg("plans-empty"), { buttons: [back] });
      return;
    }
    const pages = Math.ceil(rows.length / PAGE_SIZE);
    // A page past the end (pairs left meanwhile, or a forged button): the last one.
    const shown = Math.min(page, pages - 1);
    const visible = rows.slice(shown * PAGE_SIZE, (shown + 1) * PAGE_SIZE);
    const withPlan = rows.filter((row) => row.summary !== null).length;
    const agreed = rows.filter((row) => row.summary?.status === "agreed").length;
    const overdue = rows.filter((row) => (row.summary?.overdue ?? 0) > 0).length;
    const buttons: SpecButton[][] = visible.map((row, index) => [
      planViewAction.button(msg("button-plans-open", { number: shown * PAGE_SIZE + index + 1, mentor: row.pair.mentor.name ?? "—" }), {
        pairId: row.pair.pairId,
      }),
    ]);
    const navigation: SpecButton[] = [];
    if (shown > 0) navigation.push(plansAction.button(msg("button-previous"), { page: shown - 1 }));
    navigation.push(menuAction.button(msg("button-menu")));
    if (shown + 1 < pages) navigation.push(plansAction.button(msg("button-next"), { page: shown + 1 }));
    buttons.push(navigation);
    await d.say(
      [
        msg("plans-title", { org: orgName, total: rows.length, planned: withPlan, agreed, overdue, page: shown + 1, pages }),
        ...visible.map((row, index) => planRowLine(row, shown * PAGE_SIZE + index + 1)),
      ],
      { buttons },
    );
  },
};

/** One pair's plan as the coordinator reads it; the pair must belong to their organisation. */
export const planViewFlow: FlowDefinition<{ pairId: number }> = {
  name: "plan-view",
  version: 1,
  async run(d, ctx, { pairId }) {
    const scope = await coordinatorScope(d, ctx);
    if (!scope) return;
    const { orgId, timezone } = scope.membership;
    const now = await d.now();
    // Read under the organisation's row-level security: a pair of another organisation is simply not there.
    const found = await d.run("load-plan", () =>
      ctx.inOrganisation(orgId, async (repos): Promise<{ pair: WorkingPair; plan: Plan | null } | null> => {
        const [pair] = await repos.pairs.working({ pairId });
        if (!pair || pair.orgId !== orgId) return null;
        return { pair, plan: (await repos.plans.forPair(pairId)) ?? null };
      }),
    );
    const buttons: SpecButton[][] = [[plansAction.button(msg("button-plans"), { page: 0 }), menuAction.button(msg("button-menu"))]];
    if (!found) {
      await d.say(msg("plan-view-unknown"), { buttons });
      return;
    }
    if (!found.plan) {
      await d.say(msg("plan-view-none", { pair: pairForCoordinator(found.pair) }), { buttons });
      return;
    }
    await d.say(planMessages(found.plan, found.pair, "coordinator", calendarDate(now, timezone), d.locale), {
      buttons: [[planDocumentAction.button(msg("doc-button-plan"), { pairId })], ...buttons],
    });
  },
};

/**
 * One pair's plan as a Word document (ИПН) with the signature lines of the mentor, the mentees, the
 * parents of minor mentees and the coordinator; the pair must belong to the coordinator's organisation.
 */
export const planDocumentFlow: FlowDefinition<{ pairId: number }> = {
  name: "plan-document",
  version: 1,
  async run(d, ctx, { pairId }) {
    const scope = await coordinatorScope(d, ctx);
    if (!scope) return;
    const { orgId, orgName, timezone } = scope.membership;
    const now = await d.now();
    // Recorded as JSON for replays: instants become the organisation's calendar days here.
    const found = await d.run("load-plan-document", () =>
      ctx.inOrganisation(orgId, async (repos) => {
        const [pair] = await repos.pairs.working({ pairId });
        if (!pair || pair.orgId !== orgId) return null;
        const plan = await repos.plans.forPair(pairId);
        const cycle = await repos.cycles.get(pair.cycleId);
        const day = (instant: Date | null) => (instant ? calendarDate(new Date(instant), timezone) : null);
        return {
          pair,
          cycle: cycle ? { name: cycle.name, startsOn: cycle.startsOn, endsOn: cycle.endsOn } : null,
          plan: plan
            ? {
                goal: plan.goal,
                status: plan.status,
                agreedOn: day(plan.agreedAt),
                milestones: plan.milestones.map((milestone) => ({
                  title: milestone.title,
                  dueOn: milestone.dueOn,
                  evidence: milestone.evidence,
                  doneOn: day(milestone.doneAt),
                })),
              }
            : null,
        };
      }),
    );
    const buttons: SpecButton[][] = [[plansAction.button(msg("button-plans"), { page: 0 }), menuAction.button(msg("button-menu"))]];
    if (!found) {
      await d.say(msg("plan-view-unknown"), { buttons });
      return;
    }
    const { pair, plan, cycle } = found;
    if (!plan) {
      await d.say(msg("plan-view-none", { pair: pairForCoordinator(pair) }), { buttons });
      return;
    }
    await d.showUpload("document");
    const date = (day: string) => formatCalendarDate(day, d.locale);
    const minor = (birthYear: number | null) => birthYear !== null && ageThisYear(birthYear, now) < ADULT_AGE;
    const content = await planDocument({
      orgName,
      cycle: cycle ? { name: cycle.name, start: date(cycle.startsOn), end: date(cycle.endsOn) } : null,
      mentor: pair.mentor.name,
      mentees: pair.mentees.map((mentee) => ({ name: mentee.name, minor: minor(mentee.birthYear) })),
      form: pair.form,
      direction: pair.direction,
      goal: plan.goal,
      status: plan.status,
      agreedOn: plan.agreedOn ? date(plan.agreedOn) : null,
      milestones: plan.milestones.map((milestone) => ({
        title: milestone.title,
        due: date(milestone.dueOn),
        evidence: milestone.evidence,
        doneOn: milestone.doneOn ? date(milestone.doneOn) : null,
      })),
      coordinator: scope.person.fullName,
      translate: (message) => d.translate(message),
    });
    await d.say(msg("doc-plan-ready"), {
      buttons,
      document: { filename: `ipn-para-${pairId}-${calendarDate(now, timezone)}.docx`, mimeType: DOCX_MIME, content },
    });
  },
};
