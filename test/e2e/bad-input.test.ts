/**
 * Bad input on every kind of question (typed answer, one button, several buttons), on both
 * messengers: text where a button is expected, stale, forged and old-version buttons, empty and
 * 5,000-character messages, stickers, replayed updates, several updates of one chat at once, and a
 * restart of the process in the middle of a registration.
 */

import { describe, expect, it } from "vitest";
import { directionList } from "#root/flows/common/choices.ts";
import type { Incoming, Platform } from "#root/messaging/messenger.ts";
import type { ChatMessage, ChatUser } from "../support/chat-user.ts";
import {
  birthYearFor,
  type Coordinator,
  idSequence,
  issueInvite,
  label,
  otherPlatform,
  participantByName,
  payloadOfButton,
  registerCoordinator,
  ru,
  ruChild,
} from "../support/journeys.ts";
import { askedAgain, refusedInToast } from "../support/screens.ts";
import { useTestStack } from "../support/stack.ts";

const stack = useTestStack();

const nextId = idSequence(60_000);
const HUGE = "Очень длинное сообщение. ".repeat(200).slice(0, 5_000);

/** The prompt tag of a question's buttons (`1:p:<tag>:<value>`). */
const tagOf = (message: ChatMessage): string =>
  message.buttons
    .flat()
    .find((b) => b.payload?.startsWith("1:p:"))!
    .payload!.split(":")[2]!;

/** Asked before the age is known: a mentee of unknown age is a student, «ты». */
const namePrompt = () => ruChild("register-mentee-name");
/** The directions question as a student of this age reads it (`ru` from 18, `ruChild` under 18). */
const directionsPrompt = (r = ru) => `${r("register-mentee-directions")}\n\n${r("choose-many-hint")}`;
const directionLabels = () =>
  ["studies", "additional_education", "projects", "career", "civic"].map((d) => ru("choice-unselected", { label: ru(`direction-${d}`) }));

async function freshCoordinator(platform: Platform): Promise<Coordinator> {
  return registerCoordinator(stack, otherPlatform(platform), nextId());
}

/** Opens a mentee invite and answers up to the directions question. */
async function _upToDirections(user: ChatUser, payload: string, name: string, age: string): Promise<ChatMessage> {
  await user.open(payload);
  await user.waitFor(namePrompt());
  await user.send(name);
  await user.waitFor(ru("register-mentee-age"));
  await user.send(age);
  await user.waitFor(ru("register-mentee-grade"));
  await user.send("10А");
  return user.waitFor(directionsPrompt());
}

