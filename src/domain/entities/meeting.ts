import type { MeetingState } from "../meetings.ts";

/** A meeting of a pair or group, its times as instants (UTC). */
export interface Meeting {
  id: number;
  pairId: number;
  orgId: number;
  /** Null once the proposer's data was erased. */
  proposedBy: number | null;
  start: Date;
  end: Date;
  minutes: number;
  place: string;
  online: boolean;
  state: MeetingState;
  /**
   * The meeting this one answers with another time, the agreed meeting it moves to another time, or
   * the one it replaces after a "moved" tick.
   */
  replacesId: number | null;
  sequence: number;
  note: string | null;
  decidedBy: number | null;
  followUpAskedAt: Date | null;
  tickedAt: Date | null;
}
