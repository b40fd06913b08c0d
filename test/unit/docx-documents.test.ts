import { beforeAll, describe, expect, it } from "vitest";
import { consentRegisterDocument } from "#root/documents/docx/consent-register.docx.ts";
import { monitoringDocument } from "#root/documents/docx/monitoring-report.docx.ts";
import { orderDocument } from "#root/documents/docx/order.docx.ts";
import { planDocument } from "#root/documents/docx/plan.docx.ts";
import { regulationsDocument } from "#root/documents/docx/regulations.docx.ts";
import { roadMapDocument } from "#root/documents/docx/road-map.docx.ts";
import { renderGrowthChart } from "#root/documents/monitoring-chart.ts";
import type { WorkbookPair } from "#root/documents/monitoring-report.ts";
import { formatCalendarDate } from "#root/domain/cycle.ts";
import { monitoringReport, type ReportRespondent, reportQuestions, startEndAverages } from "#root/domain/monitoring.ts";
import { ROAD_MAP_STAGES, roadMap } from "#root/domain/road-map.ts";
import { type Msg, Translator } from "#root/i18n/translator.ts";
import { docxTableRows, docxText, libreOffice, textByLibreOffice, unzip } from "../support/docx.ts";

const EMOJI = /\p{Extended_Pictographic}/u;
const ORG = "МБОУ «Школа № 5»";
const CYCLE = { name: "Наставничество 2026/27", start: "01.09.2026", end: "31.05.2027" };

let translate: (message: Msg) => string;
let ru: (key: string, args?: Msg["args"]) => string;

beforeAll(async () => {
  const translator = await Translator.load("ru");
  translate = (message) => translator.render({ locale: "ru", address: "vy" }, message);
  ru = (key, args) => translate({ key, args });
});

/** Checks what every document must be: a DOCX (a ZIP with word/document.xml) on A4 in Times New Roman, no emoji. */
function expectPaperwork(bytes: Uint8Array, landscape = false): string {
  expect([...bytes.slice(0, 2)]).toEqual([0x50, 0x4b]);
  const files = unzip(bytes);
  const xml = files.get("word/document.xml")!.toString("utf8");
  // A4: 210 × 297 mm in twips, with the long side across for a landscape page.
  expect(xml).toMatch(landscape ? /<w:pgSz w:w="16840" w:h="11907"/ : /<w:pgSz w:w="11907" w:h="16840"/);
  expect(files.get("word/styles.xml")!.toString("utf8")).toContain("Times New Roman");
  const text = docxText(bytes);
  expect(text).not.toMatch(EMOJI);
  return text;
}

const office = libreOffice();

/** When LibreOffice is installed, the document must open there and give back the same words. */
function expectLibreOfficeReads(bytes: Uint8Array, words: string[]): void {
  if (!office) return;
  const text = textByLibreOffice(office, bytes);
  for (const word of words) expect(text).toContain(word);
}

describe("the order fixing pairs and groups", () => {
  it("has the organisation, blank number and date, the preamble, one row per pair or group, the coordinator and signatures", async () => {
    const bytes = await orderDocument({
      orgName: ORG,
      cycle: CYCLE,
      coordinator: "Анна Петровна Смирнова",
      units: [
        { mentor: "Ирина Волкова", mentees: [{ name: "Маша Петрова", grade: "6Б" }], form: "teacher_student", direction: "career" },
        {
          mentor: "Олег Карпов",
          mentees: [
            { name: "Петя Соколов", grade: "7А" },
            { name: "Аня Белова", grade: null },
          ],
          form: "student_student",
          direction: null,
        },
      ],
      translate,
    });
    const text = expectPaperwork(bytes);
    expect(text).toContain(ORG);
    expect(text).toContain("ПРИКАЗ");
    expect(text).toContain("№ ____ от «__» ____________ 20__ г.");
    expect(text).toContain(ru("doc-order-subject"));
    expect(text).toContain("МР-42/02");
    expect(text).toContain("«Наставничество 2026/27» на период с 01.09.2026 по 31.05.2027");
    expect(text).toContain(ru("doc-order-point-responsible", { coordinator: "Анна Петровна Смирнова" }));
    expect(text).toContain(ru("doc-signer-head"));
    const rows = docxTableRows(bytes);
    expect(rows).toContainEqual(["№", "Наставник", "Наставляемый (наставляемые)", "Форма наставничества", "Направление"]);
    expect(rows).toContainEqual([
      "1",
      "Ирина Волкова",
      "Маша Петрова (6Б)",
      "Педагог — обучающийся",
      "профориентация и профессиональное самоопределение",
    ]);
    expect(rows).toContainEqual(["2", "Олег Карпов", "Петя Соколов (7А)\nАня Белова", "Обучающийся — обучающийся", "не указано"]);
    expect(rows).toContainEqual(["Куратор программы наставничества", "________________", "/ Анна Петровна Смирнова /"]);
    expectLibreOfficeReads(bytes, [ORG, "ПРИКАЗ", "Ирина Волкова", "Петя Соколов (7А)"]);
  });
});

