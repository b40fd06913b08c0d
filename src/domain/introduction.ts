/**
 * The introduction (знакомство, stage 5 of the target model): after the pairs are published, mentors
 * and mentees meet at an introductory meeting, one for the cycle or one per set of pairs. It is
 * invited to and answered like the final event (src/domain/final-event.ts); what is its own is which
 * pairs it is for and, afterwards, which of them came. Pure rules.
 */

export const INTRODUCTION_ATTENDANCE = ["held", "missed"] as const;
/** Whether a pair came to its introduction. */
export type IntroductionAttendance = (typeof INTRODUCTION_ATTENDANCE)[number];

/** A pair of an introduction with its mark so far (null: not ticked yet). */
export interface IntroductionPairMark {
  pairId: number;
  attendance: IntroductionAttendance | null;
}

/** The published pairs that no standing introduction is for yet, in the order given. */
export function pairsWithoutIntroduction(published: readonly number[], covered: readonly number[]): number[] {
  const taken = new Set(covered);
  return published.filter((pairId) => !taken.has(pairId));
}

/** Who came may be ticked once the introduction has begun (not before: nobody has come yet). */
export function attendanceOpen(startsAt: Date, now: Date): boolean {
  return now.getTime() >= startsAt.getTime();
}

/** The ticks of "which pairs came": every pair of the introduction is held if ticked, else missed. */
export function attendanceMarks(pairIds: readonly number[], came: readonly number[]): IntroductionPairMark[] {
  const ticked = new Set(came);
  return pairIds.map((pairId) => ({ pairId, attendance: ticked.has(pairId) ? "held" : "missed" }));
}

export interface AttendanceTally {
  pairs: number;
  held: number;
  missed: number;
  /** Not ticked yet. */
  open: number;
}

/** How many pairs came, did not, and are not ticked yet. */
export function attendanceTally(marks: readonly IntroductionPairMark[]): AttendanceTally {
  const held = marks.filter((mark) => mark.attendance === "held").length;
  const missed = marks.filter((mark) => mark.attendance === "missed").length;
  return { pairs: marks.length, held, missed, open: marks.length - held - missed };
}

/**
 * A pair's introduction for the monitoring report: held if it came to any standing introduction,
 * missed if it was ticked absent at all of them, null if it was never ticked (or never invited).
 */
export function pairIntroduction(marks: readonly (IntroductionAttendance | null)[]): IntroductionAttendance | null {
  if (marks.includes("held")) return "held";
  return marks.includes("missed") ? "missed" : null;
}
