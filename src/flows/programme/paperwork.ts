import type { Dialog } from "#root/dialog/dialog.ts";
import type { FlowContext } from "#root/dialog/flow.ts";
import { consentRegisterDocument } from "#root/documents/docx/consent-register.docx.ts";
import { DOCX_MIME } from "#root/documents/docx/paperwork.ts";
import { regulationsDocument } from "#root/documents/docx/regulations.docx.ts";
import { roadMapDocument } from "#root/documents/docx/road-map.docx.ts";
import { calendarDate, formatCalendarDate } from "#root/domain/cycle.ts";
import type { Membership } from "#root/domain/entities/organisation.ts";
import { roadMap } from "#root/domain/road-map.ts";
import { msg } from "#root/i18n/translator.ts";
import { openCycleAction, programmeAction } from "./actions.ts";

/** The coordinator and the organisation a document is made for. */
interface Scope {
  person: { fullName: string | null };
  membership: Membership;
}

/**
 * The programme's paperwork beside the order (see export.ts), as Word files: drafts of the
 * regulations and of the road map filled from the cycle open now, and the consent register of the
 * organisation. File names are Latin, as the order's: `polozhenie-2026-12-07.docx`.
 */
export async function sendProgrammeDocument(
  d: Dialog,
  ctx: FlowContext,
  scope: Scope,
  document: "regulations" | "road-map" | "consents",
): Promise<void> {
  const { orgId, orgName, timezone } = scope.membership;
  const now = await d.now();
  const today = calendarDate(now, timezone);
  const back = [[programmeAction.button(msg("button-programme"))]];
  const translate = d.translate.bind(d);
  const date = (day: string) => formatCalendarDate(day, d.locale);
  if (document === "consents") {
    const register = await d.run("load-consents", () => ctx.inOrganisation(orgId, (repos) => repos.consents.register(orgId)));
    if (register.length === 0) {
      await d.say(msg("doc-consents-empty"), { buttons: back });
      return;
    }
    await d.showUpload("document");
    // Decisions are instants: the register writes them on the organisation's clock.
    const when = new Intl.DateTimeFormat(d.locale === "ru" ? "ru-RU" : "en-GB", {
      timeZone: timezone,
      day: "2-digit",
      month: "2-digit",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
    });
    const content = await consentRegisterDocument({
      orgName,
      madeOn: date(today),
      coordinator: scope.person.fullName,
      participants: register.map((entry) => ({
        name: entry.name,
        role: entry.role,
        birthYear: entry.birthYear,
        decisions: entry.decisions.map((decision) => ({
          giver: decision.giver,
          giverName: decision.giverName,
          decision: decision.decision,
          textVersion: decision.textVersion,
          platform: decision.platform,
          decidedAt: when.format(new Date(decision.decidedAt)),
          withdrawnAt: decision.withdrawnAt ? when.format(new Date(decision.withdrawnAt)) : null,
          review: decision.review,
        })),
      })),
      translate,
    });
    await d.say(msg("doc-consents-ready", { count: register.length }), {
      buttons: back,
      document: { filename: `reestr-soglasiy-${today}.docx`, mimeType: DOCX_MIME, content },
    });
    return;
  }
  const cycle = await d.run("load-cycle", () => ctx.inOrganisation(orgId, async (repos) => (await repos.cycles.current(orgId)) ?? null));
  if (!cycle) {
    await d.say(msg("doc-no-cycle"), { buttons: [[openCycleAction.button(msg("button-open-cycle"))], ...back] });
    return;
  }
  await d.showUpload("document");
  const shown = { name: cycle.name, start: date(cycle.startsOn), end: date(cycle.endsOn) };
  if (document === "regulations") {
    const content = await regulationsDocument({
      orgName,
      cycle: shown,
      forms: cycle.forms,
      directions: cycle.directions,
      checkInEveryDays: cycle.checkInEveryDays,
      coordinator: scope.person.fullName,
      translate,
    });
    await d.say(msg("doc-regulations-ready", { cycle: cycle.name }), {
      buttons: back,
      document: { filename: `polozhenie-${today}.docx`, mimeType: DOCX_MIME, content },
    });
    return;
  }
  const content = await roadMapDocument({
    orgName,
    cycle: shown,
    steps: roadMap(cycle.startsOn, cycle.endsOn),
    date,
    coordinator: scope.person.fullName,
    translate,
  });
  await d.say(msg("doc-road-map-ready", { cycle: cycle.name }), {
    buttons: back,
    document: { filename: `dorozhnaya-karta-${today}.docx`, mimeType: DOCX_MIME, content },
  });
}
