/**
 * Help reports handled (issue 18), end to end on every messenger: a child's report goes new → in work
 * (taken) → answered (the child receives the answer on their messenger) → closed; the child is told
 * once that it was read, and their menu shows where it stands; a second coordinator's stale buttons,
 * a too-long answer and text where a button is expected get friendly answers; the export for the
 * safeguarding file arrives with the right rows; the note and the answer go with the child's data;
 * an unread report is alerted again to every coordinator after 24 hours of the app's clock, once.
 */
import { describe, expect, it } from "vitest";
import { reportDay, shownAt } from "#root/flows/check-ins/help-report-wording.ts";
import { reporterLine } from "#root/flows/check-ins/need-help.ts";
import type { ChatUser } from "../support/chat-user.ts";
import { count, filesTo, pressOn, received } from "../support/cycle-journey.ts";
import {
  type Coordinator,
  idSequence,
  issueInvite,
  labels,
  menteeForm,
  otherPlatform,
  parentDecides,
  payloadOfButton,
  registerCoordinator,
  registerMentee,
  ru,
  ruChild,
  ruPlain,
} from "../support/journeys.ts";
import { askedAgain } from "../support/screens.ts";
import { useTestStack } from "../support/stack.ts";
import { readWorkbook, sheetRows } from "../support/workbook.ts";

const stack = useTestStack();

const MOSCOW = "Europe/Moscow";
const HOUR = 3_600_000;

/** A second coordinator of the same organisation joins through a coordinator invite. */
async function secondCoordinator(coordinator: Coordinator, user: ChatUser, name: string): Promise<void> {
  await user.open(await issueInvite(stack, coordinator.orgId, "coordinator"));
  await user.waitFor(ru("register-coordinator-welcome", { org: coordinator.orgName }));
  await user.waitFor(ru("register-coordinator-name"));
  await user.send(name);
  await user.waitFor(ru("menu-title", { name }));
}

/** A 13-year-old («ты») reports from the menu and is told it was sent. */
async function childReports(child: ChatUser, name: string, body: string): Promise<void> {
  await child.send("/menu");
  await child.waitFor(ruChild("menu-title", { name }));
  await child.press(ruChild("button-need-help"));
  await child.waitFor(ruChild("need-help-question-mentee"));
  await child.send(body);
  await child.waitFor(ruChild("need-help-preview-mentee", { text: body }));
  await child.press(ruChild("button-send"));
  await child.waitFor(ruChild("need-help-sent-mentee"));
  await stack.settle();
}

/** The organisation's newest report, or the one with this text. */
async function reportRow(orgId: number, body?: string) {
  let query = stack.database.db.selectFrom("help_reports").selectAll().where("org_id", "=", orgId);
  if (body !== undefined) query = query.where("body", "=", body);
  return query.orderBy("id", "desc").executeTakeFirstOrThrow();
}

