import type { Direction, MentoringForm } from "#root/domain/programme.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import { type Block, line, NUMBER_AND_DATE_TO_FILL, packDocument, paragraph, signatures, title } from "./paperwork.ts";
import { DIRECTION_NAMES, FORM_NAMES } from "./terms.ts";

export interface RegulationsInput {
  orgName: string;
  /** The cycle's name and dates, already written for the reader. */
  cycle: { name: string; start: string; end: string };
  forms: readonly MentoringForm[];
  directions: readonly Direction[];
  /** Check-ins on the plans are asked every this many days. */
  checkInEveryDays: number;
  coordinator: string | null;
  translate(message: Msg): string;
}

/**
 * A draft of the regulations of the programme (положение о программе наставничества), the local act
 * of stage 1, filled from the cycle's settings: the organisation, the cycle's name and dates, its
 * forms and directions, the rhythm of check-ins. The school edits it and approves it by an order,
 * whose number and date are left blank.
 */
export function regulationsDocument(input: RegulationsInput): Promise<Uint8Array> {
  const t = input.translate;
  const args = { org: input.orgName, cycle: input.cycle.name, start: input.cycle.start, end: input.cycle.end };
  const blocks: Block[] = [
    line(t(msg("doc-draft-mark")), { align: "right", bold: true }),
    line(t(msg("doc-regulations-approved", { org: input.orgName })), { align: "right" }),
    line(NUMBER_AND_DATE_TO_FILL, { align: "right", after: 12 }),
    title(t(msg("doc-regulations-heading"))),
    line(t(msg("doc-regulations-subject", args)), { align: "center", after: 12 }),
  ];
  const forms = input.forms.map((form) => t(FORM_NAMES[form])).join("; ") || "—";
  const directions = input.directions.map((direction) => t(DIRECTION_NAMES[direction])).join("; ") || "—";
  const sections: Array<[Msg, Msg[]]> = [
    [
      msg("doc-regulations-general"),
      [msg("doc-regulations-general-1"), msg("doc-regulations-general-2", args), msg("doc-regulations-general-3")],
    ],
    [msg("doc-regulations-aims"), [msg("doc-regulations-aims-1"), msg("doc-regulations-aims-2")]],
    [
      msg("doc-regulations-participants"),
      [
        msg("doc-regulations-participants-1"),
        msg("doc-regulations-participants-2"),
        msg("doc-regulations-participants-3"),
        msg("doc-regulations-participants-4"),
      ],
    ],
    [
      msg("doc-regulations-forms"),
      [msg("doc-regulations-forms-1", { forms }), msg("doc-regulations-forms-2", { directions }), msg("doc-regulations-forms-3")],
    ],
    [
      msg("doc-regulations-order"),
      [
        msg("doc-regulations-order-1", args),
        msg("doc-regulations-order-2"),
        msg("doc-regulations-order-3", { days: input.checkInEveryDays }),
        msg("doc-regulations-order-4"),
      ],
    ],
    [msg("doc-regulations-data"), [msg("doc-regulations-data-1"), msg("doc-regulations-data-2"), msg("doc-regulations-data-3")]],
    [msg("doc-regulations-monitoring"), [msg("doc-regulations-monitoring-1"), msg("doc-regulations-monitoring-2")]],
    [msg("doc-regulations-final"), [msg("doc-regulations-final-1"), msg("doc-regulations-final-2")]],
  ];
  sections.forEach(([heading, points], index) => {
    const number = index + 1;
    blocks.push(line(`${number}. ${t(heading)}`, { bold: true, align: "center", after: 6 }));
    for (const [at, point] of points.entries()) blocks.push(paragraph(`${number}.${at + 1}. ${t(point)}`));
  });
  blocks.push(...signatures([{ role: t(msg("doc-signer-author")), name: input.coordinator }], t(msg("doc-date-to-fill"))));
  return packDocument({ title: t(msg("doc-regulations-title")), blocks });
}
