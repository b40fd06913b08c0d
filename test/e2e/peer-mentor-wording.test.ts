/**
 * A peer mentor (the student–student form) is a 16-year-old: the bot speaks to him with «ты», as to
 * any reader under 18, in everything a mentor reads — drafting the plan, the notices about it, a
 * meeting proposed to him and the one he proposes, his profile — on Telegram, VK and MAX. The teacher mentors of
 * the other suites keep their «вы».
 */
import { describe, expect, it } from "vitest";
import type { WorkingPair } from "#root/db/repositories/pairs.ts";
import { calendarDate, formatCalendarDate } from "#root/domain/cycle.ts";
import { addDays } from "#root/domain/typed-dates.ts";
import type { Msg } from "#root/i18n/translator.ts";
import { packAction } from "#root/messaging/buttons.ts";
import type { Platform } from "#root/messaging/messenger.ts";
import { dayAhead, MOSCOW, toNextMidday, typedDate, typedDayMonth } from "../support/calendar.ts";
import type { ChatMessage, ChatUser } from "../support/chat-user.ts";
import { pressOn } from "../support/cycle-journey.ts";
import {
  idSequence,
  issueInvite,
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
import { delivered, place, type Slot, startOf, when } from "../support/meetings.ts";
import { useTestStack } from "../support/stack.ts";

const stack = useTestStack();

const MENTOR = "Миша Орлов";
const MENTEE = "Коля Синицын";

/** The «ты» text of a message, checked to differ from the «вы» one (else the test would prove nothing). */
function ty(key: string, args?: Msg["args"]): string {
  const text = ruChild(key, args);
  expect(text, `${key} has no «ты» variant`).not.toBe(ru(key, args));
  return text;
}

/** «вы», «вас», «ваш…» and imperatives or present forms to «вы» («нажмите», «откройте», «можете»). */
const VY = [
  /(?<![\p{L}])(?:вы|вас|вам|вами|ваш\p{L}*)(?![\p{L}])/giu,
  /(?<![\p{L}])\p{L}+(?:ите|йте|ьте|аете|яете|уете|еете|ёте|жете|дете|чете|шете)(?![\p{L}])/giu,
];
const vyForms = (message: ChatMessage): string[] => VY.flatMap((pattern) => message.text.match(pattern) ?? []);

interface PeerPair {
  mentor: ChatUser;
  mentee: ChatUser;
  pairId: number;
  pair: WorkingPair;
}

/**
 * A coordinator, a 16-year-old student mentor and a 13-year-old mentee (each with a parent's consent)
 * registered through the chats; approval, the cycle (student–student form) and the published pair
 * are written in the database, as test/support/pairs.ts does for a teacher.
 */
async function startPeerPair(platform: Platform, firstId: number): Promise<PeerPair> {
  const coordinator = await registerCoordinator(stack, platform, firstId);
  const { orgId, orgName } = coordinator;
  const mentor = stack.user(platform, firstId + 1, "Миша");
  const mentee = stack.user(platform, firstId + 2, "Коля");

  const asMentor = await registerMentor(
    mentor,
    { payload: await issueInvite(stack, orgId, "mentor"), orgName },
    mentorForm(MENTOR, "student", 16, { directions: ["projects"] }),
  );
  await parentDecides(stack.user(platform, firstId + 3), asMentor.parentPayloads![platform], "Орлова Ирина Петровна", "agree", {
    name: MENTOR,
    age: 16,
    orgName,
    role: "mentor",
  });
  const asMentee = await registerMentee(mentee, { payload: await issueInvite(stack, orgId, "mentee"), orgName }, menteeForm(MENTEE, 13));
  await parentDecides(stack.user(platform, firstId + 4), asMentee.parentPayloads![platform], "Синицына Ольга Ивановна", "agree", {
    name: MENTEE,
    age: 13,
    orgName,
  });
  await stack.settle();

  const { repos } = stack.app;
  const mentorRow = (await participantByName(stack, orgId, MENTOR, "mentor"))!;
  const menteeRow = (await participantByName(stack, orgId, MENTEE, "mentee"))!;
  const coordinatorRow = (await participantByName(stack, orgId, coordinator.name, "coordinator"))!;
  expect([mentorRow.status, menteeRow.status]).toEqual(["active", "active"]);
  const now = stack.clock.now();
  await repos.mentors.review(mentorRow.participantId, { review: "approved", reason: null, by: coordinatorRow.personId, at: now });
  const today = calendarDate(now, MOSCOW);
  const cycle = (await repos.cycles.open({
    orgId,
    name: "2026/27",
    startsOn: today,
    endsOn: `${Number(today.slice(0, 4)) + 1}-06-30`,
    forms: ["student_student"],
    directions: ["projects"],
    createdBy: coordinatorRow.personId,
  }))!;
  await repos.pairs.saveDraft(orgId, cycle.id, [
    {
      mentorId: mentorRow.participantId,
      form: "student_student",
      direction: "projects",
      members: [{ menteeId: menteeRow.participantId, score: 10, why: null, pinned: true }],
    },
  ]);
  await repos.pairs.publish(cycle.id, now);
  await repos.cycles.setStage(cycle.id, "working");
  const [pair] = await repos.pairs.working({ personId: menteeRow.personId });
  return { mentor, mentee, pairId: pair!.pairId, pair: pair! };
}

/** Day, time, length and place of a meeting typed by a person under 18, up to the check. */
async function answerMeetingQuestions(user: ChatUser, slot: Slot): Promise<void> {
  await user.waitFor(ty("meetings-date-question"));
  await user.send(typedDayMonth(slot.date));
  await user.waitFor(ty("meetings-time-question", { date: formatCalendarDate(slot.date, "ru") }));
  await user.send(slot.time);
  await user.waitFor(ty("meetings-length-question", { min: 15, max: 240 }));
  await user.send(String(slot.minutes));
  await user.waitFor(ty("meetings-place-question"));
  await user.send(slot.place);
}

describe.each(["telegram", "vk", "max"] as const)("a peer mentor of 16 on %s", (platform) => {
  const nextId = idSequence({ telegram: 976_000, vk: 981_000, max: 986_000 }[platform]);
  const block = () => {
    const first = nextId();
    for (let i = 0; i < 5; i += 1) nextId();
    return first;
  };

  it("is spoken to with «ты» while drafting the plan, in the notices about it, in meetings both ways and in his profile", async () => {
    toNextMidday(stack);
    const { mentor, mentee, pairId, pair } = await startPeerPair(platform, block());
    const before = mentor.messages().length;
    const shown = (date: string) => formatCalendarDate(date, "ru");
    const today = calendarDate(stack.clock.now(), MOSCOW);

    // The plan, drafted step by step: every question and refusal to «ты».
    await mentor.pressPayload(packAction("plan"));
    await mentor.waitFor(ty("plan-draft-intro"));
    await mentor.waitFor(ty("plan-ask-goal"));
    const goal = "Собрать робота к школьному конкурсу";
    await mentor.send(goal);
    await mentor.waitFor(ru("plan-ask-milestone", { number: 1 }));
    await mentor.send("Выбрать модель робота");
    const due = ty("plan-ask-due", { end: shown(pair.cycleEndsOn) });
    await mentor.waitFor(due);
    await mentor.send(typedDate(addDays(today, -1)));
    await mentor.waitFor(`${ty("error-date-past")}\n\n${due}`);
    await mentor.send(typedDate(addDays(pair.cycleEndsOn, 1)));
    await mentor.waitFor(`${ty("plan-error-after-cycle", { end: shown(pair.cycleEndsOn) })}\n\n${due}`);
    await mentor.send("через 2 недели");
    await mentor.waitFor(ru("plan-ask-evidence"));
    await mentor.press(ru("button-plan-skip"));
    await mentor.waitFor(ru("plan-ask-more", { number: 1, max: 10 }));
    await mentor.press(ru("button-plan-enough"));
    await mentor.waitFor(ty("plan-preview", { goal }));
    await mentor.press(ru("button-plan-send"));
    await mentor.waitFor(ty("plan-sent"));

    // The mentee asks for a change: the notice to the mentor says «Открой план».
    await stack.settle();
    await mentee.waitFor(ruChild("plan-sent-notice", { mentor: MENTOR }));
    await mentee.press(ru("button-plan"));
    await mentee.waitFor(ru("plan-status-proposed"));
    await mentee.press(ru("button-plan-change"));
    await mentee.waitFor(ruChild("plan-ask-change"));
    const request = "Давай добавим этап про презентацию";
    await mentee.send(request);
    await mentee.waitFor(ruChild("plan-change-sent"));
    await stack.settle();
    await mentor.waitFor(ty("plan-change-notice", { mentee: MENTEE, text: request }));
    await mentor.press(ru("button-plan"));
    await mentor.waitFor(ru("plan-status-change_requested"));
    await mentor.press(ru("button-plan-goal"));
    await mentor.waitFor(ty("plan-goal-now", { goal }));
    await mentor.send("Собрать робота и показать его на конкурсе");
    await mentor.waitFor(/💾/);

    // A meeting proposed to him: «Тебе подходит?», and once accepted, «твой календарь».
    const fromMentee: Slot = { date: dayAhead(stack, 2), time: "15:00", minutes: 60, place: "Библиотека" };
    const menteeArgs = { when: when(startOf(fromMentee)), minutes: fromMentee.minutes, place: place(fromMentee.place) };
    await mentee.pressPayload(packAction("meeting-propose", pairId));
    await mentee.waitFor(ruChild("meetings-propose-intro", { to: MENTOR }));
    await answerMeetingQuestions(mentee, fromMentee);
    await mentee.waitFor(ty("meetings-preview", { to: MENTOR, ...menteeArgs }));
    await mentee.press(ru("button-send"));
    await mentee.waitFor(ruChild("meetings-sent", { to: MENTOR, when: menteeArgs.when }));
    const proposal = await delivered(stack, mentor, ty("meetings-proposal", { who: MENTEE, ...menteeArgs }));
    await pressOn(mentor, proposal, ru("button-meeting-accept"));
    await mentor.waitFor(ty("meetings-accepted-you", { with: MENTEE, ...menteeArgs }));

    // A meeting he proposes: the questions and the check to «ты».
    const fromMentor: Slot = { date: dayAhead(stack, 3), time: "16:00", minutes: 45, place: "Кабинет 12" };
    const mentorArgs = { when: when(startOf(fromMentor)), minutes: fromMentor.minutes, place: place(fromMentor.place) };
    await mentor.pressPayload(packAction("meeting-propose", pairId));
    await mentor.waitFor(ru("meetings-propose-intro", { to: MENTEE }));
    await answerMeetingQuestions(mentor, fromMentor);
    await mentor.waitFor(ty("meetings-preview", { to: MENTEE, ...mentorArgs }));
    await mentor.press(ru("button-send"));
    await mentor.waitFor(ru("meetings-sent", { to: MENTEE, when: mentorArgs.when }));
    await delivered(stack, mentee, ruChild("meetings-proposal", { who: MENTOR, ...mentorArgs }));

    // His profile: a new name is asked for with «ты» too.
    await mentor.send("/profile");
    await mentor.waitFor(ru("profile-what-to-change"));
    await mentor.press(ru("profile-field-name"));
    await mentor.waitFor(ty("profile-name-question"));
    await mentor.send("Михаил Орлов");
    await mentor.waitFor(ru("profile-saved"));

    // Nothing he read since the pair began spoke «вы» to him.
    const read = mentor.messages().slice(before);
    expect(read.length).toBeGreaterThan(10);
    expect(read.filter((message) => vyForms(message).length > 0).map((message) => message.text)).toEqual([]);
  }, 90_000);
});
