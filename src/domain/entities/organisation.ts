import type { ReviewState } from "../mentor-review.ts";
import type { ParticipantStatus, Role } from "../programme.ts";

/** A school or other organisation running the programme, with the time zone its dates are read in. */
export interface Organisation {
  id: number;
  name: string;
  timezone: string;
}

/** A part a person plays in an organisation. */
export interface Membership {
  participantId: number;
  orgId: number;
  orgName: string;
  timezone: string;
  role: Role;
  status: ParticipantStatus;
  /** A mentor's selection by the coordinator (stage 4); null for every other role. */
  mentorReview: ReviewState | null;
}