describe("a pair's individual plan", () => {
  it("lists whose plan it is, the goal, the milestones with dates and marks, and signatures with the parent of a minor", async () => {
    const bytes = await planDocument({
      orgName: ORG,
      cycle: CYCLE,
      mentor: "Ирина Волкова",
      mentees: [
        { name: "Маша Петрова", minor: true },
        { name: "Вера Иванова", minor: false },
      ],
      form: "teacher_student",
      direction: "projects",
      goal: "Подготовить проект по биологии к городской конференции",
      status: "agreed",
      agreedOn: "12.10.2026",
      milestones: [
        { title: "Выбрать тему", due: "01.11.2026", evidence: "тема утверждена", doneOn: "28.10.2026" },
        { title: "Провести опыт", due: "15.02.2027", evidence: null, doneOn: null },
      ],
      coordinator: "Анна Петровна Смирнова",
      translate,
    });
    const text = expectPaperwork(bytes);
    expect(text).toContain("ИНДИВИДУАЛЬНЫЙ ПЛАН НАСТАВНИЧЕСТВА");
    expect(text).toContain("Подготовить проект по биологии к городской конференции");
    const rows = docxTableRows(bytes);
    expect(rows).toContainEqual(["Наставляемый (наставляемые)", "Маша Петрова, Вера Иванова"]);
    expect(rows).toContainEqual(["Направление", "проектная деятельность"]);
    expect(rows).toContainEqual(["Период", "с 01.09.2026 по 31.05.2027"]);
    expect(rows).toContainEqual(["Состояние плана", "согласован 12.10.2026"]);
    expect(rows).toContainEqual(["1", "Выбрать тему", "01.11.2026", "тема утверждена", "выполнено 28.10.2026"]);
    expect(rows).toContainEqual(["2", "Провести опыт", "15.02.2027", "—", "не выполнено"]);
    const signers = rows.filter((row) => row[1] === "________________").map((row) => [row[0], row[2]]);
    expect(signers).toEqual([
      ["Наставник", "/ Ирина Волкова /"],
      ["Наставляемый", "/ Маша Петрова /"],
      ["Родитель (законный представитель) наставляемого Маша Петрова", "/ ____________________ /"],
      ["Наставляемый", "/ Вера Иванова /"],
      ["Куратор программы наставничества", "/ Анна Петровна Смирнова /"],
    ]);
    expectLibreOfficeReads(bytes, ["ИНДИВИДУАЛЬНЫЙ ПЛАН НАСТАВНИЧЕСТВА", "Выбрать тему", "Маша Петрова"]);
  });
});

