import type { CheckInAnswer } from "../attention.ts";

/** Who of a pair a check-in asks. */
export type CheckInRespondent = "mentor" | "mentee";

/** One person asked in one round. */
export interface CheckIn {
  id: number;
  pairId: number;
  orgId: number;
  personId: number;
  respondent: CheckInRespondent;
  round: number;
  askedAt: Date;
  answeredAt: Date | null;
}

/** One milestone's answer in a check-in. */
export interface CheckInAnswerRow {
  id: number;
  checkInId: number;
  pairId: number;
  milestoneId: number;
  /** Who answered (the check-in's person). */
  personId: number;
  respondent: CheckInRespondent;
  answer: CheckInAnswer;
  reason: string | null;
  at: Date;
}
