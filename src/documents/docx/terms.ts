import type { Direction, MentoringForm } from "#root/domain/programme.ts";
import type { RoadMapStage } from "#root/domain/road-map.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";

/**
 * The programme's terms as documents write them: the directions by their full names in the target
 * model («учебная деятельность»), not the short labels of buttons («Учёба»).
 */

export const DIRECTION_NAMES: Record<Direction, Msg> = {
  studies: msg("doc-direction-studies"),
  additional_education: msg("doc-direction-additional_education"),
  projects: msg("doc-direction-projects"),
  career: msg("doc-direction-career"),
  civic: msg("doc-direction-civic"),
};

export const FORM_NAMES: Record<MentoringForm, Msg> = {
  teacher_student: msg("form-teacher_student"),
  student_student: msg("form-student_student"),
  university_student_student: msg("form-university_student_student"),
  adult_student: msg("form-adult_student"),
};

export const STAGE_NAMES: Record<RoadMapStage, { name: Msg; work: Msg; result: Msg }> = {
  preparation: { name: msg("doc-stage-preparation"), work: msg("doc-stage-preparation-work"), result: msg("doc-stage-preparation-result") },
  "mentee-base": {
    name: msg("doc-stage-mentee-base"),
    work: msg("doc-stage-mentee-base-work"),
    result: msg("doc-stage-mentee-base-result"),
  },
  "mentor-base": {
    name: msg("doc-stage-mentor-base"),
    work: msg("doc-stage-mentor-base-work"),
    result: msg("doc-stage-mentor-base-result"),
  },
  "mentor-training": {
    name: msg("doc-stage-mentor-training"),
    work: msg("doc-stage-mentor-training-work"),
    result: msg("doc-stage-mentor-training-result"),
  },
  pairs: { name: msg("doc-stage-pairs"), work: msg("doc-stage-pairs-work"), result: msg("doc-stage-pairs-result") },
  work: { name: msg("doc-stage-work"), work: msg("doc-stage-work-work"), result: msg("doc-stage-work-result") },
  completion: { name: msg("doc-stage-completion"), work: msg("doc-stage-completion-work"), result: msg("doc-stage-completion-result") },
};

/** The direction's full name, or the words for a pair without one. */
export function directionName(direction: Direction | null): Msg {
  return direction ? DIRECTION_NAMES[direction] : msg("doc-direction-none");
}
