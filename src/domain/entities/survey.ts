import type { SurveyAudience, SurveyMoment } from "../surveys.ts";

/** One questionnaire sent to one person of one pair, at the start of the pair's work or at the cycle's end. */
export interface Survey {
  id: number;
  orgId: number;
  cycleId: number;
  pairId: number;
  personId: number;
  audience: SurveyAudience;
  moment: SurveyMoment;
  /** The question set's version the person is asked (src/domain/surveys.ts). */
  version: number;
  sentAt: Date;
  remindersSent: number;
  answeredAt: Date | null;
}

/** How a questionnaire names its pair: the organisation, the mentor and the mentees still in it. */
export interface SurveyPair {
  pairId: number;
  orgName: string;
  mentorName: string | null;
  menteeNames: Array<string | null>;
}

/** One answer; a skipped open question has none. */
export type SurveyAnswer =
  | { questionId: string; kind: "scale"; value: number }
  | { questionId: string; kind: "choice"; value: string }
  | { questionId: string; kind: "open"; value: string };
