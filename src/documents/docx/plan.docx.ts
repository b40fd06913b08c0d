import type { PlanStatus } from "#root/domain/plan.ts";
import type { Direction, MentoringForm } from "#root/domain/programme.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import { blank, facts, line, packDocument, paragraph, type Signer, signatures, table, title } from "./paperwork.ts";
import { directionName, FORM_NAMES } from "./terms.ts";

/** A milestone as the plan's table lists it; dates already written for the reader. */
export interface PlanDocumentMilestone {
  title: string;
  due: string;
  evidence: string | null;
  /** The day it was marked done, or null. */
  doneOn: string | null;
}

export interface PlanDocumentInput {
  orgName: string;
  /** The cycle's name and dates, already written for the reader. */
  cycle: { name: string; start: string; end: string } | null;
  mentor: string | null;
  /** Mentees in name order; `minor` adds a line for their parent's signature. */
  mentees: Array<{ name: string | null; minor: boolean }>;
  form: MentoringForm;
  direction: Direction | null;
  goal: string;
  status: PlanStatus;
  /** The day the plan was agreed, already written for the reader, or null. */
  agreedOn: string | null;
  milestones: readonly PlanDocumentMilestone[];
  /** The coordinator who signs, when known (the one who asked for the document). */
  coordinator: string | null;
  translate(message: Msg): string;
}

const STATUSES: Record<PlanStatus, (agreedOn: string) => Msg> = {
  draft: () => msg("doc-plan-status-draft"),
  proposed: () => msg("doc-plan-status-proposed"),
  agreed: (date) => msg("doc-plan-status-agreed", { date }),
  change_requested: () => msg("doc-plan-status-change_requested"),
};

/**
 * A pair's individual mentoring plan (индивидуальный план наставничества, ИПН), stage 6: whose plan it
 * is, the goal, the milestones with their dates, how each shows and whether it is done, and the
 * signatures of the mentor, each mentee, the parent of each minor mentee and the coordinator.
 */
export function planDocument(input: PlanDocumentInput): Promise<Uint8Array> {
  const t = input.translate;
  const mentees = input.mentees.map((mentee) => mentee.name ?? "—").join(", ");
  const signers: Signer[] = [
    { role: t(msg("doc-signer-mentor")), name: input.mentor },
    ...input.mentees.flatMap((mentee): Signer[] => [
      { role: t(msg("doc-signer-mentee")), name: mentee.name },
      ...(mentee.minor ? [{ role: t(msg("doc-signer-parent-of", { child: mentee.name ?? "—" })) }] : []),
    ]),
    { role: t(msg("doc-signer-coordinator")), name: input.coordinator },
  ];
  const about: Array<[string, string]> = [
    [t(msg("doc-plan-organisation")), input.orgName],
    [t(msg("doc-column-mentor")), input.mentor ?? "—"],
    [t(msg("doc-column-mentees")), mentees || "—"],
    [t(msg("doc-column-form")), t(FORM_NAMES[input.form])],
    [t(msg("doc-column-direction")), t(directionName(input.direction))],
  ];
  if (input.cycle) about.push([t(msg("doc-plan-period")), t(msg("doc-period", { start: input.cycle.start, end: input.cycle.end }))]);
  about.push([t(msg("doc-plan-status")), t(STATUSES[input.status](input.agreedOn ?? "—"))]);
  return packDocument({
    title: t(msg("doc-plan-title")),
    blocks: [
      title(input.orgName),
      blank(),
      title(t(msg("doc-plan-heading"))),
      ...(input.cycle ? [line(t(msg("doc-plan-programme", { cycle: input.cycle.name })), { align: "center", after: 12 })] : [blank()]),
      facts(about),
      blank(),
      line(t(msg("doc-plan-goal")), { bold: true, after: 6 }),
      paragraph(input.goal),
      line(t(msg("doc-plan-milestones")), { bold: true, after: 6 }),
      input.milestones.length === 0
        ? paragraph(t(msg("doc-plan-no-milestones")))
        : table(
            [
              { header: "№", width: 5 },
              { header: t(msg("doc-column-milestone")), width: 35 },
              { header: t(msg("doc-column-due")), width: 14 },
              { header: t(msg("doc-column-evidence")), width: 28 },
              { header: t(msg("doc-column-done")), width: 18 },
            ],
            input.milestones.map((milestone, index) => [
              index + 1,
              milestone.title,
              milestone.due,
              milestone.evidence ?? "—",
              milestone.doneOn ? t(msg("doc-plan-done-on", { date: milestone.doneOn })) : t(msg("doc-plan-not-done")),
            ]),
          ),
      ...signatures(signers, t(msg("doc-date-to-fill"))),
    ],
  });
}
