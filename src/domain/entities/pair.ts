import type { CalendarDate } from "../cycle.ts";
import type { Direction, MentoringForm } from "../programme.ts";

/** A pair or group: a draft of the matching, published for the cycle's work, or ended. */
export type PairStatus = "draft" | "published" | "ended";

/** Someone in a working pair or group, as the people of the pair see each other. */
export interface PairMember {
  participantId: number;
  personId: number;
  name: string | null;
  birthYear: number | null;
}

/** A published pair or group of a cycle at work, with its organisation's time zone. */
export interface WorkingPair {
  pairId: number;
  orgId: number;
  orgName: string;
  timeZone: string;
  cycleId: number;
  cycleEndsOn: CalendarDate;
  checkInEveryDays: number;
  form: MentoringForm;
  direction: Direction | null;
  publishedAt: Date;
  mentor: PairMember;
  /** In name order; mentees who left the pair or the programme are not listed. */
  mentees: PairMember[];
}