describe("the regulations and the road map", () => {
  it("fill the regulations from the cycle: organisation, name, dates, forms, directions, check-ins", async () => {
    const bytes = await regulationsDocument({
      orgName: ORG,
      cycle: CYCLE,
      forms: ["teacher_student", "student_student"],
      directions: ["studies", "civic"],
      checkInEveryDays: 14,
      coordinator: "Анна Петровна Смирнова",
      translate,
    });
    const text = expectPaperwork(bytes);
    expect(text).toContain("ПРОЕКТ");
    expect(text).toContain("ПОЛОЖЕНИЕ");
    expect(text).toContain(`о программе наставничества «Наставничество 2026/27» в ${ORG} на период с 01.09.2026 по 31.05.2027`);
    expect(text).toContain("4.1. В программе применяются формы наставничества: Педагог — обучающийся; Обучающийся — обучающийся.");
    expect(text).toContain("4.2. Направления наставничества: учебная деятельность; общественная и добровольческая деятельность.");
    expect(text).toContain("не реже одного раза в 14 дн.");
    expect(text).toContain("Р-145");
    expectLibreOfficeReads(bytes, ["ПОЛОЖЕНИЕ", "учебная деятельность"]);
  });

  it("lists the seven stages of the target model with their dates on a landscape road map", async () => {
    const steps = roadMap("2026-09-01", "2027-05-31");
    const bytes = await roadMapDocument({
      orgName: ORG,
      cycle: CYCLE,
      steps,
      date: (day) => formatCalendarDate(day, "ru"),
      coordinator: "Анна Петровна Смирнова",
      translate,
    });
    const text = expectPaperwork(bytes, true);
    expect(text).toContain("ДОРОЖНАЯ КАРТА");
    const rows = docxTableRows(bytes).filter((row) => /^\d$/.test(row[0]!));
    expect(rows.map((row) => row[1])).toEqual(ROAD_MAP_STAGES.map((stage) => ru(`doc-stage-${stage}`)));
    expect(rows[0]![3]).toBe("с 01.09.2026 по 14.09.2026");
    expect(rows[6]![3]).toMatch(/^с \d\d\.0[45]\.2027 по 31\.05\.2027$/);
    expect(rows[4]![4]).toBe(ru("doc-stage-pairs-result"));
    expectLibreOfficeReads(bytes, ["ДОРОЖНАЯ КАРТА", ru("doc-stage-completion")]);
  });
});

describe("the consent register", () => {
  it("lists who decided for whom, the text version, when, the channel, withdrawals, declines and those still waiting", async () => {
    const bytes = await consentRegisterDocument({
      orgName: ORG,
      madeOn: "07.12.2026",
      coordinator: "Анна Петровна Смирнова",
      participants: [
        {
          name: "Маша Петрова",
          role: "mentee",
          birthYear: 2014,
          decisions: [
            {
              giver: "parent",
              giverName: "Ольга Петрова",
              decision: "granted",
              textVersion: "2026-12",
              platform: "vk",
              decidedAt: "02.09.2026, 18:30",
              withdrawnAt: "01.12.2026, 09:15",
              review: null,
            },
          ],
        },
        {
          name: "Петя Соколов",
          role: "mentee",
          birthYear: 2011,
          decisions: [
            {
              giver: "self",
              giverName: "Петя Соколов",
              decision: "granted",
              textVersion: "2026-12",
              platform: "telegram",
              decidedAt: "03.09.2026, 10:00",
              withdrawnAt: null,
              review: null,
            },
            {
              giver: "parent",
              giverName: "Олег Соколов",
              decision: "declined",
              textVersion: "2026-12",
              platform: "max",
              decidedAt: "04.09.2026, 20:00",
              withdrawnAt: null,
              review: null,
            },
          ],
        },
        { name: "Коля Орлов", role: "mentee", birthYear: null, decisions: [] },
      ],
      translate,
    });
    const text = expectPaperwork(bytes, true);
    expect(text).toContain("РЕЕСТР СОГЛАСИЙ");
    expect(text).toContain("по состоянию на 07.12.2026");
    const rows = docxTableRows(bytes);
    expect(rows).toContainEqual([
      "1",
      "Маша Петрова\nнаставляемый\n2014 г. р.",
      "родитель (законный представитель)\nОльга Петрова",
      "согласие дано",
      "2026-12",
      "02.09.2026, 18:30",
      "ВКонтакте",
      "01.12.2026, 09:15",
    ]);
    expect(rows).toContainEqual([
      "2",
      "Петя Соколов\nнаставляемый\n2011 г. р.",
      "сам участник\nПетя Соколов",
      "согласие дано",
      "2026-12",
      "03.09.2026, 10:00",
      "Telegram",
      "—",
    ]);
    expect(rows).toContainEqual([
      "",
      "",
      "родитель (законный представитель)\nОлег Соколов",
      "в согласии отказано",
      "2026-12",
      "04.09.2026, 20:00",
      "MAX",
      "—",
    ]);
    expect(rows).toContainEqual(["3", "Коля Орлов\nнаставляемый", "—", "согласие ещё не получено", "—", "—", "—", "—"]);
    expectLibreOfficeReads(bytes, ["РЕЕСТР СОГЛАСИЙ", "Ольга Петрова"]);
  });
});

