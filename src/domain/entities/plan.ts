import type { CalendarDate } from "../cycle.ts";
import type { PlanStatus } from "../plan.ts";

/** One milestone of a plan, with the pair it belongs to. */
export interface PlanMilestone {
  id: number;
  pairId: number;
  planId: number;
  title: string;
  /** A calendar date, "YYYY-MM-DD". */
  dueOn: CalendarDate;
  evidence: string | null;
  doneAt: Date | null;
  position: number;
}

/** A pair's plan with its milestones in order. */
export interface Plan {
  id: number;
  pairId: number;
  orgId: number;
  goal: string;
  status: PlanStatus;
  changeRequest: string | null;
  version: number;
  proposedAt: Date | null;
  agreedAt: Date | null;
  agreedBy: number | null;
  milestones: PlanMilestone[];
}
