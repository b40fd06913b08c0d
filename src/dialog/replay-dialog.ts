import type { ReplayControls } from "@grammyjs/conversations";
import type { Address, Locale, Msg, Reader, Translator } from "#root/i18n/translator.ts";
import { msg } from "#root/i18n/translator.ts";
import { packPromptAnswer } from "#root/messaging/buttons.ts";
import type { MessageSpec, SpecButton } from "#root/messaging/message-spec.ts";
import type { ChatActivity } from "#root/messaging/messenger.ts";

/** The questions one run of a flow asks before a looping flow starts a new run (see Dialog.checkpointDue). */
export const CHECKPOINT_PROMPTS = 40;

import {
  type Answer,
  type AskOptions,
  BACK_VALUE,
  CANCEL_VALUE,
  type Choice,
  type ChooseManyOptions,
  type ChooseOptions,
  type Dialog,
  DONE_VALUE,
  FlowCancelled,
  GoBack,
  NEXT_PAGE_VALUE,
  PREVIOUS_PAGE_VALUE,
  type SayOptions,
} from "./dialog.ts";

/** The question a flow waits on: re-sent after /help or a stale button, and its tag validates buttons. */
export interface PendingPrompt {
  tag: string;
  message: MessageSpec;
  /**
   * Who the question was asked for: a re-show speaks as the flow did (a student registering is «ты»
   * before the bot knows them). Absent in sessions stored before it was kept.
   */
  reader?: Reader;
}

export type Deliver = (message: MessageSpec, reader: Reader) => Promise<void>;
/** Shows an indicator in the chat; never rejects. */
export type ShowActivity = (activity: ChatActivity) => Promise<void>;

/** The Dialog port over one replay of a flow. */
export class ReplayDialog implements Dialog {
  backAllowed = false;
  /** The prompt the flow is waiting on once the replay interrupts. */
  pending: PendingPrompt | undefined;
  /** What the flow has saved so far (see `Dialog.noteSaved`), for a cancel to say. */
  readonly saved: Msg[] = [];
  private promptCount = 0;
  public locale: Locale;
  public address: Address;

  constructor(
    private readonly controls: ReplayControls,
    private readonly deliver: Deliver,
    private readonly translator: Translator,
    private readonly instance: string,
    reader: Reader,
    private readonly clock: () => Date = () => new Date(),
    private readonly showActivity: ShowActivity = async () => undefined,
  ) {
    this.locale = reader.locale;
    this.address = reader.address;
  }

  /** Who the chat's messages are rendered for: the language and the form of address. */
  get reader(): Reader {
    return { locale: this.locale, address: this.address };
  }

  translate(message: Msg): string {
    return this.translator.render(this.reader, message);
  }

  useLocale(locale: Locale): void {
    this.locale = locale;
  }

  useAddress(address: Address): void {
    this.address = address;
  }

  noteSaved(what: Msg): void {
    this.saved.push(what);
  }

  async say(text: Msg | Msg[], options: SayOptions = {}): Promise<void> {
    const message: MessageSpec = {
      text: Array.isArray(text) ? text : [text],
      buttons: options.buttons,
      image: options.image,
      document: options.document,
      ...(options.forwardable ? { forwardable: true } : {}),
    };
    await this.run("say", () => this.deliver(message, this.reader));
  }

  async showUpload(what: "document" | "photo"): Promise<void> {
    await this.run("activity", () => this.showActivity(what === "photo" ? "uploading-photo" : "uploading-document"));
  }

  async run<T>(key: string, effect: () => Promise<T>): Promise<T> {
    // The replay log is stored as JSON: round-trip now so the first run sees what replays will.
    return this.controls.action(async () => {
      const value = await effect();
      return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
    }, key);
  }

  async now(): Promise<Date> {
    return new Date(await this.run("now", async () => this.clock().toISOString()));
  }

