/**
 * The pair's chat through the bot, end to end, with the mentor and the mentee on two different
 * messengers (each messenger takes both parts across the cases): messages go both ways with who wrote
 * them and a button to answer; phone numbers and handles are masked on the way; a concern word alerts
 * the coordinators once, however often the update comes; a coordinator reads the chat only once an
 * alert concerns the pair; quiet hours hold a message to a 12-year-old until morning; a muted chat
 * keeps its messages for when it is opened; bad input is answered and loses nothing; a pair that
 * ended closes its chat.
 */
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { HIDDEN_CONTACT_MARK } from "#root/domain/contact-masking.ts";
import { wallClock, zonedInstant } from "#root/domain/typed-dates.ts";
import { PAIR_CHAT_MAX_FILE_MB, PAIR_CHAT_MAX_LENGTH } from "#root/flows/pair-chat/chat.ts";
import { eventually } from "../support/calendar.ts";
import { freshMenu, HOUR, MSK, pressOn, received } from "../support/cycle-journey.ts";
import { en, labels, ru, ruChild } from "../support/journeys.ts";
import { CHAT_MESSENGERS, MENTEE, MENTOR, openChat, pairsAt12 } from "../support/pair-chat.ts";
import { useTestStack } from "../support/stack.ts";

const stack = useTestStack();

async function concernAlerts(pairId: number): Promise<number> {
  const row = await sql<{ count: number }>`
    SELECT count(*)::int AS count FROM outbox
    WHERE dedup_key LIKE 'pair-chat-concern:%' AND topic = ${`pair:${pairId}:alerts`}`.execute(stack.database.db);
  return row.rows[0]!.count;
}

