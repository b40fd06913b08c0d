import type { CalendarDate } from "./cycle.ts";

/**
 * The road map (дорожная карта) of a cycle: the target model's seven stages (MR-42/02) with dates
 * drawn from the cycle's first and last day.
 */

export const ROAD_MAP_STAGES = ["preparation", "mentee-base", "mentor-base", "mentor-training", "pairs", "work", "completion"] as const;
export type RoadMapStage = (typeof ROAD_MAP_STAGES)[number];

export interface RoadMapStep {
  stage: RoadMapStage;
  from: CalendarDate;
  to: CalendarDate;
}

/**
 * Where each stage starts and ends, as shares of the cycle's length. The model's first five stages
 * prepare the work, so they take the first quarter: preparation 5 %, then the bases of mentees and
 * of mentors side by side (the model gathers them in parallel) 10 %, selecting and training mentors
 * 5 %, forming pairs and the introduction 5 %. The pairs' work takes the bulk, 65 %, and the last
 * 10 % is left to completing the programme: the final questionnaires, the monitoring and the final
 * event. A school year's cycle (September to May) thus forms its pairs by early November.
 */
const SHARES: Record<RoadMapStage, [number, number]> = {
  preparation: [0, 0.05],
  "mentee-base": [0.05, 0.15],
  "mentor-base": [0.05, 0.15],
  "mentor-training": [0.15, 0.2],
  pairs: [0.2, 0.25],
  work: [0.25, 0.9],
  completion: [0.9, 1],
};

const DAY = 86_400_000;
const toDay = (date: CalendarDate) => Date.parse(`${date}T00:00:00Z`);
const fromDay = (time: number): CalendarDate => new Date(time).toISOString().slice(0, 10);

/**
 * The seven stages with their dates: each starts on the day its share begins and ends the day
 * before the next share begins (the last on the cycle's last day); a stage is never shorter than
 * one day, so a very short cycle still lists every stage within its dates.
 */
export function roadMap(startsOn: CalendarDate, endsOn: CalendarDate): RoadMapStep[] {
  const start = toDay(startsOn);
  const days = Math.max(0, Math.round((toDay(endsOn) - start) / DAY));
  const offset = (share: number) => Math.round(days * share);
  return ROAD_MAP_STAGES.map((stage) => {
    const [from, to] = SHARES[stage];
    const first = offset(from);
    const last = to === 1 ? days : Math.max(first, offset(to) - 1);
    return { stage, from: fromDay(start + first * DAY), to: fromDay(start + Math.min(last, days) * DAY) };
  });
}