describe("the monitoring report", () => {
  it("has the quality figures, the growth per question with the chart, and the pairs", async () => {
    const pairs: WorkbookPair[] = [
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
        form: "student_student",
        direction: null,
        meetingsHeld: 1,
        milestones: 2,
        milestonesDone: 0,
        stopped: true,
        mentor: { name: "Олег Карпов" },
        mentees: [{ name: "Коля Орлов" }],
      },
    ];
    const respondents: ReportRespondent[] = [
      {
        personId: 11,
        name: "Маша Петрова",
        audience: "mentee",
        pairId: 1,
        start: { sent: true, scales: { confidence: 4, interest: 5, goal: 3, "ask-for-help": 2 } },
        end: { sent: true, scales: { confidence: 8, interest: 6, goal: 7, "ask-for-help": 6, satisfaction: 9 } },
      },
      { personId: 31, name: "Коля Орлов", audience: "mentee", pairId: 2, start: { sent: false }, end: { sent: false } },
    ];
    const questions = reportQuestions();
    const chart = await renderGrowthChart({
      title: "Рост",
      legend: { start: "в начале", end: "в конце" },
      axes: { questions: "вопросы", score: "баллы" },
      empty: "нет",
      locale: "ru",
      groups: [{ caption: "Наставляемые", bars: [{ label: "Уверенность", start: 4, end: 8 }] }],
    });
    const bytes = await monitoringDocument({
      orgName: ORG,
      cycle: CYCLE,
      madeOn: "20.05.2027",
      report: monitoringReport(pairs, respondents, questions),
      averages: startEndAverages(respondents, questions.growth),
      pairs,
      respondents,
      locale: "ru",
      chart: { png: chart, width: 960, height: 580 },
      coordinator: "Анна Петровна Смирнова",
      translate,
    });
    const text = expectPaperwork(bytes);
    expect(text).toContain("ОТЧЁТ О МОНИТОРИНГЕ ПРОГРАММЫ НАСТАВНИЧЕСТВА");
    expect(text).toContain(ru("closing-book-title", { name: CYCLE.name, start: CYCLE.start, end: CYCLE.end }));
    const rows = docxTableRows(bytes);
    expect(rows).toContainEqual([ru("closing-figure-pairs"), "2"]);
    expect(rows).toContainEqual([ru("closing-figure-milestones-done"), "60 %"]);
    expect(rows).toContainEqual([ru("closing-question-mentee-confidence"), "4", "8", "+4"]);
    expect(rows).toContainEqual([
      "2",
      "Олег Карпов",
      `Коля Орлов\n(${ru("doc-monitoring-stopped")})`,
      "Обучающийся — обучающийся",
      "не указано",
      "1",
      "0 / 2",
    ]);
    // The chart travels inside the document as a PNG (the zip may list the folder itself too).
    const media = [...unzip(bytes).keys()].filter((name) => name.startsWith("word/media/") && !name.endsWith("/"));
    expect(media).toHaveLength(1);
    expect([...unzip(bytes).get(media[0]!)!.subarray(1, 4)].map((code) => String.fromCharCode(code)).join("")).toBe("PNG");
    expectLibreOfficeReads(bytes, ["ОТЧЁТ О МОНИТОРИНГЕ", "Олег Карпов"]);
  });
});

describe("the road map's dates", () => {
  it("splits the cycle into the seven stages in order, within its dates, the last ending on its last day", () => {
    const steps = roadMap("2026-09-01", "2027-05-31");
    expect(steps.map((step) => step.stage)).toEqual([...ROAD_MAP_STAGES]);
    expect(steps[0]).toEqual({ stage: "preparation", from: "2026-09-01", to: "2026-09-14" });
    // The bases of mentees and of mentors are gathered side by side.
    expect(steps[1]).toEqual({ ...steps[2], stage: "mentee-base" });
    expect(steps.at(-1)!.to).toBe("2027-05-31");
    for (const step of steps) expect(step.from <= step.to && step.from >= "2026-09-01" && step.to <= "2027-05-31").toBe(true);
    for (const [index, step] of steps.entries()) if (index > 2) expect(step.from > steps[index - 1]!.to).toBe(true);
  });

  it("keeps every stage at least a day long within a very short cycle", () => {
    const steps = roadMap("2026-12-01", "2026-12-03");
    for (const step of steps) expect(step.from <= step.to && step.from >= "2026-12-01" && step.to <= "2026-12-03").toBe(true);
  });
});

describe("LibreOffice", () => {
  it.runIf(office)("is on this machine: every document above was opened with it", () => {
    expect(office).toBeDefined();
  });
  it.skipIf(office)("is not on this machine (install Debian's libreoffice-writer-nogui to check the documents open there)", () => {});
});
