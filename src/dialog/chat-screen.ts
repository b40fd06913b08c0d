import type { Reader } from "#root/i18n/translator.ts";
import { msg } from "#root/i18n/translator.ts";
import { packPromptAnswer } from "#root/messaging/buttons.ts";
import type { MessageSpec, SpecButton } from "#root/messaging/message-spec.ts";
import type { MessageRef } from "#root/messaging/messenger.ts";
import { BACK_VALUE, CANCEL_VALUE, DONE_VALUE } from "./dialog.ts";
import type { ReplyChat, ReplyDelivery } from "./reply-delivery.ts";

/** The chat's screen: the latest message whose buttons still answer. Ids only, never what it says. */
export interface ScreenState {
  ids: MessageRef[];
  screen?: string;
  /** The message is the question alone (no replies joined before it): it can be rewritten to show the answer. */
  bare?: boolean;
}

/** The question a press answered, as the flow's session kept it. */
export interface AnsweredPrompt {
  tag: string;
  message: MessageSpec;
  value: string;
}

/** What the update that is being handled did to the chat's screen. */
export interface ScreenInput {
  /** The message a pressed button was on. */
  pressedOn?: MessageRef;
  /** The pressed button answered the flow's question (not a menu or notification button). */
  answered?: AnsweredPrompt;
  /** Typed text answered the flow's question. */
  answeredByText?: boolean;
}

interface Queued {
  message: MessageSpec;
  reader: Reader;
  /** Texts of earlier replies were joined before it. */
  joined?: boolean;
}

/**
 * The replies of one update, written as screens rather than a stream. They are held until the update
 * is handled, then:
 * - consecutive texts without buttons join the message after them, so one press brings one message;
 * - a press on the current screen updates that message in place when it leads to the same screen
 *   (a tick, a page, the next card, Back, Cancel) or came from a menu, and otherwise leaves the
 *   question showing the answer given, without buttons;
 * - a new screen takes the buttons off the one before, so only the latest keyboard answers.
 * Older buttons that are still pressed get a toast from the dispatch.
 */
export class ChatScreen {
  private queue: Queued[] = [];
  private previousHandled = false;

  constructor(
    private readonly replies: ReplyDelivery,
    /** Where the screen is kept between updates (the chat's record, written with its flow). */
    private readonly kept: { readonly screen: ScreenState | undefined; setScreen(screen: ScreenState | undefined): void },
    private readonly chat: ReplyChat,
    readonly input: ScreenInput = {},
  ) {}

  static key(platform: string, chatId: string): string {
    return `screen:${platform}:${chatId}`;
  }

  add(message: MessageSpec, reader: Reader): void {
    this.queue.push({ message, reader });
  }

  /** Forgets replies not yet written: the update will be handled again from its start. */
  discard(): void {
    this.queue = [];
  }

  /**
   * Writes what is queued. Called before the flow's state is stored, and once the update is handled;
   * the screen it leaves is kept in the chat's record, stored with the flow.
   */
  async flush(): Promise<void> {
    const messages = coalesce(this.queue);
    this.queue = [];
    if (messages.length === 0) {
      await this.settleAnsweredQuestion();
      return;
    }
    // Screens follow callback buttons; VK's text keyboards (older clients) are not messages to update.
    if (!this.chat.callbackButtons) {
      for (const { message, reader } of messages) await this.replies.deliver(this.chat, message, reader);
      return;
    }
    const previous = this.current();
    let next: ScreenState | undefined;
    let rest = messages;
    const target = this.pressedScreen(previous);
    if (target !== undefined && !this.previousHandled) {
      const first = messages[0]!;
      if (this.staysOnScreen(first.message, previous) && (await this.replies.edit(this.chat, target, first.message, first.reader))) {
        this.previousHandled = true;
        rest = messages.slice(1);
        next = screenOf([target], first);
      } else if (this.input.answered) {
        // A menu pressed for a plain answer stays as it is, still the screen to press on.
        this.previousHandled = true;
        await this.leave(target, first.reader, previous?.bare === true);
      }
    }
    for (const queued of rest) {
      const { message, reader } = queued;
      const sent = await this.replies.deliver(this.chat, message, reader);
      if (!hasAnswerButtons(message)) continue;
      await this.retire(next ?? previous);
      // Sent through the outbox: no message to follow, so no screen until the next one.
      next = sent && sent.length > 0 ? screenOf(sent, queued) : undefined;
    }
    if (next) this.save(next);
    else if (this.previousHandled) this.forget();
    else await this.settleAnsweredQuestion();
  }

