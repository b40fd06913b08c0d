/**
 * The introduction (знакомство, stage 5) end to end, on every messenger: once the pairs are
 * published the coordinator opens it from the programme screen and schedules it (bad input on the
 * way: a past day, an impossible time, a 5,000-character place, free text on the buttons, a stale
 * "Send"); the mentee, the mentor and the consenting parent get the invitation with a calendar file
 * and answer; the coordinator sees the answers, cannot tick attendance before the meeting, ticks
 * which pairs came afterwards; the monitoring report counts it. Refused politely: a mentee on the
 * coordinator's screens, another organisation's coordinator ticking this introduction.
 */
import { describe, expect, it } from "vitest";
import { formatCalendarDate } from "#root/domain/cycle.ts";
import { zonedInstant } from "#root/domain/typed-dates.ts";
import { eventWhen } from "#root/flows/closing/final-event-wording.ts";
import { pairLabel as pairButton } from "#root/flows/introduction/wording.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import { packAction } from "#root/messaging/buttons.ts";
import type { Platform } from "#root/messaging/messenger.ts";
import { dayAhead, eventually, icsTime, MOSCOW, toNextMidday } from "../support/calendar.ts";
import type { ChatMessage, ChatUser } from "../support/chat-user.ts";
import { filesTo, textFilesTo, typedDate } from "../support/cycle-journey.ts";
import { docxTableRows } from "../support/docx.ts";
import { labels, payloadOfButton, ru, ruChild, translator } from "../support/journeys.ts";
import { startWorkingPair } from "../support/pairs.ts";
import { useTestStack } from "../support/stack.ts";

const stack = useTestStack();

const HOUR = 3_600_000;
const HUGE = "Актовый зал школы, второй этаж, вход со двора. ".repeat(120).slice(0, 5_000);
const PLACE = "Библиотека, 1 этаж";
const DESCRIPTION = "Знакомство наставников и наставляемых\nРасскажем о программе, пары познакомятся, родители зададут вопросы.";

async function pressOn(user: ChatUser, message: ChatMessage, label: string): Promise<void> {
  await user.pressPayload(payloadOfButton(message, label));
}

async function introductionsOf(cycleId: number) {
  return stack.database.db
    .selectFrom("final_events")
    .selectAll()
    .where("cycle_id", "=", cycleId)
    .where("kind", "=", "introduction")
    .execute();
}

const render = (message: Msg): string => translator.render("ru", message);

const countsText = (invited: number, coming: number, notComing: number, waiting: number): string =>
  ru("final-event-counts", { invited, coming, notComing, waiting });

