import type { Choice } from "#root/dialog/dialog.ts";
import type { FlowDefinition } from "#root/dialog/flow.ts";
import { MENTEE_SITUATIONS, type MenteeSituation } from "#root/domain/mentor-review.ts";
import { isRegistered } from "#root/domain/programme.ts";
import { msg } from "#root/i18n/translator.ts";
import { joinedList } from "../common/choices.ts";
import { coordinatorScope } from "../common/people.ts";
import { pickFromList } from "../common/picker.ts";
import { inviteLinksAction } from "../registration/actions.ts";
import { programmeAction, situationsAction } from "./actions.ts";

const situationChoices: Choice<MenteeSituation>[] = MENTEE_SITUATIONS.map((situation) => ({
  value: situation,
  label: msg(`situation-${situation}`),
}));

/**
 * The coordinator records a mentee's situation (struggling, disoriented, detached, special
 * educational needs). Coordinators only: never shown to the child, the parent or the mentor.
 */
export const menteeSituationsFlow: FlowDefinition = {
  name: "situations",
  version: 1,
  async run(d, ctx) {
    const scope = await coordinatorScope(d, ctx);
    if (!scope) return;
    const orgId = scope.membership.orgId;
    const mentees = await d.run("mentees", () =>
      ctx.inOrganisation(orgId, async (repos) => {
        const base = await repos.people.base(orgId, "mentee", { offset: 0, limit: 1000 });
        const situations = await repos.pairs.situations(base.entries.map((entry) => entry.participantId));
        return base.entries
          .filter((entry) => isRegistered(entry.status))
          .map((entry) => ({
            id: entry.participantId,
            name: entry.fullName ?? "—",
            grade: entry.detail ?? "",
            situations: situations.get(entry.participantId) ?? [],
          }));
      }),
    );
    if (mentees.length === 0) {
      await d.say(msg("base-mentee-empty"), { buttons: [[inviteLinksAction.button(msg("button-invite-links"))]] });
      return;
    }
    const picked = await pickFromList(
      d,
      msg("situations-pick"),
      mentees.map((mentee) => ({
        value: String(mentee.id),
        label: msg("situations-item", { name: mentee.name, grade: mentee.grade, marked: mentee.situations.length > 0 ? "🔸" : "" }),
      })),
    );
    const mentee = mentees.find((entry) => String(entry.id) === picked)!;
    const situations = await d.chooseMany(msg("situations-choose", { name: mentee.name }), situationChoices, {
      initial: mentee.situations,
      min: 0,
    });
    await d.run("save", () =>
      ctx.inOrganisation(orgId, (repos) => repos.pairs.setSituations(orgId, mentee.id, situations, scope.person.id, ctx.now())),
    );
    await d.say(
      msg("situations-saved", {
        name: mentee.name,
        situations: situations.length > 0 ? joinedList(situations.map((s) => msg(`situation-${s}`))) : msg("situations-none"),
      }),
      { buttons: [[situationsAction.button(msg("button-situations"))], [programmeAction.button(msg("button-programme"))]] },
    );
  },
};
