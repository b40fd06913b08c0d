import type { Indicators, MeanCell } from "#root/domain/region.ts";
import type { SupportReason } from "#root/domain/region-support.ts";
import { type CellField, type CellView, cellView, type ProtectedRegion } from "#root/domain/region-suppression.ts";
import { type Locale, type Msg, msg } from "#root/i18n/translator.ts";

/**
 * How a territory's figures are written, the same on the screen, in the digest and in the reports: a
 * cell about fewer than five people as «<5», never as a number; a cell hidden so that a «<5» cannot
 * be worked out by subtraction as «…» (the mark Rosstat's tables use for figures kept confidential).
 */

export const SMALL_CELL_MARK = "<5";
export const COMPLEMENTARY_MARK = "…";

/** Numbers for the reader: 1 000 and 2,5 in Russian, 1,000 and 2.5 in English. */
export function numberText(value: number, locale: Locale, fractionDigits = 0): string {
  return new Intl.NumberFormat(locale === "ru" ? "ru-RU" : "en-GB", { maximumFractionDigits: fractionDigits }).format(value);
}

/** A share as whole per cent: «34 %» in Russian, "34%" in English. */
export function percentText(share: number, locale: Locale): string {
  const whole = numberText(Math.round(share * 100), locale);
  return locale === "ru" ? `${whole} %` : `${whole}%`;
}

/** The mark of a hidden cell. */
export function hiddenMark(view: { hidden: "small" | "complementary" }): string {
  return view.hidden === "small" ? SMALL_CELL_MARK : COMPLEMENTARY_MARK;
}

/**
 * A cell as a message argument: a number when shown (Fluent writes it for the reader and chooses
 * plural forms by it), the mark otherwise.
 */
export function viewArg(view: CellView): number | string {
  return "shown" in view ? view.shown : hiddenMark(view);
}

/** A region's cell as a message argument (see `viewArg`). */
export function cellArg(region: ProtectedRegion, figures: Indicators, field: CellField): number | string {
  return viewArg(cellView(region, figures, field));
}

/**
 * A mean (1–10, or a change) as text: the mean when shown; «<5» or «…» when its respondents are
 * hidden; «—» when nobody answered. `signed` writes a change with its sign (+0,8).
 */
export function meanText(mean: MeanCell, view: CellView, locale: Locale, signed = false): string {
  if (mean.mean !== null) {
    return new Intl.NumberFormat(locale === "ru" ? "ru-RU" : "en-GB", {
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
      signDisplay: signed ? "exceptZero" : "auto",
    }).format(mean.mean);
  }
  return "shown" in view ? "—" : hiddenMark(view);
}

/** Meetings per pair, when both figures are shown and there are pairs; «—» otherwise. */
export function meetingsPerPairText(region: ProtectedRegion, figures: Indicators, locale: Locale): string {
  const meetings = cellView(region, figures, "meetingsHeld");
  const pairs = cellView(region, figures, "pairs");
  if (!("shown" in meetings) || !("shown" in pairs) || pairs.shown === 0) return "—";
  return numberText(meetings.shown / pairs.shown, locale, 1);
}

/** Participants aged 10–19 against the students aged 10–19, when both are shown; null otherwise. */
export function coverageShare(region: ProtectedRegion, figures: Indicators): number | null {
  const participants = cellView(region, figures, "participants10to19");
  if (!("shown" in participants) || figures.students10to19 === null || figures.students10to19 === 0) return null;
  return participants.shown / figures.students10to19;
}

/** Why an organisation needs support, in words. */
export function supportReasonMsg(reason: SupportReason, locale: Locale): Msg {
  switch (reason.kind) {
    case "no-open-cycle":
      return msg("region-reason-no-open-cycle");
    case "no-enrolment-figure":
      return msg("region-reason-no-enrolment");
    case "low-coverage":
      return msg("region-reason-low-coverage", {
        coverage: percentText(reason.coverage, locale),
        target: percentText(reason.target, locale),
      });
    case "stuck-pairs":
      return msg("region-reason-stuck", { stuck: reason.stuck, pairs: reason.pairs });
    case "alerting-pairs":
      return msg("region-reason-alerting", { alerting: reason.alerting, pairs: reason.pairs });
    case "few-meetings":
      return msg("region-reason-few-meetings", {
        perPair: numberText(reason.perPairMonthly, locale, 1),
        target: numberText(reason.target, locale, 1),
      });
    case "low-satisfaction":
      return msg("region-reason-low-satisfaction", {
        mean: numberText(reason.mean, locale, 1),
        threshold: numberText(reason.threshold, locale, 1),
      });
  }
}

/** The reasons as one phrase: «нет открытого цикла; охват 12 % при цели 70 %». */
export function supportReasonsMsg(reasons: readonly SupportReason[], locale: Locale): Msg {
  const [first, ...rest] = reasons.map((reason) => supportReasonMsg(reason, locale));
  return rest.reduce((head, next) => msg("region-join", { head, next }), first ?? msg("plain", { text: "—" }));
}

/** Messages one under another, as one part of a message. */
export function stackedLines(lines: readonly Msg[]): Msg {
  const [first, ...rest] = lines;
  return rest.reduce((line, next) => msg("region-line-next", { line, next }), first ?? msg("plain", { text: "" }));
}
