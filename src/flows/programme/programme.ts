import type { FlowDefinition } from "#root/dialog/flow.ts";
import { calendarDate, formatCalendarDate } from "#root/domain/cycle.ts";
import { schoolYearOf } from "#root/domain/region.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import type { SpecButton } from "#root/messaging/message-spec.ts";
import { digestAction } from "../check-ins/actions.ts";
import { archiveCycleAction, closeCycleAction, finalEventAction, monitoringReportAction } from "../closing/actions.ts";
import { directionList, formList } from "../common/choices.ts";
import { coordinatorScope } from "../common/people.ts";
import { introductionAction } from "../introduction/actions.ts";
import { plansAction } from "../plan/actions.ts";
import { menuAction } from "../self-service/actions.ts";
import { enrolmentAction } from "../territories/actions.ts";
import { schoolYearLabel } from "../territories/enrolment.ts";
import {
  announceAction,
  exportAction,
  matchAction,
  openCycleAction,
  organisationFormsAction,
  reviewMentorsAction,
  situationsAction,
} from "./actions.ts";

/** VK's inline keyboard holds at most this many buttons. */
const VK_MAX_BUTTONS = 10;

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
    const schoolYear = schoolYearOf(calendarDate(await d.now(), scope.membership.timezone));
    const view = await d.run("load-programme", () =>
      ctx.inOrganisation(orgId, async (repos) => {
        const cycle = await repos.cycles.current(orgId);
        const forms = await repos.cycles.organisationForms(orgId);
        // The territory's coverage counts against the school's number of students aged 10–19 (issue 20).
        const inTerritory = (await repos.territories.territoryOf(orgId)) !== null;
        const enrolment = await repos.territories.enrolment(orgId, schoolYear);
        // Without an open cycle, the one archived last still has its monitoring report.
        if (!cycle) return { cycle: undefined, forms, inTerritory, enrolment, archived: (await repos.closing.reportCycle(orgId))?.name };
        const pool = await repos.pairs.pool(orgId, cycle.id);
        const published = await repos.pairs.units(cycle.id, "published");
        return {
          cycle,
          forms,
          inTerritory,
          enrolment,
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
    const buttons: SpecButton[][] = [];
    const lines: Msg[] = [];
    if (!view.cycle) {
      lines.push(msg("programme-no-cycle", { org: scope.membership.orgName }), msg("programme-forms", { forms: formList(view.forms) }));
      buttons.push([openCycleAction.button(msg("button-open-cycle"))]);
      if (view.archived !== undefined) {
        lines.push(msg("closing-programme-archived", { name: view.archived }));
        buttons.push([monitoringReportAction.button(msg("closing-button-report"))]);
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
        buttons.push([monitoringReportAction.button(msg("closing-button-report")), finalEventAction.button(msg("button-final-event"))]);
        buttons.push([archiveCycleAction.button(msg("closing-button-archive")), exportAction.button(msg("button-export"))]);
      } else {
        buttons.push([matchAction.button(msg("button-match")), exportAction.button(msg("button-export"))]);
      }
      // Once pairs are at work: every pair's plan, this week's digest on demand, and closing the cycle.
      if (view.cycle.stage === "working") {
        buttons.push([plansAction.button(msg("button-plans"), { page: 0 }), digestAction.button(msg("button-digest"))]);
        buttons.push([closeCycleAction.button(msg("closing-button-close"))]);
      }
    }
    // Once pairs are published, their introduction (stage 5). While they work it takes the place of the
    // organisation's forms (those matter when a cycle opens), so VK's 10 buttons hold.
    const introduction = view.cycle && view.cycle.stage !== "closing" && (view.units ?? 0) > 0;
    buttons.push([reviewMentorsAction.button(msg("button-review-mentors")), situationsAction.button(msg("button-situations"))]);
    buttons.push([
      announceAction.button(msg("button-announce")),
      introduction ? introductionAction.button(msg("button-introduction")) : organisationFormsAction.button(msg("button-org-forms")),
    ]);
    const year = schoolYearLabel(schoolYear);
    const enrolmentMissing = view.inTerritory && view.enrolment === null;
    if (view.enrolment !== null) lines.push(msg("enrolment-line", { year, students: view.enrolment }));
    else if (enrolmentMissing) lines.push(msg("enrolment-missing", { year }));
    const enrolmentButton = enrolmentAction.button(msg("button-enrolment"));
    if (buttons.flat().length + 2 <= VK_MAX_BUTTONS) {
      buttons.push([enrolmentButton, menuAction.button(msg("button-menu"))]);
    } else {
      // A working cycle's screen already holds VK's ten buttons: the figure the territory waits for
      // takes the place of mentees' situations (those matter when matching), and only then.
      if (enrolmentMissing) {
        for (const row of buttons) {
          const at = row.findIndex((button) => "payload" in button && button.payload === situationsAction.payload());
          if (at !== -1) row[at] = enrolmentButton;
        }
      }
      buttons.push([menuAction.button(msg("button-menu"))]);
    }
    await d.say(lines, { buttons });
  },
};