  /** The pressed message when it is the chat's current screen, the one message a press can update. */
  private pressedScreen(previous: ScreenState | undefined): MessageRef | undefined {
    const on = this.input.pressedOn;
    if (on === undefined || !previous || previous.ids.length !== 1 || previous.ids[0] !== on) return undefined;
    return on;
  }

  private staysOnScreen(first: MessageSpec, previous: ScreenState | undefined): boolean {
    if (first.document || first.image || !hasAnswerButtons(first)) return false;
    const answered = this.input.answered;
    if (!answered) return true;
    if (answered.value === BACK_VALUE || answered.value === CANCEL_VALUE) return true;
    return first.screen !== undefined && first.screen === previous?.screen;
  }

  /** The answered question stays behind, showing the answer given, without its buttons. */
  private async leave(target: MessageRef, reader: Reader, bare: boolean): Promise<void> {
    const answered = this.input.answered;
    // A question that came with other replies in one message loses only its buttons: the rest of
    // what it said is not kept anywhere to be written again.
    if (answered && bare && (await this.replies.edit(this.chat, target, withAnswer(answered), reader))) return;
    await this.replies.removeButtons(this.chat, [target]);
  }

  /** A question answered by typing, with nothing new to show: its buttons go. */
  private async settleAnsweredQuestion(): Promise<void> {
    if (!this.input.answeredByText || this.previousHandled || !this.chat.callbackButtons) return;
    const previous = this.current();
    if (!previous) return;
    await this.retire(previous);
    this.forget();
  }

  private forget(): void {
    this.previousHandled = false;
    this.kept.setScreen(undefined);
  }

  private async retire(screen: ScreenState | undefined): Promise<void> {
    if (!screen || (screen === this.kept.screen && this.previousHandled)) return;
    if (screen === this.kept.screen) this.previousHandled = true;
    await this.replies.removeButtons(this.chat, screen.ids);
  }

  private current(): ScreenState | undefined {
    return this.kept.screen;
  }

  private save(next: ScreenState): void {
    this.previousHandled = false;
    this.input.pressedOn = undefined;
    this.input.answered = undefined;
    this.input.answeredByText = false;
    this.kept.setScreen(next);
  }
}

/**
 * Texts without buttons join the message after them (when it can carry text), written for one reader;
 * a message to be forwarded goes alone.
 */
function coalesce(queue: Queued[]): Queued[] {
  const merged: Queued[] = [];
  let carried: Queued | undefined;
  for (let item of queue) {
    const canJoin = !item.message.document && !item.message.image && !item.message.forwardable;
    if (carried && sameReader(carried.reader, item.reader) && canJoin) {
      item = { reader: item.reader, joined: true, message: { ...item.message, text: [...carried.message.text, ...item.message.text] } };
    } else if (carried) {
      merged.push(carried);
    }
    carried = undefined;
    if (isPlainText(item.message) && !item.message.forwardable) carried = item;
    else merged.push(item);
  }
  if (carried) merged.push(carried);
  return merged;
}

function sameReader(a: Reader, b: Reader): boolean {
  return a.locale === b.locale && a.address === b.address;
}

function screenOf(ids: MessageRef[], { message, joined }: Queued): ScreenState {
  return { ids, ...(message.screen ? { screen: message.screen } : {}), ...(joined ? {} : { bare: true }) };
}

function isPlainText(message: MessageSpec): boolean {
  return !message.document && !message.image && !message.buttons?.some((row) => row.length > 0);
}

/** Buttons that answer the bot (not links): the ones that go stale. */
export function hasAnswerButtons(message: MessageSpec): boolean {
  return (message.buttons ?? []).some((row) => row.some((button) => "payload" in button));
}

/** The answered question without its buttons, and the answer under it. */
function withAnswer(answered: AnsweredPrompt): MessageSpec {
  const buttons = (answered.message.buttons ?? [])
    .flat()
    .filter((button): button is Extract<SpecButton, { payload: string }> => "payload" in button);
  const chosen =
    answered.value === DONE_VALUE
      ? buttons.filter((button) => button.label.key === "choice-selected").map((button) => button.label.args?.label)
      : [buttons.find((button) => button.payload === packPromptAnswer(answered.tag, answered.value))?.label];
  const labels = chosen.filter((label): label is NonNullable<typeof label> => label !== undefined && typeof label === "object");
  const links = (answered.message.buttons ?? []).map((row) => row.filter((button) => "url" in button)).filter((row) => row.length > 0);
  const text = answered.message.text;
  if (labels.length === 0) return { text, ...(links.length > 0 ? { buttons: links } : {}) };
  const answer = labels.slice(1).reduce((list, label) => msg("list-join", { head: list, tail: label }), labels[0]!);
  return { text: [...text, msg("answer-given", { answer })], ...(links.length > 0 ? { buttons: links } : {}) };
}
