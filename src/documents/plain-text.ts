/**
 * Documents (the order, the bases, the monitoring report, charts) are printed, signed and filed: they
 * carry plain words. Their labels come from the same locale keys as the buttons («📚 Учёба»,
 * «✅ одобрен(а)»), whose emoji help on a phone but not on paper (and fonts of the rasteriser have
 * none), so every document writer passes its texts through here.
 */

/** Emoji with their variation selectors, skin tones, joiners and keycaps, and one space after them. */
const PICTOGRAPHS = /(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u{FE0F}|\u{200D}|\u{20E3})+ ?/gu;

/** The text without emoji: «📚 Учёба, 🧭 Выбор профессии» becomes «Учёба, Выбор профессии». */
export function plainText(text: string): string {
  return text.replace(PICTOGRAPHS, "");
}
