/**
 * Roster import end to end on every messenger: the coordinator downloads the template, sends a
 * 30-row class list with three bad rows, sees what the bot understood per class and the three
 * refusals with their rows, confirms, and gets the class teachers' sheet of personal links (DOCX);
 * a student opens their personal link and is in the programme in two taps, consent as for their age.
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { QR_MARGIN } from "#root/documents/qr-png.ts";
import { packAction } from "#root/messaging/buttons.ts";
import type { Platform } from "#root/messaging/messenger.ts";
import { payloadOf } from "../support/chat-user.ts";
import { filesTo, pressOn } from "../support/cycle-journey.ts";
import { docxTableRows, docxText, unzip } from "../support/docx.ts";
import { EMOJI, idSequence, registerCoordinator, ru, ruChild } from "../support/journeys.ts";
import { qrModulesOf, qrModulesOfPng } from "../support/png.ts";
import { useTestStack } from "../support/stack.ts";

const SURNAMES = ["Иванов", "Петров", "Сидоров", "Козлов", "Смирнов", "Кузнецов", "Попов", "Волков", "Соколов", "Лебедев"];
const MORE_FIRST = ["Олег", "Павел", "Роман", "Степан", "Фёдор"];
const FIRST = ["Артём", "Иван", "Максим", "Даниил", "Михаил", "Кирилл", "Егор", "Никита", "Илья", "Тимофей"];

/** 30 rows: 15 in 7Б (12 this year), 12 in 8А (13), then a one-word name, a 25-year-old and a repeat of row 2. */
async function classList(year: number): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("7Б");
  sheet.addRow(["ФИО", "Класс", "Дата рождения", "ФИО родителя"]);
  sheet.addRow(["Иванова Мария Петровна", "7Б", `15.03.${year - 13}`, "Иванова Ольга Сергеевна"]);
  for (let index = 1; index < 15; index += 1)
    sheet.addRow([`${SURNAMES[index % 10]} ${index < 10 ? FIRST[index] : MORE_FIRST[index - 10]}`, "7 б", String(year - 13), ""]);
  for (let index = 0; index < 12; index += 1)
    sheet.addRow([`${SURNAMES[index % 10]}а ${index < 10 ? "Анна" : "Ольга"}`, "8А", new Date(Date.UTC(year - 14, 0, 10 + index)), ""]);
  sheet.addRow(["Маша", "7Б", String(year - 13), ""]);
  sheet.addRow(["Орлов Денис", "7Б", String(year - 25), ""]);
  sheet.addRow(["Иванова Мария Петровна", "7Б", `15.03.${year - 13}`, ""]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe.each(["telegram", "vk", "max"] as const)("roster import (on %s)", (platform: Platform) => {
  const nextId = idSequence({ telegram: 790_000, vk: 791_000, max: 792_000 }[platform]);
  const stack = useTestStack();

  it("checks a 30-row class list, refuses three rows with reasons, creates personal links, and a student joins in two taps", async () => {
    const coordinator = await registerCoordinator(stack, platform, nextId());
    const anna = coordinator.user;
    const year = stack.clock.now().getUTCFullYear();

    // The entry point: the base of mentees offers the import.
    await anna.pressPayload(packAction("base"));
    const base = await anna.waitFor(ru("base-mentee-empty"));
    await pressOn(anna, base, ru("button-roster-import"));
    const intro = await anna.waitFor(ru("roster-intro", { max: 5 }));

    // The template, on the import screen.
    await pressOn(anna, intro, ru("button-roster-template"));
    await anna.waitFor(ru("roster-template-ready"));
    await expect.poll(() => filesTo(stack, anna).map((file) => file.filename), { timeout: 8_000 }).toContain("spisok-klassa.xlsx");

    await anna.sendDocument("7b-8a.xlsx", await classList(year));
    const understood = await anna.waitFor(ru("roster-understood", { count: 27, classes: 2 }));
    expect(understood.text).toContain(ru("roster-class-line", { grade: "7Б", count: 15 }));
    expect(understood.text).toContain(ru("roster-class-line", { grade: "8А", count: 12 }));
    expect(understood.text).toContain(ru("roster-refused-title", { count: 3 }));
    expect(understood.text).toContain(ru("roster-refused-line", { row: 29, reason: ru("roster-refused-short-name", { name: "Маша" }) }));
    expect(understood.text).toContain(
      ru("roster-refused-line", { row: 30, reason: ru("roster-refused-age", { age: 24, min: 10, max: 19 }) }),
    );
    expect(understood.text).toContain(ru("roster-refused-line", { row: 31, reason: ru("roster-refused-twice", { first: 2 }) }));

    const confirm = await anna.waitFor(ru("roster-confirm", { count: 27 }));
    await pressOn(anna, confirm, ru("button-roster-create", { count: 27 }));
    await anna.waitFor(ru("roster-created", { count: 27, classes: 2 }));
    // A file per class, to forward to its class teacher.
    await anna.waitFor(ru("roster-sheet-ready", { grade: "7Б", count: 15 }));
    await anna.waitFor(ru("roster-sheet-ready", { grade: "8А", count: 12 }));
    const sheets = () => filesTo(stack, anna).filter((file) => /^ssylki-(7B|8A)-\d{4}-\d{2}-\d{2}\.docx$/.test(file.filename));
    await expect.poll(() => sheets().length, { timeout: 8_000 }).toBe(2);
    const [sheet7, sheet8] = ["ssylki-7B-", "ssylki-8A-"].map((prefix) => sheets().find((file) => file.filename.startsWith(prefix))!.bytes);
    for (const [sheetFile, grade] of [
      [sheet7!, "7Б"],
      [sheet8!, "8А"],
    ] as const) {
      const text = docxText(sheetFile);
      expect(text).not.toMatch(EMOJI);
      expect(text).toContain(ru("roster-sheet-title", { grade, org: coordinator.orgName }));
    }
    const rows = [sheet7!, sheet8!].flatMap((sheetFile) => docxTableRows(sheetFile));
    // A column per messenger the bot serves, headed by its name: its QR code and its link.
    expect(rows[0]).toEqual([
      ru("roster-sheet-number"),
      ru("roster-sheet-name"),
      ...["Telegram", "VK", "MAX"].map((messenger) => ru("roster-sheet-messenger", { messenger })),
    ]);
    expect(rows.filter((row) => row[1] !== ru("roster-sheet-name"))).toHaveLength(27);
    const masha = rows.find((row) => row[1] === "Иванова Мария Петровна")!;
    const [telegramLink, vkLink, maxLink] = masha.slice(2).map((cell) => cell.trim());
    expect(telegramLink).toMatch(/^https:\/\/t\.me\/\w+\?start=/);
    expect(vkLink).toMatch(/^https:\/\/vk\.me\/\w+\?ref=/);
    expect(maxLink).toMatch(/^https:\/\/max\.ru\/\w+\?start=/);
    // Each messenger's QR code encodes its own link: the pictures are exactly the codes of every link.
    const links = rows.filter((row) => row[1] !== ru("roster-sheet-name")).flatMap((row) => row.slice(2).map((cell) => cell.trim()));
    const pictures = [sheet7!, sheet8!]
      .flatMap((sheetFile) => [...unzip(sheetFile)])
      .filter(([name]) => name.startsWith("word/media/") && name.endsWith(".png"))
      .map(([, bytes]) => qrModulesOfPng(bytes, QR_MARGIN));
    expect(pictures).toHaveLength(27 * 3);
    expect(new Set(pictures)).toEqual(new Set(links.map(qrModulesOf)));
    const url = { telegram: telegramLink, vk: vkLink, max: maxLink }[platform]!;

    // Invited, not yet in: the base lists them as invited.
    const invited = await stack.database.db
      .selectFrom("participants")
      .select(({ fn }) => fn.countAll<number>().as("count"))
      .where("org_id", "=", coordinator.orgId)
      .where("status", "=", "invited")
      .executeTakeFirstOrThrow();
    expect(Number(invited.count)).toBe(27);

    // Masha (12 or 13 this year) opens her link: tap one, "yes, it's me": tap two; then her parent's link.
    const student = stack.user(platform, nextId(), "Маша");
    await student.open(payloadOf(url));
    const question = await student.waitFor(
      ruChild("roster-claim-question", { name: "Иванова Мария Петровна", grade: "7Б", org: coordinator.orgName }),
    );
    await pressOn(student, question, ruChild("button-roster-claim-me"));
    await student.waitFor(ruChild("register-mentee-saved-needs-parent", { name: "Иванова Мария Петровна" }));
    const claimed = await stack.database.db
      .selectFrom("participants")
      .innerJoin("people", "people.id", "participants.person_id")
      .innerJoin("accounts", "accounts.person_id", "people.id")
      .select(["participants.status", "accounts.platform"])
      .where("participants.org_id", "=", coordinator.orgId)
      .where("people.full_name", "=", "Иванова Мария Петровна")
      .execute();
    expect(claimed).toEqual([{ status: "awaiting_consent", platform }]);

    // The link is personal and single-use.
    const other = stack.user(platform, nextId(), "Петя");
    await other.open(payloadOf(url));
    await other.waitFor(ru("invite-used_up"));
  });
});

/** Text as Windows-1251 bytes, the encoding Russian Excel saves "CSV" in (the decoder's table, inverted). */
function windows1251(text: string): Buffer {
  const table = new Map(
    [...new TextDecoder("windows-1251").decode(Uint8Array.from({ length: 256 }, (_, byte) => byte))].map((char, byte) => [char, byte]),
  );
  return Buffer.from(
    [...text].map((char) => {
      const byte = table.get(char);
      if (byte === undefined) throw new Error(`"${char}" has no Windows-1251 byte`);
      return byte;
    }),
  );
}

describe("roster import of a CSV saved by Russian Excel (on telegram)", () => {
  const nextId = idSequence(796_000);
  const stack = useTestStack();

  it("reads Windows-1251 with ';' between cells and CRLF lines: a title above the header, ё kept, the parent's name, an empty line skipped, a bad row refused", async () => {
    const coordinator = await registerCoordinator(stack, "telegram", nextId());
    const anna = coordinator.user;
    const year = stack.clock.now().getUTCFullYear();
    // A title line above the header (with a comma, and no cells after it), a no-break space pasted
    // from a web page, a quoted cell.
    const csv = [
      "Список учащихся, 2026/27 учебный год",
      "ФИО;Класс;Дата рождения;ФИО родителя",
      `Иванова Мария Петровна;7Б;15.03.${year - 13};Иванова Ольга Сергеевна`,
      `Семёнов\u00a0Пётр;7 б;${year - 13};`,
      `"Ёлкина Алёна";8А;10.01.${year - 14};`,
      ";;;",
      `Орлов Денис;7Б;${year - 25};`,
      "",
    ].join("\r\n");
    const bytes = windows1251(csv);
    // Not UTF-8: the reader has to tell the encoding itself.
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();

    await anna.pressPayload(packAction("base"));
    const base = await anna.waitFor(ru("base-mentee-empty"));
    await pressOn(anna, base, ru("button-roster-import"));
    await anna.waitFor(ru("roster-intro", { max: 5 }));
    await anna.sendDocument("7Б.csv", bytes);
    const understood = await anna.waitFor(ru("roster-understood", { count: 3, classes: 2 }));
    expect(understood.text).toContain(ru("roster-class-line", { grade: "7Б", count: 2 }));
    expect(understood.text).toContain(ru("roster-class-line", { grade: "8А", count: 1 }));
    expect(understood.text).toContain(ru("roster-refused-title", { count: 1 }));
    expect(understood.text).toContain(
      ru("roster-refused-line", { row: 7, reason: ru("roster-refused-age", { age: 24, min: 10, max: 19 }) }),
    );
    const confirm = await anna.waitFor(ru("roster-confirm", { count: 3 }));
    await pressOn(anna, confirm, ru("button-roster-create", { count: 3 }));
    await anna.waitFor(ru("roster-created", { count: 3, classes: 2 }));

    const stored = await stack.database.db
      .selectFrom("roster_students")
      .innerJoin("participants", "participants.id", "roster_students.participant_id")
      .innerJoin("people", "people.id", "participants.person_id")
      .innerJoin("mentee_profiles", "mentee_profiles.participant_id", "participants.id")
      .select(["people.full_name", "people.birth_year", "mentee_profiles.grade", "roster_students.parent_name", "participants.status"])
      .where("participants.org_id", "=", coordinator.orgId)
      .orderBy("people.full_name")
      .execute();
    expect(stored).toEqual([
      { full_name: "Ёлкина Алёна", birth_year: year - 14, grade: "8А", parent_name: null, status: "invited" },
      {
        full_name: "Иванова Мария Петровна",
        birth_year: year - 13,
        grade: "7Б",
        parent_name: "Иванова Ольга Сергеевна",
        status: "invited",
      },
      { full_name: "Семёнов Пётр", birth_year: year - 13, grade: "7Б", parent_name: null, status: "invited" },
    ]);
  });
});