describe.each(["telegram", "vk", "max"] as const)("bad input on %s", (platform) => {
  it("a typed question explains stickers, empty and 5,000-character answers, commands and numbers out of range, then asks again", async () => {
    const coordinator = await freshCoordinator(platform);
    const child = stack.user(platform, nextId());
    await child.sendSticker();
    await child.waitFor(ru("error-unsupported"));
    await child.waitFor(ru("menu-unregistered"));

    await child.open(await issueInvite(stack, coordinator.orgId, "mentee"));
    await child.waitFor(namePrompt());
    const cancelOnly = [ruChild("button-cancel")];
    await child.sendSticker();
    await askedAgain(stack, child, ruChild("error-unsupported"), namePrompt(), cancelOnly);
    await child.send("   ");
    await askedAgain(stack, child, ruChild("error-empty"), namePrompt(), cancelOnly);
    await child.send(HUGE);
    await askedAgain(stack, child, ruChild("error-too-long", { max: 80 }), namePrompt(), cancelOnly);
    await child.send("R2-D2 🤖");
    await askedAgain(stack, child, ruChild("error-name-letters"), namePrompt(), cancelOnly);
    await child.send("/start");
    await askedAgain(stack, child, ruChild("flow-in-progress"), namePrompt(), cancelOnly);
    await child.send("Маша Петрова");
    const agePrompt = ruChild("register-mentee-age");
    await child.waitFor(agePrompt);
    const backAndCancel = [ruChild("button-back"), ruChild("button-cancel")];
    await child.send("десять");
    await askedAgain(stack, child, ruChild("error-age-number"), agePrompt, backAndCancel);
    await child.send("7");
    await askedAgain(stack, child, ruChild("error-mentee-age", { min: 10, max: 19 }), agePrompt, backAndCancel);
    await child.send(HUGE);
    await askedAgain(stack, child, ruChild("error-age-number"), agePrompt, backAndCancel);
    await child.send("2013");
    const gradePrompt = ruChild("register-mentee-grade");
    await child.waitFor(gradePrompt);
    await child.send("13Ж");
    await askedAgain(stack, child, ruChild("error-grade"), gradePrompt, backAndCancel);
    await child.sendSticker();
    await askedAgain(stack, child, ruChild("error-unsupported"), gradePrompt, backAndCancel);
    await child.send("/cancel");
    await child.waitFor(ruChild("flow-cancelled"));
    await stack.settle();
    expect(await participantByName(stack, coordinator.orgId, "Маша Петрова")).toBeUndefined();
  });

  it("button questions re-ask on text, stale, forged and old-version buttons, and accept typed numbers and labels", async () => {
    const coordinator = await freshCoordinator(platform);
    const student = stack.user(platform, nextId());
    await student.open(await issueInvite(stack, coordinator.orgId, "mentee"));
    const nameQuestion = await student.waitFor(namePrompt());
    await student.send("Костя Павлов");
    await student.waitFor(ru("register-mentee-age"));
    await student.send("18");
    await student.waitFor(ru("register-mentee-grade"));
    await student.send("11В");
    const directions = await student.waitFor(directionsPrompt());
    const tag = tagOf(directions);
    const many = [...directionLabels(), ru("button-done"), ru("button-back"), ru("button-cancel")];

    // Several buttons (choose-many).
    await student.send("всё интересно");
    await askedAgain(stack, student, ru("error-use-buttons"), directionsPrompt(), many);
    await student.sendSticker();
    await askedAgain(stack, student, ru("error-use-buttons"), directionsPrompt(), many);
    await student.pressPayload(payloadOfButton(nameQuestion, ru("button-cancel"))); // an earlier question's button
    await refusedInToast(stack, student, ru("toast-button-stale"));
    await student.pressPayload("0:p:x:y"); // a button of an older bot version
    await refusedInToast(stack, student, ru("toast-button-stale"));
    await student.pressPayload("drop table people;"); // forged
    await refusedInToast(stack, student, ru("toast-button-unknown"));
    await student.pressPayload(`1:p:${tag}:astrology`); // the right question, a value it never offered
    await askedAgain(stack, student, ru("error-use-buttons"), directionsPrompt(), many);
    await student.press(ru("button-done"));
    await askedAgain(stack, student, ru("error-choose-at-least", { min: 1 }), directionsPrompt(), many);
    await student.send("2 4");

    const goalsPrompt = ru("register-mentee-goals");
    await student.waitFor(goalsPrompt);
    const backAndCancel = [ru("button-back"), ru("button-cancel")];
    await student.send(HUGE);
    await askedAgain(stack, student, ru("error-too-long", { max: 500 }), goalsPrompt, backAndCancel);
    await student.send(" \n ");
    await askedAgain(stack, student, ru("error-empty"), goalsPrompt, backAndCancel);
    await student.send("Найти стажировку");

    // One button (choose).
    const summary = ru("register-mentee-summary", {
      name: "Костя Павлов",
      age: 18,
      grade: "11В",
      directions: directionList(["additional_education", "career"]),
      goals: "Найти стажировку",
    });
    const summaryMessage = await student.waitFor(summary);
    const one = [ru("button-save"), ru("button-back"), ru("button-cancel")];
    await student.send("ок");
    await askedAgain(stack, student, ru("error-use-buttons"), summary, one);
    await student.sendSticker();
    await askedAgain(stack, student, ru("error-use-buttons"), summary, one);
    await student.pressPayload(payloadOfButton(directions, ru("button-done")));
    await refusedInToast(stack, student, ru("toast-button-stale"));
    await student.pressPayload(`1:p:${tagOf(summaryMessage)}:delete`);
    await askedAgain(stack, student, ru("error-use-buttons"), summary, one);
    await student.pressPayload("1:a:no-such-action");
    await refusedInToast(stack, student, ru("toast-button-unknown"));
    await student.pressPayload("1:a:profile"); // a real menu button, while a question waits
    await askedAgain(stack, student, ru("flow-in-progress"), summary, one);
    await student.send("всё верно, сохранить"); // the label, typed
    await student.waitFor(ru("consent-self-question-adult"));
    await student.send("2"); // the second button, by number
    await student.waitFor(ru("consent-self-declined"));
    expect(await participantByName(stack, coordinator.orgId, "Костя Павлов")).toBeUndefined();
  });

  it("a replayed update is handled once", async () => {
    const coordinator = await freshCoordinator(platform);
    const student = stack.user(platform, nextId());
    await student.open(await issueInvite(stack, coordinator.orgId, "mentee"));
    await student.waitFor(namePrompt());
    await student.send("Вова Титов");
    await student.waitFor(ruChild("register-mentee-age"));
    await student.replayLast(); // the platform delivers the name again, same update id / event_id
    await student.send("16");
    await student.waitFor(ruChild("register-mentee-grade"));
    await stack.settle();
    const count = (text: string) => student.messages().filter((m) => m.text.includes(text)).length;
    expect(count(ruChild("error-age-number"))).toBe(0);
    expect(count(ruChild("register-mentee-age"))).toBe(1);

    // The same update offered to the runtime twice: stored and handled once.
    const update: Incoming = {
      updateKey: `${platform}:replayed-${student.userId}`,
      platform,
      chatId: student.chatId,
      userId: String(student.userId),
      sentAt: stack.clock.now().toISOString(),
      event: { kind: "text", text: "10Б" },
    };
    expect(await stack.app.runtime.accept(update)).toBe("accepted");
    expect(await stack.app.runtime.accept(update)).toBe("duplicate");
    await student.waitFor(directionsPrompt(ruChild));
    await stack.settle();
    expect(count(ruChild("register-mentee-directions"))).toBe(1);
    expect(count(ruChild("error-use-buttons"))).toBe(0);
  });

  it("several updates of one chat sent at once are handled in order; a double tap saves once", async () => {
    const coordinator = await freshCoordinator(platform);
    const student = stack.user(platform, nextId());
    await student.open(await issueInvite(stack, coordinator.orgId, "mentee"));
    await student.waitFor(namePrompt());
    const before = student.messages().length;
    // Sent one after another without waiting for the answers.
    await student.send("Ира Соболева");
    await student.send("19");
    await student.send("1 курс");
    await student.send("3");
    await student.send("Научиться программировать");
    await student.waitFor(
      ru("register-mentee-summary", {
        name: "Ира Соболева",
        age: 19,
        grade: "1 курс",
        directions: directionList(["projects"]),
        goals: "Научиться программировать",
      }),
    );
    await stack.settle();
    expect(
      student
        .messages()
        .slice(before)
        .map((m) => m.text.split("\n")[0]),
    ).toEqual([
      ru("register-mentee-age"),
      ru("register-mentee-grade"),
      ru("register-mentee-directions"),
      ru("register-mentee-goals"),
      ru("register-mentee-summary", { name: "", age: 0, grade: "", directions: "", goals: "" }).split("\n")[0],
    ]);

    // Both presses of one button arrive together: the first one saves, the second is stale.
    await Promise.all([student.press(ru("button-save")), student.press(ru("button-save"))]);
    await student.waitFor(ru("consent-self-question-adult"));
    await student.waitForToast(ru("toast-button-stale"));
    await student.press(ru("button-consent-agree"));
    await student.waitFor(ru("register-mentee-done", { name: "Ира Соболева", org: coordinator.orgName }));
    expect(
      await stack.database.db
        .selectFrom("participants")
        .select("id")
        .where("org_id", "=", coordinator.orgId)
        .where("role", "=", "mentee")
        .execute(),
    ).toHaveLength(1);
  });

  it("a restart of the process in the middle of a registration resumes where it was, old buttons included", async () => {
    const coordinator = await freshCoordinator(platform);
    const child = stack.user(platform, nextId());
    await child.open(await issueInvite(stack, coordinator.orgId, "mentee"));
    await child.waitFor(namePrompt());
    await child.send("Петя Карпов");
    await child.waitFor(ruChild("register-mentee-age"));
    await child.send("13");
    await child.waitFor(ruChild("register-mentee-grade"));
    await stack.settle();
    await stack.restart();

    await child.press(ruChild("button-back")); // on the grade question, asked before the restart
    await child.waitFor(ruChild("register-mentee-age"));
    await child.send("12");
    await child.waitFor(ruChild("register-mentee-grade"));
    await child.send("6Г");
    await child.waitFor(directionsPrompt(ruChild));
    await child.press(label(ruChild("direction-studies")));
    await child.waitFor(directionsPrompt(ruChild));
    await child.press(ruChild("button-done"));
    await child.waitFor(ruChild("register-mentee-goals"));
    await child.send("Подтянуть русский");
    await child.waitFor(
      ruChild("register-mentee-summary", {
        name: "Петя Карпов",
        age: 12,
        grade: "6Г",
        directions: directionList(["studies"]),
        goals: "Подтянуть русский",
      }),
    );
    await child.press(ruChild("button-save"));
    await child.waitFor(ruChild("consent-waiting"));
    const stored = await participantByName(stack, coordinator.orgId, "Петя Карпов");
    expect(stored).toMatchObject({ status: "awaiting_consent", birthYear: birthYearFor(stack, 12) });
  });
});

