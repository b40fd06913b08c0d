import type { DialogButton } from "#root/dialog/dialog.ts";
import type { FlowDefinition } from "#root/dialog/flow.ts";
import { ageThisYear } from "#root/domain/consent.ts";
import { msg } from "#root/i18n/translator.ts";
import { directionList } from "../common/choices.ts";
import { coordinatorScope } from "../common/people.ts";

const PAGE_SIZE = 10;

/** Parses the button argument "mentee.2" (role and page); anything else shows the first page of mentees. */
export function parseBasePage(arg: string | undefined): { role: "mentee" | "mentor"; page: number } {
  const match = /^(mentee|mentor)\.(\d{1,4})$/.exec(arg ?? "");
  return match ? { role: match[1] as "mentee" | "mentor", page: Number(match[2]) } : { role: "mentee", page: 0 };
}

/** The coordinator's base of mentees or mentors, with consent status, a page at a time. */
export const participantBaseFlow: FlowDefinition<{ role: "mentee" | "mentor"; page: number }> = {
  name: "base",
  version: 1,
  async run(d, ctx, { role, page }) {
    const scope = await coordinatorScope(d, ctx);
    if (!scope) return;
    const { total, entries, year } = await d.run("load-base", async () => ({
      ...(await ctx.repos.people.base(scope.membership.orgId, role, { offset: page * PAGE_SIZE, limit: PAGE_SIZE })),
      year: ctx.now().getUTCFullYear(),
    }));
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    if (total === 0) {
      await d.say(msg(`base-${role}-empty`), { buttons: [[{ label: msg("button-invite-links"), action: "invite-links" }]] });
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
        messengers: entry.platforms.map((p) => (p === "vk" ? "VK" : "Telegram")).join(", ") || "—",
      }),
    );
    const navigation: DialogButton[] = [];
    if (page > 0) navigation.push({ label: msg("button-previous"), action: "base", arg: `${role}.${page - 1}` });
    if (page + 1 < pages) navigation.push({ label: msg("button-next"), action: "base", arg: `${role}.${page + 1}` });
    await d.say([msg(`base-${role}-title`, { org: scope.membership.orgName, total, page: page + 1, pages }), ...lines], {
      buttons: [...(navigation.length > 0 ? [navigation] : []), [{ label: msg("button-menu"), action: "menu" }]],
    });
  },
};
