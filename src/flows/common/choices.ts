import type { Choice } from "#root/dialog/dialog.ts";
import { DIRECTIONS, type Direction, MENTOR_KINDS, MENTORING_FORMS, type MentoringForm, type MentorKind } from "#root/domain/programme.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import type { Platform } from "#root/messaging/messenger.ts";

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

/** Messages joined by commas in the reader's language ("Studies, Projects"); up to five. */
export function joinedList(items: readonly Msg[]): Msg {
  const args: Record<string, Msg> = {};
  items.slice(0, 5).forEach((item, index) => {
    args[`d${index}`] = item;
  });
  return msg(`list-${Math.min(items.length, 5)}`, args);
}

export function directionList(directions: readonly string[]): Msg {
  return joinedList(directions.map((direction) => msg(`direction-${direction}`)));
}

export function formList(forms: readonly string[]): Msg {
  return joinedList(forms.map((form) => msg(`form-${form}`)));
}

export const formChoices: Choice<MentoringForm>[] = MENTORING_FORMS.map((form) => ({ value: form, label: msg(`form-${form}`) }));

const MESSENGER_NAMES: Record<Platform, string> = { telegram: "Telegram", vk: "VK", max: "MAX" };

/** The messengers a person uses, by their brand names ("Telegram, MAX"). */
export function messengerNames(platforms: readonly Platform[]): string {
  return platforms.map((platform) => MESSENGER_NAMES[platform]).join(", ");
}
