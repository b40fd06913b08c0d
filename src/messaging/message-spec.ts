import type { Msg, Reader, Translator } from "#root/i18n/translator.ts";
import type { Outgoing } from "./messenger.ts";

/**
 * A message in the form it is stored and re-sent in: texts as message ids with their arguments,
 * buttons packed. Rendered in the reader's language only when it is sent.
 */
export interface MessageSpec {
  text: Msg[];
  /**
   * What the message shows, for messages that are screens (a question and its buttons): a press
   * that leads to the same screen again (a tick, a page, the next card) updates it in place.
   */
  screen?: string;
  buttons?: SpecButton[][];
  /** A picture shown as a photo (PNG), captioned by the text where it fits. */
  image?: { filename: string; content: Uint8Array };
  document?: { filename: string; mimeType: string; content: Uint8Array };
  /** Goes alone: someone forwards it as it is (see SayOptions.forwardable). */
  forwardable?: boolean;
}

export type SpecButton = { label: Msg; payload: string } | { label: Msg; url: string };

/** Turns a stored message into text and buttons for one reader: their language and form of address. */
export function renderMessage(translator: Translator, reader: Reader, message: MessageSpec): Outgoing {
  return {
    text: message.text.map((part) => translator.render(reader, part)).join("\n\n"),
    buttons: message.buttons?.map((row) =>
      row.map((button) =>
        "url" in button
          ? { label: translator.render(reader, button.label), url: button.url }
          : { label: translator.render(reader, button.label), payload: button.payload },
      ),
    ),
    image: message.image,
    document: message.document,
  };
}
