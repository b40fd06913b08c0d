import type { RoadMapStep } from "#root/domain/road-map.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import { blank, line, NUMBER_AND_DATE_TO_FILL, packDocument, signatures, table, title } from "./paperwork.ts";
import { STAGE_NAMES } from "./terms.ts";

export interface RoadMapInput {
  orgName: string;
  /** The cycle's name and dates, already written for the reader. */
  cycle: { name: string; start: string; end: string };
  /** The stages with their dates (see domain/road-map.ts). */
  steps: readonly RoadMapStep[];
  /** A calendar date as the reader writes it. */
  date(day: string): string;
  coordinator: string | null;
  translate(message: Msg): string;
}

/**
 * A draft of the cycle's road map (дорожная карта реализации программы наставничества): the target
 * model's seven stages with their work, dates, result and who is responsible, on a landscape page.
 */
export function roadMapDocument(input: RoadMapInput): Promise<Uint8Array> {
  const t = input.translate;
  const coordinator = input.coordinator ?? t(msg("doc-signer-coordinator"));
  return packDocument({
    title: t(msg("doc-road-map-title")),
    landscape: true,
    blocks: [
      line(t(msg("doc-draft-mark")), { align: "right", bold: true }),
      line(t(msg("doc-regulations-approved", { org: input.orgName })), { align: "right" }),
      line(NUMBER_AND_DATE_TO_FILL, { align: "right", after: 12 }),
      title(t(msg("doc-road-map-heading"))),
      line(
        t(msg("doc-road-map-subject", { org: input.orgName, cycle: input.cycle.name, start: input.cycle.start, end: input.cycle.end })),
        {
          align: "center",
          after: 12,
        },
      ),
      table(
        [
          { header: "№", width: 4 },
          { header: t(msg("doc-column-stage")), width: 18 },
          { header: t(msg("doc-column-work")), width: 34 },
          { header: t(msg("doc-column-dates")), width: 14 },
          { header: t(msg("doc-column-result")), width: 20 },
          { header: t(msg("doc-column-responsible")), width: 14 },
        ],
        input.steps.map((step, index) => [
          index + 1,
          t(STAGE_NAMES[step.stage].name),
          t(STAGE_NAMES[step.stage].work),
          t(msg("doc-period", { start: input.date(step.from), end: input.date(step.to) })),
          t(STAGE_NAMES[step.stage].result),
          index === 0 ? t(msg("doc-road-map-head-and", { coordinator })) : coordinator,
        ]),
        { landscape: true },
      ),
      blank(),
      ...signatures([{ role: t(msg("doc-signer-coordinator")), name: input.coordinator }], t(msg("doc-date-to-fill"))),
    ],
  });
}
