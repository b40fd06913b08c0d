/**
 * A peer mentor (the student–student form) is a 16-year-old: the bot speaks to him with «ты», as to
 * any reader under 18, in everything a mentor reads — drafting the plan, the notices about it, a
 * meeting proposed to him and the one he proposes, his profile — on Telegram, VK and MAX. The teacher mentors of
 * the other suites keep their «вы».
 */
import { describe, expect, it } from "vitest";
import { calendarDate, formatCalendarDate } from "#root/domain/cycle.ts";
import { addDays } from "#root/domain/typed-dates.ts";
import type { Msg } from "#root/i18n/translator.ts";
import { packAction } from "#root/messaging/buttons.ts";
import { dayAhead, MOSCOW, toNextMidday, typedDate } from "../support/calendar.ts";
import type { ChatMessage } from "../support/chat-user.ts";
import { pressOn } from "../support/cycle-journey.ts";
import { idSequence, ru, ruChild } from "../support/journeys.ts";
import { answerQuestions, delivered, place, type Slot, startOf, when } from "../support/meetings.ts";
import { startWorkingPair } from "../support/pairs.ts";
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

describe.each(["telegram", "vk", "max"] as const)("a peer mentor of 16 on %s", (platform) => {
  const nextId = idSequence({ telegram: 976_000, vk: 981_000, max: 986_000 }[platform]);
  const block = () => {
    const first = nextId();
    for (let i = 0; i < 5; i += 1) nextId();
    return first;
  };

  it("is spoken to with «ты» while drafting the plan, in the notices about it, in meetings both ways and in his profile", async () => {
    toNextMidday(stack);
    // A 16-year-old student mentor and a 13-year-old mentee, each with a parent's consent, in a student–student pair.
    const { mentor, mentee, pairId, pair } = await startWorkingPair(stack, platform, block(), {
      mentorName: MENTOR,
      menteeName: MENTEE,
      menteeAge: 13,
      mentor: { kind: "student", age: 16 },
      form: "student_student",
    });
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
    await answerQuestions(mentee, fromMentee, ty);
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
    await answerQuestions(mentor, fromMentor, ty);
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
