import type { DialogButton } from "#root/dialog/dialog.ts";
import type { FlowDefinition } from "#root/dialog/flow.ts";
import { formatCalendarDate } from "#root/domain/cycle.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import { directionList, formList } from "../common/choices.ts";
import { coordinatorScope } from "../common/people.ts";

/**
 * The coordinator's programme screen: the cycle, who is ready, and the work of its stage. VK's inline
 * keyboard takes at most 6 rows and 10 buttons: every stage's screen stays within both.
 */
export const programmeFlow: FlowDefinition = {
  name: "programme",
  version: 1,
  async run(d, ctx) {
    const scope = await coordinatorScope(d, ctx);
    if (!scope) return;
    const orgId = scope.membership.orgId;
    const view = await d.run("load-programme", () =>
      ctx.inOrganisation(orgId, async (repos) => {
        const cycle = await repos.cycles.current(orgId);
        const forms = await repos.cycles.organisationForms(orgId);
        // Without an open cycle, the one archived last still has its monitoring report.
        if (!cycle) return { cycle: undefined, forms, archived: (await repos.closing.reportCycle(orgId))?.name };
        const pool = await repos.pairs.pool(orgId, cycle.id);
        const published = await repos.pairs.units(cycle.id, "published");
        return {
          cycle,
          forms,
          menteesReady: pool.mentees.length,
          menteesWaiting: pool.menteesWaitingConsent,
          mentorsApproved: pool.mentors.length,
          mentorsNotApproved: pool.mentorsNotApproved,
          placesLeft: pool.mentors.reduce((sum, mentor) => sum + mentor.capacity, 0),
          units: published.length,
          paired: published.reduce((sum, unit) => sum + unit.members.length, 0),
        };
      }),
    );
    const buttons: DialogButton[][] = [];
    const lines: Msg[] = [];
    if (!view.cycle) {
      lines.push(msg("programme-no-cycle", { org: scope.membership.orgName }), msg("programme-forms", { forms: formList(view.forms) }));
      buttons.push([{ label: msg("button-open-cycle"), action: "open-cycle" }]);
      if (view.archived !== undefined) {
        lines.push(msg("closing-programme-archived", { name: view.archived }));
        buttons.push([{ label: msg("closing-button-report"), action: "monitoring-report" }]);
      }
    } else {
      // A coordinator of several organisations sees which one this is (the cycle's text does not say).
      if (scope.organisations.length > 1) lines.push(msg("programme-organisation", { org: scope.membership.orgName }));
      lines.push(
        msg("programme-cycle", {
          name: view.cycle.name,
          start: formatCalendarDate(view.cycle.startsOn, d.locale),
          end: formatCalendarDate(view.cycle.endsOn, d.locale),
          stage: msg(`stage-${view.cycle.stage}`),
          directions: directionList(view.cycle.directions),
        }),
        msg("programme-forms", { forms: formList(view.cycle.forms) }),
        msg("programme-counts", {
          menteesReady: view.menteesReady ?? 0,
          menteesWaiting: view.menteesWaiting ?? 0,
          mentorsApproved: view.mentorsApproved ?? 0,
          mentorsNotApproved: view.mentorsNotApproved ?? 0,
          placesLeft: view.placesLeft ?? 0,
          units: view.units ?? 0,
          paired: view.paired ?? 0,
        }),
      );
      if (view.cycle.stage === "closing") {
        // Closing: no more matching into this cycle; the report, the final event, then the archive.
        lines.push(msg("closing-programme-closing"));
        buttons.push([
          { label: msg("closing-button-report"), action: "monitoring-report" },
          { label: msg("button-final-event"), action: "final-event" },
        ]);
        buttons.push([
          { label: msg("closing-button-archive"), action: "archive-cycle" },
          { label: msg("button-export"), action: "export" },
        ]);
      } else {
        buttons.push([
          { label: msg("button-match"), action: "match" },
          { label: msg("button-export"), action: "export" },
        ]);
      }
      // Once pairs are at work: every pair's plan, this week's digest on demand, and closing the cycle.
      if (view.cycle.stage === "working") {
        buttons.push([
          { label: msg("button-plans"), action: "plans", arg: 0 },
          { label: msg("button-digest"), action: "digest" },
        ]);
        buttons.push([{ label: msg("closing-button-close"), action: "close-cycle" }]);
      }
    }
    buttons.push([
      { label: msg("button-review-mentors"), action: "review-mentors" },
      { label: msg("button-situations"), action: "situations" },
    ]);
    buttons.push([
      { label: msg("button-announce"), action: "announce" },
      { label: msg("button-org-forms"), action: "org-forms" },
    ]);
    buttons.push([{ label: msg("button-menu"), action: "menu" }]);
    await d.say(lines, { buttons });
  },
};
