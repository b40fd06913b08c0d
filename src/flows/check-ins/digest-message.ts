import type { ProgressChartLabels } from "#root/documents/chart.ts";
import { DIGEST_FIGURES, type DigestFigures } from "#root/domain/attention.ts";
import { formatCalendarDate } from "#root/domain/cycle.ts";
import type { AttentionEntry, AttentionReason, DigestPeriod, OrganisationDigest } from "#root/domain/digest.ts";
import { addDays } from "#root/domain/typed-dates.ts";
import { type Locale, type Msg, msg } from "#root/i18n/translator.ts";
import type { MessageSpec } from "#root/messaging/message-spec.ts";
import { joinedList } from "../common/choices.ts";
import { programmeAction } from "../programme/actions.ts";

/** How a change reads: ▲ more, ▼ fewer, = the same as the week before. */
export function changeMark(change: number): string {
  return change > 0 ? `▲ ${change}` : change < 0 ? `▼ ${-change}` : "=";
}

/** The arguments of `digest-figures`: each figure and its change mark. */
export function figureArgs(figures: DigestFigures): Record<string, string | number> {
  const args: Record<string, string | number> = {};
  for (const name of DIGEST_FIGURES) {
    args[name] = figures[name].value;
    args[`${name}Change`] = changeMark(figures[name].change);
  }
  return args;
}

function reasonMsg(reason: AttentionReason, locale: Locale): Msg {
  switch (reason.kind) {
    case "missed-in-a-row":
      return msg("digest-reason-missed-in-a-row");
    case "no-meeting":
      return msg("digest-reason-no-meeting", { days: reason.days, since: formatCalendarDate(reason.since, locale) });
    case "stuck-check-in":
      return msg("digest-reason-stuck", { milestone: reason.milestone });
    case "overdue":
      return msg("digest-reason-overdue", { count: reason.count });
  }
}

/** A pair as the coordinator knows it: the mentor and the mentees by name. */
export function attentionPair(entry: Pick<AttentionEntry, "mentorName" | "menteeNames">): Msg {
  const mentor = entry.mentorName ?? "—";
  return entry.menteeNames.length > 0
    ? msg("digest-pair", { mentor, mentees: entry.menteeNames.join(", ") })
    : msg("digest-pair-alone", { mentor });
}

/** One numbered line of the attention list. */
export function attentionLine(entry: AttentionEntry, number: number, locale: Locale): Msg {
  return msg("digest-attention-line", {
    number,
    pair: attentionPair(entry),
    reasons: joinedList(entry.reasons.map((reason) => reasonMsg(reason, locale))),
  });
}

// The list is one message (its lines one under another, not a paragraph each): one key per length.
const ATTENTION_BLOCKS: Array<(lines: Record<string, Msg>) => Msg> = [
  (lines) => msg("digest-attention-1", lines),
  (lines) => msg("digest-attention-2", lines),
  (lines) => msg("digest-attention-3", lines),
  (lines) => msg("digest-attention-4", lines),
  (lines) => msg("digest-attention-5", lines),
];

/** The list of pairs needing attention first, under its title; or that nothing needs it. */
export function attentionBlock(digest: Pick<OrganisationDigest, "attention" | "attentionTotal">, locale: Locale): Msg {
  const shown = digest.attention.slice(0, ATTENTION_BLOCKS.length);
  if (shown.length === 0) return msg("digest-attention-none");
  const lines: Record<string, Msg> = { title: msg("digest-attention-title", { count: digest.attentionTotal }) };
  shown.forEach((entry, index) => {
    lines[`l${index + 1}`] = attentionLine(entry, index + 1, locale);
  });
  return ATTENTION_BLOCKS[shown.length - 1]!(lines);
}

/** The words on the digest's picture (its legend and axis titles) in one language. */
export function progressChartLabels(translate: (message: Msg) => string): ProgressChartLabels {
  return {
    held: translate(msg("digest-chart-held")),
    missed: translate(msg("digest-chart-missed")),
    done: translate(msg("digest-chart-done")),
    planned: translate(msg("digest-chart-planned")),
    weeks: translate(msg("digest-chart-axis-weeks")),
    meetings: translate(msg("digest-chart-axis-meetings")),
    milestones: translate(msg("digest-chart-axis-milestones")),
  };
}

export interface DigestMessageInput {
  orgName: string;
  period: DigestPeriod;
  digest: OrganisationDigest;
  /** The chart as PNG, its words in the reader's language (`progressChartLabels`). */
  chart: Uint8Array;
  /** The reader's language: dates inside the text are written for it. */
  locale: Locale;
}

/** The digest as one message: the title, the figures with their changes, who needs attention first, and the chart as a photo. */
export function digestMessage({ orgName, period, digest, chart, locale }: DigestMessageInput): MessageSpec {
  const date = (day: string) => formatCalendarDate(day, locale);
  const title = period.soFar
    ? msg("digest-title-so-far", { org: orgName, from: date(period.weekOf), to: date(period.lastDay) })
    : msg("digest-title", { org: orgName, from: date(addDays(period.weekOf, -7)), to: date(period.lastDay) });
  return {
    text: [title, msg("digest-figures", figureArgs(digest.figures)), attentionBlock(digest, locale), msg("digest-chart-legend")],
    buttons: [[programmeAction.button(msg("button-programme"))]],
    image: { filename: `digest-${period.lastDay}.png`, content: chart },
  };
}
