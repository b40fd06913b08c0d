import { calendarDate, checkCycleDates, formatCalendarDate, parseCalendarDate } from "#root/domain/cycle.ts";
import { parseFreeText } from "#root/domain/parsers.ts";
import type { Direction, MentoringForm } from "#root/domain/programme.ts";
import { runSteps } from "#root/dialog/dialog.ts";
import type { FlowDefinition } from "#root/dialog/flow.ts";
import { msg } from "#root/i18n/translator.ts";
import { directionChoices, directionList, formChoices, formList } from "./choices.ts";
import { coordinatorScope } from "./people.ts";

interface CycleDraft {
  name: string;
  startsOn: string;
  endsOn: string;
  forms: MentoringForm[];
  directions: Direction[];
}

/** Stage 1: the coordinator opens a programme cycle with its dates, forms and directions. */
export const openCycleFlow: FlowDefinition = {
  name: "open-cycle",
  version: 1,
  async run(d, ctx) {
    const scope = await coordinatorScope(d, ctx);
    if (!scope) return;
    const orgId = scope.membership.orgId;
    const setup = await d.run("cycle-setup", () =>
      ctx.inOrganisation(orgId, async (repos) => ({
        open: Boolean(await repos.cycles.current(orgId)),
        forms: await repos.cycles.organisationForms(orgId),
        today: calendarDate(new Date(), scope.membership.timezone),
      })),
    );
    if (setup.open) {
      await d.say(msg("cycle-already-open"), { buttons: [[{ label: msg("button-programme"), action: "programme" }]] });
      return;
    }
    const draft = { forms: setup.forms as MentoringForm[] } as CycleDraft;
    await runSteps(d, draft, [
      async (draft) => {
        draft.name = await d.ask(msg("cycle-name"), { parse: (text) => parseFreeText(text.slice(0, 201)) });
      },
      async (draft) => {
        draft.startsOn = await d.ask(msg("cycle-start", { today: formatCalendarDate(setup.today, d.locale) }), { parse: (text) => parseCalendarDate(text, setup.today) });
      },
      async (draft) => {
        draft.endsOn = await d.ask(msg("cycle-end"), {
          parse: (text) => {
            const date = parseCalendarDate(text, setup.today);
            if (!date.ok) return date;
            const checked = checkCycleDates(draft.startsOn, date.value);
            return checked.ok ? { ok: true, value: date.value } : checked;
          },
        });
      },
      async (draft) => {
        draft.forms = await d.chooseMany(msg("cycle-forms"), formChoices, { initial: draft.forms });
      },
      async (draft) => {
        draft.directions = await d.chooseMany(msg("cycle-directions"), directionChoices, { initial: draft.directions ?? directionChoices.map((c) => c.value) });
      },
      async (draft) => {
        await d.choose(
          msg("cycle-summary", { name: draft.name, start: formatCalendarDate(draft.startsOn, d.locale), end: formatCalendarDate(draft.endsOn, d.locale), forms: formList(draft.forms), directions: directionList(draft.directions) }),
          [{ value: "save", label: msg("button-save") }],
        );
      },
    ]);
    const opened = await d.run("open-cycle", () =>
      ctx.inOrganisation(orgId, (repos) => repos.cycles.open({ orgId, ...draft, createdBy: scope.person.id })),
    );
    await d.say(msg(opened ? "cycle-opened" : "cycle-already-open", { name: draft.name }), {
      buttons: [[{ label: msg("button-programme"), action: "programme" }]],
    });
  },
};

/** The organisation switches mentoring forms on and off; new cycles offer the forms switched on. */
export const organisationFormsFlow: FlowDefinition = {
  name: "org-forms",
  version: 1,
  async run(d, ctx) {
    const scope = await coordinatorScope(d, ctx);
    if (!scope) return;
    const orgId = scope.membership.orgId;
    const current = await d.run("forms", () => ctx.inOrganisation(orgId, (repos) => repos.cycles.organisationForms(orgId)));
    const forms = await d.chooseMany(msg("org-forms-question"), formChoices, { initial: current });
    await d.run("save-forms", () => ctx.inOrganisation(orgId, (repos) => repos.cycles.setOrganisationForms(orgId, forms)));
    await d.say(msg("org-forms-saved", { forms: formList(forms) }), { buttons: [[{ label: msg("button-programme"), action: "programme" }]] });
  },
};
