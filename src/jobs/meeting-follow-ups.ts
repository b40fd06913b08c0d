import { meetingPlace, meetingTickAction, meetingWhen } from "#root/flows/meetings/index.ts";
import { msg } from "#root/i18n/translator.ts";
import type { Job } from "./job.ts";

/** Meetings claimed per round; a catch-up after long downtime takes several rounds of one run. */
const BATCH = 100;

/**
 * After an agreed meeting's end, asks its mentor whether it took place: held, missed or moved. Each
 * meeting is claimed once (follow_up_asked_at), so replicas, re-runs and a catch-up after downtime ask
 * once, however long ago the meeting ended.
 */
export const meetingFollowUpJob: Job = {
  name: "meeting-follow-ups",
  schedule: "* * * * *",
  async run({ repos }, now) {
    let asked = 0;
    for (;;) {
      const due = await repos.meetings.claimFollowUps(now, BATCH);
      if (due.length === 0) return asked;
      try {
        await repos.outbox.enqueue(
          due.map(({ meeting, mentorPersonId, timeZone }) => ({
            dedupKey: `meeting:${meeting.id}:follow-up`,
            to: { personId: mentorPersonId },
            orgId: meeting.orgId,
            dueAt: now,
            message: {
              text: [msg("meetings-follow-up", { when: meetingWhen(meeting.start, timeZone), place: meetingPlace(meeting.place) })],
              buttons: [
                [
                  meetingTickAction.button(msg("button-meeting-held"), { meetingId: meeting.id, answer: "held" }),
                  meetingTickAction.button(msg("button-meeting-missed"), { meetingId: meeting.id, answer: "missed" }),
                ],
                [meetingTickAction.button(msg("button-meeting-moved"), { meetingId: meeting.id, answer: "moved" })],
              ],
            },
          })),
        );
      } catch (error) {
        // Not planned: give the claims back so that the next run asks.
        await repos.meetings.releaseFollowUps(due.map(({ meeting }) => meeting.id));
        throw error;
      }
      asked += due.length;
    }
  },
};
