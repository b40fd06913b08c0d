import type { Membership } from "#root/db/repositories/people.ts";
import type { Territory } from "#root/db/repositories/territories.ts";
import type { FlowDefinition } from "#root/dialog/flow.ts";
import { ageThisYear } from "#root/domain/consent.ts";
import { childChoosesParentsTold } from "#root/domain/parent-notices.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import type { SpecButton } from "#root/messaging/message-spec.ts";
import { helpReportsAction, needHelpAction } from "../check-ins/actions.ts";
import { ownHelpReports, ownReportLine } from "../check-ins/help-report-wording.ts";
import { coordinatedOrganisations, currentPerson } from "../common/people.ts";
import { meetingsAction } from "../meetings/actions.ts";
import { pairChatAction } from "../pair-chat/actions.ts";
import { parentChildrenAction, parentsToldAction } from "../parents/actions.ts";
import { planAction } from "../plan/actions.ts";
import { baseAction, programmeAction, switchOrganisationAction } from "../programme/actions.ts";
import { consentLinkAction, inviteCoordinatorAction, inviteLinksAction, parentConsentsAction } from "../registration/actions.ts";
import { territoryAction } from "../territories/actions.ts";
import { helpAction, languageAction, menuAction, profileAction } from "./actions.ts";

/**
 * Where the person stands, in their own terms: a parent's part is their consent (the child is the one
 * who takes part), and a mentor with consent still waits for the coordinator's approval.
 */
function membershipStatus(membership: Membership): Msg {
  if (membership.role === "parent") {
    if (membership.status === "active") return msg("status-parent-active");
    return msg(membership.status === "declined" ? "status-parent-declined" : "status-parent-withdrawn");
  }
  if (membership.role === "mentor" && membership.status === "active" && membership.mentorReview !== "approved") {
    return msg(membership.mentorReview === "declined" ? "status-mentor-declined" : "status-mentor-pending");
  }
  return msg(`status-${membership.status}`);
}

function membershipLine(membership: Membership): Msg {
  return msg("menu-membership", { role: msg(`role-${membership.role}`), org: membership.orgName, status: membershipStatus(membership) });
}

/** Button labels stay short: Telegram cuts long ones, VK refuses labels over 40 characters. */
const shortName = (name: string): string => (name.length > 24 ? `${name.slice(0, 23)}…` : name);

function territoryLine(territory: Territory): Msg {
  return msg(territory.kind === "region" ? "menu-territory-region" : "menu-territory-municipality", { name: territory.name });
}

function menuButtons(
  memberships: Membership[],
  territories: Territory[],
  inWorkingPair: boolean,
  currentOrgId: number | null,
  teenChooses: boolean,
): SpecButton[][] {
  const has = (predicate: (membership: Membership) => boolean) => memberships.some(predicate);
  const rows: SpecButton[][] = [];
  // A territory's coordinator (a regional methodologist): the territory's screen, whatever else they are.
  const territoryButton =
    territories.length > 0
      ? territoryAction.button(
          territories.length === 1 ? msg("button-territory", { name: shortName(territories[0]!.name) }) : msg("button-territories"),
        )
      : undefined;
  // Mentor and mentees of a pair at work: their plan, their meetings and their chat come first (one
  // row: a coordinator who also mentors keeps within VK's rows).
  if (inWorkingPair) {
    rows.push([
      planAction.button(msg("button-plan")),
      meetingsAction.button(msg("button-meetings")),
      pairChatAction.button(msg("button-pair-chat")),
    ]);
  }
  const coordinated = coordinatedOrganisations(memberships);
  if (coordinated.length > 0) {
    const current = coordinated.find((m) => m.orgId === currentOrgId) ?? coordinated[0]!;
    rows.push([
      programmeAction.button(msg("button-programme")),
      // Shares the row: a coordinator's menu stays within VK's six rows.
      ...(coordinated.length > 1
        ? [switchOrganisationAction.button(msg("button-switch-organisation", { org: shortName(current.orgName) }))]
        : []),
    ]);
    // A school's coordinator who also coordinates a territory: its button shares this row (VK's six rows).
    rows.push([inviteLinksAction.button(msg("button-invite-links")), ...(territoryButton ? [territoryButton] : [])]);
  } else if (territoryButton) {
    rows.push([territoryButton]);
  }
  if (coordinated.length > 0) {
    rows.push([
      baseAction.button(msg("button-base-mentees"), { role: "mentee", page: 0 }),
      baseAction.button(msg("button-base-mentors"), { role: "mentor", page: 0 }),
    ]);
    // Shares a row: a coordinator's menu stays within VK's six rows of one keyboard.
    rows.push([inviteCoordinatorAction.button(msg("button-invite-coordinator")), helpReportsAction.button(msg("button-help-reports"))]);
  }
  // A parent's consents, and their children's pairs and meetings (issue 18), share a row.
  if (has((m) => m.role === "parent")) {
    rows.push([parentConsentsAction.button(msg("button-parent-consents")), parentChildrenAction.button(msg("button-parent-children"))]);
  }
  // A teenager of 14–17 taking part chooses whether their parents hear of their meetings.
  if (teenChooses) rows.push([parentsToldAction.button(msg("button-parents-told"))]);
  if (has((m) => m.status === "awaiting_consent" || m.status === "declined")) {
    rows.push([consentLinkAction.button(msg("button-new-consent-link"))]);
  }
  // A mentee (taking part or waiting for consent) or a parent whose consent stands can tell the
  // coordinator something is wrong: the child asks for an adult's help, the parent writes to the coordinator.
  if (has((m) => m.role === "mentee" && (m.status === "active" || m.status === "awaiting_consent"))) {
    rows.push([needHelpAction.button(msg("button-need-help"))]);
  } else if (has((m) => m.role === "parent" && m.status === "active")) {
    rows.push([needHelpAction.button(msg("button-need-help-parent"))]);
  }
  rows.push([profileAction.button(msg("button-profile")), languageAction.button(msg("button-language"))]);
  rows.push([helpAction.button(msg("button-help"))]);
  return rows;
}

