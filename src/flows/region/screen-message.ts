import type { RegionIndicators } from "#root/domain/region.ts";
import { SUPPORT_TOP, type SupportEntry, supportList } from "#root/domain/region-support.ts";
import { type ProtectedRegion, protectRegion } from "#root/domain/region-suppression.ts";
import type { Locale, Msg } from "#root/i18n/translator.ts";
import { msg } from "#root/i18n/translator.ts";
import type { MessageSpec } from "#root/messaging/message-spec.ts";
import { figuresMsg, hiddenNote, MESSAGE_LIMIT, municipalitiesMsg, periodArgs, supportMsg } from "./wording.ts";

export interface RegionTextInput {
  /** The figures as the repository gives them: secondary suppression is applied here. */
  indicators: RegionIndicators;
  /** The reader's language, and the translator's rendering for it (to keep the text within MESSAGE_LIMIT). */
  locale: Locale;
  translate(message: Msg): string;
}

/**
 * Fits a message of a region's figures, municipalities and support list within MESSAGE_LIMIT in the
 * reader's language: the first SUPPORT_TOP organisations of the support list (fewer, down to one,
 * only when they alone overflow), then as many municipalities as still fit (the report lists them all).
 */
export function fitted(
  region: ProtectedRegion,
  list: readonly SupportEntry[],
  input: RegionTextInput,
  compose: (municipalities: number, support: number) => Msg[],
): Msg[] {
  const length = (parts: Msg[]) => parts.map((part) => input.translate(part)).join("\n\n").length;
  const fits = (municipalities: number, support: number) => length(compose(municipalities, support)) <= MESSAGE_LIMIT;
  let support = Math.min(SUPPORT_TOP, list.length);
  while (support > 1 && !fits(0, support)) support -= 1;
  if (fits(region.municipalities.length, support)) return compose(region.municipalities.length, support);
  // The most municipalities that fit, found by halving (a region may have a hundred of them).
  let low = 0;
  let high = region.municipalities.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(middle, support)) low = middle;
    else high = middle - 1;
  }
  return compose(low, support);
}

/**
 * The territory coordinator's screen for a period: the territory's figures (organisations and their
 * cycles' stages, coverage, pairs by form, direction and variant, meetings per pair, plans completed,
 * stuck and alerting pairs, satisfaction and growth), a line per municipality, and the organisations
 * needing support first with the reasons; one message of at most MESSAGE_LIMIT characters.
 */
export function regionScreenMessage(input: RegionTextInput): MessageSpec {
  const region = protectRegion(input.indicators);
  const list = supportList(region);
  const title = msg("region-screen-title", { territory: region.territory.name, ...periodArgs(region, input.locale) });
  const note = hiddenNote(region, [region.total, ...region.municipalities.map((municipality) => municipality.figures)]);
  const text = fitted(region, list, input, (municipalities, support) => {
    const parts = [title, figuresMsg(region, input.locale)];
    const lines = municipalitiesMsg(region, municipalities, input.locale);
    if (lines) parts.push(lines);
    parts.push(supportMsg(region, list, support, input.locale));
    if (note) parts.push(note);
    return parts;
  });
  return { text };
}
