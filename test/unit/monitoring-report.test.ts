import type ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { monitoringWorkbook, type WorkbookPair } from "#root/documents/monitoring-report.ts";
import { monitoringReport, type ReportRespondent, reportQuestions, startEndAverages } from "#root/domain/monitoring.ts";
import { type Locale, type Msg, Translator } from "#root/i18n/translator.ts";
import { readWorkbook, sheetRows } from "../support/workbook.ts";

const PAIRS: WorkbookPair[] = [
  {
    pairId: 1,
    form: "teacher_student",
    direction: "studies",
    meetingsHeld: 6,
    milestones: 3,
    milestonesDone: 3,
    stopped: false,
    mentor: { name: "Ирина Волкова" },
    mentees: [{ name: "Маша Петрова" }],
  },
  {
    pairId: 2,
    form: "teacher_student",
    direction: "projects",
    meetingsHeld: 2,
    milestones: 2,
    milestonesDone: 1,
    stopped: false,
    mentor: { name: "Олег Карпов" },
    mentees: [{ name: "Петя Соколов" }, { name: "Аня Белова" }],
  },
  {
    pairId: 3,
    form: "student_student",
    direction: null,
    meetingsHeld: 1,
    milestones: 0,
    milestonesDone: 0,
    stopped: true,
    mentor: { name: null },
    mentees: [{ name: "Коля Орлов" }],
  },
];

const RESPONDENTS: ReportRespondent[] = [
  {
    personId: 11,
    name: "Маша Петрова",
    audience: "mentee",
    pairId: 1,
    start: { sent: true, scales: { confidence: 4, interest: 5, goal: 3, "ask-for-help": 2 } },
    end: { sent: true, scales: { confidence: 8, interest: 6, goal: 7, "ask-for-help": 6, satisfaction: 9 } },
  },
  {
    personId: 12,
    name: "Ирина Волкова",
    audience: "mentor",
    pairId: 1,
    start: { sent: true, scales: { confidence: 6, skills: 5, contact: 7 } },
    end: { sent: true, scales: { confidence: 8, skills: 7, contact: 8, satisfaction: 10, support: 8 } },
  },
  {
    personId: 21,
    name: "Петя Соколов",
    audience: "mentee",
    pairId: 2,
    start: { sent: true, scales: { confidence: 7, interest: 7, goal: 6, "ask-for-help": 5 } },
    end: { sent: true },
  },
  {
    personId: 23,
    name: "Аня Белова",
    audience: "mentee",
    pairId: 2,
    start: { sent: true, scales: { confidence: 5, interest: 6, goal: 5, "ask-for-help": 4 } },
    end: { sent: true, scales: { confidence: 7, interest: 6, goal: 6, "ask-for-help": 6, satisfaction: 7 } },
  },
  {
    personId: 22,
    name: "Олег Карпов",
    audience: "mentor",
    pairId: 2,
    start: { sent: true, scales: { confidence: 5, skills: 5, contact: 5 } },
    end: { sent: true, scales: { confidence: 4, skills: 6, contact: 5, satisfaction: 6, support: 6 } },
  },
  { personId: 31, name: "Коля Орлов", audience: "mentee", pairId: 3, start: { sent: false }, end: { sent: false } },
];

async function readBack(locale: Locale): Promise<ExcelJS.Workbook> {
  const translator = await Translator.load("ru");
  const questions = reportQuestions();
  const report = monitoringReport(PAIRS, RESPONDENTS, questions);
  const bytes = await monitoringWorkbook({
    orgName: "Школа № 5",
    cycle: { name: "2026/27", start: "01.09.2026", end: "30.06.2027" },
    madeOn: "20.05.2027",
    report,
    averages: startEndAverages(RESPONDENTS, questions.growth),
    pairs: PAIRS,
    respondents: RESPONDENTS,
    translate: (message: Msg) => translator.render(locale, message),
  });
  return readWorkbook(bytes);
}

/** The value next to a label in a sheet's first column. */
const valueBeside = (rows: unknown[][], label: string) => rows.find((row) => row[0] === label)?.slice(1);