  async ask<T>(prompt: Msg, options: AskOptions<T>): Promise<T> {
    const tag = this.nextTag();
    const buttons = [...this.rows(tag, options.suggestions ?? [], options.columns ?? 3), ...this.navigation(tag)];
    const question: MessageSpec = { text: [prompt], buttons, screen: prompt.key };
    let message = question;
    for (;;) {
      const answer = await this.prompt(tag, message, question);
      let text: string;
      if (answer.kind === "button") {
        this.followNavigation(answer.value);
        text = answer.value;
      } else if (answer.kind === "text") {
        text = answer.text;
      } else if (answer.kind === "media" && options.media) {
        const parsed = options.media.parse(answer.media, answer.caption);
        if (parsed.ok) return parsed.value;
        message = { ...question, text: [msg(parsed.error, parsed.args), prompt] };
        continue;
      } else {
        // A photo or a file where the question takes none is refused as anything else the bot cannot read.
        message = { ...question, text: [options.media?.unsupported ?? msg("error-unsupported"), prompt] };
        continue;
      }
      const parsed = options.parse(text);
      if (parsed.ok) return parsed.value;
      message = { ...question, text: [msg(parsed.error, parsed.args), prompt] };
    }
  }

  async choose<T extends string>(prompt: Msg, choices: Choice<T>[], options: ChooseOptions = {}): Promise<T> {
    const tag = this.nextTag();
    const buttons = [...this.rows(tag, choices, options.columns ?? 1), ...this.navigation(tag)];
    const question: MessageSpec = { text: [prompt], buttons, screen: prompt.key };
    let message = question;
    for (;;) {
      const answer = await this.prompt(tag, message, question);
      if (answer.kind === "button") this.followNavigation(answer.value);
      const chosen =
        answer.kind === "button"
          ? choices.find((choice) => choice.value === answer.value)
          : answer.kind === "text"
            ? this.matchTyped(answer.text, choices)
            : undefined;
      if (chosen) return chosen.value;
      message = { ...question, text: [msg("error-use-buttons"), prompt] };
    }
  }

  async chooseMany<T extends string>(prompt: Msg, choices: Choice<T>[], options: ChooseManyOptions = {}): Promise<T[]> {
    const tag = this.nextTag();
    const min = options.min ?? 1;
    const selected = new Set<string>(options.initial ?? []);
    const pageSize = options.pageSize && choices.length > options.pageSize ? options.pageSize : Math.max(1, choices.length);
    const pages = Math.max(1, Math.ceil(choices.length / pageSize));
    const taken = pages > 1 && choices.find((choice) => choice.value === PREVIOUS_PAGE_VALUE || choice.value === NEXT_PAGE_VALUE);
    if (taken) throw new Error(`The choice value "${taken.value}" turns the pages: pick another value`);
    let page = 0;
    let notice: Msg[] = [];
    for (;;) {
      const marked = choices.slice(page * pageSize, (page + 1) * pageSize).map((choice) => ({
        value: choice.value,
        label: msg(selected.has(choice.value) ? "choice-selected" : "choice-unselected", { label: choice.label }),
      }));
      const turns: Choice[] = [];
      if (page > 0) turns.push({ value: PREVIOUS_PAGE_VALUE, label: msg("button-previous") });
      if (page + 1 < pages) turns.push({ value: NEXT_PAGE_VALUE, label: msg("button-next") });
      const buttons = [
        ...this.rows(tag, marked, options.columns ?? 1),
        ...(turns.length > 0 ? this.rows(tag, turns, turns.length) : []),
        // Done shares the last row with Back and Cancel: VK shows at most six rows of buttons.
        [{ label: msg("button-done"), payload: packPromptAnswer(tag, DONE_VALUE) }, ...this.navigation(tag)[0]!],
      ];
      const shown = pages > 1 ? msg("picker-page", { prompt, page: page + 1, pages }) : prompt;
      const question: MessageSpec = { text: [shown, msg("choose-many-hint")], buttons, screen: prompt.key };
      const answer = await this.prompt(tag, { ...question, text: [...notice, ...question.text] }, question);
      notice = [];
      const ordered = () => choices.filter((choice) => selected.has(choice.value)).map((choice) => choice.value);
      if (answer.kind === "button") {
        this.followNavigation(answer.value);
        if (answer.value === DONE_VALUE) {
          if (selected.size >= min) return ordered();
          notice = [msg("error-choose-at-least", { min })];
        } else if (pages > 1 && answer.value === PREVIOUS_PAGE_VALUE) {
          page = Math.max(0, page - 1);
        } else if (pages > 1 && answer.value === NEXT_PAGE_VALUE) {
          page = Math.min(pages - 1, page + 1);
        } else if (choices.some((choice) => choice.value === answer.value)) {
          if (selected.has(answer.value)) selected.delete(answer.value);
          else selected.add(answer.value);
        } else {
          notice = [msg("error-use-buttons")];
        }
        continue;
      }
      const typed = answer.kind === "text" ? this.matchTypedMany(answer.text, choices) : undefined;
      if (typed && typed.length >= min) return typed;
      notice = [msg(typed ? "error-choose-at-least" : "error-use-buttons", { min })];
    }
  }

