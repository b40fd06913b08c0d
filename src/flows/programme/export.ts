import type { FlowDefinition } from "#root/dialog/flow.ts";
import { orderDocument } from "#root/documents/docx/order.docx.ts";
import { DOCX_MIME } from "#root/documents/docx/paperwork.ts";
import { CSV_MIME, csv, type Sheet, workbook, XLSX_MIME } from "#root/documents/workbooks.ts";
import { ageThisYear } from "#root/domain/consent.ts";
import { calendarDate, formatCalendarDate } from "#root/domain/cycle.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import { coordinatorScope } from "../common/people.ts";
import { matchAction } from "./actions.ts";
import { sendProgrammeDocument } from "./paperwork.ts";

type Document = "order" | "regulations" | "road-map" | "consents" | "mentors" | "mentees";

/**
 * The documents of the programme as files in the chat: the order fixing the pairs and groups
 * (приказ о закреплении наставнических пар/групп) as DOCX to sign and file, with the list as XLSX and
 * CSV for data; drafts of the regulations (положение) and of the road map (дорожная карта) filled
 * from the cycle; the consent register (реестр согласий) as DOCX; the bases as XLSX.
 */
export const exportFlow: FlowDefinition = {
  name: "export",
  version: 1,
  async run(d, ctx) {
    const scope = await coordinatorScope(d, ctx);
    if (!scope) return;
    const orgId = scope.membership.orgId;
    const document = await d.choose<Document>(
      msg("export-what"),
      [
        { value: "order", label: msg("export-order") },
        { value: "regulations", label: msg("doc-button-regulations") },
        { value: "road-map", label: msg("doc-button-road-map") },
        { value: "consents", label: msg("doc-button-consents") },
        { value: "mentors", label: msg("export-mentors") },
        { value: "mentees", label: msg("export-mentees") },
      ],
      { columns: 2 },
    );
    if (document === "regulations" || document === "road-map" || document === "consents") {
      await sendProgrammeDocument(d, ctx, scope, document);
      return;
    }
    const data = await d.run("load", () =>
      ctx.inOrganisation(orgId, async (repos) => {
        const today = calendarDate(ctx.now(), scope.membership.timezone);
        const cycle = await repos.cycles.current(orgId);
        if (document === "order") return { today, cycle, units: cycle ? await repos.pairs.units(cycle.id, "published") : [] };
        const role = document === "mentors" ? "mentor" : "mentee";
        const base = await repos.people.base(orgId, role, { offset: 0, limit: 10_000 });
        const mentors = role === "mentor" ? (await repos.mentors.list(orgId, { offset: 0, limit: 10_000 })).mentors : [];
        return { today, cycle, base: base.entries, mentors };
      }),
    );
    const t = (key: string, args?: Msg["args"]) => d.translate(msg(key, args));
    const year = Number(data.today.slice(0, 4));
    const age = (birthYear: number | null) => (birthYear ? ageThisYear(birthYear, new Date(Date.UTC(year, 0, 1))) : "");
    if (document === "order") {
      const units = data.units ?? [];
      if (!data.cycle || units.length === 0) {
        await d.say(msg("export-order-empty"), { buttons: [[matchAction.button(msg("button-match"))]] });
        return;
      }
      await d.showUpload("document");
      let number = 0;
      const sheet: Sheet = {
        title: t("order-sheet"),
        preamble: [
          scope.membership.orgName,
          t("order-title"),
          t("order-date", { date: formatCalendarDate(data.today, d.locale) }),
          t("order-preamble", {
            cycle: data.cycle.name,
            start: formatCalendarDate(data.cycle.startsOn, d.locale),
            end: formatCalendarDate(data.cycle.endsOn, d.locale),
          }),
        ],
        columns: [
          { header: "№", width: 5 },
          { header: t("order-column-mentor"), width: 30 },
          { header: t("order-column-form"), width: 28 },
          { header: t("order-column-direction"), width: 26 },
          { header: t("variant-column"), width: 26 },
          { header: t("order-column-mentee"), width: 30 },
          { header: t("order-column-grade"), width: 10 },
        ],
        rows: units.flatMap((unit) =>
          unit.members.map((member) => [
            ++number,
            unit.mentorName ?? "",
            t(`form-${unit.form}`),
            unit.direction ? t(`direction-${unit.direction}`) : "",
            unit.variant ? t(`variant-${unit.variant}`) : "",
            member.menteeName ?? "",
            member.menteeGrade ?? "",
          ]),
        ),
        closing: [t("order-control"), t("order-signature")],
      };
      const stem = `prikaz-pary-${data.today}`;
      const cycle = {
        name: data.cycle.name,
        start: formatCalendarDate(data.cycle.startsOn, d.locale),
        end: formatCalendarDate(data.cycle.endsOn, d.locale),
      };
      const order = await orderDocument({
        orgName: scope.membership.orgName,
        cycle,
        coordinator: scope.person.fullName,
        units: units.map((unit) => ({
          mentor: unit.mentorName,
          mentees: unit.members.map((member) => ({ name: member.menteeName, grade: member.menteeGrade })),
          form: unit.form,
          direction: unit.direction,
          variant: unit.variant,
        })),
        translate: (message) => d.translate(message),
      });
      await d.say(msg("export-order-ready", { pairs: number }), {
        document: { filename: `${stem}.docx`, mimeType: DOCX_MIME, content: order },
      });
      await d.say(msg("doc-order-xlsx"), { document: { filename: `${stem}.xlsx`, mimeType: XLSX_MIME, content: await workbook(sheet) } });
      await d.say(msg("export-order-csv"), { document: { filename: `${stem}.csv`, mimeType: CSV_MIME, content: csv(sheet) } });
      return;
    }
    const base = data.base ?? [];
    if (base.length === 0) {
      await d.say(msg(document === "mentors" ? "base-mentor-empty" : "base-mentee-empty"));
      return;
    }
    await d.showUpload("document");
    const review = new Map((data.mentors ?? []).map((mentor) => [mentor.participantId, mentor]));
    const sheet: Sheet =
      document === "mentees"
        ? {
            title: t("export-mentees-sheet"),
            preamble: [scope.membership.orgName, t("export-mentees-title", { date: formatCalendarDate(data.today, d.locale) })],
            columns: [
              { header: "№", width: 5 },
              { header: t("base-column-name"), width: 30 },
              { header: t("base-column-age"), width: 8 },
              { header: t("base-column-grade"), width: 10 },
              { header: t("base-column-directions"), width: 40 },
              { header: t("base-column-consent"), width: 28 },
            ],
            rows: base.map((entry, index) => [
              index + 1,
              entry.fullName ?? "",
              age(entry.birthYear),
              entry.detail ?? "",
              entry.directions.map((direction) => t(`direction-${direction}`)).join(", "),
              t(`status-${entry.status}`),
            ]),
            closing: [],
          }
        : {
            title: t("export-mentors-sheet"),
            preamble: [scope.membership.orgName, t("export-mentors-title", { date: formatCalendarDate(data.today, d.locale) })],
            columns: [
              { header: "№", width: 5 },
              { header: t("base-column-name"), width: 30 },
              { header: t("base-column-kind"), width: 24 },
              { header: t("base-column-directions"), width: 40 },
              { header: t("base-column-capacity"), width: 10 },
              { header: t("base-column-review"), width: 16 },
              { header: t("base-column-record-check"), width: 16 },
              { header: t("base-column-training"), width: 14 },
            ],
            rows: base.map((entry, index) => {
              const card = review.get(entry.participantId);
              return [
                index + 1,
                entry.fullName ?? "",
                entry.detail ? t(`mentor-kind-${entry.detail}`) : "",
                entry.directions.map((direction) => t(`direction-${direction}`)).join(", "),
                card?.capacity ?? "",
                card ? t(`review-${card.review}`) : "",
                // The organisation's calendar day, as everywhere else, not the UTC one.
                card?.recordCheckedAt ? calendarDate(new Date(card.recordCheckedAt), scope.membership.timezone) : "",
                card?.trainedAt ? calendarDate(new Date(card.trainedAt), scope.membership.timezone) : "",
              ];
            }),
            closing: [],
          };
    await d.say(msg("export-base-ready", { count: base.length }), {
      document: {
        filename: `baza-${document === "mentors" ? "nastavnikov" : "nastavlyaemyh"}-${data.today}.xlsx`,
        mimeType: XLSX_MIME,
        content: await workbook(sheet),
      },
    });
  },
};
