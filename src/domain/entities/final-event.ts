import type { EventKind, GuestRole } from "../final-event.ts";

/** The cycle's final public event, or an introduction of its pairs (`kind`). */
export interface FinalEvent {
  id: number;
  kind: EventKind;
  orgId: number;
  cycleId: number;
  startsAt: Date;
  place: string;
  description: string;
  createdBy: number;
  /** Raised by each change: the calendar file's SEQUENCE, and the mark that nobody changed it meanwhile. */
  sequence: number;
  cancelledAt: Date | null;
}

/** A person invited, in the role they are counted in. */
export interface Guest {
  personId: number;
  role: GuestRole;
}
