import type { FlowContext, FlowDefinition } from "#root/dialog/flow.ts";
import { DOCX_MIME } from "#root/documents/docx/paperwork.ts";
import { rosterSheetDocument } from "#root/documents/docx/roster-sheet.docx.ts";
import { readRosterFile, rosterFileKind, rosterTemplate } from "#root/documents/roster-file.ts";
import { calendarDate } from "#root/domain/cycle.ts";
import type { Parsed } from "#root/domain/parsers.ts";
import { checkRoster, groupByClass, ROSTER_MAX_ROWS, type RosterRefusal } from "#root/domain/roster.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import type { IncomingMedia } from "#root/messaging/messenger.ts";
import { messengerNames } from "../common/choices.ts";
import { coordinatorScope } from "../common/people.ts";
import { baseAction } from "../programme/actions.ts";

/** The largest class list taken, in MB: 3,000 rows of XLSX are well under 1 MB. */
export const ROSTER_MAX_FILE_MB = 5;
const MAX_FILE_BYTES = ROSTER_MAX_FILE_MB * 1024 * 1024;
/** Refusals listed in the chat; the rest are counted (a message stays readable). */
const REFUSALS_SHOWN = 20;
const TEMPLATE = "roster.template";

type ImportInput = { kind: "template" } | { kind: "file"; media: IncomingMedia };

function parseImportText(text: string): Parsed<ImportInput> {
  return text === TEMPLATE ? { ok: true, value: { kind: "template" } } : { ok: false, error: "roster-send-file" };
}

function parseImportMedia(media: IncomingMedia): Parsed<ImportInput> {
  if (media.type !== "document" || !rosterFileKind(media.filename, media.mimeType)) return { ok: false, error: "roster-not-a-list" };
  if (media.size !== undefined && media.size > MAX_FILE_BYTES)
    return { ok: false, error: "roster-too-large", args: { max: ROSTER_MAX_FILE_MB } };
  return { ok: true, value: { kind: "file", media } };
}

const LATIN: Record<string, string> = {
  А: "A",
  Б: "B",
  В: "V",
  Г: "G",
  Д: "D",
  Е: "E",
  Ё: "E",
  Ж: "Zh",
  З: "Z",
  И: "I",
  Й: "J",
  К: "K",
  Л: "L",
  М: "M",
  Н: "N",
  О: "O",
  П: "P",
  Р: "R",
  С: "S",
  Т: "T",
  У: "U",
  Ф: "F",
  Х: "H",
  Ц: "C",
  Ч: "Ch",
  Ш: "Sh",
  Щ: "Sch",
  Э: "E",
  Ю: "Yu",
  Я: "Ya",
};

/** A class in a file's name, in Latin letters as the bot's other files are named ("7Б" → "7B"). */
function gradeInFilename(grade: string): string {
  return [...grade.toUpperCase()]
    .map((char) => LATIN[char] ?? (/[A-Z0-9]/.test(char) ? char : "-"))
    .join("")
    .replace(/-+/g, "-");
}

/** What a sent list came to, recorded for the replay: never the file, nor the rows (they wait in roster_imports). */
type Checked =
  | { ok: false; error: string; args?: Record<string, number> }
  | {
      ok: true;
      importId: number;
      accepted: number;
      byClass: Array<{ grade: string; count: number }>;
      refused: RosterRefusal[];
      refusedTotal: number;
    };

async function checkFile(ctx: FlowContext, orgId: number, personId: number, media: IncomingMedia): Promise<Checked> {
  const kind = rosterFileKind(media.filename, media.mimeType);
  if (!kind) return { ok: false, error: "roster-not-a-list" };
  const fetched = await ctx.download(media, MAX_FILE_BYTES);
  if (!fetched.ok)
    return fetched.reason === "too-large"
      ? { ok: false, error: "roster-too-large", args: { max: ROSTER_MAX_FILE_MB } }
      : { ok: false, error: "roster-file-failed" };
  const rows = await readRosterFile(fetched.content, kind);
  if (!rows) return { ok: false, error: "roster-unreadable" };
  const known = await ctx.repos.roster.knownStudents(orgId);
  const reading = checkRoster(rows, known, ctx.now());
  if (!reading.ok) return { ok: false, error: reading.error, args: { max: ROSTER_MAX_ROWS } };
  const { students, refused, byClass } = reading.check;
  const importId = await ctx.repos.roster.stage(orgId, personId, students, ctx.now());
  return {
    ok: true,
    importId,
    accepted: students.length,
    byClass,
    refused: refused.slice(0, REFUSALS_SHOWN),
    refusedTotal: refused.length,
  };
}

/**
 * The coordinator sends the school's class list (XLSX or CSV): the bot shows what it understood, per
 * class, and what it refuses and why, row by row; on confirmation it creates the students as invited
 * participants with a personal link each, and sends the class teachers' sheets of links (DOCX).
 */
