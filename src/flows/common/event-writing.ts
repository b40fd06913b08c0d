import { type Dialog, runSteps } from "#root/dialog/dialog.ts";
import { FINAL_EVENT_PLACE_MAX, parseEventDescription, parseEventPlace } from "#root/domain/final-event.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import { eventWhen } from "../closing/final-event-wording.ts";
import { whenSteps } from "./date-prompts.ts";

/*
 * Writing an event a coordinator invites people to (the final event, an introduction): the day, the
 * time, the place and the description, then the message the guests will get, to check.
 */

/** Start times offered as buttons (typed times work too): after lessons and in the evening, when families can come. */
const COMMON_TIMES = ["12:00", "14:00", "15:00", "16:00", "17:00", "18:00"];

/** Button values of "keep what was written" (a button's value cannot hold the text itself). */
const KEEP_PLACE = "keep-place";
const KEEP_DESCRIPTION = "keep-description";
/** Button labels stay short: Telegram cuts long ones, VK refuses labels over 40 characters. */
const shortened = (text: string): string => (text.length > 30 ? `${text.slice(0, 29)}…` : text);

/** The event being written: what each step answered (plain values: drafts are rebuilt on replay). */
export interface EventDraft {
  date: string;
  /** The start as an ISO instant. */
  start: string;
  place: string;
  description: string;
  decision: "send" | "change";
}

/** The message the coordinator checks before sending (the invitation, or the notice of a change), and the description's question. */
export interface EventPreview {
  text(details: { count: number; org: string; when: Msg; place: string; description: string }): Msg;
  send: Msg;
  describe: Msg;
}

/** Asks date, time, place and description, then shows what guests will get to check; "Change" starts again. */
export async function writeEvent(
  d: Dialog,
  timeZone: string,
  orgName: string,
  invited: number,
  defaults: Partial<EventDraft>,
  preview: EventPreview,
): Promise<EventDraft> {
  for (;;) {
    const now = await d.now();
    const draft = { ...defaults } as EventDraft;
    await runSteps(d, draft, [
      ...whenSteps<EventDraft>(d, now, timeZone, {
        day: msg("final-event-date-question"),
        time: (date) => msg("final-event-time-question", { date }),
        commonTimes: COMMON_TIMES,
      }),
      async (draft) => {
        // What was written before (a "Change", a time that passed) is one press away.
        const before = defaults.place;
        draft.place = await d.ask(msg("final-event-place-question", { max: FINAL_EVENT_PLACE_MAX }), {
          parse: (text) => (text === KEEP_PLACE && before ? { ok: true, value: before } : parseEventPlace(text)),
          suggestions: before ? [{ value: KEEP_PLACE, label: msg("button-final-event-keep-place", { place: shortened(before) }) }] : [],
        });
      },
      async (draft) => {
        const before = defaults.description;
        draft.description = await d.ask(preview.describe, {
          parse: (text) => (text === KEEP_DESCRIPTION && before ? { ok: true, value: before } : parseEventDescription(text)),
          suggestions: before ? [{ value: KEEP_DESCRIPTION, label: msg("button-final-event-keep-description") }] : [],
        });
      },
      async (draft) => {
        const when = eventWhen({ startsAt: draft.start }, timeZone);
        draft.decision = await d.choose(
          preview.text({ count: invited, org: orgName, when, place: draft.place, description: draft.description }),
          [
            { value: "send", label: preview.send },
            { value: "change", label: msg("button-final-event-change") },
          ],
          { columns: 2 },
        );
      },
    ]);
    if (draft.decision === "send") return draft;
    // "Change": every step is asked again, the place and the description offered as they were.
    defaults = { place: draft.place, description: draft.description };
  }
}
