import type { FlowDefinition } from "#root/dialog/flow.ts";
import { ageThisYear } from "#root/domain/consent.ts";
import { msg } from "#root/i18n/translator.ts";
import type { SpecButton } from "#root/messaging/message-spec.ts";
import { directionList, messengerNames } from "../common/choices.ts";
import { coordinatorScope } from "../common/people.ts";
import { parentsToldCoordinatorAction } from "../parents/actions.ts";
import { inviteLinksAction } from "../registration/actions.ts";
import { rosterImportAction } from "../roster/actions.ts";
import { menuAction } from "../self-service/actions.ts";
import { baseAction } from "./actions.ts";

const PAGE_SIZE = 10;

/** The coordinator's base of mentees or mentors, with consent status, a page at a time. */
export const participantBaseFlow: FlowDefinition<{ role: "mentee" | "mentor"; page: number }> = {
  name: "base",
  version: 1,
  async run(d, ctx, { role, page }) {
    const scope = await coordinatorScope(d, ctx);
    if (!scope) return;
    // Students invited from class lists are listed after everyone who joined, and not counted with them.
    const { total, entries, invited, year } = await d.run("load-base", async () => {
      const base = await ctx.repos.people.base(
        scope.membership.orgId,
        role,
        { offset: page * PAGE_SIZE, limit: PAGE_SIZE },
        { withInvited: role === "mentee" },
      );
      return { ...base, invited: base.invited ?? 0, year: ctx.now().getUTCFullYear() };
    });
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    if (total === 0) {
      await d.say(msg(`base-${role}-empty`), {
        buttons: [
          [inviteLinksAction.button(msg("button-invite-links"))],
          // A school's class list instead of waiting for each student (issue 19).
          ...(role === "mentee" ? [[rosterImportAction.button(msg("button-roster-import"))]] : []),
        ],
      });
      return;
    }
    const lines = entries.map((entry, index) =>
      msg(`base-line-${role}`, {
        number: page * PAGE_SIZE + index + 1,
        name: entry.fullName ?? "—",
        age: entry.birthYear ? ageThisYear(entry.birthYear, new Date(Date.UTC(year, 0, 1))) : "—",
        detail: role === "mentor" && entry.detail ? msg(`mentor-kind-${entry.detail}`) : (entry.detail ?? "—"),
        directions: directionList(entry.directions),
        status: msg(`status-${entry.status}`),
        messengers: messengerNames(entry.platforms) || "—",
      }),
    );
    const navigation: SpecButton[] = [];
    if (page > 0) navigation.push(baseAction.button(msg("button-previous"), { role, page: page - 1 }));
    if (page + 1 < pages) navigation.push(baseAction.button(msg("button-next"), { role, page: page + 1 }));
    const title = msg(`base-${role}-title`, { org: scope.membership.orgName, total: total - invited, page: page + 1, pages });
    await d.say([title, ...(invited > 0 ? [msg("base-mentee-invited", { count: invited })] : []), ...lines], {
      buttons: [
        ...(navigation.length > 0 ? [navigation] : []),
        // Whether the parents of a minor hear of their meetings (issue 18), set from the base of mentees.
        ...(role === "mentee" ? [[parentsToldCoordinatorAction.button(msg("button-parents-told-set"))]] : []),
        ...(role === "mentee" ? [[rosterImportAction.button(msg("button-roster-import"))]] : []),
        [menuAction.button(msg("button-menu"))],
      ],
    });
  },
};
