import { DIRECTIONS, type Direction, MENTOR_KINDS, type MentorKind } from "#root/domain/programme.ts";
import type { Choice } from "#root/dialog/dialog.ts";
import { msg, type Msg } from "#root/i18n/translator.ts";

/** Button choices shared by several flows; labels live in locales/. */

export const directionChoices: Choice<Direction>[] = DIRECTIONS.map((direction) => ({
  value: direction,
  label: msg(`direction-${direction}`),
}));

export const mentorKindChoices: Choice<MentorKind>[] = MENTOR_KINDS.map((kind) => ({
  value: kind,
  label: msg(`mentor-kind-${kind}`),
}));

export const yesNo = (yes: string, no: string): Choice<"yes" | "no">[] => [
  { value: "yes", label: msg(yes) },
  { value: "no", label: msg(no) },
];

/** "Studies, Projects" in the reader's language. */
export function directionList(directions: readonly string[]): Msg {
  const args: Record<string, Msg> = {};
  directions.forEach((direction, index) => {
    args[`d${index}`] = msg(`direction-${direction}`);
  });
  return msg(`list-${Math.min(directions.length, 5)}`, args);
}