describe("the monitoring workbook", () => {
  let book: ExcelJS.Workbook;
  beforeAll(async () => {
    book = await readBack("ru");
  });

  it("has the two parts and the pairs as three sheets titled in the coordinator's language", async () => {
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual(["Качество программы", "Рост участников", "Пары и группы"]);
    expect((await readBack("en")).worksheets.map((sheet) => sheet.name)).toEqual([
      "Quality of the programme",
      "Participants' growth",
      "Pairs and groups",
    ]);
  });

  it("sheet 1: the programme's figures, questionnaires answered, satisfaction by form and by direction", () => {
    const rows = sheetRows(book.worksheets[0]!);
    expect(rows[0]).toEqual(["Школа № 5"]);
    expect(rows[1]).toEqual(["Мониторинг программы наставничества: цикл «2026/27» (01.09.2026 — 30.06.2027)"]);
    expect(valueBeside(rows, "Пар и групп")).toEqual([3]);
    expect(valueBeside(rows, "Прекратили работу досрочно")).toEqual([1]);
    expect(valueBeside(rows, "Встреч проведено в среднем на пару")).toEqual([3]);
    expect(valueBeside(rows, "Планов выполнено полностью")).toEqual([1]);
    expect(valueBeside(rows, "Планов с этапами")).toEqual([2]);
    expect(valueBeside(rows, "Доля выполненных этапов плана")).toEqual([0.8]);
    // Маша 9, Ирина (10+8)/2 = 9, Аня 7, Олег (6+6)/2 = 6.
    expect(valueBeside(rows, "Удовлетворённость в среднем (из 10)")).toEqual([7.8]);
    expect(valueBeside(rows, "Ответов об удовлетворённости")).toEqual([4]);
    // Маша (4+1+4+4)/4 = 3.3, Аня (2+0+1+2)/4 = 1.3 → 2.3; Ирина (2+2+1)/3 = 1.7, Олег (-1+1+0)/3 = 0 → 0.9.
    expect(valueBeside(rows, "Средний рост наставляемых (конец минус начало)")).toEqual([2.3]);
    expect(valueBeside(rows, "Средний рост наставников (конец минус начало)")).toEqual([0.9]);
    expect(valueBeside(rows, "Анкета")).toEqual(["Отправлено", "Ответили", "Доля ответов"]);
    expect(valueBeside(rows, "Наставляемые, в начале")).toEqual([3, 3, 1]);
    expect(valueBeside(rows, "Наставляемые, в конце")).toEqual([3, 2, 2 / 3]);
    expect(valueBeside(rows, "Наставники, в конце")).toEqual([2, 2, 1]);
    expect(valueBeside(rows, "Форма наставничества")).toEqual(["Удовлетворённость (из 10)", "Ответов"]);
    expect(valueBeside(rows, "Педагог — обучающийся")).toEqual([7.8, 4]);
    expect(valueBeside(rows, "Направление")).toEqual(["Удовлетворённость (из 10)", "Ответов"]);
    expect(rows.find((row) => String(row[0]).includes("Учёба"))?.slice(1)).toEqual([9, 2]);
    expect(rows.find((row) => String(row[0]).includes("Проекты"))?.slice(1)).toEqual([6.5, 2]);
    // Percentages are numbers formatted as such, so the figures can be calculated with.
    const rateCell = book.worksheets[0]!.getRow(rows.findIndex((row) => row[0] === "Наставляемые, в конце") + 1).getCell(4);
    expect(rateCell.numFmt).toBe("0%");
  });

  it("sheet 2: one row per participant with start, end and change per question, and the averages, mentees and mentors apart", () => {
    const rows = sheetRows(book.worksheets[1]!);
    const mentees = rows.findIndex((row) => row[0] === "Наставляемые");
    const mentors = rows.findIndex((row) => row[0] === "Наставники");
    expect(mentees).toBeGreaterThan(0);
    expect(mentors).toBeGreaterThan(mentees);
    expect(rows[mentees + 1]!.slice(0, 6)).toEqual([
      "№",
      "Участник",
      "Наставник",
      "Уверенность в себе: в начале",
      "Уверенность в себе: в конце",
      "Уверенность в себе: изменение",
    ]);
    expect(rows[mentees + 1]!.at(-1)).toBe("Среднее изменение");
    // In name order: Аня, Коля (never asked), Маша, Петя (did not answer the end).
    expect(rows[mentees + 2]).toEqual([1, "Аня Белова", "Олег Карпов", 5, 7, 2, 6, 6, 0, 5, 6, 1, 4, 6, 2, 1.3]);
    expect(rows[mentees + 3]).toEqual([2, "Коля Орлов", "—"]);
    expect(rows[mentees + 4]).toEqual([3, "Маша Петрова", "Ирина Волкова", 4, 8, 4, 5, 6, 1, 3, 7, 4, 2, 6, 4, 3.3]);
    expect(rows[mentees + 5]).toEqual([4, "Петя Соколов", "Олег Карпов", 7, null, null, 7, null, null, 6, null, null, 5]);
    expect(rows[mentees + 6]).toEqual([null, "Среднее", null, 4.5, 7.5, 3, 5.5, 6, 0.5, 4, 6.5, 2.5, 3, 6, 3, 2.3]);
    expect(rows[mentors + 1]!.slice(2, 4)).toEqual(["Наставляемые", "Уверенность в роли наставника: в начале"]);
    expect(rows[mentors + 2]).toEqual([1, "Ирина Волкова", "Маша Петрова", 6, 8, 2, 5, 7, 2, 7, 8, 1, 1.7]);
    expect(rows[mentors + 3]).toEqual([2, "Олег Карпов", "Петя Соколов, Аня Белова", 5, 4, -1, 5, 6, 1, 5, 5, 0, 0]);
    expect(rows[mentors + 4]).toEqual([null, "Среднее", null, 5.5, 6, 0.5, 5, 6.5, 1.5, 6, 6.5, 0.5, 0.9]);
  });

  it("sheet 3: the pairs with meetings held, milestones done of all and whether they stopped", () => {
    const rows = sheetRows(book.worksheets[2]!);
    const header = rows.findIndex((row) => row[0] === "№");
    expect(rows[header]).toEqual([
      "№",
      "Наставник",
      "Наставляемые",
      "Форма наставничества",
      "Направление",
      "Встреч проведено",
      "Этапов выполнено",
      "Этапов в плане",
      "Прекратили работу досрочно",
    ]);
    expect(rows[header + 1]).toEqual([
      1,
      "Ирина Волкова",
      "Маша Петрова",
      "Педагог — обучающийся",
      expect.stringContaining("Учёба"),
      6,
      3,
      3,
      "нет",
    ]);
    expect(rows[header + 2]).toEqual([
      2,
      "Олег Карпов",
      "Петя Соколов, Аня Белова",
      "Педагог — обучающийся",
      expect.stringContaining("Проекты"),
      2,
      1,
      2,
      "нет",
    ]);
    expect(rows[header + 3]).toEqual([3, "—", "Коля Орлов", "Обучающийся — обучающийся", "Без направления", 1, 0, 0, "да"]);
  });
});
