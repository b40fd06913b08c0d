import type { ActionArgs } from "#root/dialog/actions.ts";
import type { FlowDefinition } from "#root/dialog/flow.ts";
import { type Locale, msg } from "#root/i18n/translator.ts";
import type { SpecButton } from "#root/messaging/message-spec.ts";
import { coordinatorScope } from "../common/people.ts";
import { menuAction } from "../self-service/actions.ts";
import { helpReportAction, helpReportsAction } from "./actions.ts";
import { reporterLine } from "./need-help.ts";

/** Five reports a page: with the navigation row that is six rows, VK's most for one keyboard. */
const PAGE_SIZE = 5;
const PREVIEW_LENGTH = 60;

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
export const helpReportsFlow: FlowDefinition<ActionArgs<typeof helpReportsAction>> = {
  name: "help-reports",
  version: 1,
  async run(d, ctx, { orgId: requested, page = 0 }) {
    const scope = await coordinatorScope(d, ctx, requested);
    if (!scope) return;
    const { orgId, orgName, timezone } = scope.membership;
    const list = await d.run("load-reports", () =>
      ctx.inOrganisation(orgId, (repos) => repos.helpReports.list(orgId, { offset: page * PAGE_SIZE, limit: PAGE_SIZE })),
    );
    if (list.total === 0) {
      await d.say(msg("help-reports-empty"), { buttons: [[menuAction.button(msg("button-menu"))]] });
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
    const buttons: SpecButton[][] = list.entries.map((report, index) => [
      helpReportAction.button(
        msg("button-help-report", {
          mark: msg(report.seen ? "help-reports-seen" : "help-reports-new"),
          number: page * PAGE_SIZE + index + 1,
          date: shownAt(report.createdAt, timezone, d.locale, false),
        }),
        { orgId, id: report.id },
      ),
    ]);
    const navigation: SpecButton[] = [];
    if (page > 0) navigation.push(helpReportsAction.button(msg("button-previous"), { orgId, page: page - 1 }));
    navigation.push(menuAction.button(msg("button-menu")));
    if (page + 1 < pages) navigation.push(helpReportsAction.button(msg("button-next"), { orgId, page: page + 1 }));
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
    const back: SpecButton[][] = [
      [helpReportsAction.button(msg("button-help-reports"), { orgId, page: 0 }), menuAction.button(msg("button-menu"))],
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
