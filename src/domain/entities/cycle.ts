import type { CalendarDate, CycleStage } from "../cycle.ts";
import type { Direction, MentoringForm } from "../programme.ts";

/** A programme cycle of an organisation: its dates, the forms and directions it offers, its stage. */
export interface Cycle {
  id: number;
  orgId: number;
  name: string;
  startsOn: CalendarDate;
  endsOn: CalendarDate;
  forms: MentoringForm[];
  directions: Direction[];
  stage: CycleStage;
  /** Pairs are asked how their plan goes every this many days. */
  checkInEveryDays: number;
}