/** The home screen: what the person is in the programme and what they can do next. */
export const menuFlow: FlowDefinition<{ greet?: boolean }> = {
  name: "menu",
  version: 1,
  async run(d, ctx, { greet }) {
    const me = await currentPerson(d, ctx);
    const territories = me ? await d.run("coordinated-territories", () => ctx.repos.territories.coordinatedBy(me.person.id)) : [];
    if (!me || (me.memberships.length === 0 && territories.length === 0)) {
      await d.say(msg(greet ? "welcome-new" : "menu-unregistered"), {
        buttons: [[languageAction.button(msg("button-language")), helpAction.button(msg("button-help"))]],
      });
      return;
    }
    const waiting = me.memberships.some((m) => m.status === "awaiting_consent");
    // A mentee's or a parent's own help reports: whether a coordinator read them, answered, closed.
    const ownReports = me.memberships.some((m) => m.role === "mentee" || m.role === "parent")
      ? await d.run("own-help-reports", () => ownHelpReports(ctx.repos, me.person.id, ctx.now()))
      : [];
    const paired = me.memberships.some((m) => (m.role === "mentor" || m.role === "mentee") && m.status === "active")
      ? await d.run("in-working-pair", async () => (await ctx.repos.pairs.working({ personId: me.person.id })).length > 0)
      : false;
    const age = me.person.birthYear ? ageThisYear(me.person.birthYear, await d.now()) : null;
    const teenChooses =
      age !== null &&
      childChoosesParentsTold(age) &&
      me.memberships.some((m) => (m.role === "mentor" || m.role === "mentee") && m.status === "active");
    await d.say(
      [
        msg("menu-title", { name: me.person.fullName ?? "" }),
        ...me.memberships.map(membershipLine),
        ...territories.map(territoryLine),
        ...(waiting ? [msg("consent-waiting-short")] : []),
        ...ownReports.map((report) => ownReportLine(report, d.locale)),
      ],
      { buttons: menuButtons(me.memberships, territories, paired, me.person.currentOrgId ?? null, teenChooses) },
    );
  },
};

export const helpFlow: FlowDefinition = {
  name: "help",
  version: 1,
  async run(d, ctx) {
    const me = await currentPerson(d, ctx);
    const coordinator = me?.memberships.some((m) => m.role === "coordinator" && m.status === "active");
    // A regional methodologist's part comes after a school's: one person may be both.
    const territorial = me
      ? await d.run("coordinates-territory", async () => (await ctx.repos.territories.coordinatedBy(me.person.id)).length > 0)
      : false;
    await d.say([msg("help-text"), ...(coordinator ? [msg("help-coordinator")] : []), ...(territorial ? [msg("help-territory")] : [])], {
      buttons: [[menuAction.button(msg("button-menu"))]],
    });
  },
};
