import type { Repositories } from "#root/db/repositories/index.ts";
import type { Meeting } from "#root/db/repositories/meetings.ts";
import type { WorkingPair } from "#root/db/repositories/pairs.ts";
import type { MeetingWatcher } from "#root/db/repositories/parents.ts";
import type { Notifier } from "#root/dialog/flow.ts";
import { parentToldOfMeeting } from "#root/domain/parent-notices.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import { parentChildrenAction } from "../parents/actions.ts";
import { meetingPlace, meetingWhen, namesOf, participantsOf } from "./wording.ts";

/*
 * Parents who know: a parent whose consent stands hears that their minor child's meeting was agreed,
 * moved or called off, when the rule by age (src/domain/parent-notices.ts) says so. Through the outbox
 * like every notice of a meeting, to the parent's own messenger, keyed so a retried step plans each
 * message once.
 */

/** What happened to the meeting: agreed, moved (from `old`), or called off after it had been agreed. */
export type MeetingChange = { kind: "agreed" } | { kind: "moved"; old: Meeting } | { kind: "cancelled" };

/** "a meeting of Petya with his mentor Irina", or, for a child who mentors, the meeting they hold. */
function meetingOf(pair: WorkingPair, watcher: MeetingWatcher): Msg {
  const child = watcher.childName ?? "—";
  return watcher.childPersonId === pair.mentor.personId
    ? msg("parent-meeting-of-mentees", { child, mentees: namesOf(pair.mentees) })
    : msg("parent-meeting-of-mentor", { child, mentor: namesOf([pair.mentor]) });
}

function noticeText(change: MeetingChange, meeting: Meeting, pair: WorkingPair, watcher: MeetingWatcher): Msg {
  const details = {
    meeting: meetingOf(pair, watcher),
    when: meetingWhen(meeting.start, pair.timeZone),
    minutes: meeting.minutes,
    place: meetingPlace(meeting.place),
  };
  if (change.kind === "moved") return msg("parent-meeting-moved", { ...details, old: meetingWhen(change.old.start, pair.timeZone) });
  if (change.kind === "cancelled") return msg("parent-meeting-cancelled", { meeting: details.meeting, when: details.when });
  return msg("parent-meeting-agreed", details);
}

/**
 * Tells the parents of the pair's children of a change to `meeting` (for a move, the new meeting; for
 * a cancellation, the meeting as it was agreed). `now` is the day the children's ages are counted on.
 */
export async function tellParents(
  repos: Repositories,
  notify: Notifier,
  meeting: Meeting,
  pair: WorkingPair,
  change: MeetingChange,
  now: Date,
): Promise<void> {
  const members = participantsOf(pair);
  const watchers = await repos.parents.watchersOf(members.map((member) => member.participantId));
  for (const watcher of watchers) {
    const told = parentToldOfMeeting(
      { birthYear: watcher.childBirthYear, choice: watcher.choice, parentWantsNotices: watcher.parentWantsNotices },
      now,
    );
    // A parent who is in the pair themself (a teacher mentoring their own child) hears it as a member.
    if (!told || members.some((member) => member.personId === watcher.parentPersonId)) continue;
    await notify.send(
      { personId: watcher.parentPersonId },
      {
        text: [noticeText(change, meeting, pair, watcher), msg("parent-meeting-footer")],
        buttons: [[parentChildrenAction.button(msg("button-parent-children"))]],
      },
      `meeting:${meeting.id}:${meeting.sequence}:parent-${change.kind}:${watcher.parentPersonId}:${watcher.childParticipantId}`,
    );
  }
}