describe("bad input on VK clients without callback buttons", () => {
  it("text buttons carry the same payloads, and a typed text still re-asks", async () => {
    const coordinator = await freshCoordinator("vk");
    const student = stack.vkUser(nextId(), { callbackButtons: false });
    await student.open(await issueInvite(stack, coordinator.orgId, "mentee"));
    await student.waitFor(namePrompt());
    await student.send("Лёша Новиков");
    await student.waitFor(ru("register-mentee-age"));
    await student.send("18");
    await student.waitFor(ru("register-mentee-grade"));
    await student.send("11А");
    const directions = await student.waitFor(directionsPrompt());
    expect(directions.keyboard?.buttons.flat().every((button) => button.action.type === "text")).toBe(true);
    await stack.settle();
    await student.press(label(ru("direction-civic")));
    await student.waitFor(directionsPrompt());
    await stack.settle();
    await student.press(ru("button-done"));
    await student.waitFor(ru("register-mentee-goals"));
    await student.pressPayload(JSON.stringify({ p: "0:p:x:y" }));
    await student.waitFor(`${ru("error-button-stale")}\n\n${ru("register-mentee-goals")}`);
    expect(stack.vkApi.eventAnswers().filter((answer) => answer.userId === student.userId)).toEqual([]);
  });
});