  get checkpointDue(): boolean {
    return this.promptCount >= CHECKPOINT_PROMPTS;
  }

  private nextTag(): string {
    this.promptCount += 1;
    return `${this.instance}.${this.promptCount.toString(36)}`;
  }

  /** Sends `message` and waits for the answer; `question` (without a notice) is what a re-show repeats. */
  private async prompt(tag: string, message: MessageSpec, question: MessageSpec): Promise<Answer> {
    await this.run("prompt", () => this.deliver(message, this.reader));
    // After /help or a stale button the question is shown again under the new notice only, not
    // under the notice the previous answer earned ("too long", "use the buttons"…).
    this.pending = { tag, message: question, reader: this.reader };
    const answer = (await this.controls.interrupt("answer")) as Answer;
    this.pending = undefined;
    return answer;
  }

  private rows(tag: string, choices: Choice[], columns: number): SpecButton[][] {
    // A choice answering with the navigation's own value would act as Cancel or Back when pressed.
    const taken = choices.find((choice) => choice.value === CANCEL_VALUE || (choice.value === BACK_VALUE && this.backAllowed));
    if (taken) throw new Error(`The choice value "${taken.value}" is the prompts' own navigation: pick another value`);
    const rows: SpecButton[][] = [];
    for (let index = 0; index < choices.length; index += columns) {
      rows.push(
        choices.slice(index, index + columns).map((choice) => ({ label: choice.label, payload: packPromptAnswer(tag, choice.value) })),
      );
    }
    return rows;
  }

  private navigation(tag: string): SpecButton[][] {
    const row: SpecButton[] = [];
    if (this.backAllowed) row.push({ label: msg("button-back"), payload: packPromptAnswer(tag, BACK_VALUE) });
    row.push({ label: msg("button-cancel"), payload: packPromptAnswer(tag, CANCEL_VALUE) });
    return [row];
  }

  private followNavigation(value: string): void {
    if (value === BACK_VALUE && this.backAllowed) throw new GoBack();
    if (value === CANCEL_VALUE) throw new FlowCancelled();
  }

  /** Typed text picks a choice by its number ("2") or its label, ignoring case and emoji. */
  private matchTyped<T extends string>(text: string, choices: Choice<T>[]): Choice<T> | undefined {
    const wanted = comparable(text);
    if (/^\d{1,2}$/.test(wanted)) return choices[Number(wanted) - 1];
    return choices.find((choice) => comparable(this.translator.render(this.reader, choice.label)) === wanted);
  }

  private matchTypedMany<T extends string>(text: string, choices: Choice<T>[]): T[] | undefined {
    const parts = text.split(/[,;\s]+/).filter(Boolean);
    const picked = parts.map((part) => this.matchTyped(part, choices));
    if (parts.length === 0 || picked.some((choice) => choice === undefined)) {
      const whole = this.matchTyped(text, choices);
      return whole ? [whole.value] : undefined;
    }
    return [...new Set(picked.map((choice) => choice!.value))];
  }
}

function comparable(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N} ]/gu, "")
    .replace(/\s+/g, " ")
    .trim();
}