describe.each(["telegram", "vk", "max"] as const)("help reports handled on %s", (platform) => {
  const other = otherPlatform(platform);
  const nextId = idSequence({ telegram: 870_000, vk: 870_200, max: 870_400 }[platform]);

  it("new → taken → answered → closed: the child is told it was read and gets the answer; stale buttons, a long answer and typed text are answered kindly; the export has the rows", async () => {
    const anna = await registerCoordinator(stack, other, nextId());
    const boris = stack.user(platform, nextId());
    const borisName = "Борис Андреевич Котов";
    await secondCoordinator(anna, boris, borisName);
    const child = stack.user(platform, nextId());
    const childName = "Ваня Зайцев";
    await registerMentee(
      child,
      { payload: await issueInvite(stack, anna.orgId, "mentee"), orgName: anna.orgName },
      menteeForm(childName, 13),
    );

    const body = "Мальчики из команды смеются надо мной на встречах.";
    await childReports(child, childName, body);
    const alert = ru("help-alert", { org: anna.orgName, who: reporterLine("mentee", childName, null), text: body });
    await anna.user.waitFor(alert);
    await boris.waitFor(alert);
    const created = await reportRow(anna.orgId);
    expect(created).toMatchObject({ status: "new", taken_by: null, note: null, answer: null, closed_at: null });
    const date = reportDay(new Date(created.created_at).toISOString(), MOSCOW);
    const readNotice = ruChild("help-report-read-mentee", { date });

    // Before anyone opens it, the child's menu says it is sent and not opened yet.
    const ownLine = (status: string) =>
      ruChild("help-report-own", {
        date: shownAt(new Date(created.created_at).toISOString(), MOSCOW, "ru", false),
        status: ruChild(status),
      });
    await child.send("/menu");
    expect((await child.waitFor(ruChild("menu-title", { name: childName }))).text).toContain(ownLine("help-report-own-sent"));

    // Anna opens it from the list: new, with the moves a new report has.
    await anna.user.press(ru("button-help-reports"));
    await anna.user.waitFor(ru("help-reports-title", { org: anna.orgName, total: 1, unseen: 1, page: 1, pages: 1 }));
    await anna.user.press(new RegExp(`^${ru("help-reports-new")} 1 · `));
    const annaView = await anna.user.waitFor(ru("help-report-status", { status: ru("help-report-status-new") }));
    expect(annaView.text).toContain(body);
    expect(labels(annaView)).toEqual([
      ru("button-help-report-take"),
      ru("button-help-report-answer"),
      ru("button-help-report-note"),
      ru("button-help-report-close"),
      ru("button-help-reports"),
      ru("button-menu"),
    ]);
    // The child is told, once, in simple «ты» words.
    await stack.settle();
    await child.waitFor(readNotice);

    // Boris opens it from his alert too: read already, nobody is told again.
    await boris.press(ru("button-help-report-open"));
    const borisView = await boris.waitFor(ru("help-report-status", { status: ru("help-report-status-new") }));
    await stack.settle();
    expect(count(child, readNotice)).toBe(1);

    // Anna takes it; Boris's older «Take it» then says who has it.
    await anna.user.press(ru("button-help-report-take"));
    await anna.user.waitFor(ru("help-report-taken-done"));
    const taken = await anna.user.waitFor(ru("help-report-status", { status: ru("help-report-status-in-work") }));
    const takenAt = shownAt(new Date((await reportRow(anna.orgId)).taken_at!).toISOString(), MOSCOW, "ru", true);
    expect(taken.text).toContain(ru("help-report-taken-by", { name: anna.name, date: takenAt }));
    expect(labels(taken)).not.toContain(ru("button-help-report-take"));
    await pressOn(boris, borisView, ru("button-help-report-take"));
    await boris.waitFor(ru("help-report-already-taken", { name: anna.name }));
    expect((await reportRow(anna.orgId)).status).toBe("in_work");

    // A private note (with an emoji, kept as typed): only coordinators ever see it.
    const note = `Позвонила маме ${childName.split(" ")[0]} 📞, договорились о встрече в четверг.`;
    await anna.user.press(ru("button-help-report-note"));
    await anna.user.waitFor(ru("help-report-note-question", { max: 2000 }));
    await anna.user.send(note);
    await anna.user.waitFor(ru("help-report-note-saved"));
    expect((await anna.user.waitFor(note)).text).toContain(ru("help-report-status", { status: ru("help-report-status-in-work") }));

    // The answer: too long first (the limit is kept, the text is not thrown away), then text at the preview.
    await anna.user.press(ru("button-help-report-answer"));
    const question = ru("help-report-answer-question-mentee", { max: 2000 });
    await anna.user.waitFor(question);
    await anna.user.send("Я".repeat(2_001));
    await askedAgain(stack, anna.user, ru("help-report-text-too-long", { length: 2_001, max: 2000 }), question, [ru("button-cancel")]);
    const answer = "Ваня, спасибо, что написал. Я поговорила с ребятами и с наставником, в четверг встретимся все вместе.";
    await anna.user.send(answer);
    const preview = ru("help-report-answer-preview", { text: answer });
    await anna.user.waitFor(preview);
    await anna.user.send("ок");
    const sendOrChange = [ru("button-send"), ru("button-need-help-change"), ru("button-cancel")];
    await askedAgain(stack, anna.user, ru("error-use-buttons"), preview, sendOrChange);
    await anna.user.press(ru("button-send"));
    await anna.user.waitFor(ru("help-report-answer-sent"));
    const answered = await anna.user.waitFor(answer);
    expect(labels(answered)).not.toContain(ru("button-help-report-answer"));
    await stack.settle();
    // The child gets it on their own messenger, in «ты» words.
    await child.waitFor(ruChild("help-report-answer-to-mentee", { date, org: anna.orgName, text: answer }));
    expect(child.platform).toBe(platform);
    // A second answer from Boris's old screen is not sent.
    await pressOn(boris, borisView, ru("button-help-report-answer"));
    const answeredAt = shownAt(new Date((await reportRow(anna.orgId)).answered_at!).toISOString(), MOSCOW, "ru", true);
    await boris.waitFor(ru("help-report-already-answered", { name: anna.name, date: answeredAt }));
    await stack.settle();
    expect(received(child, answer)).toHaveLength(1);

    // Closing: text where a button is expected, then the button.
    await anna.user.press(ru("button-help-report-close"));
    const confirm = ru("help-report-close-confirm");
    await anna.user.waitFor(confirm);
    await anna.user.send("да");
    await askedAgain(stack, anna.user, ru("error-use-buttons"), confirm, [ru("button-help-report-close-yes"), ru("button-cancel")]);
    await anna.user.press(ru("button-help-report-close-yes"));
    await anna.user.waitFor(ru("help-report-closed-done"));
    const closedView = await anna.user.waitFor(ru("help-report-status", { status: ru("help-report-status-closed") }));
    expect(labels(closedView)).toEqual([ru("button-help-report-note-edit"), ru("button-help-reports"), ru("button-menu")]);
    const closed = await reportRow(anna.orgId);
    expect(closed).toMatchObject({ status: "closed", note, answer });
    const closedAt = shownAt(new Date(closed.closed_at!).toISOString(), MOSCOW, "ru", true);
    // Boris's old Close button: closed already, by whom and when.
    await pressOn(boris, borisView, ru("button-help-report-close"));
    await boris.waitFor(ru("help-report-already-closed", { name: anna.name, date: closedAt }));
    expect((await reportRow(anna.orgId)).closed_by).toBe(closed.closed_by);

    // The child never saw the note; their menu says the matter is answered and closed.
    expect(child.messages().some((message) => message.text.includes("📞"))).toBe(false);
    await child.send("/menu");
    expect((await child.waitFor(ruChild("menu-title", { name: childName }))).text).toContain(ownLine("help-report-own-answered-closed"));

    // The list: closed ones are left out when asked for open ones only.
    await anna.user.send("/menu");
    await anna.user.waitFor(ru("menu-title", { name: anna.name }));
    await anna.user.press(ru("button-help-reports"));
    const list = await anna.user.waitFor(ru("help-reports-title", { org: anna.orgName, total: 1, unseen: 0, page: 1, pages: 1 }));
    expect(labels(list)[0]).toMatch(new RegExp(`^${ru("help-reports-closed")} 1 · `));
    expect(list.text).toContain(ru("help-reports-legend", { open: 0 }));
    await anna.user.press(ru("button-help-reports-open"));
    await anna.user.waitFor(ru("help-reports-none-open"));

    // The export for the safeguarding file.
    await anna.user.press(ru("button-help-reports-all"));
    await anna.user.waitFor(ru("help-reports-title", { org: anna.orgName, total: 1, unseen: 0, page: 1, pages: 1 }));
    await anna.user.press(ru("button-help-reports-export"));
    await anna.user.waitFor(ru("help-reports-export-ready", { count: 1 }));
    await expect.poll(() => filesTo(stack, anna.user).filter((file) => file.filename.endsWith(".xlsx")).length, { timeout: 8_000 }).toBe(1);
    const file = filesTo(stack, anna.user).find((entry) => entry.filename.endsWith(".xlsx"))!;
    expect(file.filename).toMatch(/^obrashcheniya-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const book = await readWorkbook(file.bytes);
    const rows = sheetRows(book.worksheets[0]!).filter((row) => row.length > 0);
    const header = rows.findIndex((row) => row[0] === "№");
    expect(rows[header]).toEqual([
      "№",
      ruPlain("help-reports-column-date"),
      ruPlain("help-reports-column-who"),
      ruPlain("help-reports-column-text"),
      ruPlain("help-reports-column-status"),
      ruPlain("help-reports-column-read"),
      ruPlain("help-reports-column-taken"),
      ruPlain("help-reports-column-note"),
      ruPlain("help-reports-column-answer"),
      ruPlain("help-reports-column-answered"),
      ruPlain("help-reports-column-closed"),
    ]);
    expect(rows.slice(header + 1)).toEqual([
      [
        1,
        shownAt(new Date(created.created_at).toISOString(), MOSCOW, "ru", true),
        ruPlain("help-from-mentee", { name: childName }),
        body,
        ruPlain("help-report-status-closed"),
        ru("help-reports-cell-yes"),
        anna.name,
        note, // the emoji kept: a record keeps people's words as they were written
        answer,
        answeredAt,
        closedAt,
      ],
    ]);

    // The child asks for their data to be erased: the note and the answer go too, the report stays.
    await child.send("/delete_me");
    await child.waitFor(ruChild("delete-confirm"));
    await child.press(ruChild("button-delete-yes"));
    await child.waitFor(ruChild("delete-done"));
    await stack.settle();
    expect(await reportRow(anna.orgId)).toMatchObject({ body, note: null, answer: null, status: "closed" });
    await anna.user.pressPayload(`1:a:help-report:${anna.orgId}.${closed.id}`);
    const afterErasure = await anna.user.waitFor(ru("help-report-traces-erased"));
    expect(afterErasure.text).not.toContain(answer);
    expect(afterErasure.text).not.toContain("📞");
  });

  it("an unread report is alerted again to every coordinator after 24 hours of the app's clock, once; a read one is not", async () => {
    const anna = await registerCoordinator(stack, other, nextId());
    const boris = stack.user(platform, nextId());
    await secondCoordinator(anna, boris, "Борис Андреевич Котов");
    const child = stack.user(platform, nextId());
    const childName = "Лёша Гусев";
    await registerMentee(
      child,
      { payload: await issueInvite(stack, anna.orgId, "mentee"), orgName: anna.orgName },
      menteeForm(childName, 13),
    );

    const unread = "Мне страшно идти на встречу в пятницу.";
    await childReports(child, childName, unread);
    const unreadAt = new Date((await reportRow(anna.orgId)).created_at).getTime();
    const read = "И ещё: у меня забрали телефон на встрече.";
    await childReports(child, childName, read);
    // The second one Boris opens at once.
    await boris.waitFor(read);
    await boris.press(ru("button-help-report-open"));
    await boris.waitFor(ru("help-report-status", { status: ru("help-report-status-new") }));

    // It names who wrote and when, without quoting them: opening the report is what is asked.
    const escalation = ru("help-report-escalation", {
      org: anna.orgName,
      who: reporterLine("mentee", childName, null),
      date: reportDay(new Date(unreadAt).toISOString(), MOSCOW),
    });
    const escalated = (user: ChatUser) => user.messages().filter((message) => message.text.includes(escalation));
    // A minute short of a day: nothing yet.
    await stack.runJobs(new Date(unreadAt + 24 * HOUR - 60_000));
    await stack.settle();
    for (const coordinator of [anna.user, boris]) expect(escalated(coordinator)).toEqual([]);

    // A day after it came: every coordinator, with the button that opens it.
    await stack.runJobs(new Date(unreadAt + 24 * HOUR));
    await stack.settle();
    for (const coordinator of [anna.user, boris]) {
      const alert = await coordinator.waitFor(escalation);
      expect(labels(alert)).toEqual([ru("button-help-report-open"), ru("button-help-reports")]);
      expect(alert.text).not.toContain(unread);
    }
    // Later runs (another replica, the next tick, a day later) alert no more; the read report never.
    await stack.runJobs(new Date(unreadAt + 24 * HOUR + 5 * 60_000));
    await stack.runJobs(new Date(unreadAt + 50 * HOUR));
    await stack.settle();
    // One each, and about the unread report (its button opens that one; the read one is never escalated).
    const unreadId = (await reportRow(anna.orgId, unread)).id;
    for (const coordinator of [anna.user, boris]) {
      expect(escalated(coordinator)).toHaveLength(1);
      expect(payloadOfButton(escalated(coordinator)[0]!, ru("button-help-report-open"))).toBe(`1:a:help-report:${anna.orgId}.${unreadId}`);
    }

    // Opened from the second alert: the child is told now.
    await anna.user.press(ru("button-help-report-open"));
    expect((await anna.user.waitFor(ru("help-report-status", { status: ru("help-report-status-new") }))).text).toContain(unread);
    await stack.settle();
    expect(count(child, ruChild("help-report-read-mentee", { date: reportDay(new Date(unreadAt).toISOString(), MOSCOW) }))).toBe(2);
  });
  it("a parent is told in «вы» that the report was read, and it can be closed without an answer; their menu says so", async () => {
    const anna = await registerCoordinator(stack, other, nextId());
    const child = stack.user(other, nextId());
    const registered = await registerMentee(
      child,
      { payload: await issueInvite(stack, anna.orgId, "mentee"), orgName: anna.orgName },
      menteeForm("Маша Соколова", 10),
    );
    const parent = stack.user(platform, nextId());
    const parentName = "Соколова Ирина Викторовна";
    await parentDecides(parent, registered.parentPayloads![platform], parentName, "agree", {
      name: "Маша Соколова",
      age: 10,
      orgName: anna.orgName,
    });
    await stack.settle();
    await parent.send("/menu");
    await parent.waitFor(ru("menu-title", { name: parentName }));
    await parent.press(ru("button-need-help-parent"));
    await parent.waitFor(ru("need-help-question-parent"));
    const body = "Дочь говорит, что наставник просит её личный номер телефона.";
    await parent.send(body);
    await parent.waitFor(ru("need-help-preview-parent", { text: body }));
    await parent.press(ru("button-send"));
    await parent.waitFor(ru("need-help-sent-parent"));
    await stack.settle();
    const created = await reportRow(anna.orgId);
    const date = reportDay(new Date(created.created_at).toISOString(), MOSCOW);

    await anna.user.waitFor(body);
    await anna.user.press(ru("button-help-report-open"));
    await anna.user.waitFor(ru("help-report-status", { status: ru("help-report-status-new") }));
    await stack.settle();
    await parent.waitFor(ru("help-report-read-parent", { date }));
    // The child hears nothing of it.
    expect(child.messages().some((message) => message.text.includes(body) || message.text.includes("👀"))).toBe(false);

    // Closed without an answer (asked once more), straight from «new»: whoever closes it has taken it.
    await anna.user.press(ru("button-help-report-close"));
    await anna.user.waitFor(ru("help-report-close-confirm-unanswered"));
    await anna.user.press(ru("button-help-report-close-yes"));
    await anna.user.waitFor(ru("help-report-closed-done"));
    const closedView = await anna.user.waitFor(ru("help-report-status", { status: ru("help-report-status-closed") }));
    const closed = await reportRow(anna.orgId);
    expect(closed).toMatchObject({ status: "closed", answer: null, taken_by: closed.closed_by });
    expect(closedView.text).toContain(
      ru("help-report-closed", { name: anna.name, date: shownAt(new Date(closed.closed_at!).toISOString(), MOSCOW, "ru", true) }),
    );
    await stack.settle();
    // Nothing was answered, so nothing more goes to the parent.
    const toParent = await stack.database.db
      .selectFrom("outbox")
      .select("dedup_key")
      .where("dedup_key", "like", `help-report:${closed.id}:%`)
      .where("person_id", "=", closed.reporter_person_id)
      .execute();
    expect(toParent).toEqual([{ dedup_key: `help-report:${closed.id}:read` }]);
    await parent.send("/menu");
    const menu = await parent.waitFor(ru("menu-title", { name: parentName }));
    expect(menu.text).toContain(
      ru("help-report-own", {
        date: shownAt(new Date(created.created_at).toISOString(), MOSCOW, "ru", false),
        status: ru("help-report-own-closed"),
      }),
    );
  });
});
