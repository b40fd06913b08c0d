import { runSteps } from "#root/dialog/dialog.ts";
import type { FlowDefinition } from "#root/dialog/flow.ts";
import { calendarDate, checkCycleDates, formatCalendarDate } from "#root/domain/cycle.ts";
import { type Parsed, parseFreeText } from "#root/domain/parsers.ts";
import type { Direction, MentoringForm } from "#root/domain/programme.ts";
import { parseTypedDay, parseTypedDeadline } from "#root/domain/typed-dates.ts";
import { msg } from "#root/i18n/translator.ts";
import { directionChoices, directionList, formChoices, formList } from "../common/choices.ts";
import { coordinatorScope } from "../common/people.ts";
import { programmeAction } from "./actions.ts";

/** As long as the database allows (cycles.name is 1 to 200 characters). */
const MAX_CYCLE_NAME = 200;

function parseCycleName(text: string): Parsed<string> {
  const name = parseFreeText(text);
  const tooLong = name.ok ? name.value.length > MAX_CYCLE_NAME : name.error === "error-too-long";
  return tooLong ? { ok: false, error: "error-too-long", args: { max: MAX_CYCLE_NAME } } : name;
}

interface CycleDraft {
  name: string;
  startsOn: string;
  endsOn: string;
  forms: MentoringForm[];
  directions: Direction[];
  checkInEveryDays: number;
}

/** How often pairs may be asked about their plan: weekly (the target model's rhythm), fortnightly, monthly. */
const CHECK_IN_PERIODS = [7, 14, 30] as const;

/** Stage 1: the coordinator opens a programme cycle with its dates, forms and directions. */
export const openCycleFlow: FlowDefinition = {
  name: "open-cycle",
  version: 2,
  async run(d, ctx) {
    const scope = await coordinatorScope(d, ctx);
    if (!scope) return;
    const orgId = scope.membership.orgId;
    const setup = await d.run("cycle-setup", () =>
      ctx.inOrganisation(orgId, async (repos) => ({
        open: Boolean(await repos.cycles.current(orgId)),
        forms: await repos.cycles.organisationForms(orgId),
        today: calendarDate(ctx.now(), scope.membership.timezone),
      })),
    );
    if (setup.open) {
      await d.say(msg("cycle-already-open"), { buttons: [[programmeAction.button(msg("button-programme"))]] });
      return;
    }
    const draft = { forms: setup.forms as MentoringForm[] } as CycleDraft;
    await runSteps(d, draft, [
      async (draft) => {
        draft.name = await d.ask(msg("cycle-name"), { parse: parseCycleName });
      },
      async (draft) => {
        draft.startsOn = await d.ask(msg("cycle-start", { today: formatCalendarDate(setup.today, d.locale) }), {
          // The prompt offers today: "сегодня", "завтра", "в понедельник" as well as 01.12.
          parse: (text) => parseTypedDay(text, setup.today),
        });
      },
      async (draft) => {
        draft.endsOn = await d.ask(msg("cycle-end"), {
          parse: (text) => {
            // "До какого числа?": "до 31 мая", "до конца мая" read as well as 31.05.2027.
            const date = parseTypedDeadline(text, setup.today);
            if (!date.ok) return date;
            const checked = checkCycleDates(draft.startsOn, date.value);
            return checked.ok ? { ok: true, value: date.value } : checked;
          },
        });
      },
      async (draft) => {
        // Only the forms the organisation has switched on: matching would never use another one.
        draft.forms = await d.chooseMany(
          msg("cycle-forms"),
          formChoices.filter((choice) => setup.forms.includes(choice.value)),
          { initial: draft.forms },
        );
      },
      async (draft) => {
        draft.directions = await d.chooseMany(msg("cycle-directions"), directionChoices, {
          initial: draft.directions ?? directionChoices.map((c) => c.value),
        });
      },
      async (draft) => {
        const every = await d.choose(
          msg("cycle-check-ins"),
          CHECK_IN_PERIODS.map((days) => ({ value: String(days), label: msg("cycle-check-ins-every", { days }) })),
        );
        draft.checkInEveryDays = Number(every);
      },
      async (draft) => {
        await d.choose(
          msg("cycle-summary", {
            name: draft.name,
            start: formatCalendarDate(draft.startsOn, d.locale),
            end: formatCalendarDate(draft.endsOn, d.locale),
            forms: formList(draft.forms),
            directions: directionList(draft.directions),
            checkIns: msg("cycle-check-ins-every", { days: draft.checkInEveryDays }),
          }),
          [{ value: "save", label: msg("button-save") }],
        );
      },
    ]);
    const opened = await d.run("open-cycle", () =>
      ctx.inOrganisation(orgId, (repos) => repos.cycles.open({ orgId, ...draft, createdBy: scope.person.id })),
    );
    await d.say(msg(opened ? "cycle-opened" : "cycle-already-open", { name: draft.name }), {
      buttons: [[programmeAction.button(msg("button-programme"))]],
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
    await d.say(msg("org-forms-saved", { forms: formList(forms) }), {
      buttons: [[programmeAction.button(msg("button-programme"))]],
    });
  },
};
