import type { InteractionVariant } from "#root/domain/interaction-variants.ts";
import type { Direction, MentoringForm } from "#root/domain/programme.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import { blank, line, NUMBER_AND_DATE_TO_FILL, packDocument, paragraph, signatures, table, title } from "./paperwork.ts";
import { directionName, FORM_NAMES } from "./terms.ts";

/** A pair or group as the order lists it. */
export interface OrderUnit {
  mentor: string | null;
  mentees: Array<{ name: string | null; grade: string | null }>;
  form: MentoringForm;
  direction: Direction | null;
  /** The interaction variant of a student–student pair or group; null for other forms. */
  variant?: InteractionVariant | null;
}

export interface OrderInput {
  orgName: string;
  /** The cycle's name and dates, already written for the reader. */
  cycle: { name: string; start: string; end: string };
  coordinator: string | null;
  units: readonly OrderUnit[];
  translate(message: Msg): string;
}

/**
 * The order fixing the pairs and groups (приказ «О закреплении наставнических пар (групп)»), stage 5 of
 * the target model: number and date left blank for the school's registry, the preamble citing the
 * model, the list of pairs and groups, the coordinator made responsible, the head's signature and the
 * coordinator's acknowledgement.
 */
export function orderDocument(input: OrderInput): Promise<Uint8Array> {
  const t = input.translate;
  // The variant column only when the cycle has student–student pairs: other orders stay as narrow as before.
  const withVariants = input.units.some((unit) => unit.variant);
  const rows = input.units.map((unit, index) => [
    index + 1,
    unit.mentor ?? "—",
    unit.mentees.map((mentee) => (mentee.grade ? `${mentee.name ?? "—"} (${mentee.grade})` : (mentee.name ?? "—"))).join("\n"),
    t(FORM_NAMES[unit.form]),
    t(directionName(unit.direction)),
    ...(withVariants ? [unit.variant ? t(msg(`variant-${unit.variant}`)) : "—"] : []),
  ]);
  const columns = withVariants
    ? [
        { header: "№", width: 5 },
        { header: t(msg("doc-column-mentor")), width: 21 },
        { header: t(msg("doc-column-mentees")), width: 23 },
        { header: t(msg("doc-column-form")), width: 17 },
        { header: t(msg("doc-column-direction")), width: 17 },
        { header: t(msg("variant-column")), width: 17 },
      ]
    : [
        { header: "№", width: 5 },
        { header: t(msg("doc-column-mentor")), width: 26 },
        { header: t(msg("doc-column-mentees")), width: 27 },
        { header: t(msg("doc-column-form")), width: 21 },
        { header: t(msg("doc-column-direction")), width: 21 },
      ];
  const coordinator = input.coordinator ?? "____________________";
  return packDocument({
    title: t(msg("doc-order-title")),
    blocks: [
      title(input.orgName),
      blank(),
      title(t(msg("doc-order-heading"))),
      line(NUMBER_AND_DATE_TO_FILL, { align: "center", after: 12 }),
      line(t(msg("doc-order-subject")), { bold: true, after: 12 }),
      paragraph(t(msg("doc-order-preamble", { cycle: input.cycle.name, start: input.cycle.start, end: input.cycle.end }))),
      line(t(msg("doc-order-decree")), { bold: true, after: 6 }),
      paragraph(t(msg("doc-order-point-pairs", { count: input.units.length }))),
      table(columns, rows),
      blank(),
      paragraph(t(msg("doc-order-point-responsible", { coordinator }))),
      paragraph(t(msg("doc-order-point-control"))),
      ...signatures([{ role: t(msg("doc-signer-head")) }]),
      blank(),
      line(t(msg("doc-order-acknowledged"))),
      ...signatures([{ role: t(msg("doc-signer-coordinator")), name: input.coordinator }], t(msg("doc-date-to-fill"))),
    ],
  });
}
