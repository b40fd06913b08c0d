import type { DialogButton } from "#root/dialog/dialog.ts";
import type { FlowDefinition } from "#root/dialog/flow.ts";
import { type Locale, msg } from "#root/i18n/translator.ts";
import { coordinatorScope } from "../common/people.ts";
import { reporterLine } from "./need-help.ts";

/** Five reports a page: with the navigation row that is six rows, VK's most for one keyboard. */
const PAGE_SIZE = 5;
const PREVIEW_LENGTH = 60;

/** A button's "<org>.<page>"; the menu's button has no argument (the coordinator's own organisation). */
export function parseReportsPage(arg: string | undefined): { orgId?: number; page: number } {
  const match = /^(\d{1,15})\.(\d{1,4})$/.exec(arg ?? "");
  return match ? { orgId: Number(match[1]), page: Number(match[2]) } : { page: 0 };
}

/** A button's "<org>.<report>"; anything else is not a button of ours. */
export function parseReportRef(arg: string | undefined): { orgId: number; id: number } | undefined {
  const match = /^(\d{1,15})\.(\d{1,15})$/.exec(arg ?? "");
  return match ? { orgId: Number(match[1]), id: Number(match[2]) } : undefined;
}

/** When a report came, on the organisation's clock. */
function shownAt(instant: string, timeZone: string, locale: Locale, withYear: boolean): string {
  return new Intl.DateTimeFormat(locale === "ru" ? "ru-RU" : "en-GB", {
    timeZone,
    day: "2-digit",
    month: "2-digit",
    ...(withYear ? { year: "numeric" } : {}),
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(instant));
}

function preview(body: string): string {
  const flat = body.replace(/\s+/g, " ");
  const characters = Array.from(flat);
  return characters.length > PREVIEW_LENGTH ? `${characters.slice(0, PREVIEW_LENGTH).join("")}…` : flat;
}

/** The coordinator's list of "I need help from an adult" reports, newest first, a page at a time. */
export const helpReportsFlow: FlowDefinition<{ orgId?: number; page: number }> = {
  name: "help-reports",
  version: 1,
  async run(d, ctx, { orgId: requested, page }) {
    const scope = await coordinatorScope(d, ctx, requested);
    if (!scope) return;
    const { orgId, orgName, timezone } = scope.membership;
    const list = await d.run("load-reports", () =>
      ctx.inOrganisation(orgId, (repos) => repos.helpReports.list(orgId, { offset: page * PAGE_SIZE, limit: PAGE_SIZE })),
    );
    if (list.total === 0) {
      await d.say(msg("help-reports-empty"), { buttons: [[{ label: msg("button-menu"), action: "menu" }]] });
      return;
    }
    const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
    // A page past the end (reports are never removed, so only a forged button asks): the last one.
    if (list.entries.length === 0) return { next: "help-reports", args: { orgId, page: pages - 1 } };
    const lines = list.entries.map((report, index) =>
      msg("help-reports-line", {
        mark: msg(report.seen ? "help-reports-seen" : "help-reports-new"),
        number: page * PAGE_SIZE + index + 1,
        date: shownAt(report.createdAt, timezone, d.locale, true),
        who: reporterLine(report.reporterRole, report.reporterName, report.childName),
        preview: preview(report.body),
      }),
    );
    const buttons: DialogButton[][] = list.entries.map((report, index) => [
      {
        label: msg("button-help-report", {
          mark: msg(report.seen ? "help-reports-seen" : "help-reports-new"),
          number: page * PAGE_SIZE + index + 1,
          date: shownAt(report.createdAt, timezone, d.locale, false),
        }),
        action: "help-report",
        arg: `${orgId}.${report.id}`,
      },
    ]);
    const navigation: DialogButton[] = [];
    if (page > 0) navigation.push({ label: msg("button-previous"), action: "help-reports", arg: `${orgId}.${page - 1}` });
    navigation.push({ label: msg("button-menu"), action: "menu" });
    if (page + 1 < pages) navigation.push({ label: msg("button-next"), action: "help-reports", arg: `${orgId}.${page + 1}` });
    buttons.push(navigation);
    await d.say([msg("help-reports-title", { org: orgName, total: list.total, unseen: list.unseen, page: page + 1, pages }), ...lines], {
      buttons,
    });
  },
};

/** One report in full; the first coordinator to open it marks it seen. */
export const helpReportFlow: FlowDefinition<{ orgId: number; id: number }> = {
  name: "help-report",
  version: 1,
  async run(d, ctx, { orgId: requested, id }) {
    const scope = await coordinatorScope(d, ctx, requested);
    if (!scope) return;
    const { orgId, timezone } = scope.membership;
    const report = await d.run("open-report", () =>
      ctx.inOrganisation(orgId, async (repos) => {
        const found = await repos.helpReports.get(orgId, id);
        if (found && !found.seen) await repos.helpReports.markSeen(orgId, id, scope.person.id, ctx.now());
        return found;
      }),
    );
    const back: DialogButton[][] = [
      [
        { label: msg("button-help-reports"), action: "help-reports", arg: `${orgId}.0` },
        { label: msg("button-menu"), action: "menu" },
      ],
    ];
    if (!report) {
      await d.say(msg("help-report-unknown"), { buttons: back });
      return;
    }
    await d.say(
      msg("help-report-view", {
        date: shownAt(report.createdAt, timezone, d.locale, true),
        who: reporterLine(report.reporterRole, report.reporterName, report.childName),
        platform: msg(`platform-${report.platform}`),
        text: report.body,
      }),
      { buttons: back },
    );
  },
};
