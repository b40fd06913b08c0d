import { randomUUID } from "node:crypto";
import type { HelpReporterRole } from "#root/db/repositories/help-reports.ts";
import type { Repositories } from "#root/db/repositories/index.ts";
import type { Choice } from "#root/dialog/dialog.ts";
import type { FlowDefinition } from "#root/dialog/flow.ts";
import type { Parsed } from "#root/domain/parsers.ts";
import { isRegistered } from "#root/domain/programme.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import { currentPerson } from "../common/people.ts";
import { pickFromList } from "../common/picker.ts";
import { menuAction } from "../self-service/actions.ts";
import { helpReportAction, helpReportsAction } from "./actions.ts";

/** Longest report: as the database keeps it (help_reports.body), room enough for a page of text. */
export const MAX_HELP_REPORT = 2_000;

const fail = (error: string, args?: Record<string, string | number>): Parsed<never> => ({ ok: false, error, args });

/** What happened, in the person's own words: kept as typed (line breaks too), trimmed. */
export function parseHelpReport(text: string): Parsed<string> {
  // PostgreSQL text cannot hold NUL; nothing else is changed in a safeguarding record.
  const body = text.replace(/\u0000/g, "").trim();
  if (body.length === 0) return fail("error-empty");
  if (body.length > MAX_HELP_REPORT) return fail("need-help-too-long", { max: MAX_HELP_REPORT });
  return { ok: true, value: body };
}

/** Someone a report can be about: the mentee themself, or one child of a parent, in one organisation. */
export interface HelpTarget {
  orgId: number;
  orgName: string;
  role: HelpReporterRole;
  /** The child a parent writes about (null for a mentee's own report). */
  childParticipantId: number | null;
  childName: string | null;
}

/**
 * Who may tell a coordinator that something is wrong: a mentee taking part or waiting for consent,
 * and a parent about each child whose consent they gave and did not withdraw. Read from the database.
 */
export async function helpTargets(repos: Repositories, personId: number): Promise<HelpTarget[]> {
  const memberships = await repos.people.memberships(personId);
  const targets: HelpTarget[] = memberships
    .filter((m) => m.role === "mentee" && isRegistered(m.status))
    .map((m) => ({ orgId: m.orgId, orgName: m.orgName, role: "mentee", childParticipantId: null, childName: null }));
  if (memberships.some((m) => m.role === "parent")) {
    for (const consent of await repos.consents.grantedBy(personId)) {
      if (targets.some((t) => t.childParticipantId === consent.participantId)) continue;
      targets.push({
        orgId: consent.orgId,
        orgName: consent.orgName,
        role: "parent",
        childParticipantId: consent.participantId,
        childName: consent.childName,
      });
    }
  }
  return targets;
}

const sameTarget = (a: HelpTarget, b: HelpTarget): boolean =>
  a.orgId === b.orgId && a.role === b.role && a.childParticipantId === b.childParticipantId;

const targetValue = (target: HelpTarget): string => (target.childParticipantId === null ? "self" : `c${target.childParticipantId}`);

/** Who wrote, as a coordinator reads it. */
export function reporterLine(role: HelpReporterRole, name: string | null, childName: string | null): Msg {
  const shown = (value: string | null): Msg => (value ? msg("plain", { text: value }) : msg("help-name-erased"));
  return role === "parent"
    ? msg("help-from-parent", { name: shown(name), child: shown(childName) })
    : msg("help-from-mentee", { name: shown(name) });
}

/**
 * "🆘 I need help from an adult": a mentee or a parent tells the organisation's coordinators,
 * confidentially, that something is wrong. The report is kept, and every coordinator is alerted at
 * once (quiet hours do not hold it back); nobody else, the mentor included, hears of it.
 */
