import type { MentorKind } from "./programme.ts";

/**
 * Selection of mentors (stage 4). Adults who work with children — teachers, university students,
 * adults and employers' specialists — may be approved only after the coordinator confirms that a
 * certificate of no criminal record was checked (Labour Code of the Russian Federation, art. 351.1).
 * Older students mentoring younger ones are minors themselves and are not asked for one.
 */

export type ReviewState = "pending" | "approved" | "declined";

export function needsRecordCheck(kind: MentorKind): boolean {
  return kind !== "student";
}

export type ApprovalCheck = { ok: true } | { ok: false; error: "review-needs-record-check" | "review-not-active" };

/** Whether a mentor can be approved now. */
export function canApprove(mentor: { kind: MentorKind; recordChecked: boolean; participantStatus: string }): ApprovalCheck {
  if (mentor.participantStatus !== "active") return { ok: false, error: "review-not-active" };
  if (needsRecordCheck(mentor.kind) && !mentor.recordChecked) return { ok: false, error: "review-needs-record-check" };
  return { ok: true };
}

/**
 * Situations the programme targets. Sensitive: only a coordinator records them, a child never
 * picks such a label about themself, and no other participant sees it.
 */
export const MENTEE_SITUATIONS = ["struggling", "disoriented", "detached", "special_needs"] as const;
export type MenteeSituation = (typeof MENTEE_SITUATIONS)[number];
