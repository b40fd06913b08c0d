import type { PairAlertRow } from "#root/db/repositories/check-ins.ts";
import type { NewOutboxMessage } from "#root/db/repositories/outbox.ts";
import type { WorkingPair } from "#root/db/repositories/pairs.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";

/** Every pair alert to a coordinator is one outbox message per alert and coordinator. */
export const pairAlertDedupKey = (alertId: number, coordinatorPersonId: number): string =>
  `pair-alert:${alertId}:coordinator:${coordinatorPersonId}`;

/** A pair as a coordinator reads it: the mentor, the mentees, the organisation. */
export function pairForCoordinator(pair: WorkingPair): Msg {
  return msg("check-ins-pair", {
    mentor: pair.mentor.name ?? "—",
    mentees: pair.mentees.map((mentee) => mentee.name ?? "—").join(", "),
    org: pair.orgName,
  });
}

/** Who answered "stuck", as a coordinator reads it. */
export function respondentLine(pair: WorkingPair, personId: number, respondent: "mentor" | "mentee"): Msg {
  const name = respondent === "mentor" ? pair.mentor.name : pair.mentees.find((mentee) => mentee.personId === personId)?.name;
  return msg(respondent === "mentor" ? "check-ins-who-mentor" : "check-ins-who-mentee", { name: name ?? "—" });
}

/** The stuck milestone behind an alert, when the alert is about one. */
export interface StuckDetails {
  who: Msg;
  title: string;
  reason: string;
}

/** Why a coordinator is alerted, with what the text tells. */
export type AlertDetails =
  | { reason: "stuck-check-in"; stuck: StuckDetails }
  | { reason: "missed-in-a-row" }
  | { reason: "no-meeting"; quietDays: number };

/** What a coordinator is told about an alert. */
export function alertText(pair: WorkingPair, details: AlertDetails): Msg {
  const named = pairForCoordinator(pair);
  switch (details.reason) {
    case "stuck-check-in":
      return msg("check-ins-alert-stuck", {
        pair: named,
        who: details.stuck.who,
        title: details.stuck.title,
        reason: details.stuck.reason,
      });
    case "missed-in-a-row":
      return msg("check-ins-alert-missed", { pair: named });
    case "no-meeting":
      return msg("check-ins-alert-quiet", { pair: named, days: details.quietDays });
  }
}

/** The outbox messages of one alert: one per coordinator of the pair's organisation (not urgent). */
export function alertMessages(alert: PairAlertRow, text: Msg, coordinators: readonly number[], at: Date): NewOutboxMessage[] {
  return coordinators.map((personId) => ({
    dedupKey: pairAlertDedupKey(alert.id, personId),
    to: { personId },
    message: { text: [text] },
    dueAt: at,
    topic: `pair:${alert.pairId}:alerts`,
  }));
}