export const needHelpFlow: FlowDefinition = {
  name: "need-help",
  version: 2,
  async run(d, ctx) {
    const me = await currentPerson(d, ctx);
    const targets = me ? await d.run("help-targets", () => helpTargets(ctx.repos, me.person.id)) : [];
    if (!me || targets.length === 0) {
      await d.say(msg("need-help-nothing"), { buttons: [[menuAction.button(msg("button-menu"))]] });
      return;
    }
    const asParent = targets.every((target) => target.role === "parent");
    await d.say(msg(asParent ? "need-help-intro-parent" : "need-help-intro-mentee"));

    // Several schools: the school first, then (a parent of several children there) the child.
    const orgs = [...new Map(targets.map((target) => [target.orgId, target.orgName])).entries()];
    let orgId = orgs[0]![0];
    if (orgs.length > 1) {
      const orgChoices: Choice[] = orgs.map(([id, name]) => ({ value: String(id), label: msg("plain", { text: name }) }));
      orgId = Number(await pickFromList(d, msg("need-help-which-org"), orgChoices));
    }
    const inOrg = targets.filter((target) => target.orgId === orgId);
    let target = inOrg[0]!;
    if (inOrg.length > 1) {
      const choices: Choice[] = inOrg.map((entry) => ({
        value: targetValue(entry),
        label: entry.childParticipantId === null ? msg("need-help-about-me") : msg("plain", { text: entry.childName ?? "—" }),
      }));
      const prompt = msg(inOrg.every((entry) => entry.role === "parent") ? "need-help-which-child" : "need-help-about-whom");
      const chosen = await pickFromList(d, prompt, choices);
      target = inOrg.find((entry) => targetValue(entry) === chosen)!;
    }

    const question = msg(target.role === "parent" ? "need-help-question-parent" : "need-help-question-mentee");
    // Drawn before the Send button is pressed, so it is part of the conversation's recorded state: if
    // the process dies after the report is saved, the press handled again saves nothing twice.
    const requestKey = await d.run("report-key", async () => randomUUID());
    let body = await d.ask(question, { parse: parseHelpReport });
    for (;;) {
      const decision = await d.choose(
        msg(target.role === "parent" ? "need-help-preview-parent" : "need-help-preview-mentee", { text: body }),
        [
          { value: "send", label: msg("button-send") },
          { value: "change", label: msg("button-need-help-change") },
        ],
      );
      if (decision === "send") break;
      body = await d.ask(question, { parse: parseHelpReport });
    }

    const reportId = await d.run("send-report", async () => {
      // Re-checked now: a consent may have been withdrawn, or the mentee left, while they wrote.
      const still = await helpTargets(ctx.repos, me.person.id);
      if (!still.some((entry) => sameTarget(entry, target))) return undefined;
      const report = await ctx.repos.helpReports.create({
        orgId: target.orgId,
        reporterPersonId: me.person.id,
        reporterRole: target.role,
        childParticipantId: target.childParticipantId,
        body,
        platform: ctx.chat.platform,
        at: ctx.now(),
        requestKey,
      });
      const alert = {
        text: [
          msg("help-alert", { org: target.orgName, who: reporterLine(target.role, me.person.fullName, target.childName), text: body }),
        ],
        buttons: [
          [
            helpReportAction.button(msg("button-help-report-open"), { orgId: target.orgId, id: report.id }),
            helpReportsAction.button(msg("button-help-reports"), { orgId: target.orgId, page: 0 }),
          ],
        ],
      };
      for (const coordinator of await ctx.repos.organisations.coordinatorPersonIds(target.orgId)) {
        // Urgent: a child asking for help is not held back by the quiet hours.
        await ctx.notify.send({ personId: coordinator }, alert, `help-report:${report.id}:coordinator:${coordinator}`, { urgent: true });
      }
      return report.id;
    });
    if (reportId === undefined) {
      await d.say(msg("need-help-nothing"), { buttons: [[menuAction.button(msg("button-menu"))]] });
      return;
    }
    await d.say(msg(target.role === "parent" ? "need-help-sent-parent" : "need-help-sent-mentee"), {
      buttons: [[menuAction.button(msg("button-menu"))]],
    });
  },
};
