import { formatCalendarDate } from "#root/domain/cycle.ts";
import type { DialogButton } from "#root/dialog/dialog.ts";
import type { FlowDefinition } from "#root/dialog/flow.ts";
import { msg, type Msg } from "#root/i18n/translator.ts";
import { directionList, formList } from "./choices.ts";
import { coordinatorScope } from "./people.ts";

/** The coordinator's programme screen: the cycle, who is ready, and the work of stages 1, 4 and 5. */
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
        if (!cycle) return { cycle: undefined, forms };
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
    } else {
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
      buttons.push([{ label: msg("button-match"), action: "match" }]);
      buttons.push([{ label: msg("button-export"), action: "export" }]);
      // Once pairs are at work: every pair's plan, and this week's digest on demand.
      if (view.cycle.stage === "working") {
        buttons.push([
          { label: msg("button-plans"), action: "plans", arg: 0 },
          { label: msg("button-digest"), action: "digest" },
        ]);
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
