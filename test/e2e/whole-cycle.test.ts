/**
 * One whole programme cycle, played in order through the real flows, twice: with people on Telegram,
 * VK and MAX at once, and in MAX alone (as a state school whose people all moved there would), over
 * loopback HTTP: an organisation with a coordinator (Telegram), three mentors (a teacher on Telegram,
 * an older student and an adult on VK), six students (the 10-, 12- and 13-year-olds on Telegram, as VK
 * is for 14 and older; the 14-, 15- and 17-year-olds on VK) and their parents on either messenger,
 * every third of them moved to MAX in the mixed cast.
 * Registration and consent (the 10-year-old cannot consent alone, the 17-year-old consents besides a
 * parent, one parent declines), the cycle opened, mentors approved (the record check for the adults),
 * matching and publishing, plans written and agreed, meetings agreed with calendar files and reminded
 * a day and an hour before, ticked held and missed, a check-in with a stuck step and its alert, two
 * Monday digests, the questionnaires, a parent's withdrawal, the closing with its summaries and the
 * monitoring report, the final event, the archive. Each step checks what each person received and
 * what is stored.
 *
 * The clock moves forward only, less than three weeks in all (to the next Wednesday, then 13 days on):
 * days and hours are reached by moving it, and the jobs run at given times. The database is written by
 * hand once, to correct a stamp a flow takes from the wall clock instead of the app's (see publishing).
 */

import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type CalendarDate, calendarDate } from "#root/domain/cycle.ts";
import { addDays, isoWeekday } from "#root/domain/typed-dates.ts";
import { pairForCoordinator } from "#root/flows/check-ins/alerts.ts";
import { eventWhen } from "#root/flows/closing/final-event-wording.ts";
import { msg } from "#root/i18n/translator.ts";
import type { Platform } from "#root/messaging/messenger.ts";
import { type ChatMessage, type ChatUser, linkFor, payloadOf } from "../support/chat-user.ts";
import {
  allDelivered,
  answerSurvey,
  count,
  DAY,
  fileNamed,
  filesTo,
  freshMenu,
  HOUR,
  type MeetingSlot,
  MINUTE,
  MSK,
  meetingArgs,
  moscow,
  photosTo,
  pressOn,
  proposeMeeting,
  received,
  runJobsAt,
  shownDate,
  typedDate,
  writePlan,
} from "../support/cycle-journey.ts";
import {
  type Coordinator,
  type Invite,
  labels,
  menteeForm,
  mentorForm,
  parentDecides,
  participantByName,
  registerCoordinator,
  registerMentee,
  registerMentor,
  ru,
  ruChild,
} from "../support/journeys.ts";
import { useTestStack } from "../support/stack.ts";
import { readWorkbook, sheetRows } from "../support/workbook.ts";

const ORG = "Гимназия № 7";
const CYCLE = "Наставничество 2026/27";
const id = (offset: number) => 970_000 + offset;

const IRINA = "Ирина Павловна Козлова";
const GLEB = "Глеб Андреевич Миронов";
const OLEG = "Олег Викторович Инженеров";
const MASHA = "Маша Иванова";
const KOLYA = "Коля Смирнов";
const DIMA = "Дима Орлов";
const ANYA = "Аня Белова";
const PETYA = "Петя Соколов";
const LIZA = "Лиза Морозова";
const PARENT = {
  masha: "Иванова Ольга Сергеевна",
  kolya: "Смирнов Андрей Петрович",
  dima: "Орлова Наталья Викторовна",
  anya: "Белов Сергей Иванович",
  petya: "Соколова Елена Андреевна",
  liza: "Морозова Ирина Олеговна",
};
/** The groups as the bot names their mentees: by name. */
const IRINA_GROUP = `${KOLYA}, ${MASHA}`;
const OLEG_GROUP = `${LIZA}, ${PETYA}`;

const GOAL_A = "Разобраться с дробями";
const GOAL_B = "Собрать робота для конкурса";
const GOAL_C = "Выбрать профессию и вуз";
const A1 = "Решить 20 задач на дроби";
const A2 = "Написать контрольную по дробям на 4";
const B1 = "Купить детали для робота";
const C1 = "Сходить на день открытых дверей";
const C2 = "Составить список из трёх вузов";
const STUCK = "Не понимаю, как складывать дроби с разными знаменателями";

/**
 * Who is on which messenger: a person's place in the story (their id offset) and the messenger the
 * story gives them. Mixed, every third person is on MAX and the rest where the story puts them.
 */
const CASTS: Array<{ title: string; on: (platform: Platform, offset: number) => Platform }> = [
  { title: "on Telegram, VK and MAX at once", on: (platform, offset) => (offset % 3 === 2 ? "max" : platform) },
  { title: "in MAX alone", on: () => "max" },
];