describe.each(["telegram", "vk", "max"] as const)("the introduction on %s", (platform: Platform) => {
  let nextBlock = { telegram: 430_000, vk: 440_000, max: 450_000 }[platform];

  it("is scheduled from the programme screen, reaches the pair and the parent with a calendar file, is answered, ticked per pair and counted in the report", async () => {
    toNextMidday(stack);
    const f = await startWorkingPair(stack, platform, nextBlock);
    nextBlock += 10;
    const { coordinator, mentor, mentee, parent } = f;
    const user = coordinator.user;
    const orgName = coordinator.orgName;

    // A mentee cannot open the coordinator's screens.
    await mentee.pressPayload(packAction("introduction"));
    await mentee.waitFor(ruChild("error-coordinators-only"));

    // The programme screen offers the introduction once pairs are published.
    await user.pressPayload(packAction("programme"));
    const programme = await eventually(
      () => user.messages().findLast((message) => message.text.includes(ru("stage-working"))),
      (screen) => screen !== undefined && labels(screen).includes(ru("button-introduction")),
    );
    await pressOn(user, programme!, ru("button-introduction"));
    const none = await user.waitFor(ru("introduction-none"));
    expect(none.text).toContain(ru("introduction-waiting", { pairs: 1 }));
    await pressOn(user, none, ru("button-introduction-new"));
    await user.waitFor(ru("introduction-intro", { cycle: "2026/27", count: 3 }));

    // The day: a day already past, then a quick button; the time: impossible, then typed.
    await user.waitFor(ru("final-event-date-question"));
    await user.send(typedDate(dayAhead(stack, -1)));
    await user.waitFor(ru("error-date-past"));
    const inWeek = dayAhead(stack, 7);
    await user.press(ru("quick-date-in-week", { date: formatCalendarDate(inWeek, "ru") }));
    await user.waitFor(ru("final-event-time-question", { date: formatCalendarDate(inWeek, "ru") }));
    await user.send("25:00");
    await user.waitFor(ru("error-time-impossible"));
    await user.send("16:30");
    const start = zonedInstant(inWeek, { hour: 16, minute: 30 }, MOSCOW);

    // The place: 5,000 characters refused kindly; the description.
    await user.waitFor(ru("final-event-place-question", { max: 200 }));
    await user.send(HUGE);
    await user.waitFor(ru("final-event-place-too-long", { max: 200, length: HUGE.trim().length }));
    await user.send(PLACE);
    await user.waitFor(ru("introduction-description-question", { max: 1_000 }));
    await user.send(DESCRIPTION);

    // The preview: free text where a button is expected is re-asked.
    const when = eventWhen({ startsAt: start.toISOString() }, MOSCOW);
    const preview = await user.waitFor(
      ru("introduction-preview", { count: 3, org: orgName, when, place: PLACE, description: DESCRIPTION }),
    );
    await user.send("наверное");
    await user.waitFor(ru("error-use-buttons"));
    await pressOn(user, preview, ru("button-introduction-send"));
    const sent = await user.waitFor(ru("introduction-sent", { count: 3 }));
    expect(sent.text).toContain(ru("introduction-sent", { count: 3 }));
    const screen = await user.waitFor(countsText(3, 0, 0, 3));
    expect(screen.text).toContain(PLACE);
    // A stale "Send" creates nothing more.
    await pressOn(user, preview, ru("button-introduction-send"));
    await user.waitForToast(ru("toast-button-stale"));
    const [event] = await introductionsOf(f.cycleId);
    expect(await introductionsOf(f.cycleId)).toHaveLength(1);
    expect(new Date(event!.starts_at).getTime()).toBe(start.getTime());

    // The mentee (15, «ты»), the teacher mentor and the parent (adults, «вы») get it with the calendar file.
    await stack.settle();
    const details = { org: orgName, when, place: PLACE, description: DESCRIPTION };
    const invitations = new Map<ChatUser, ChatMessage>();
    for (const [guest, key, r] of [
      [mentee, "introduction-invitation-mentee", ruChild],
      [mentor, "introduction-invitation", ru],
      [parent, "introduction-invitation", ru],
    ] as const) {
      const invitation = await guest.waitFor(r(key, details));
      expect(labels(invitation)).toEqual([r("button-final-event-coming"), r("button-final-event-not-coming")]);
      invitations.set(guest, invitation);
      const files = await eventually(
        () => textFilesTo(stack, guest).filter((file) => file.filename === `introduction-${event!.id}.ics`),
        (found) => found.length > 0,
      );
      const ics = files[0]!.text.replace(/\r\n /g, "");
      expect(ics).toContain(`UID:introduction-${event!.id}@nastavnik`);
      expect(ics).toContain(`DTSTART:${icsTime(start)}`);
      expect(ics).toContain("SUMMARY:Знакомство наставников и наставляемых\r\n");
    }
    // The coordinator who scheduled it is not a guest.
    expect(textFilesTo(stack, user).filter((file) => file.filename.startsWith("introduction-"))).toEqual([]);

    // The answers: the mentee comes, the parent can't.
    await pressOn(mentee, invitations.get(mentee)!, ruChild("button-final-event-coming"));
    await mentee.waitFor(ruChild("final-event-reply-coming-mentee", { when, place: PLACE }));
    await pressOn(parent, invitations.get(parent)!, ru("button-final-event-not-coming"));
    await parent.waitFor(ru("final-event-reply-not-coming", { when, place: PLACE }));

    // The coordinator sees the answers; who came cannot be ticked before the meeting.
    await user.pressPayload(packAction("introduction"));
    const answered = await user.waitFor(countsText(3, 1, 1, 1));
    expect(answered.text).toContain(
      ru("final-event-counts-role", { role: msg("final-event-role-parent"), invited: 1, coming: 0, notComing: 1, waiting: 0 }),
    );
    expect(labels(answered)).not.toContain(ru("button-introduction-attendance"));
    await user.pressPayload(packAction("introduction-attendance", String(event!.id)));
    await user.waitFor(ru("introduction-attendance-not-yet", { when }));

    // Another organisation's coordinator cannot tick this introduction.
    toNextMidday(stack);
    const other = await startWorkingPair(stack, platform, nextBlock, { mentorName: "Олег Игоревич Белов", menteeName: "Вера Белова" });
    nextBlock += 10;
    await other.coordinator.user.pressPayload(packAction("introduction-attendance", String(event!.id)));
    await other.coordinator.user.waitFor(ru("introduction-not-found"));

    // After the meeting: the coordinator ticks the pair that came.
    stack.clock.advance(8 * 24 * HOUR);
    await user.pressPayload(packAction("introduction"));
    const after = await user.waitFor(ru("introduction-attendance-line", { held: 0, pairs: 1, missed: 0, open: 1 }));
    await pressOn(user, after, ru("button-introduction-attendance"));
    const question = await user.waitFor(ru("introduction-attendance-question", { when }));
    const pairLabel = render(pairButton({ mentorName: f.mentorName, members: [{ menteeName: f.menteeName }] }, f.pairId));
    expect(labels(question)).toContain(ru("choice-unselected", { label: pairLabel }));
    await user.send("все были");
    await user.waitFor(ru("error-use-buttons"));
    await user.press(ru("choice-unselected", { label: pairLabel }));
    const ticked = await eventually(
      () => user.messages().findLast((message) => labels(message).includes(ru("choice-selected", { label: pairLabel }))),
      (shown) => shown !== undefined,
    );
    expect(ticked?.text).toContain(ru("introduction-attendance-question", { when }));
    await user.press(ru("button-done"));
    await user.waitFor(ru("introduction-attendance-saved", { held: 1, pairs: 1 }));
    const marks = await stack.database.db.selectFrom("introduction_pairs").selectAll().where("event_id", "=", event!.id).execute();
    expect(marks).toEqual([expect.objectContaining({ pair_id: f.pairId, attendance: "held" })]);
    await user.pressPayload(packAction("introduction"));
    await user.waitFor(ru("introduction-attendance-line", { held: 1, pairs: 1, missed: 0, open: 0 }));

    // The monitoring report counts it.
    await stack.app.repos.cycles.setStage(f.cycleId, "closing");
    const before = filesTo(stack, user).length;
    await user.pressPayload(packAction("monitoring-report"));
    await user.waitFor(ru("closing-report-workbook"));
    await expect.poll(() => filesTo(stack, user).filter((file) => file.filename.endsWith(".docx")).length, { timeout: 8_000 }).toBe(1);
    const report = filesTo(stack, user)
      .slice(before)
      .find((file) => file.filename.endsWith(".docx"))!;
    expect(docxTableRows(report.bytes)).toContainEqual([ru("introduction-report-held", { held: 1, pairs: 1 }), "1"]);
  });
});
