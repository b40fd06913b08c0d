import type { FlowDefinition } from "#root/dialog/flow.ts";
import { calendarDate } from "#root/domain/cycle.ts";
import { schoolYearOf } from "#root/domain/region.ts";
import { parseEnrolment } from "#root/domain/territories.ts";
import { msg } from "#root/i18n/translator.ts";
import { coordinatorScope } from "../common/people.ts";
import { programmeAction } from "../programme/actions.ts";
import { menuAction } from "../self-service/actions.ts";

/** "2026/27": the school year that starts in 2026. */
export const schoolYearLabel = (year: number): string => `${year}/${String((year + 1) % 100).padStart(2, "0")}`;

/**
 * The organisation's number of students aged 10–19 this school year, entered once a year by its
 * coordinator: the territory's coverage is counted against it. Shows the figure and takes a new one.
 */
export const enrolmentFlow: FlowDefinition = {
  name: "enrolment",
  version: 1,
  async run(d, ctx) {
    const scope = await coordinatorScope(d, ctx);
    if (!scope) return;
    const { orgId, orgName, timezone } = scope.membership;
    const schoolYear = schoolYearOf(calendarDate(await d.now(), timezone));
    const current = await d.run("enrolment", () => ctx.inOrganisation(orgId, (repos) => repos.territories.enrolment(orgId, schoolYear)));
    const year = schoolYearLabel(schoolYear);
    const students = await d.ask(
      current === null
        ? msg("enrolment-question-missing", { org: orgName, year })
        : msg("enrolment-question", { org: orgName, year, students: current }),
      { parse: parseEnrolment },
    );
    await d.run("save-enrolment", () =>
      ctx.inOrganisation(orgId, (repos) => repos.territories.setEnrolment(orgId, schoolYear, students, scope.person.id, ctx.now())),
    );
    await d.say(msg("enrolment-saved", { org: orgName, year, students }), {
      buttons: [[programmeAction.button(msg("button-programme")), menuAction.button(msg("button-menu"))]],
    });
  },
};