describe.each(CASTS)("a whole programme cycle $title", { timeout: 60_000 }, ({ on }) => {
  const stack = useTestStack();
  const db = () => stack.database.db;

  // The people, as they are set up by the first step.
  let anna: ChatUser;
  let coordinator: Coordinator;
  let irina: ChatUser;
  let gleb: ChatUser;
  let oleg: ChatUser;
  let masha: ChatUser;
  let kolya: ChatUser;
  let dima: ChatUser;
  let anya: ChatUser;
  let petya: ChatUser;
  let liza: ChatUser;
  let parents: Record<keyof typeof PARENT, ChatUser>;
  /** Russian as this person reads it: the mentees (10 to 17) with «ты», the adults with «вы» (Gleb, the senior student who mentors, is 18). */
  const ruFor = (user: ChatUser) => ([masha, kolya, dima, anya, petya, liza].includes(user) ? ruChild : ru);
  /** Person ids by name (mentors, mentees and parents). */
  const personOf = new Map<string, number>();

  /** Day 0 of the journey: a Wednesday, so that both digests' weeks hold what the journey does on the days after. */
  let day0: CalendarDate;
  const day = (offset: number) => addDays(day0, offset);
  let cycleEndsOn: CalendarDate;
  /** The pairs: A (Ирина with Маша and Коля), B (Глеб with Дима), C (Олег with Лиза and Петя). */
  const pair = { A: 0, B: 0, C: 0 };
  let cycleId: number;
  /** Tomorrow's meetings of Ирина's and Олег's groups, and their ids. */
  let slotA: MeetingSlot;
  let slotC: MeetingSlot;
  let firstMeeting: { A: number; C: number };
  /** The meeting Олег's group agrees during the second week, for the day after the second digest. */
  const laterSlot = (): MeetingSlot => ({ date: day(13), time: "16:00", minutes: 60, place: "Кабинет 5" });
  let laterMeeting: number;
  let startInvites: Map<ChatUser, ChatMessage>;
  let closingStarted: ChatMessage;
  let stuckAlert: string;

  const person = (name: string) => personOf.get(name)!;
  /** The title of a mentor's meetings screen. */
  const meetingsScreen = (mentees: string) => ru("meetings-title", { pair: msg("pair-title-mentor", { names: mentees, org: ORG }) });

  // Each step goes on from where the one before left the cycle: after a failed step the rest are skipped.
  let failed = false;
  /** The coordinator's presses while she runs the programme, and what the chat held when she began. */
  const annaPresses = { count: 0 };
  let annaBefore = { presses: 0, messages: 0 };
  beforeEach((context) => {
    if (failed) context.skip();
  });
  afterEach((context) => {
    if (context.task.result?.state === "fail") failed = true;
  });

  it("registers the coordinator, three mentors and six students with their parents; one parent declines", async () => {
    // Day 0 is the next Wednesday (today if it is one), at midday in Moscow.
    const today = calendarDate(stack.clock.now(), MSK);
    day0 = addDays(today, (3 - isoWeekday(today) + 7) % 7);
    stack.clock.set(moscow(day0, "12:00"));

    coordinator = await registerCoordinator(stack, on("telegram", 0), id(0), ORG);
    anna = countingPresses(coordinator.user, annaPresses);
    await anna.press(ru("button-invite-links"));
    const menteeLinks = await anna.waitFor(ru("invite-links-mentee", { org: ORG }));
    const mentorLinks = await anna.waitFor(ru("invite-links-mentor", { org: ORG }));
    const invite = (links: ChatMessage, user: ChatUser): Invite => ({ payload: payloadOf(linkFor(links, user.platform)), orgName: ORG });

    irina = stack.user(on("telegram", 1), id(1), "Ирина");
    gleb = stack.user(on("vk", 2), id(2), "Глеб");
    oleg = stack.user(on("vk", 3), id(3), "Олег");
    await registerMentor(
      irina,
      invite(mentorLinks, irina),
      mentorForm(IRINA, "teacher", 45, {
        directions: ["studies"],
        offer: "Математика для 5–7 классов: дроби, задачи, контрольные",
        capacity: "2",
      }),
    );
    await registerMentor(
      gleb,
      invite(mentorLinks, gleb),
      mentorForm(GLEB, "student", 18, { directions: ["projects"], offer: "Робототехника: соберём робота для конкурса", capacity: "2" }),
    );
    await registerMentor(
      oleg,
      invite(mentorLinks, oleg),
      mentorForm(OLEG, "adult", 38, { directions: ["career"], offer: "Расскажу о профессии инженера и помогу выбрать вуз", capacity: "2" }),
    );

    masha = stack.user(on("telegram", 10), id(10), "Маша");
    kolya = stack.user(on("telegram", 12), id(12), "Коля");
    dima = stack.user(on("telegram", 14), id(14), "Дима");
    anya = stack.user(on("vk", 16), id(16), "Аня");
    petya = stack.user(on("vk", 18), id(18), "Петя");
    liza = stack.user(on("vk", 20), id(20), "Лиза");
    parents = {
      masha: stack.user(on("telegram", 11), id(11), "Ольга"),
      kolya: stack.user(on("vk", 13), id(13), "Андрей"),
      dima: stack.user(on("vk", 15), id(15), "Наталья"),
      anya: stack.user(on("telegram", 17), id(17), "Сергей"),
      petya: stack.user(on("telegram", 19), id(19), "Елена"),
      liza: stack.user(on("vk", 21), id(21), "Ирина"),
    };
    const students = [
      { key: "masha", user: masha, name: MASHA, age: 10, directions: ["studies"], goals: "Хочу понимать дроби и решать задачи" },
      { key: "kolya", user: kolya, name: KOLYA, age: 12, directions: ["studies"], goals: "Подтянуть математику перед контрольной" },
      { key: "dima", user: dima, name: DIMA, age: 13, directions: ["projects"], goals: "Собрать робота для конкурса" },
      { key: "anya", user: anya, name: ANYA, age: 14, directions: ["civic"], goals: "Хочу помогать волонтёрам" },
      { key: "petya", user: petya, name: PETYA, age: 15, directions: ["career"], goals: "Понять, какую профессию выбрать" },
      { key: "liza", user: liza, name: LIZA, age: 17, directions: ["career"], goals: "Выбрать вуз и профессию инженера" },
    ] as const;

    for (const student of students) {
      // The 14-year-olds and older agree themselves first; the 10-year-old is not asked (registerMentee checks the prompts).
      const registered = await registerMentee(
        student.user,
        invite(menteeLinks, student.user),
        menteeForm(student.name, student.age, { directions: [...student.directions], goals: student.goals }),
      );
      const stored = (await participantByName(stack, coordinator.orgId, student.name))!;
      expect(stored.status).toBe("awaiting_consent");
      const parent = parents[student.key];
      const decision = student.key === "anya" ? "decline" : "agree";
      await parentDecides(parent, registered.parentPayloads![parent.platform], PARENT[student.key], decision, {
        name: student.name,
        age: student.age,
        orgName: ORG,
      });
    }
    await allDelivered(stack);

    // Each child and the coordinator hear the parent's answer.
    for (const student of students) {
      const agreed = student.key !== "anya";
      await student.user.waitFor(ruFor(student.user)(agreed ? "consent-granted-child" : "consent-declined-child"));
      await anna.waitFor(
        ru(agreed ? "consent-granted-coordinator" : "consent-declined-coordinator", { parent: PARENT[student.key], child: student.name }),
      );
    }

    // The 10- to 13-year-olds were never asked to agree themselves: only a parent's answer counts for them.
    for (const child of [masha, kolya, dima]) {
      expect(count(child, ruChild("consent-self-question-teen"))).toBe(0);
      expect(count(child, ru("consent-self-question-adult"))).toBe(0);
    }
    expect(count(liza, ruChild("consent-self-question-teen"))).toBe(1);
    // Who gave which consent: the 10- to 13-year-olds only through a parent; from 14 the student too.
    const consents = await sql<{ name: string; giver: string; decision: string; platform: string; status: string }>`
      SELECT child.full_name AS name, c.giver, c.decision, c.platform, p.status
      FROM consents c JOIN participants p ON p.id = c.participant_id JOIN people child ON child.id = p.person_id
      WHERE p.org_id = ${coordinator.orgId} AND p.role = 'mentee' ORDER BY child.full_name, c.giver`.execute(db());
    expect(consents.rows).toEqual([
      { name: ANYA, giver: "parent", decision: "declined", platform: on("telegram", 17), status: "declined" },
      { name: ANYA, giver: "self", decision: "granted", platform: on("vk", 16), status: "declined" },
      { name: DIMA, giver: "parent", decision: "granted", platform: on("vk", 15), status: "active" },
      { name: KOLYA, giver: "parent", decision: "granted", platform: on("vk", 13), status: "active" },
      { name: LIZA, giver: "parent", decision: "granted", platform: on("vk", 21), status: "active" },
      { name: LIZA, giver: "self", decision: "granted", platform: on("vk", 20), status: "active" },
      { name: MASHA, giver: "parent", decision: "granted", platform: on("telegram", 11), status: "active" },
      { name: PETYA, giver: "parent", decision: "granted", platform: on("telegram", 19), status: "active" },
      { name: PETYA, giver: "self", decision: "granted", platform: on("vk", 18), status: "active" },
    ]);
    for (const [name, role] of [
      [IRINA, "mentor"],
      [GLEB, "mentor"],
      [OLEG, "mentor"],
      ...students.map((student) => [student.name, "mentee"] as const),
      ...Object.values(PARENT).map((name) => [name, "parent"] as const),
    ] as const) {
      personOf.set(name, (await participantByName(stack, coordinator.orgId, name, role))!.personId);
    }
  });

  it("opens the cycle and approves the mentors, confirming the record check for the teacher and the adult", async () => {
    annaBefore = { presses: annaPresses.count, messages: anna.messages().length };
    await freshMenu(anna, coordinator.name);
    await anna.press(ru("button-programme"));
    await anna.waitFor(ru("programme-no-cycle", { org: ORG }));
    await anna.press(ru("button-open-cycle"));
    await anna.waitFor(ru("cycle-name"));
    await anna.send(CYCLE);
    await anna.waitFor(/С какого числа начинается цикл/);
    await anna.send(typedDate(day0));
    await anna.waitFor(ru("cycle-end"));
    cycleEndsOn = addDays(day0, 180);
    await anna.send(typedDate(cycleEndsOn));
    await anna.waitFor(ru("cycle-forms"));
    await anna.press(ru("button-done"));
    await anna.waitFor(ru("cycle-directions"));
    await anna.press(ru("button-done"));
    await anna.waitFor(ru("cycle-check-ins"));
    await anna.press(ru("cycle-check-ins-every", { days: 7 }));
    await anna.waitFor(/Проверьте:/);
    await anna.press(ru("button-save"));
    await anna.waitFor(ru("cycle-opened", { name: CYCLE }));
    const cycle = (await stack.app.repos.cycles.current(coordinator.orgId))!;
    expect(cycle).toMatchObject({ name: CYCLE, startsOn: day0, endsOn: cycleEndsOn, stage: "matching" });
    cycleId = cycle.id;

    // Mentor selection: the teacher and the adult only once the certificate is confirmed; the older student is not asked.
    await anna.press(ru("button-programme"));
    await anna.waitFor(/Цикл «/);
    await anna.press(ru("button-review-mentors"));
    for (const name of [IRINA, OLEG, GLEB]) {
      await anna.waitFor(ru("review-pick"));
      await anna.press(new RegExp(name));
      let next = await anna.waitFor(ru("review-what-next"));
      if (name === GLEB) {
        expect(labels(next)).not.toContain(ru("button-record-check"));
      } else {
        await anna.press(ru("button-approve"));
        await anna.waitFor(ru("review-needs-record-check"));
        await anna.waitFor(ru("review-what-next"));
        await anna.press(ru("button-record-check"));
        await anna.waitFor(ru("record-check-confirm", { name }));
        await anna.press(ru("button-record-check-yes"));
        next = await anna.waitFor(ru("review-what-next"));
        expect(labels(next)).not.toContain(ru("button-record-check"));
      }
      await anna.press(ru("button-approve"));
      await anna.waitFor(ru("review-done-approved", { name }));
      await anna.waitFor(ru("review-what-next"));
      await anna.press(ru("button-to-list"));
    }
    await anna.waitFor(ru("review-pick"));
    await anna.press(ru("button-done"));
    await allDelivered(stack);
    for (const mentor of [irina, gleb, oleg]) await mentor.waitFor(ruFor(mentor)("review-approved-mentor", { org: ORG }));

    const reviews = await sql<{ name: string; review: string; checked: boolean; by: string | null }>`
      SELECT person.full_name AS name, profile.review, profile.record_check_at IS NOT NULL AS checked, checker.full_name AS by
      FROM mentor_profiles profile JOIN participants p ON p.id = profile.participant_id JOIN people person ON person.id = p.person_id
      LEFT JOIN people checker ON checker.id = profile.record_check_by
      WHERE p.org_id = ${coordinator.orgId} ORDER BY person.full_name`.execute(db());
    expect(reviews.rows).toEqual([
      { name: GLEB, review: "approved", checked: false, by: null },
      { name: IRINA, review: "approved", checked: true, by: coordinator.name },
      { name: OLEG, review: "approved", checked: true, by: coordinator.name },
    ]);
  });

  it("matches the cycle and publishes it: every mentor, mentee and consenting parent is told", async () => {
    await anna.waitFor(/Цикл «/);
    await anna.press(ru("button-match"));
    const draft = await anna.waitFor(ru("match-draft-title", { units: 3, paired: 5 }));
    const unit = (kind: "pair" | "group", mentor: string, mentees: string, form: string, direction: string) =>
      ru(`match-unit-${kind}`, { mentor, mentees, form: msg(`form-${form}`), direction: msg(`direction-${direction}`) });
    expect(draft.text).toContain(unit("group", IRINA, IRINA_GROUP, "teacher_student", "studies"));
    expect(draft.text).toContain(unit("pair", GLEB, DIMA, "student_student", "projects"));
    expect(draft.text).toContain(unit("group", OLEG, OLEG_GROUP, "adult_student", "career"));
    expect(draft.text).toContain(ru("match-free-mentors", { list: `${GLEB} (1)` }));
    // The student whose parent declined is in no draft.
    expect(draft.text).not.toContain(ANYA);
    await anna.waitFor(ru("match-what-next"));
    await anna.press(ru("button-publish"));
    const confirm = await anna.waitFor(ru("match-publish-confirm", { units: 3 }));
    expect(confirm.text).toContain("Опубликовать 3 пары и группы?");
    await anna.press(ru("button-publish-yes"));
    await anna.waitFor(ru("match-published", { units: 3 }));
    const publishedAt = stack.clock.now();
    await allDelivered(stack);

    const rows = await db()
      .selectFrom("pairs")
      .innerJoin("participants", "participants.id", "pairs.mentor_participant_id")
      .select(["pairs.id", "participants.person_id", "pairs.status", "pairs.published_at"])
      .where("pairs.cycle_id", "=", cycleId)
      .execute();
    expect(rows.map((row) => row.status)).toEqual(["published", "published", "published"]);
    pair.A = rows.find((row) => row.person_id === person(IRINA))!.id;
    pair.B = rows.find((row) => row.person_id === person(GLEB))!.id;
    pair.C = rows.find((row) => row.person_id === person(OLEG))!.id;
    expect((await stack.app.repos.cycles.current(coordinator.orgId))!.stage).toBe("working");
    // Publishing is stamped by the app's clock (moved ahead to the Wednesday), which check-in rounds
    // and the digests count from: never by the machine's.
    for (const row of rows) expect(Math.abs(new Date(row.published_at!).getTime() - publishedAt.getTime())).toBeLessThan(MINUTE);

    const told = (kind: "pair" | "group", mentees: string, form: string, direction: string) =>
      ru(`published-mentor-${kind}`, { org: ORG, mentees, form: msg(`form-${form}`), direction: msg(`direction-${direction}`) });
    await irina.waitFor(told("group", "Коля Смирнов (6Б), Маша Иванова (4Б)", "teacher_student", "studies"));
    await gleb.waitFor(told("pair", "Дима Орлов (7Б)", "student_student", "projects"));
    await oleg.waitFor(told("group", "Лиза Морозова (11А), Петя Соколов (9Б)", "adult_student", "career"));
    const mentorName = (name: string, kind: string) => msg("published-mentor-name", { name, kind: msg(`mentor-kind-${kind}`) });
    for (const [child, parent, name, mentor, kind, direction] of [
      [masha, parents.masha, MASHA, IRINA, "teacher", "studies"],
      [kolya, parents.kolya, KOLYA, IRINA, "teacher", "studies"],
      [dima, parents.dima, DIMA, GLEB, "student", "projects"],
      [petya, parents.petya, PETYA, OLEG, "adult", "career"],
      [liza, parents.liza, LIZA, OLEG, "adult", "career"],
    ] as const) {
      await child.waitFor(ruFor(child)("published-mentee", { mentor: mentorName(mentor, kind), direction: msg(`direction-${direction}`) }));
      await parent.waitFor(
        ru("published-parent", { child: name, mentor: mentorName(mentor, kind), direction: msg(`direction-${direction}`), org: ORG }),
      );
    }
    // The student whose parent declined, and that parent, hear of no mentor.
    for (const user of [anya, parents.anya])
      expect(user.messages().filter((message) => [IRINA, GLEB, OLEG].some((name) => message.text.includes(name)))).toEqual([]);
  });

  it("shows the coordinator screens, not a stream: about one new message a press, and only the latest keyboard answers", async () => {
    await stack.settle();
    const presses = annaPresses.count - annaBefore.presses;
    const messages = anna.messages().slice(annaBefore.messages);
    const answering = anna.messages().filter((message) => message.buttons.flat().some((button) => button.payload !== undefined));
    const olderLiveKeyboards = answering.slice(0, -1).length;
    console.log(
      `coordinator, opening the cycle to publishing it: ${presses} presses, ${messages.length} new messages ` +
        `(${(messages.length / presses).toFixed(2)} a press), ${olderLiveKeyboards} live keyboards older than the screen`,
    );
    expect(presses).toBeGreaterThan(20);
    expect(messages.length / presses).toBeLessThanOrEqual(1.1);
    expect(olderLiveKeyboards).toBe(0);
  });

  it("lets each mentor write the plan; the first mentee of each to agree makes it agreed", async () => {
    await writePlan(irina, IRINA, true, cycleEndsOn, GOAL_A, [
      { title: A1, due: day(3), evidence: "Тетрадь с решениями" },
      { title: A2, due: day(13) },
    ]);
    await writePlan(gleb, GLEB, false, cycleEndsOn, GOAL_B, [{ title: B1, due: day(4) }]);
    await writePlan(oleg, OLEG, true, cycleEndsOn, GOAL_C, [
      { title: C1, due: day(4) },
      { title: C2, due: day(20), evidence: "Список в дневнике" },
    ]);
    await allDelivered(stack);

    for (const [mentee, mentor, mentorUser, name] of [
      [masha, IRINA, irina, MASHA],
      [dima, GLEB, gleb, DIMA],
      [liza, OLEG, oleg, LIZA],
    ] as const) {
      const notice = await mentee.waitFor(ruFor(mentee)("plan-sent-notice", { mentor }));
      await pressOn(mentee, notice, ruFor(mentee)("button-plan"));
      await mentee.waitFor(ruFor(mentee)("plan-status-proposed"));
      await mentee.press(ruFor(mentee)("button-plan-agree"));
      await mentee.waitFor(ruFor(mentee)("plan-agreed"));
      await allDelivered(stack);
      await mentorUser.waitFor(ruFor(mentorUser)("plan-agreed-notice", { mentee: name }));
    }
    // The second mentee of a group is told too, and finds the plan agreed already.
    for (const [mentee, mentor] of [
      [kolya, IRINA],
      [petya, OLEG],
    ] as const) {
      const notice = await mentee.waitFor(ruFor(mentee)("plan-sent-notice", { mentor }));
      await pressOn(mentee, notice, ruFor(mentee)("button-plan"));
      const view = await mentee.waitFor(ruFor(mentee)("plan-status-agreed"));
      expect(labels(view)).not.toContain(ru("button-plan-agree"));
    }

    const plans = await db()
      .selectFrom("plans")
      .select(["pair_id", "goal", "status", "agreed_by"])
      .where("pair_id", "in", [pair.A, pair.B, pair.C])
      .orderBy("pair_id")
      .execute();
    expect(plans).toEqual(
      [
        { pair_id: pair.A, goal: GOAL_A, status: "agreed", agreed_by: person(MASHA) },
        { pair_id: pair.B, goal: GOAL_B, status: "agreed", agreed_by: person(DIMA) },
        { pair_id: pair.C, goal: GOAL_C, status: "agreed", agreed_by: person(LIZA) },
      ].sort((a, b) => a.pair_id - b.pair_id),
    );
    const milestones = await db()
      .selectFrom("plan_milestones")
      .innerJoin("plans", "plans.id", "plan_milestones.plan_id")
      .select(["plans.pair_id", "plan_milestones.title", "plan_milestones.due_on"])
      .where("plans.pair_id", "in", [pair.A, pair.B, pair.C])
      .orderBy("plans.pair_id")
      .orderBy("plan_milestones.position")
      .execute();
    expect(milestones.filter((row) => row.pair_id === pair.A)).toMatchObject([
      { title: A1, due_on: day(3) },
      { title: A2, due_on: day(13) },
    ]);
    expect(milestones.filter((row) => row.pair_id === pair.C)).toMatchObject([
      { title: C1, due_on: day(4) },
      { title: C2, due_on: day(20) },
    ]);
  });

  it("sends the start questionnaires to every mentor and mentee at work; those who answer are recorded", async () => {
    await runJobsAt(stack, new Date(stack.clock.now().getTime() + MINUTE));
    startInvites = new Map();
    for (const [user, mentor] of [
      [masha, IRINA],
      [kolya, IRINA],
      [dima, GLEB],
      [petya, OLEG],
      [liza, OLEG],
    ] as const) {
      startInvites.set(user, await user.waitFor(ruFor(user)("survey-invite-start-mentee", { names: mentor })));
    }
    for (const [user, mentees] of [
      [irina, IRINA_GROUP],
      [gleb, DIMA],
      [oleg, OLEG_GROUP],
    ] as const) {
      startInvites.set(user, await user.waitFor(ruFor(user)("survey-invite-start-mentor", { names: mentees, org: ORG })));
    }

    const menteeStart = (scales: [string, string, string, string], expectations: "skip" | string) => [
      { key: "survey-v1-mentee-confidence", answer: { press: scales[0] } },
      { key: "survey-v1-mentee-interest", answer: { press: scales[1] } },
      { key: "survey-v1-mentee-goal", answer: { press: scales[2] } },
      { key: "survey-v1-mentee-ask-for-help", answer: { press: scales[3] } },
      { key: "survey-v1-mentee-expectations", open: true, answer: expectations === "skip" ? ("skip" as const) : { type: expectations } },
    ];
    const mentorStart = (scales: [string, string, string], format: string, expectations: string) => [
      { key: "survey-v1-mentor-confidence", answer: { press: scales[0] } },
      { key: "survey-v1-mentor-skills", answer: { press: scales[1] } },
      { key: "survey-v1-mentor-contact", answer: { press: scales[2] } },
      { key: "survey-v1-mentor-format", answer: { press: ru(`survey-v1-mentor-format-${format}`) } },
      { key: "survey-v1-mentor-expectations", open: true, answer: { type: expectations } },
    ];
    const intro = (audience: "mentee" | "mentor", names: string) =>
      (audience === "mentee" ? ruChild : ru)(`survey-intro-${audience}`, { count: 5, names, org: ORG });
    await answerSurvey(
      masha,
      startInvites.get(masha)!,
      intro("mentee", IRINA),
      menteeStart(["4", "5", "3", "2"], "skip"),
      ruChild("survey-thanks-mentee"),
      ruChild,
    );
    await answerSurvey(
      liza,
      startInvites.get(liza)!,
      intro("mentee", OLEG),
      menteeStart(["6", "6", "5", "5"], "Хочу понять, куда поступать"),
      ruChild("survey-thanks-mentee"),
      ruChild,
    );
    await answerSurvey(
      petya,
      startInvites.get(petya)!,
      intro("mentee", OLEG),
      menteeStart(["5", "5", "5", "5"], "skip"),
      ruChild("survey-thanks-mentee"),
      ruChild,
    );
    await answerSurvey(
      irina,
      startInvites.get(irina)!,
      intro("mentor", IRINA_GROUP),
      mentorStart(["6", "5", "7"], "in-person", "Чтобы ребята не боялись дробей"),
      ru("survey-thanks-mentor"),
    );
    await answerSurvey(
      oleg,
      startInvites.get(oleg)!,
      intro("mentor", OLEG_GROUP),
      mentorStart(["5", "5", "5"], "online", "Показать профессию изнутри"),
      ru("survey-thanks-mentor"),
    );

    const surveys = await sql<{ name: string; audience: string; answered: boolean; answers: number }>`
      SELECT person.full_name AS name, s.audience, s.answered_at IS NOT NULL AS answered, (SELECT count(*)::int FROM survey_answers a WHERE a.survey_id = s.id) AS answers
      FROM surveys s JOIN people person ON person.id = s.person_id
      WHERE s.cycle_id = ${cycleId} AND s.moment = 'start' ORDER BY person.full_name`.execute(db());
    expect(surveys.rows).toEqual([
      { name: GLEB, audience: "mentor", answered: false, answers: 0 },
      { name: DIMA, audience: "mentee", answered: false, answers: 0 },
      { name: IRINA, audience: "mentor", answered: true, answers: 5 },
      { name: KOLYA, audience: "mentee", answered: false, answers: 0 },
      { name: LIZA, audience: "mentee", answered: true, answers: 5 },
      { name: MASHA, audience: "mentee", answered: true, answers: 4 },
      { name: OLEG, audience: "mentor", answered: true, answers: 5 },
      { name: PETYA, audience: "mentee", answered: true, answers: 4 },
    ]);
    // The cycle went to work on a Wednesday: this week's digest (of the week before, when no pair was at
    // work yet) is claimed by the first run of the jobs but not sent, as it would report nothing.
    const monday = addDays(day0, -2);
    expect(
      anna
        .messages()
        .filter((message) =>
          message.text.startsWith(
            ru("digest-title", { org: ORG, from: shownDate(addDays(monday, -7)), to: shownDate(addDays(monday, -1)) }),
          ),
        ),
    ).toEqual([]);
    const claimed = await stack.database.db.selectFrom("digests").select("week_of").execute();
    expect(claimed.map((row) => row.week_of)).toContain(monday);
    // Parents and the coordinator answer no questionnaire.
    for (const user of [...Object.values(parents), anna])
      expect(user.messages().filter((message) => labels(message).includes(ru("survey-button-answer")))).toEqual([]);
  });

  it("agrees two group meetings for tomorrow with calendar files for all, and reminds everyone a day and an hour before", async () => {
    slotA = { date: day(1), time: "16:00", minutes: 60, place: "Кабинет 12" };
    slotC = { date: day(1), time: "17:30", minutes: 45, place: "online" };
    await proposeMeeting(irina, IRINA, meetingsScreen(IRINA_GROUP), IRINA_GROUP, slotA);
    await proposeMeeting(oleg, OLEG, meetingsScreen(OLEG_GROUP), OLEG_GROUP, slotC);
    await allDelivered(stack);

    // Only mentees are proposed these meetings.
    const proposal = (who: string, slot: MeetingSlot) => ruChild("meetings-proposal", { who, ...meetingArgs(slot), minutes: slot.minutes });
    const toMasha = await masha.waitFor(proposal(IRINA, slotA));
    await kolya.waitFor(proposal(IRINA, slotA));
    const toLiza = await liza.waitFor(proposal(OLEG, slotC));
    await petya.waitFor(proposal(OLEG, slotC));

    // In a group the first mentee's answer decides for all.
    await pressOn(masha, toMasha, ruFor(masha)("button-meeting-accept"));
    await masha.waitFor(ruFor(masha)("meetings-accepted-you", { with: `${IRINA}, ${KOLYA}`, ...meetingArgs(slotA), minutes: 60 }));
    await pressOn(liza, toLiza, ruFor(liza)("button-meeting-accept"));
    await liza.waitFor(ruFor(liza)("meetings-accepted-you", { with: `${OLEG}, ${PETYA}`, ...meetingArgs(slotC), minutes: 45 }));
    await allDelivered(stack);
    for (const user of [irina, kolya])
      await user.waitFor(ruFor(user)("meetings-accepted-notice", { who: MASHA, ...meetingArgs(slotA), minutes: 60 }));
    for (const user of [oleg, petya])
      await user.waitFor(ruFor(user)("meetings-accepted-notice", { who: LIZA, ...meetingArgs(slotC), minutes: 45 }));

    const meetings = await db()
      .selectFrom("meetings")
      .select(["id", "pair_id", "state", "online", "decided_by", "proposed_by"])
      .where("pair_id", "in", [pair.A, pair.C])
      .orderBy("id")
      .execute();
    expect(meetings).toEqual([
      expect.objectContaining({ pair_id: pair.A, state: "accepted", online: false, decided_by: person(MASHA), proposed_by: person(IRINA) }),
      expect.objectContaining({ pair_id: pair.C, state: "accepted", online: true, decided_by: person(LIZA), proposed_by: person(OLEG) }),
    ]);
    firstMeeting = { A: meetings[0]!.id, C: meetings[1]!.id };
    // The same calendar file reached every member, on their messenger.
    for (const [user, meetingId, slot] of [
      [irina, firstMeeting.A, slotA],
      [masha, firstMeeting.A, slotA],
      [kolya, firstMeeting.A, slotA],
      [oleg, firstMeeting.C, slotC],
      [liza, firstMeeting.C, slotC],
      [petya, firstMeeting.C, slotC],
    ] as const) {
      const ics = await fileNamed(stack, user, `meeting-${meetingId}.ics`);
      expect(ics).toContain(`UID:meeting-${meetingId}@nastavnik`);
      expect(ics).toContain(
        `DTSTART:${moscow(slot.date, slot.time)
          .toISOString()
          .replace(/[-:]/g, "")
          .replace(/\.\d{3}/, "")}`,
      );
    }
    for (const meetingId of [firstMeeting.A, firstMeeting.C]) {
      const planned = await db()
        .selectFrom("outbox")
        .select(["person_id", "reminder"])
        .where("topic", "=", `meeting:${meetingId}`)
        .execute();
      expect(planned).toHaveLength(6);
      expect(planned.every((row) => row.reminder)).toBe(true);
    }

    // A day before each meeting, then an hour before: every member, at the job's run that comes due.
    const dayA = (user: ChatUser) => ruFor(user)("meetings-reminder-day", meetingArgs(slotA));
    const dayC = (user: ChatUser) => ruFor(user)("meetings-reminder-day", meetingArgs(slotC));
    const hourA = (user: ChatUser) => ruFor(user)("meetings-reminder-hour", meetingArgs(slotA));
    const hourC = (user: ChatUser) => ruFor(user)("meetings-reminder-hour", meetingArgs(slotC));
    await runJobsAt(stack, new Date(moscow(slotA.date, slotA.time).getTime() - DAY + 5_000));
    for (const user of [irina, masha, kolya]) await user.waitFor(dayA(user));
    for (const user of [oleg, liza, petya]) expect(count(user, dayC(user))).toBe(0);
    await runJobsAt(stack, new Date(moscow(slotC.date, slotC.time).getTime() - DAY + 5_000));
    for (const user of [oleg, liza, petya]) await user.waitFor(dayC(user));
    await runJobsAt(stack, new Date(moscow(slotA.date, slotA.time).getTime() - HOUR + 5_000));
    for (const user of [irina, masha, kolya]) await user.waitFor(hourA(user));
    await runJobsAt(stack, new Date(moscow(slotC.date, slotC.time).getTime() - HOUR + 5_000));
    for (const user of [oleg, liza, petya]) await user.waitFor(hourC(user));
    // Once each, whatever the runs in between.
    for (const [group, reminders] of [
      [
        [irina, masha, kolya],
        [dayA, hourA],
      ],
      [
        [oleg, liza, petya],
        [dayC, hourC],
      ],
    ] as const) {
      for (const user of group) for (const reminder of reminders) expect(count(user, reminder(user))).toBe(1);
    }
    // Nobody outside the groups is reminded.
    for (const user of [gleb, dima, anna, ...Object.values(parents)]) {
      for (const reminder of [dayA, dayC, hourA, hourC]) expect(received(user, reminder(user))).toEqual([]);
    }
  });

  it("asks each mentor after the meeting: one held with a note, one missed; the teacher marks the first step done", async () => {
    const done = await runJobsAt(stack, moscow(day(1), "17:01"));
    expect(done["meeting-follow-ups"]).toBe(1);
    const askA = await irina.waitFor(ru("meetings-follow-up", meetingArgs(slotA)));
    await pressOn(irina, askA, ru("button-meeting-held"));
    await irina.waitFor(ru("meetings-note-question"));
    await irina.send("Решили 10 задач на дроби");
    await irina.waitFor(ru("meetings-note-saved", { note: "Решили 10 задач на дроби" }));

    expect((await runJobsAt(stack, moscow(day(1), "18:16")))["meeting-follow-ups"]).toBe(1);
    const askC = await oleg.waitFor(ru("meetings-follow-up", meetingArgs(slotC)));
    await pressOn(oleg, askC, ru("button-meeting-missed"));
    await oleg.waitFor(ru("meetings-missed-saved"));
    // The mentees are never asked.
    for (const user of [masha, kolya, liza, petya])
      expect(received(user, ruChild("meetings-follow-up", meetingArgs(user === liza || user === petya ? slotC : slotA)))).toEqual([]);
    expect(
      await db()
        .selectFrom("meetings")
        .select(["id", "state", "note"])
        .where("id", "in", [firstMeeting.A, firstMeeting.C])
        .orderBy("id")
        .execute(),
    ).toEqual([
      { id: firstMeeting.A, state: "held", note: "Решили 10 задач на дроби" },
      { id: firstMeeting.C, state: "missed", note: null },
    ]);

    // The teacher marks the first step of the plan done; the group is told.
    await freshMenu(irina, IRINA);
    await irina.press(ru("button-plan"));
    await irina.waitFor(ru("plan-status-agreed"));
    await irina.press(ru("button-plan-milestone", { number: 1 }));
    await irina.waitFor(ru("plan-milestone-what-mentor"));
    await irina.press(ru("button-plan-done"));
    await irina.waitFor(ru("plan-milestone-marked-done", { number: 1 }));
    await allDelivered(stack);
    for (const user of [masha, kolya]) await user.waitFor(ruFor(user)("plan-done-by-mentor-notice", { mentor: IRINA, title: A1 }), 10_000);
    const a1 = await db().selectFrom("plan_milestones").select(["done_at", "done_by"]).where("title", "=", A1).executeTakeFirstOrThrow();
    expect(a1.done_by).toBe(person(IRINA));
  });

  it("sends the coordinator the first Monday digest at 09:00, and reminds those who have not answered the questionnaire", async () => {
    const monday = day(5);
    expect(isoWeekday(monday)).toBe(1);
    const digests = () => anna.messages().filter((message) => message.text.startsWith("📊"));
    await runJobsAt(stack, moscow(monday, "08:59"));
    // Not before 09:00 (and none for the week before the pairs began work).
    expect(digests()).toHaveLength(0);
    // Three days after the questionnaire, the first reminder to those who have not answered it.
    await kolya.waitFor(ruFor(kolya)("survey-reminder-mentee", { names: IRINA }));
    await dima.waitFor(ruFor(dima)("survey-reminder-mentee", { names: GLEB }));
    await gleb.waitFor(ruFor(gleb)("survey-reminder-mentor", { names: DIMA, org: ORG }));
    // Those who answered are not reminded.
    for (const [user, mentor] of [
      [masha, IRINA],
      [liza, OLEG],
      [petya, OLEG],
    ] as const) {
      expect(count(user, ruChild("survey-reminder-mentee", { names: mentor }))).toBe(0);
    }
    expect(count(irina, ru("survey-reminder-mentor", { names: IRINA_GROUP, org: ORG }))).toBe(0);
    expect(count(oleg, ru("survey-reminder-mentor", { names: OLEG_GROUP, org: ORG }))).toBe(0);

    await runJobsAt(stack, moscow(monday, "09:00"));
    const digest = await anna.waitFor(
      ru("digest-title", { org: ORG, from: shownDate(addDays(monday, -7)), to: shownDate(addDays(monday, -1)) }),
    );
    // The week's meetings: one held, one missed; the first step done; two steps past their date (Глеб's and Олег's first).
    expect(digest.text).toContain(
      ru("digest-figures", {
        pairsActive: 3,
        pairsActiveChange: "▲ 3",
        pairsQuiet: 0,
        pairsQuietChange: "=",
        meetingsHeld: 1,
        meetingsHeldChange: "▲ 1",
        meetingsMissed: 1,
        meetingsMissedChange: "▲ 1",
        meetingsPlanned: 0,
        // A week earlier the two meetings of this week were ahead.
        meetingsPlannedChange: "▼ 2",
        milestonesDone: 1,
        milestonesDoneChange: "▲ 1",
        milestonesOverdue: 2,
        milestonesOverdueChange: "▲ 2",
        stuckCheckIns: 0,
        stuckCheckInsChange: "=",
        consentsPending: 0,
        consentsPendingChange: "=",
      }),
    );
    expect(digest.text).toContain(ru("digest-attention-title", { count: 2 }));
    const overdue = ru("digest-reason-overdue", { count: 1 });
    expect(digest.text).toContain(`${ru("digest-pair", { mentor: GLEB, mentees: DIMA })}: ${overdue}`);
    expect(digest.text).toContain(`${ru("digest-pair", { mentor: OLEG, mentees: OLEG_GROUP })}: ${overdue}`);
    // The chart comes as a photo with the digest.
    await expect.poll(() => photosTo(anna, digest.id).length).toBe(1);
    // Only coordinators get it.
    for (const user of [irina, gleb, oleg, masha, liza, ...Object.values(parents)])
      expect(user.messages().filter((message) => message.text.startsWith("📊"))).toEqual([]);
  });

  it("asks every side about the plan a week in: a stuck step alerts the coordinator at once; the mentor's done closes a step", async () => {
    const round = moscow(day(7), "12:30");
    await runJobsAt(stack, round);
    const askMentee = (mentor: string) => ruChild("check-ins-ask-mentee", { mentor });
    const toMasha = await masha.waitFor(askMentee(IRINA));
    await kolya.waitFor(askMentee(IRINA));
    await dima.waitFor(askMentee(GLEB));
    const toLiza = await liza.waitFor(askMentee(OLEG));
    await petya.waitFor(askMentee(OLEG));
    await irina.waitFor(ru("check-ins-ask-mentor", { mentees: IRINA_GROUP }));
    await gleb.waitFor(ruFor(gleb)("check-ins-ask-mentor", { mentees: DIMA }));
    const toOleg = await oleg.waitFor(ru("check-ins-ask-mentor", { mentees: OLEG_GROUP }));
    // A week after the questionnaire: the second and last reminder.
    await kolya.waitFor(ruFor(kolya)("survey-reminder-mentee", { names: IRINA }));
    expect(count(kolya, ruChild("survey-reminder-mentee", { names: IRINA }))).toBe(2);

    const question = (role: "mentor" | "mentee", number: number, total: number, title: string, due: CalendarDate, overdue: boolean) =>
      (role === "mentor" ? ru : ruChild)(role === "mentor" ? "check-ins-question-mentor" : "check-ins-question-mentee", {
        number,
        count: total,
        title,
        due: msg(overdue ? "check-ins-due-passed" : "check-ins-due", { date: shownDate(due) }),
      });

    // Маша: the next step is stuck, and says why.
    await pressOn(masha, toMasha, ruFor(masha)("check-ins-button-answer"));
    await masha.waitFor(ruFor(masha)("check-ins-intro-mentee", { count: 1 }));
    await masha.waitFor(question("mentee", 1, 1, A2, day(13), false));
    await masha.press(ruFor(masha)("check-ins-button-stuck"));
    await masha.waitFor(ruFor(masha)("check-ins-why-mentee", { max: 300 }));
    await masha.send(STUCK);
    await masha.waitFor(ruFor(masha)("check-ins-thanks-stuck-mentee"));
    await allDelivered(stack);
    const [workingA] = await stack.app.repos.pairs.working({ pairId: pair.A });
    stuckAlert = ru("check-ins-alert-stuck", {
      pair: pairForCoordinator(workingA!),
      who: msg("check-ins-who-mentee", { name: MASHA }),
      title: A2,
      reason: STUCK,
    });
    await anna.waitFor(stuckAlert);
    expect(await db().selectFrom("pair_alerts").select(["pair_id", "reason"]).execute()).toEqual([
      { pair_id: pair.A, reason: "stuck-check-in" },
    ]);
    // The alert is the coordinator's only.
    for (const user of [irina, kolya, ...Object.values(parents)]) expect(received(user, STUCK)).toEqual([]);

    // Лиза and Олег: the step past its date is done; the mentor's "done" closes it in the plan.
    await pressOn(liza, toLiza, ruFor(liza)("check-ins-button-answer"));
    await liza.waitFor(ruFor(liza)("check-ins-intro-mentee", { count: 2 }));
    await liza.waitFor(question("mentee", 1, 2, C1, day(4), true));
    await liza.press(ruFor(liza)("check-ins-button-done"));
    await liza.waitFor(question("mentee", 2, 2, C2, day(20), false));
    await liza.press(ruFor(liza)("check-ins-button-on-track"));
    await liza.waitFor(ruFor(liza)("check-ins-thanks-mentee"));
    await pressOn(oleg, toOleg, ru("check-ins-button-answer"));
    await oleg.waitFor(ru("check-ins-intro-mentor", { count: 2 }));
    await oleg.waitFor(question("mentor", 1, 2, C1, day(4), true));
    await oleg.press(ru("check-ins-button-done"));
    await oleg.waitFor(question("mentor", 2, 2, C2, day(20), false));
    await oleg.press(ru("check-ins-button-on-track"));
    await oleg.waitFor(ru("check-ins-marked-done", { count: 1 }));
    await oleg.waitFor(ru("check-ins-thanks-mentor"));

    const answers = await sql<{ name: string; title: string; answer: string; reason: string | null }>`
      SELECT person.full_name AS name, m.title, a.answer, a.reason
      FROM check_in_answers a JOIN check_ins c ON c.id = a.check_in_id JOIN people person ON person.id = c.person_id
      JOIN plan_milestones m ON m.id = a.milestone_id
      ORDER BY person.full_name, m.position`.execute(db());
    expect(answers.rows).toEqual([
      { name: LIZA, title: C1, answer: "done", reason: null },
      { name: LIZA, title: C2, answer: "on_track", reason: null },
      { name: MASHA, title: A2, answer: "stuck", reason: STUCK },
      { name: OLEG, title: C1, answer: "done", reason: null },
      { name: OLEG, title: C2, answer: "on_track", reason: null },
    ]);
    const c1 = await db().selectFrom("plan_milestones").select(["done_by"]).where("title", "=", C1).executeTakeFirstOrThrow();
    expect(c1.done_by).toBe(person(OLEG));
    expect(await db().selectFrom("check_ins").select("round").where("round", "<>", 1).execute()).toEqual([]);

    // Олег plans the next meeting for next week; this time Петя answers first.
    const slot = laterSlot();
    await proposeMeeting(oleg, OLEG, meetingsScreen(OLEG_GROUP), OLEG_GROUP, slot);
    await allDelivered(stack);
    const toPetya = await petya.waitFor(ruFor(petya)("meetings-proposal", { who: OLEG, ...meetingArgs(slot), minutes: 60 }));
    await pressOn(petya, toPetya, ruFor(petya)("button-meeting-accept"));
    await petya.waitFor(ruFor(petya)("meetings-accepted-you", { with: `${OLEG}, ${LIZA}`, ...meetingArgs(slot), minutes: 60 }));
    laterMeeting = (
      await db().selectFrom("meetings").select("id").where("pair_id", "=", pair.C).where("state", "=", "accepted").executeTakeFirstOrThrow()
    ).id;
    await allDelivered(stack);
  });

  it("sends the second Monday digest: the week's figures against the first week's", async () => {
    const monday = day(12);
    await runJobsAt(stack, moscow(monday, "09:00"));
    const digest = await anna.waitFor(
      ru("digest-title", { org: ORG, from: shownDate(addDays(monday, -7)), to: shownDate(addDays(monday, -1)) }),
    );
    expect(digest.text).toContain(
      ru("digest-figures", {
        pairsActive: 3,
        pairsActiveChange: "=",
        pairsQuiet: 0,
        pairsQuietChange: "=",
        meetingsHeld: 0,
        meetingsHeldChange: "▼ 1",
        meetingsMissed: 0,
        meetingsMissedChange: "▼ 1",
        meetingsPlanned: 1,
        meetingsPlannedChange: "▲ 1",
        milestonesDone: 1,
        milestonesDoneChange: "=",
        milestonesOverdue: 1,
        milestonesOverdueChange: "▼ 1",
        stuckCheckIns: 1,
        stuckCheckInsChange: "▲ 1",
        consentsPending: 0,
        consentsPendingChange: "=",
      }),
    );
    expect(digest.text).toContain(ru("digest-attention-title", { count: 2 }));
    // The stuck step comes first.
    expect(digest.text).toContain(
      ru("digest-attention-line", {
        number: 1,
        pair: msg("digest-pair", { mentor: IRINA, mentees: IRINA_GROUP }),
        reasons: msg("digest-reason-stuck", { milestone: A2 }),
      }),
    );
    // The chart comes as a photo with the digest.
    await expect.poll(() => photosTo(anna, digest.id).length).toBe(1);
    expect(anna.messages().filter((message) => message.text.startsWith("📊"))).toHaveLength(2);
    // The hourly checks since did not alert the coordinator about the stuck step again.
    expect(count(anna, stuckAlert)).toBe(1);
  });

  it("lets a parent withdraw consent: the child's data is erased, the child and the coordinator are told, the pair stops", async () => {
    stack.clock.set(moscow(day(12), "12:00"));
    const parent = parents.dima;
    const dimaRow = (await participantByName(stack, coordinator.orgId, DIMA))!;
    await freshMenu(parent, PARENT.dima);
    await parent.press(ru("button-parent-consents"));
    await parent.waitFor(ru("parent-consents-question"));
    await parent.press(ru("button-withdraw-for", { child: DIMA }));
    await parent.waitFor(ru("withdraw-confirm", { child: DIMA }));
    await parent.press(ru("button-withdraw-yes"));
    await parent.waitFor(ru("withdrawn-parent"));
    await allDelivered(stack);
    await dima.waitFor(ruFor(dima)("withdrawn-child"));
    await anna.waitFor(ru("withdrawn-coordinator", { number: dimaRow.participantId }));

    const erased = await db()
      .selectFrom("people")
      .select(["full_name", "birth_year", "erased_at"])
      .where("id", "=", person(DIMA))
      .executeTakeFirstOrThrow();
    expect(erased).toMatchObject({ full_name: null, birth_year: null });
    expect(erased.erased_at).not.toBeNull();
    expect(
      (await db().selectFrom("participants").select("status").where("id", "=", dimaRow.participantId).executeTakeFirstOrThrow()).status,
    ).toBe("withdrawn");
    // His questionnaire went with his data; the pair is no longer at work.
    expect(await db().selectFrom("surveys").select("id").where("person_id", "=", person(DIMA)).execute()).toEqual([]);
    expect(await stack.app.repos.pairs.working({ pairId: pair.B })).toEqual([]);
    // Erased, he is nobody the bot knows: it speaks to him as to any newcomer, with «вы».
    await dima.send("привет");
    await dima.waitFor(ru("menu-unregistered"));
    // The mentor is told (not why), the pair has ended, and his menu no longer offers its plan and meetings;
    // the coordinator's digest of the week so far no longer counts it among the pairs at work.
    await gleb.waitFor(ruFor(gleb)("pair-mentee-left"));
    expect((await db().selectFrom("pairs").select("status").where("id", "=", pair.B).executeTakeFirstOrThrow()).status).toBe("ended");
    expect(labels(await freshMenu(gleb, GLEB))).not.toContain(ru("button-plan"));
    await freshMenu(anna, coordinator.name);
    await anna.press(ru("button-programme"));
    await anna.waitFor(ru("stage-working"));
    await anna.press(ru("button-digest"));
    const soFar = await anna.waitFor(ru("digest-title-so-far", { org: ORG, from: shownDate(day(12)), to: shownDate(day(12)) }));
    expect(soFar.text).not.toContain(ru("digest-pair-alone", { mentor: GLEB }));

    // Олег closes the last step of his group's plan before the cycle ends.
    await freshMenu(oleg, OLEG);
    await oleg.press(ru("button-plan"));
    await oleg.waitFor(ru("plan-status-agreed"));
    await oleg.press(ru("button-plan-milestone", { number: 2 }));
    await oleg.waitFor(ru("plan-milestone-what-mentor"));
    await oleg.press(ru("button-plan-done"));
    await oleg.waitFor(ru("plan-milestone-marked-done", { number: 2 }));
    await allDelivered(stack);
  });

  it("closes the cycle: each pair still at work gets a summary, and the end questionnaires go out and are answered", async () => {
    await freshMenu(anna, coordinator.name);
    await anna.press(ru("button-programme"));
    expect(labels(await anna.waitFor(ru("stage-working")))).toContain(ru("closing-button-close"));
    await anna.press(ru("closing-button-close"));
    await anna.waitFor(ru("closing-confirm", { name: CYCLE, pairs: 2 }));
    await anna.press(ru("closing-button-confirm"));
    closingStarted = await anna.waitFor(ru("closing-started", { name: CYCLE, people: 6, pairs: 2 }));
    await allDelivered(stack);
    expect((await db().selectFrom("cycles").select("stage").where("id", "=", cycleId).executeTakeFirstOrThrow()).stage).toBe("closing");

    const summaryA = await irina.waitFor(ru("closing-summary-mentor", { cycle: CYCLE, mentees: IRINA_GROUP, meetings: 1 }));
    expect(summaryA.text).toContain(ru("closing-summary-mentor-plan", { goal: GOAL_A, done: 1, total: 2 }));
    for (const user of [masha, kolya]) {
      const summary = await user.waitFor(ruFor(user)("closing-summary-mentee", { cycle: CYCLE, mentor: IRINA, meetings: 1 }));
      expect(summary.text).toContain(ruChild("closing-summary-mentee-plan", { goal: GOAL_A, done: 1, total: 2 }));
    }
    const summaryC = await oleg.waitFor(ru("closing-summary-mentor", { cycle: CYCLE, mentees: OLEG_GROUP, meetings: 0 }));
    expect(summaryC.text).toContain(ru("closing-summary-mentor-plan", { goal: GOAL_C, done: 2, total: 2 }));
    for (const user of [liza, petya])
      await user.waitFor(ruFor(user)("closing-summary-mentee", { cycle: CYCLE, mentor: OLEG, meetings: 0 }));
    // Глеб's pair stopped when Дима left: no summary; nor for parents.
    for (const user of [gleb, ...Object.values(parents)]) expect(received(user, `«${CYCLE}»`)).toEqual([]);

    const glebBefore = gleb.messages().length;
    await runJobsAt(stack, new Date(stack.clock.now().getTime() + MINUTE));
    const endInvite = new Map<ChatUser, ChatMessage>();
    for (const [user, mentor] of [
      [masha, IRINA],
      [kolya, IRINA],
      [liza, OLEG],
      [petya, OLEG],
    ] as const) {
      endInvite.set(user, await user.waitFor(ruFor(user)("survey-invite-end-mentee", { names: mentor })));
    }
    endInvite.set(irina, await irina.waitFor(ru("survey-invite-end-mentor", { names: IRINA_GROUP, org: ORG })));
    endInvite.set(oleg, await oleg.waitFor(ru("survey-invite-end-mentor", { names: OLEG_GROUP, org: ORG })));
    // Глеб, whose pair lost its mentee, is not asked about it: nothing came to him.
    expect(gleb.messages()).toHaveLength(glebBefore);

    const menteeEnd = (scales: [string, string, string, string, string], useful: string, again: string, best: "skip" | string) => [
      { key: "survey-v1-mentee-confidence", answer: { press: scales[0] } },
      { key: "survey-v1-mentee-interest", answer: { press: scales[1] } },
      { key: "survey-v1-mentee-goal", answer: { press: scales[2] } },
      { key: "survey-v1-mentee-ask-for-help", answer: { press: scales[3] } },
      { key: "survey-v1-mentee-satisfaction", answer: { press: scales[4] } },
      { key: "survey-v1-mentee-most-useful", answer: { press: ruChild(`survey-v1-mentee-most-useful-${useful}`) } },
      { key: "survey-v1-mentee-again", answer: { press: ruChild(`survey-v1-mentee-again-${again}`) } },
      { key: "survey-v1-mentee-best", open: true, answer: best === "skip" ? ("skip" as const) : { type: best } },
    ];
    const mentorEnd = (scales: [string, string, string, string, string, string], again: string, advice: string) => [
      { key: "survey-v1-mentor-confidence", answer: { press: scales[0] } },
      { key: "survey-v1-mentor-skills", answer: { press: scales[1] } },
      { key: "survey-v1-mentor-contact", answer: { press: scales[2] } },
      { key: "survey-v1-mentor-satisfaction", answer: { press: scales[3] } },
      { key: "survey-v1-mentor-support", answer: { press: scales[4] } },
      { key: "survey-v1-mentor-progress", answer: { press: scales[5] } },
      { key: "survey-v1-mentor-again", answer: { press: ru(`survey-v1-mentor-again-${again}`) } },
      { key: "survey-v1-mentor-advice", open: true, answer: { type: advice } },
    ];
    const intro = (audience: "mentee" | "mentor", names: string) =>
      (audience === "mentee" ? ruChild : ru)(`survey-intro-${audience}`, { count: 8, names, org: ORG });
    await answerSurvey(
      masha,
      endInvite.get(masha)!,
      intro("mentee", IRINA),
      menteeEnd(["7", "8", "6", "5", "10"], "plan", "yes", "Когда мы решили все задачи!"),
      ruChild("survey-thanks-mentee"),
      ruChild,
    );
    await answerSurvey(
      liza,
      endInvite.get(liza)!,
      intro("mentee", OLEG),
      menteeEnd(["7", "7", "6", "6", "8"], "advice", "maybe", "skip"),
      ruChild("survey-thanks-mentee"),
      ruChild,
    );
    await answerSurvey(
      irina,
      endInvite.get(irina)!,
      intro("mentor", IRINA_GROUP),
      mentorEnd(["8", "7", "8", "9", "7", "8"], "yes", "Начинать с простых задач"),
      ru("survey-thanks-mentor"),
    );
    await answerSurvey(
      oleg,
      endInvite.get(oleg)!,
      intro("mentor", OLEG_GROUP),
      mentorEnd(["6", "6", "7", "7", "5", "6"], "maybe", "Больше встреч вживую"),
      ru("survey-thanks-mentor"),
    );

    const answered = await sql<{ name: string; answered: boolean }>`
      SELECT person.full_name AS name, s.answered_at IS NOT NULL AS answered FROM surveys s JOIN people person ON person.id = s.person_id
      WHERE s.cycle_id = ${cycleId} AND s.moment = 'end' ORDER BY person.full_name`.execute(db());
    expect(answered.rows).toEqual([
      { name: IRINA, answered: true },
      { name: KOLYA, answered: false },
      { name: LIZA, answered: true },
      { name: MASHA, answered: true },
      { name: OLEG, answered: true },
      { name: PETYA, answered: false },
    ]);
  });

  it("reports the quality of the programme and the participants' growth, in the chat, a chart and a workbook", async () => {
    const filesBefore = filesTo(stack, anna).length;
    await pressOn(anna, closingStarted, ru("closing-button-report"));
    const report = await anna.waitFor(
      ru("closing-report-title", { name: CYCLE, start: shownDate(day0), end: shownDate(cycleEndsOn), stage: msg("stage-closing") }),
    );
    // Three pairs, Глеб's stopped; one meeting held of the three pairs; Олег's plan complete, 3 of 5 steps done.
    expect(report.text).toContain(
      ru("closing-report-quality", {
        pairs: 3,
        stopped: 1,
        meetings: "0,3",
        plansCompleted: 1,
        plansWithMilestones: 3,
        milestonesPercent: 60,
      }),
    );
    // Start: Маша, Лиза, Петя of four mentees still in (Дима's answers went with his data); Ирина and Олег of three mentors. End: two of four, both mentors asked.
    expect(report.text).toContain(
      ru("closing-report-responses", {
        menteeStart: 75,
        menteeStartAnswered: 3,
        menteeStartSent: 4,
        menteeEnd: 50,
        menteeEndAnswered: 2,
        menteeEndSent: 4,
        mentorStart: 67,
        mentorStartAnswered: 2,
        mentorStartSent: 3,
        mentorEnd: 100,
        mentorEndAnswered: 2,
        mentorEndSent: 2,
      }),
    );
    // Satisfaction: Маша 10, Ирина (9 + 7) / 2 = 8, Лиза 8, Олег (7 + 5) / 2 = 6.
    const line = (group: ReturnType<typeof msg>, average: string, answers: number) =>
      ru("closing-report-group-line", { group, average, answers });
    expect(report.text).toContain(
      ru("closing-report-satisfaction", {
        overall: "8",
        answers: 4,
        byForm: `${line(msg("form-teacher_student"), "9", 2)}\n${line(msg("form-adult_student"), "7", 2)}`,
        byDirection: `${line(msg("direction-studies"), "9", 2)}\n${line(msg("direction-career"), "7", 2)}`,
      }),
    );
    // Growth: Маша +3 on every scale, Лиза +1 → +2; Ирина (2 + 2 + 1) / 3 = 1.7, Олег (1 + 1 + 2) / 3 = 1.3 → +1.5.
    expect(report.text).toContain(ru("closing-report-growth", { mentees: "+2", mentors: "+1,5" }));
    await anna.waitFor(ru("closing-report-workbook"));
    // The chart as a photo, then the report as a Word document and the workbook as files.
    expect([...photosTo(anna, report.id)[0]!.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    await expect.poll(() => filesTo(stack, anna).length).toBe(filesBefore + 2);
    const reportFiles = filesTo(stack, anna).slice(filesBefore);
    expect(reportFiles.map((file) => file.filename.replace(/\d{4}-\d{2}-\d{2}/, "DATE"))).toEqual([
      "monitoring-DATE.docx",
      "monitoring-DATE.xlsx",
    ]);
    const workbook = reportFiles[1];
    const book = await readWorkbook(workbook!.bytes);
    const rows = sheetRows(book.worksheets[0]!);
    const figure = (key: string) =>
      rows
        .find((row) => row[0] === ru(key))
        ?.slice(1)
        .filter((value) => value !== null && value !== undefined);
    expect(figure("closing-figure-pairs")).toEqual([3]);
    expect(figure("closing-figure-stopped")).toEqual([1]);
    expect(figure("closing-figure-milestones-done")).toEqual([0.6]);
    expect(figure("closing-figure-growth-mentees")).toEqual([2]);
    expect(figure("closing-figure-growth-mentors")).toEqual([1.5]);
    const growth = sheetRows(book.worksheets[1]!);
    expect(growth.find((row) => row[1] === MASHA)?.at(-1)).toBe(3);
  });

  it("announces the final event to everyone of the cycle with a calendar file; the answers add up on the coordinator's screen", async () => {
    const PLACE = "Актовый зал";
    const DESCRIPTION = "Праздник наставничества: награждение пар и чаепитие";
    const eventDay = day(19);
    await freshMenu(anna, coordinator.name);
    await anna.press(ru("button-programme"));
    await anna.waitFor(ru("closing-programme-closing"));
    await anna.press(ru("button-final-event"));
    // Four mentees and three mentors still in the cycle, four parents whose consent stands.
    await anna.waitFor(ru("final-event-intro", { cycle: CYCLE, count: 11 }));
    await anna.waitFor(ru("final-event-date-question"));
    await anna.press(ru("quick-date-in-week", { date: shownDate(eventDay) }));
    await anna.waitFor(ru("final-event-time-question", { date: shownDate(eventDay) }));
    await anna.send("16:00");
    await anna.waitFor(ru("final-event-place-question", { max: 200 }));
    await anna.send(PLACE);
    await anna.waitFor(ru("final-event-description-question", { max: 1_000 }));
    await anna.send(DESCRIPTION);
    const start = moscow(eventDay, "16:00");
    const when = eventWhen({ startsAt: start.toISOString() }, MSK);
    await anna.waitFor(ru("final-event-preview", { count: 11, org: ORG, when, place: PLACE, description: DESCRIPTION }));
    await anna.press(ru("button-final-event-send"));
    const screen = await anna.waitFor(ru("final-event-sent", { count: 11 }));
    await allDelivered(stack);
    const event = await db()
      .selectFrom("final_events")
      .select(["id", "starts_at"])
      .where("cycle_id", "=", cycleId)
      .executeTakeFirstOrThrow();
    expect(event.starts_at.getTime()).toBe(start.getTime());

    const details = { org: ORG, when, place: PLACE, description: DESCRIPTION };
    const invitations = new Map<ChatUser, ChatMessage>();
    for (const user of [masha, kolya, liza, petya])
      invitations.set(user, await user.waitFor(ruFor(user)("final-event-invitation-mentee", details)));
    for (const user of [irina, gleb, oleg, parents.masha, parents.kolya, parents.petya, parents.liza])
      invitations.set(user, await user.waitFor(ruFor(user)("final-event-invitation", details)));
    for (const user of invitations.keys())
      expect(await fileNamed(stack, user, `final-event-${event.id}.ics`)).toContain(`UID:final-event-${event.id}@nastavnik`);
    // Not the withdrawn child nor the parent who withdrew, not the declined student nor her parent.
    for (const user of [dima, parents.dima, anya, parents.anya]) {
      expect(user.messages().filter((message) => message.text.includes(PLACE))).toEqual([]);
      expect(filesTo(stack, user)).toEqual([]);
    }

    await pressOn(masha, invitations.get(masha)!, ru("button-final-event-coming"));
    await masha.waitFor(ruFor(masha)("final-event-reply-coming-mentee", { when, place: PLACE }));
    await pressOn(parents.masha, invitations.get(parents.masha)!, ru("button-final-event-coming"));
    await parents.masha.waitFor(ru("final-event-reply-coming", { when, place: PLACE }));
    await pressOn(irina, invitations.get(irina)!, ru("button-final-event-coming"));
    await irina.waitFor(ru("final-event-reply-coming", { when, place: PLACE }));
    await pressOn(liza, invitations.get(liza)!, ru("button-final-event-not-coming"));
    await liza.waitFor(ruFor(liza)("final-event-reply-not-coming-mentee", { when, place: PLACE }));
    await pressOn(oleg, invitations.get(oleg)!, ru("button-final-event-not-coming"));
    await oleg.waitFor(ru("final-event-reply-not-coming", { when, place: PLACE }));

    await pressOn(anna, screen, ru("button-final-event-refresh"));
    const counted = await anna.waitFor(ru("final-event-counts", { invited: 11, coming: 3, notComing: 2, waiting: 6 }));
    const role = (name: string, invited: number, coming: number, notComing: number, waiting: number) =>
      ru("final-event-counts-role", { role: msg(`final-event-role-${name}`), invited, coming, notComing, waiting });
    expect(counted.text).toContain(role("mentee", 4, 1, 1, 2));
    expect(counted.text).toContain(role("mentor", 3, 1, 1, 1));
    expect(counted.text).toContain(role("parent", 4, 1, 0, 3));
    const replies = await db()
      .selectFrom("final_event_replies")
      .select(["person_id", "answer"])
      .where("event_id", "=", event.id)
      .orderBy("person_id")
      .execute();
    expect(replies).toEqual(
      [
        { person_id: person(MASHA), answer: "coming" },
        { person_id: person(PARENT.masha), answer: "coming" },
        { person_id: person(IRINA), answer: "coming" },
        { person_id: person(LIZA), answer: "not_coming" },
        { person_id: person(OLEG), answer: "not_coming" },
      ].sort((a, b) => a.person_id - b.person_id),
    );
  });

  it("archives the cycle: the pairs end, the next week's meeting reminders are withdrawn, everyone stays for the next cycle", async () => {
    await freshMenu(anna, coordinator.name);
    await anna.press(ru("button-programme"));
    await anna.waitFor(ru("closing-programme-closing"));
    await anna.press(ru("closing-button-archive"));
    await anna.waitFor(ru("closing-archive-confirm", { name: CYCLE, pairs: 2 }));
    await anna.press(ru("closing-button-archive-confirm"));
    await anna.waitFor(ru("closing-archived", { name: CYCLE, pairs: 2 }));

    expect(await db().selectFrom("cycles").select("stage").where("id", "=", cycleId).executeTakeFirstOrThrow()).toEqual({
      stage: "archived",
    });
    const pairs = await db().selectFrom("pairs").select(["status", "ended_at"]).where("cycle_id", "=", cycleId).execute();
    expect(pairs.map((row) => row.status)).toEqual(["ended", "ended", "ended"]);
    // The meeting Олег's group had agreed for tomorrow: its reminders are dropped, never sent.
    const reminders = await db()
      .selectFrom("outbox")
      .select(["sent_at", "failed_at", "last_error"])
      .where("topic", "=", `meeting:${laterMeeting}`)
      .execute();
    expect(reminders).toHaveLength(6);
    expect(reminders.every((row) => row.sent_at === null && row.failed_at !== null && row.last_error === "cycle archived")).toBe(true);
    await runJobsAt(stack, moscow(day(13), "15:00"));
    for (const user of [oleg, liza, petya])
      expect(received(user, ruFor(user)("meetings-reminder-day", meetingArgs(laterSlot())))).toEqual([]);

    // Everyone stays in the organisation: the next cycle finds the same students and mentors ready.
    const statuses = await sql<{ name: string | null; role: string; status: string }>`
      SELECT person.full_name AS name, p.role, p.status FROM participants p JOIN people person ON person.id = p.person_id
      WHERE p.org_id = ${coordinator.orgId} AND p.role IN ('mentee', 'mentor') ORDER BY p.role, person.full_name NULLS LAST`.execute(db());
    expect(statuses.rows).toEqual([
      { name: ANYA, role: "mentee", status: "declined" },
      { name: KOLYA, role: "mentee", status: "active" },
      { name: LIZA, role: "mentee", status: "active" },
      { name: MASHA, role: "mentee", status: "active" },
      { name: PETYA, role: "mentee", status: "active" },
      { name: null, role: "mentee", status: "withdrawn" },
      { name: GLEB, role: "mentor", status: "active" },
      { name: IRINA, role: "mentor", status: "active" },
      { name: OLEG, role: "mentor", status: "active" },
    ]);
  });
});

/** The same person, counting the buttons they press. */
function countingPresses(user: ChatUser, presses: { count: number }): ChatUser {
  return {
    ...user,
    press: async (label) => {
      presses.count += 1;
      await user.press(label);
    },
  };
}
