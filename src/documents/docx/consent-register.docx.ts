import type { ConsentDecision } from "#root/domain/consent.ts";
import type { ConsentGiverKind, ConsentReview } from "#root/domain/entities/consent.ts";
import type { Platform } from "#root/domain/platform.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import { blank, line, packDocument, signatures, table, title } from "./paperwork.ts";

/** One decision as the register lists it; instants already written for the reader. */
export interface RegisterDecision {
  giver: ConsentGiverKind;
  giverName: string | null;
  decision: ConsentDecision;
  textVersion: string;
  platform: Platform;
  decidedAt: string;
  withdrawnAt: string | null;
  review: ConsentReview | null;
}

/** A participant whose taking part needs consent, with every decision about them, oldest first. */
export interface RegisterParticipant {
  name: string | null;
  role: "mentee" | "mentor";
  birthYear: number | null;
  decisions: readonly RegisterDecision[];
}

export interface ConsentRegisterInput {
  orgName: string;
  /** The day of the register, already written for the reader. */
  madeOn: string;
  participants: readonly RegisterParticipant[];
  coordinator: string | null;
  translate(message: Msg): string;
}

const DECISIONS: Record<ConsentDecision, Msg> = { granted: msg("doc-consent-granted"), declined: msg("doc-consent-declined") };
const GIVERS: Record<ConsentGiverKind, Msg> = { parent: msg("doc-consent-giver-parent"), self: msg("doc-consent-giver-self") };
const ROLES: Record<RegisterParticipant["role"], Msg> = { mentee: msg("doc-role-mentee"), mentor: msg("doc-role-mentor") };
const PLATFORMS: Record<Platform, Msg> = { telegram: msg("platform-telegram"), vk: msg("platform-vk"), max: msg("platform-max") };
const REVIEWS: Record<ConsentReview, Msg> = {
  pending: msg("doc-consent-review-pending"),
  accepted: msg("doc-consent-review-accepted"),
  rejected: msg("doc-consent-review-rejected"),
};

/**
 * The register of consents (реестр согласий) of an organisation: for every mentee and mentor, who
 * decided for whom (a parent or the participant themself), the decision, the version of the consent
 * text, when and through which messenger, and a withdrawal with its date; those still waiting are
 * listed too. A landscape page, one row per decision.
 */
export function consentRegisterDocument(input: ConsentRegisterInput): Promise<Uint8Array> {
  const t = input.translate;
  const rows: string[][] = [];
  input.participants.forEach((participant, index) => {
    const who = [
      participant.name ?? t(msg("doc-consent-erased")),
      t(ROLES[participant.role]),
      participant.birthYear ? t(msg("doc-consent-born", { year: String(participant.birthYear) })) : "",
    ]
      .filter(Boolean)
      .join("\n");
    if (participant.decisions.length === 0) {
      rows.push([String(index + 1), who, "—", t(msg("doc-consent-waiting")), "—", "—", "—", "—"]);
      return;
    }
    participant.decisions.forEach((decision, at) => {
      const verdict = [t(DECISIONS[decision.decision]), decision.review ? t(REVIEWS[decision.review]) : ""].filter(Boolean).join("\n");
      rows.push([
        at === 0 ? String(index + 1) : "",
        at === 0 ? who : "",
        `${t(GIVERS[decision.giver])}\n${decision.giverName ?? t(msg("doc-consent-erased"))}`,
        verdict,
        decision.textVersion,
        decision.decidedAt,
        t(PLATFORMS[decision.platform]),
        decision.withdrawnAt ?? "—",
      ]);
    });
  });
  return packDocument({
    title: t(msg("doc-consents-title")),
    landscape: true,
    blocks: [
      title(input.orgName),
      title(t(msg("doc-consents-heading"))),
      line(t(msg("doc-consents-subject", { date: input.madeOn })), { align: "center", after: 12 }),
      table(
        [
          { header: "№", width: 4 },
          { header: t(msg("doc-column-participant")), width: 20 },
          { header: t(msg("doc-column-giver")), width: 20 },
          { header: t(msg("doc-column-decision")), width: 14 },
          { header: t(msg("doc-column-text-version")), width: 9 },
          { header: t(msg("doc-column-decided")), width: 12 },
          { header: t(msg("doc-column-channel")), width: 9 },
          { header: t(msg("doc-column-withdrawn")), width: 12 },
        ],
        rows,
        { landscape: true },
      ),
      blank(),
      line(t(msg("doc-consents-note"))),
      ...signatures([{ role: t(msg("doc-signer-coordinator")), name: input.coordinator }], t(msg("doc-date-to-fill"))),
    ],
  });
}