export const rosterImportFlow: FlowDefinition = {
  name: "roster-import",
  version: 2,
  async run(d, ctx) {
    const scope = await coordinatorScope(d, ctx);
    if (!scope) return;
    const { orgId, orgName, timezone } = scope.membership;
    const back = [[baseAction.button(msg("button-roster-back"), { role: "mentee", page: 0 })]];
    let checked: Extract<Checked, { ok: true }> | undefined;
    for (let round = 0; !checked; round += 1) {
      const input = await d.ask(round === 0 ? msg("roster-intro", { max: ROSTER_MAX_FILE_MB }) : msg("roster-send-again"), {
        parse: parseImportText,
        suggestions: [{ value: TEMPLATE, label: msg("button-roster-template") }],
        media: { parse: parseImportMedia, unsupported: msg("roster-not-a-list") },
      });
      if (input.kind === "template") {
        await d.showUpload("document");
        const content = await rosterTemplate({
          sheet: d.translate(msg("roster-template-sheet")),
          headers: [
            msg("roster-template-name"),
            msg("roster-template-grade"),
            msg("roster-template-birth"),
            msg("roster-template-parent"),
          ].map((text) => d.translate(text)),
          example: [
            msg("roster-template-example-name"),
            msg("roster-template-example-grade"),
            msg("roster-template-example-birth"),
            msg("roster-template-example-parent"),
          ].map((text) => d.translate(text)),
        });
        await d.say(msg("roster-template-ready"), {
          document: {
            filename: "spisok-klassa.xlsx",
            mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            content,
          },
        });
        continue;
      }
      const check = await d.run(`check-${round}`, () => checkFile(ctx, orgId, scope.person.id, input.media));
      if (!check.ok) {
        await d.say(msg(check.error, check.args));
        continue;
      }
      checked = check;
    }
    const lines: Msg[] = [msg("roster-understood", { count: checked.accepted, classes: checked.byClass.length })];
    for (const group of checked.byClass) lines.push(msg("roster-class-line", { grade: group.grade, count: group.count }));
    if (checked.refusedTotal > 0) {
      lines.push(msg("roster-refused-title", { count: checked.refusedTotal }));
      for (const refusal of checked.refused)
        lines.push(msg("roster-refused-line", { row: refusal.row, reason: msg(`roster-refused-${refusal.reason}`, refusal.args) }));
      if (checked.refusedTotal > checked.refused.length)
        lines.push(msg("roster-refused-more", { count: checked.refusedTotal - checked.refused.length }));
    }
    if (checked.accepted === 0) {
      await d.say([...lines, msg("roster-nothing")], { buttons: back });
      return;
    }
    await d.say(lines);
    const answer = await d.choose(msg("roster-confirm", { count: checked.accepted }), [
      { value: "create", label: msg("button-roster-create", { count: checked.accepted }) },
      { value: "drop", label: msg("button-roster-cancel") },
    ]);
    if (answer === "drop") {
      await d.say(msg("roster-cancelled"), { buttons: back });
      return;
    }
    const importId = checked.importId;
    // The tokens come back from this step only: they are recorded with it (a few dozen bytes each) for the sheet below.
    const created = await d.run("create", () => ctx.repos.roster.confirm(importId, orgId, scope.person.id, ctx.now()));
    if (!created) {
      await d.say(msg("roster-already-created"), { buttons: back });
      return;
    }
    d.noteSaved(msg("roster-saved", { count: created.length }));
    const today = calendarDate(await d.now(), timezone);
    const linksOf = (token: string) => ctx.links.all(token).map((link) => ({ messenger: messengerNames([link.platform]), url: link.url }));
    // Every link of a student is made for the same messengers: the bot's, in its order.
    const messengers = linksOf(created[0]?.token ?? "").map((link) => link.messenger);
    const classes = groupByClass(created);
    await d.say(msg("roster-created", { count: created.length, classes: classes.length }));
    // A file per class, to forward to its class teacher; made one at a time, letting other chats
    // through in between (a school's whole roll is dozens of classes, a hundred codes each).
    for (const [index, group] of classes.entries()) {
      await d.showUpload("document");
      const content = await rosterSheetDocument({
        orgName,
        messengers,
        heading: (grade) => d.translate(msg("roster-sheet-title", { grade, org: orgName })),
        note: d.translate(msg("roster-sheet-note")),
        columns: {
          number: d.translate(msg("roster-sheet-number")),
          name: d.translate(msg("roster-sheet-name")),
          messenger: (messenger) => d.translate(msg("roster-sheet-messenger", { messenger })),
        },
        classes: [
          {
            grade: group.grade,
            students: group.students.map((student) => ({ fullName: student.fullName, links: linksOf(student.token) })),
          },
        ],
      });
      await d.say(msg("roster-sheet-ready", { grade: group.grade, count: group.students.length }), {
        ...(index === classes.length - 1 ? { buttons: back } : {}),
        document: { filename: `ssylki-${gradeInFilename(group.grade)}-${today}.docx`, mimeType: DOCX_MIME, content },
      });
      await new Promise((resolve) => setImmediate(resolve));
    }
  },
};
