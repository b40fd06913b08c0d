import type { ActionArgs } from "#root/dialog/actions.ts";
import type { FlowDefinition } from "#root/dialog/flow.ts";
import { ADULT_AGE, ageThisYear, OWN_CONSENT_AGE } from "#root/domain/consent.ts";
import { childChoosesParentsTold, parentsToldOfMeetings } from "#root/domain/parent-notices.ts";
import { msg } from "#root/i18n/translator.ts";
import { coordinatorScope, currentPerson } from "../common/people.ts";
import { pickFromList } from "../common/picker.ts";
import { programmeAction } from "../programme/actions.ts";
import { menuAction } from "../self-service/actions.ts";
import { parentsToldCoordinatorAction } from "./actions.ts";

/**
 * A teenager of 14–17 decides whether their parents hear of their meetings (agreed, moved, called off)
 * and see them on the parent's screen. Until they choose so, the parents are not told.
 */
export const parentsToldFlow: FlowDefinition = {
  name: "parents-told",
  version: 1,
  async run(d, ctx) {
    const me = await currentPerson(d, ctx);
    const now = await d.now();
    const age = me?.person.birthYear ? ageThisYear(me.person.birthYear, now) : null;
    const mine =
      me && age !== null && childChoosesParentsTold(age)
        ? await d.run("choices", () => ctx.repos.parents.choices({ personId: me.person.id }))
        : [];
    if (!me || age === null || mine.length === 0) {
      // An old button, or nothing to choose: a younger child's parents are told by default, an adult's never.
      await d.say(msg(age !== null && age < OWN_CONSENT_AGE ? "parents-told-not-yours-young" : "parents-told-not-yours"), {
        buttons: [[menuAction.button(msg("button-menu"))]],
      });
      return;
    }
    const on = mine.some((entry) => parentsToldOfMeetings(age, entry.choice));
    const answer = await d.choose(msg(on ? "parents-told-now-on" : "parents-told-now-off"), [
      { value: "switch", label: msg(on ? "button-parents-told-off" : "button-parents-told-on") },
      { value: "keep", label: msg(on ? "button-parents-told-keep-on" : "button-parents-told-keep-off") },
    ]);
    if (answer === "keep") return { next: "menu" };
    await d.run("save", async () => {
      const at = ctx.now();
      for (const entry of mine) await ctx.repos.parents.setChoice(entry.participantId, !on, me.person.id, at);
    });
    await d.say(msg(on ? "parents-told-turned-off" : "parents-told-turned-on"));
    return { next: "menu" };
  },
};

/**
 * A coordinator sets, for a minor of their organisation, whether the parents are told of the
 * meetings: for a teenager of 14–17 that turns the notices on (or off again); for a younger child a
 * "no" holds against the default. Scoped to the organisation (row-level security and the query).
 */
export const parentsToldSetFlow: FlowDefinition<ActionArgs<typeof parentsToldCoordinatorAction>> = {
  name: "parents-told-set",
  version: 1,
  async run(d, ctx, { participantId }) {
    const scope = await coordinatorScope(d, ctx);
    if (!scope) return;
    const orgId = scope.membership.orgId;
    const now = await d.now();
    const minors = await d.run("minors", () =>
      ctx.inOrganisation(orgId, (repos) => repos.parents.choices({ orgId, bornAfter: now.getUTCFullYear() - ADULT_AGE })),
    );
    const entries = minors
      .filter((entry) => entry.birthYear !== null)
      .map((entry) => {
        const age = ageThisYear(entry.birthYear!, now);
        return { ...entry, age, told: parentsToldOfMeetings(age, entry.choice) };
      });
    if (entries.length === 0) {
      await d.say(msg("parents-told-set-none"), { buttons: [[programmeAction.button(msg("button-programme"))]] });
      return;
    }
    // A button may name the participant (an old one, or forged): honoured only when they are in the list.
    let chosen = entries.find((entry) => entry.participantId === participantId);
    if (!chosen) {
      const picked = await pickFromList(
        d,
        msg("parents-told-set-pick"),
        entries.map((entry) => ({
          value: String(entry.participantId),
          label: msg("parents-told-set-item", { name: entry.name ?? "—", age: entry.age, mark: entry.told ? "🔔" : "🔕" }),
        })),
      );
      chosen = entries.find((entry) => String(entry.participantId) === picked)!;
    }
    const name = chosen.name ?? "—";
    const { age, told } = chosen;
    const answer = await d.choose(
      msg(told ? "parents-told-set-now-on" : "parents-told-set-now-off", { name, age }),
      [
        { value: "on", label: msg("button-parents-told-set-on") },
        { value: "off", label: msg("button-parents-told-set-off") },
      ],
      { columns: 2 },
    );
    const target = chosen.participantId;
    const saved = await d.run("save", () =>
      ctx.inOrganisation(orgId, (repos) => repos.parents.setChoice(target, answer === "on", scope.person.id, ctx.now(), orgId)),
    );
    await d.say(
      saved
        ? msg(answer === "on" ? "parents-told-set-saved-on" : "parents-told-set-saved-off", { name })
        : msg("parents-told-set-gone", { name }),
      {
        buttons: [[parentsToldCoordinatorAction.button(msg("button-parents-told-set"))], [programmeAction.button(msg("button-programme"))]],
      },
    );
  },
};