describe.each(CHAT_MESSENGERS)("the pair's chat, mentor on %s, mentee on %s", (mentorPlatform, menteePlatform) => {
  const pairAt12 = pairsAt12(stack, mentorPlatform, menteePlatform, { telegram: 861_000, vk: 862_000, max: 863_000 }[mentorPlatform]);

  it("relays both ways across the messengers, masks contacts and alerts the coordinator once", async () => {
    const f = await pairAt12();
    const { mentor, mentee } = f;
    const toMentor = ruChild("pair-chat-to-mentor", { name: MENTOR });

    // The child opens the chat: first how it works, in a child's words, then the prompt.
    await openChat(stack, mentee, MENTEE);
    await mentee.waitFor(ruChild("pair-chat-intro", { to: toMentor, hidden: HIDDEN_CONTACT_MARK }));
    await mentee.waitFor(ruChild("pair-chat-prompt", { to: toMentor }));

    // A phone number and a handle do not get through.
    await mentee.send("Здравствуйте! Мой номер +7 912 345-67-89, а в тг я @petya_sokolov2014");
    const relayed = await mentor.waitFor(
      ru("pair-chat-relayed", { from: ru("pair-chat-from-mentee", { name: MENTEE }), text: "Здравствуйте!" }).split("\n")[0]!,
    );
    expect(relayed.text).toContain(HIDDEN_CONTACT_MARK);
    expect(relayed.text).not.toMatch(/912|345|67-89|petya_sokolov2014/);
    expect(relayed.text).toContain(ru("pair-chat-masked-note"));
    await mentee.waitFor(ruChild("pair-chat-delivered", { to: toMentor }));

    // The mentor answers with the button: the chat opens for them with the child's message in it.
    await pressOn(mentor, relayed, ru("button-pair-chat-reply"));
    await mentor.waitFor(ru("pair-chat-history-title"));
    const answer = "Привет, Петя! Встретимся в среду в 15:30 в кабинете 214, принеси тетрадь по алгебре (стр. 45, упр. 312).";
    await mentor.send(answer);
    const back = await mentee.waitFor(answer);
    expect(back.text).toBe(ruChild("pair-chat-relayed", { from: ruChild("pair-chat-from-mentor", { name: MENTOR }), text: answer }));
    await stack.settle();
    expect(await concernAlerts(f.pairId)).toBe(0);

    // Before any alert, the coordinator may not read the pair's chat.
    const coordinator = f.coordinator.user;
    await coordinator.pressPayload(`1:a:pair-chat-log:${f.orgId}.${f.pairId}`);
    await coordinator.waitFor(ru("pair-chat-log-closed"));

    // A concern word: one urgent alert to the coordinator, even when the platform delivers the update again.
    await mentee.send("Меня травят в классе, только никому не говорите");
    const alert = await coordinator.waitFor(ru("pair-chat-concern-bullying"));
    expect(alert.text).toContain("никому не говорите");
    await mentee.replayLast();
    await stack.settle();
    expect(await concernAlerts(f.pairId)).toBe(1);
    expect(received(coordinator, ru("pair-chat-concern-bullying"))).toHaveLength(1);

    // The alert opens the pair's chat for the coordinator, with the concern marked.
    await pressOn(coordinator, alert, ru("button-pair-chat-log"));
    const log = await coordinator.waitFor(
      ru("pair-chat-log-title", { pair: ru("check-ins-pair", { mentor: MENTOR, mentees: MENTEE, org: f.coordinator.orgName }), count: 3 }),
    );
    expect(log.text).toContain(answer);
    expect(log.text).toContain("⚠️");
    expect(log.text).not.toMatch(/petya_sokolov2014|912/);

    // Done ends the chat politely.
    await pressOn(mentee, received(mentee, ruChild("pair-chat-prompt", { to: toMentor })).at(-1)!, ruChild("button-pair-chat-done"));
    await mentee.waitFor(ruChild("pair-chat-closed"));
  });

  it("holds a message to a 12-year-old until morning, keeps a muted chat's messages and answers bad input", async () => {
    const f = await pairAt12();
    const { mentor, mentee } = f;
    const toMentee = ru("pair-chat-to-mentee", { name: MENTEE });
    await openChat(stack, mentor, MENTOR);
    await mentor.waitFor(ru("pair-chat-prompt", { to: toMentee }));

    // Bad input: a message that is too long, and something the bot cannot pass on (a sticker).
    await mentor.send("Очень длинное сообщение. ".repeat(250).slice(0, 5_000));
    await mentor.waitFor(ru("pair-chat-too-long", { max: PAIR_CHAT_MAX_LENGTH }));
    await mentor.sendSticker();
    await mentor.waitFor(ru("pair-chat-unsupported", { max: PAIR_CHAT_MAX_FILE_MB }));

    // 22:00 in Moscow: the child's quiet hours.
    const { date } = wallClock(stack.clock.now(), MSK);
    stack.clock.set(zonedInstant(date, { hour: 22, minute: 0 }, MSK));
    const late = "Петя, не забудь завтра взять проект.";
    await mentor.send(late);
    await mentor.waitFor(ru("pair-chat-held-till-morning"));
    await stack.settle();
    expect(received(mentee, late)).toHaveLength(0);
    // 07:59 the message still waits; at 08:00 it goes.
    stack.clock.set(new Date(stack.clock.now().getTime() + 10 * HOUR - 60_000));
    await stack.app.outbox.deliverDue();
    expect(received(mentee, late)).toHaveLength(0);
    stack.clock.set(new Date(stack.clock.now().getTime() + 60_000));
    await stack.app.outbox.deliverDue();
    await mentee.waitFor(late);

    // The child mutes the chat: the next message waits in it, shown when the chat is opened.
    const toMentor = ruChild("pair-chat-to-mentor", { name: MENTOR });
    await openChat(stack, mentee, MENTEE);
    await pressOn(mentee, await mentee.waitFor(ruChild("pair-chat-prompt", { to: toMentor })), ruChild("button-pair-chat-mute"));
    await mentee.waitFor(ruChild("pair-chat-muted"));
    await stack.settle();
    await pressOn(mentee, received(mentee, ruChild("pair-chat-prompt", { to: toMentor })).at(-1)!, ruChild("button-pair-chat-done"));
    await mentee.waitFor(ruChild("pair-chat-closed"));
    const quiet = "Как продвигается проект?";
    await mentor.send(quiet);
    await mentor.waitFor(ru("pair-chat-delivered", { to: toMentee }));
    await stack.settle();
    await stack.app.outbox.deliverDue();
    expect(received(mentee, quiet)).toHaveLength(0);
    await openChat(stack, mentee, MENTEE);
    const history = await mentee.waitFor(ruChild("pair-chat-history-title"));
    expect(history.text).toContain(quiet);
  });

  it("shows where a contact was hidden in each reader's own language, while the pair's record keeps the school's mark", async () => {
    const f = await pairAt12();
    const { mentor, mentee } = f;
    // The mentor reads in English; the child in Russian.
    await mentor.send("/language");
    await mentor.waitFor(ru("language-question"));
    await mentor.press(en("language-en"));
    await mentor.waitFor(en("language-saved"));
    const ruMark = ruChild("pair-chat-hidden-contact");
    const enMark = en("pair-chat-hidden-contact");
    expect(ruMark).toBe(HIDDEN_CONTACT_MARK);
    expect(enMark).not.toBe(ruMark);

    await openChat(stack, mentee, MENTEE);
    await mentee.waitFor(ruChild("pair-chat-prompt", { to: ruChild("pair-chat-to-mentor", { name: MENTOR }) }));
    await mentee.send("Мой номер +7 912 345-67-89, звоните");
    const relayed = await mentor.waitFor(
      en("pair-chat-relayed", { from: en("pair-chat-from-mentee", { name: MENTEE }), text: "" }).split("\n")[0]!,
    );
    expect(relayed.text).toContain(`Мой номер ${enMark}, звоните`);
    expect(relayed.text).not.toContain(ruMark);
    expect(relayed.text).toContain(en("pair-chat-masked-note"));

    // Opening the chat, the mentor is told of the mark and sees the child's message with it, in English.
    await pressOn(mentor, relayed, en("button-pair-chat-reply"));
    const toMentee = en("pair-chat-to-mentee", { name: MENTEE });
    await mentor.waitFor(en("pair-chat-intro", { to: toMentee, hidden: enMark }));
    const history = await mentor.waitFor(en("pair-chat-history-title"));
    expect(history.text).toContain(`Мой номер ${enMark}, звоните`);
    expect(history.text).not.toContain(ruMark);
    await mentor.waitFor(en("pair-chat-prompt", { to: toMentee }));

    // The mentor's number reaches the child hidden by the Russian mark.
    await mentor.send("My phone is 8 912 345 67 89, or write here");
    const back = await mentee.waitFor(
      ruChild("pair-chat-relayed", { from: ruChild("pair-chat-from-mentor", { name: MENTOR }), text: "" }).split("\n")[0]!,
    );
    expect(back.text).toContain(`My phone is ${ruMark}, or write here`);
    expect(back.text).not.toContain(enMark);
    expect(back.text).toContain(ruChild("pair-chat-masked-note"));
    await mentor.waitFor(en("pair-chat-delivered", { to: toMentee }));

    // The record keeps one mark, the school's, whoever reads it later.
    const kept = await stack.database.db.selectFrom("pair_messages").select("body").where("pair_id", "=", f.pairId).orderBy("id").execute();
    expect(kept.map((row) => row.body)).toEqual([
      `Мой номер ${HIDDEN_CONTACT_MARK}, звоните`,
      `My phone is ${HIDDEN_CONTACT_MARK}, or write here`,
    ]);
  });

  it("closes the chat of a pair that ended, and a stale reply button says so", async () => {
    const f = await pairAt12();
    const { mentor, mentee } = f;
    await openChat(stack, mentee, MENTEE);
    await mentee.send("Здравствуйте!");
    const relayed = await mentor.waitFor("Здравствуйте!");
    await stack.settle();
    await stack.database.db.updateTable("pairs").set({ status: "ended" }).where("id", "=", f.pairId).execute();
    await pressOn(mentor, relayed, ru("button-pair-chat-reply"));
    await mentor.waitFor(ru("pair-not-yours"));
  });

  it("erases what a person wrote when they delete their data, and their pair's chat ends", async () => {
    const f = await pairAt12();
    const { mentor, mentee } = f;
    await openChat(stack, mentee, MENTEE);
    const secret = "Я боюсь контрольной по математике, помогите подготовиться";
    await mentee.send(secret);
    const relayed = await mentor.waitFor(secret);
    await mentee.send("/delete_me");
    await mentee.waitFor(ruChild("flow-in-progress"));
    await mentee.send("/cancel");
    await mentee.send("/delete_me");
    await mentee.waitFor(ruChild("delete-confirm"));
    await mentee.press(ruChild("button-delete-yes"));
    await mentee.waitFor(ruChild("delete-done"));
    await stack.settle();

    const kept = await stack.database.db.selectFrom("pair_messages").select("body").where("pair_id", "=", f.pairId).execute();
    expect(kept.map((row) => row.body)).not.toContain(secret);
    expect(
      await stack.database.db.selectFrom("pair_chat_members").select("person_id").where("person_id", "=", f.menteePersonId).execute(),
    ).toEqual([]);
    // The mentor's answer button finds no pair to write to.
    await pressOn(mentor, relayed, ru("button-pair-chat-reply"));
    await mentor.waitFor(ru("pair-not-yours"));
  });

  it("opens the pair's chat to the coordinator who reads the child's help report", async () => {
    const f = await pairAt12();
    const { mentor, mentee } = f;
    const coordinator = f.coordinator.user;
    await openChat(stack, mentee, MENTEE);
    await mentee.send("Привет! Когда следующая встреча?");
    await mentor.waitFor("Когда следующая встреча?");
    await pressOn(
      mentee,
      received(mentee, ruChild("pair-chat-prompt", { to: ruChild("pair-chat-to-mentor", { name: MENTOR }) })).at(-1)!,
      ruChild("button-pair-chat-done"),
    );
    await mentee.waitFor(ruChild("pair-chat-closed"));
    await coordinator.pressPayload(`1:a:pair-chat-log:${f.orgId}.${f.pairId}`);
    await coordinator.waitFor(ru("pair-chat-log-closed"));

    // The child asks an adult for help.
    const body = "Мне неприятно, когда наставник пишет мне поздно вечером";
    await pressOn(mentee, await freshMenu(mentee, MENTEE), ruChild("button-need-help"));
    await mentee.waitFor(ruChild("need-help-question-mentee"));
    await mentee.send(body);
    await pressOn(mentee, await mentee.waitFor(ruChild("need-help-preview-mentee", { text: body })), ruChild("button-send"));
    await mentee.waitFor(ruChild("need-help-sent-mentee"));
    await stack.settle();

    const report = await stack.database.db.selectFrom("help_reports").select("id").where("org_id", "=", f.orgId).executeTakeFirstOrThrow();
    await coordinator.pressPayload(`1:a:help-report:${f.orgId}.${report.id}`);
    // The report in full (not the alert that quoted it) offers the pair's chat.
    const view = await eventually(
      () => received(coordinator, body).find((message) => labels(message).includes(ru("button-pair-chat-log"))),
      (found) => found !== undefined,
    );
    await pressOn(coordinator, view!, ru("button-pair-chat-log"));
    const log = await coordinator.waitFor(
      ru("pair-chat-log-title", { pair: ru("check-ins-pair", { mentor: MENTOR, mentees: MENTEE, org: f.coordinator.orgName }), count: 1 }),
    );
    expect(log.text).toContain("Когда следующая встреча?");
  });
});
