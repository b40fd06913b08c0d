import type { ConsentDecision } from "../consent.ts";
import type { Platform } from "../platform.ts";

/** Who decided: a parent (legal representative) or the participant themself. */
export type ConsentGiverKind = "parent" | "self";

/** A coordinator's review of a grant after another person's decline. */
export type ConsentReview = "pending" | "accepted" | "rejected";

/** One recorded consent decision, as given (instants as ISO strings). */
export interface ConsentRecord {
  id: number;
  participantId: number;
  giver: ConsentGiverKind;
  giverPersonId: number;
  textVersion: string;
  decision: ConsentDecision;
  platform: Platform;
  decidedAt: string;
  withdrawnAt: string | null;
}
