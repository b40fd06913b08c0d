import type { Membership } from "#root/db/repositories/people.ts";
import type { DialogButton } from "#root/dialog/dialog.ts";
import type { FlowDefinition } from "#root/dialog/flow.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import { coordinatedOrganisations, currentPerson } from "../common/people.ts";

function membershipLine(membership: Membership): Msg {
  return msg("menu-membership", {
    role: msg(`role-${membership.role}`),
    org: membership.orgName,
    status: msg(`status-${membership.role === "parent" ? "active" : membership.status}`),
  });
}

/** Button labels stay short: Telegram cuts long ones, VK refuses labels over 40 characters. */
const shortName = (name: string): string => (name.length > 24 ? `${name.slice(0, 23)}…` : name);

function menuButtons(memberships: Membership[], inWorkingPair: boolean, currentOrgId: number | null): DialogButton[][] {
  const has = (predicate: (membership: Membership) => boolean) => memberships.some(predicate);
  const rows: DialogButton[][] = [];
  // Mentor and mentees of a pair at work: their plan and their meetings come first.
  if (inWorkingPair) {
    rows.push([
      { label: msg("button-plan"), action: "plan" },
      { label: msg("button-meetings"), action: "meetings" },
    ]);
  }
  const coordinated = coordinatedOrganisations(memberships);
  if (coordinated.length > 0) {
    const current = coordinated.find((m) => m.orgId === currentOrgId) ?? coordinated[0]!;
    rows.push([
      { label: msg("button-programme"), action: "programme" },
      // Shares the row: a coordinator's menu stays within VK's six rows.
      ...(coordinated.length > 1
        ? [{ label: msg("button-switch-organisation", { org: shortName(current.orgName) }), action: "switch-organisation" }]
        : []),
    ]);
    rows.push([{ label: msg("button-invite-links"), action: "invite-links" }]);
    rows.push([
      { label: msg("button-base-mentees"), action: "base", arg: "mentee.0" },
      { label: msg("button-base-mentors"), action: "base", arg: "mentor.0" },
    ]);
    // Shares a row: a coordinator's menu stays within VK's six rows of one keyboard.
    rows.push([
      { label: msg("button-invite-coordinator"), action: "invite-coordinator" },
      { label: msg("button-help-reports"), action: "help-reports" },
    ]);
  }
  if (has((m) => m.role === "parent")) rows.push([{ label: msg("button-parent-consents"), action: "parent-consents" }]);
  if (has((m) => m.status === "awaiting_consent" || m.status === "declined")) {
    rows.push([{ label: msg("button-new-consent-link"), action: "consent-link" }]);
  }
  // A mentee (taking part or waiting for consent) or a parent can tell the coordinator something is wrong.
  if (has((m) => (m.role === "mentee" && (m.status === "active" || m.status === "awaiting_consent")) || m.role === "parent")) {
    rows.push([{ label: msg("button-need-help"), action: "need-help" }]);
  }
  rows.push([
    { label: msg("button-profile"), action: "profile" },
    { label: msg("button-language"), action: "language" },
  ]);
  rows.push([{ label: msg("button-help"), action: "help" }]);
  return rows;
}

/** The home screen: what the person is in the programme and what they can do next. */
export const menuFlow: FlowDefinition<{ greet?: boolean }> = {
  name: "menu",
  version: 1,
  async run(d, ctx, { greet }) {
    const me = await currentPerson(d, ctx);
    if (!me || me.memberships.length === 0) {
      await d.say(msg(greet ? "welcome-new" : "menu-unregistered"), {
        buttons: [
          [
            { label: msg("button-language"), action: "language" },
            { label: msg("button-help"), action: "help" },
          ],
        ],
      });
      return;
    }
    const waiting = me.memberships.some((m) => m.status === "awaiting_consent");
    const paired = me.memberships.some((m) => (m.role === "mentor" || m.role === "mentee") && m.status === "active")
      ? await d.run("in-working-pair", async () => (await ctx.repos.pairs.working({ personId: me.person.id })).length > 0)
      : false;
    await d.say(
      [
        msg("menu-title", { name: me.person.fullName ?? "" }),
        ...me.memberships.map(membershipLine),
        ...(waiting ? [msg("consent-waiting-short")] : []),
      ],
      { buttons: menuButtons(me.memberships, paired, me.person.currentOrgId ?? null) },
    );
  },
};

export const helpFlow: FlowDefinition = {
  name: "help",
  version: 1,
  async run(d, ctx) {
    const me = await currentPerson(d, ctx);
    const coordinator = me?.memberships.some((m) => m.role === "coordinator" && m.status === "active");
    await d.say([msg("help-text"), ...(coordinator ? [msg("help-coordinator")] : [])], {
      buttons: [[{ label: msg("button-menu"), action: "menu" }]],
    });
  },
};
