import { randomBytes } from "node:crypto";
import { ReplayEngine, type ReplayState } from "@grammyjs/conversations";
import type { Logger } from "pino";
import {
  type Address,
  isLocale,
  type Locale,
  localeFromLanguageCode,
  type Msg,
  msg,
  type Reader,
  type Translator,
} from "#root/i18n/translator.ts";
import { unpackButton } from "#root/messaging/buttons.ts";
import type { MessageSpec } from "#root/messaging/message-spec.ts";
import type { DownloadResult, Incoming, IncomingMedia, Platform } from "#root/messaging/messenger.ts";
import type { ChatNotices } from "./chat-notices.ts";
import type { ChatRecord } from "./chat-record.ts";
import { ChatScreen, type ScreenState } from "./chat-screen.ts";
import { type Answer, CANCEL_VALUE, FlowCancelled } from "./dialog.ts";
import type { FlowContext, FlowDefinition, FlowOutcome, FlowRouter } from "./flow.ts";
import type { HeldUpdate } from "./inbox-drain.ts";
import type { AccountsPort, ChatAccount } from "./ports.ts";
import { type PendingPrompt, ReplayDialog } from "./replay-dialog.ts";
import type { ReplyChat, ReplyDelivery } from "./reply-delivery.ts";
import { isTransient } from "./transient.ts";

/** What a cancel says: nothing was saved, or what the flow had saved before it and keeps. */
function cancelledNotice(saved: Msg[] | undefined): Msg[] {
  return saved && saved.length > 0 ? [msg("flow-cancelled-kept"), ...saved] : [msg("flow-cancelled")];
}

/** A chat's flow in progress, as stored between updates. */
interface FlowSession {
  flow: string;
  version: number;
  args: unknown;
  instance: string;
  state: ReplayState;
  interrupt: number;
  prompt: PendingPrompt;
  /** What the flow saved before this prompt (`Dialog.noteSaved`): a cancel says it was kept. */
  saved?: Msg[];
}

interface Chat extends ReplyChat, Reader {
  locale: Locale;
  address: Address;
  /** Where this update's replies are written. */
  screen: ChatScreen;
  /** The chat's flow and screen as its holder keeps them, written with the update's processed mark. */
  record: ChatRecord<FlowSession, ScreenState>;
}

/**
 * What flows get in their FlowContext besides the chat, the clock and the locale. The dispatch only
 * passes it on: its own work needs no more than the accounts.
 */
export type FlowServices = Pick<FlowContext, "repos" | "notify" | "links" | "inOrganisation" | "inTerritory" | "kickDelivery"> & {
  /** Fetches a photo or a file sent on `platform` (see MessengerPort.download). */
  download(platform: Platform, media: IncomingMedia, maxBytes: number): Promise<DownloadResult>;
};

export interface ConversationDispatchDependencies {
  accounts: Pick<AccountsPort, "touch">;
  /** Forgets another chat's flow and screen (an erasure took its person away), as stored. */
  forgetChat: FlowContext["forgetChat"];
  flows: FlowDefinition[];
  router: FlowRouter;
  translator: Translator;
  flowServices: FlowServices;
  replies: ReplyDelivery;
  notices: ChatNotices;
  defaultLocale: Locale;
  logger: Logger;
  /** What `d.now()` reads (tests move it). */
  clock?: () => Date;
}

/**
 * Turns one update of a chat into the chat's next step: a command, a menu button or an answer starts
 * or resumes the chat's flow on @grammyjs/conversations' ReplayEngine, whose state is kept in the
 * chat's record between updates.
 */
export class ConversationDispatch {
  private readonly flows: Map<string, FlowDefinition>;

  constructor(private readonly deps: ConversationDispatchDependencies) {
    this.flows = new Map(deps.flows.map((flow) => [flow.name, flow]));
  }

  /**
   * Handles one update of the chat (under its lock). Throws a transient error for the update to be
   * retried, after telling its sender to wait on the first attempt; a flow's failure is logged and
   * apologised for.
   */
  async handle(incoming: Incoming, attempts: number, held: HeldUpdate): Promise<void> {
    let account: ChatAccount;
    try {
      account = held.account ?? (await this.deps.accounts.touch(incoming, this.now()));
    } catch (error) {
      if (isTransient(error) && attempts === 0) await this.deps.notices.tellToWait(incoming);
      throw error;
    }
    const preferred = account.personLocale ?? account.chosenLocale;
    const replyChat: ReplyChat = {
      platform: incoming.platform,
      chatId: incoming.chatId,
      accountId: account.id,
      callbackButtons: account.callbackButtons,
    };
    const event = incoming.event;
    // The record's shapes are this dispatch's own: it is the only writer of the chat's flow and screen.
    const record = held.record as ChatRecord<FlowSession, ScreenState>;
    const screen = new ChatScreen(this.deps.replies, record, replyChat, event.kind === "button" && event.on ? { pressedOn: event.on } : {});
    const chat: Chat = {
      ...replyChat,
      locale: isLocale(preferred) ? preferred : localeFromLanguageCode(account.languageCode, this.deps.defaultLocale),
      address: account.address,
      screen,
      record,
    };
    const session = record.flow;
    const log = this.deps.logger.child({ updateKey: incoming.updateKey, chatId: incoming.chatId, flow: session?.flow });

    try {
      await this.dispatch(chat, session, event);
      await screen.flush();
    } catch (error) {
      screen.discard();
      if (isTransient(error)) {
        if (attempts === 0) await this.deps.notices.tellToWait(incoming);
        throw error;
      }
      log.error({ err: error }, "flow failed");
      record.setFlow(undefined);
      await this.say(chat, [msg("error-generic")]);
      await screen.flush().catch(() => undefined);
    }
  }

  private async dispatch(chat: Chat, session: FlowSession | undefined, event: Incoming["event"]): Promise<void> {
    switch (event.kind) {
      case "command":
        return this.onCommand(chat, session, event.command.toLowerCase(), event.args.trim());
      case "button":
        return this.onButton(chat, session, event.payload, event.answerId);
      case "text":
        if (session) return this.resume(chat, session, { kind: "text", text: event.text });
        return this.start(chat, this.deps.router.idle());
      case "media":
        // Only a question that takes files reads it (AskOptions.media); anywhere else it is refused as unsupported.
        if (session)
          return this.resume(chat, session, { kind: "media", media: event.media, ...(event.caption ? { caption: event.caption } : {}) });
        await this.say(chat, [msg("error-unsupported")]);
        return this.start(chat, this.deps.router.idle());
      case "unsupported":
        if (session) return this.resume(chat, session, { kind: "unsupported", what: event.what });
        await this.say(chat, [msg("error-unsupported")]);
        return this.start(chat, this.deps.router.idle());
    }
  }

  private async onCommand(chat: Chat, session: FlowSession | undefined, command: string, args: string): Promise<void> {
    if (command === "cancel") {
      if (!session) return this.say(chat, [msg("nothing-to-cancel")]);
      chat.record.setFlow(undefined);
      return this.cancelled(chat, session.saved, session.prompt.reader);
    }
    if (command === "help" && session) {
      return this.reshow(chat, session, [msg("help-in-flow")]);
    }
    const route = this.deps.router.command(command, args);
    if (!route) {
      if (session) return this.reshow(chat, session, [msg("error-unknown-command", { command })]);
      await this.say(chat, [msg("error-unknown-command", { command })]);
      return this.start(chat, this.deps.router.idle());
    }
    // A start link is a deliberate new beginning: it replaces a flow in progress.
    if (session && !(command === "start" && args !== "")) return this.reshow(chat, session, [msg("flow-in-progress")]);
    if (session) chat.record.setFlow(undefined);
    return this.start(chat, route);
  }

  private async onButton(chat: Chat, session: FlowSession | undefined, payload: string, answerId: string | undefined): Promise<void> {
    const button = unpackButton(payload);
    // A button that no longer answers says so where it was pressed; without a press to answer
    // (VK's text keyboards) the notice comes as a message over the question.
    const refusal = {
      stale: { notice: msg("error-button-stale"), toast: msg("toast-button-stale") },
      unknown: { notice: msg("error-button-unknown"), toast: msg("toast-button-unknown") },
    };
    const refuse = async (why: keyof typeof refusal): Promise<void> => {
      if (answerId === undefined) return this.reshowOrIdle(chat, session, [refusal[why].notice]);
      await this.deps.replies.answerPress(chat, answerId, chat, refusal[why].toast);
    };
    if (button === undefined) return refuse("unknown");
    if (button === "outdated") return refuse("stale");
    if (button.kind === "prompt" && (!session || session.prompt.tag !== button.tag)) return refuse("stale");
    const route = button.kind === "action" ? this.deps.router.action(button.action, button.arg) : undefined;
    if (button.kind === "action" && !route) return refuse("unknown");
    if (answerId !== undefined) await this.deps.replies.answerPress(chat, answerId, chat);
    if (button.kind === "prompt") {
      chat.screen.input.answered = { tag: session!.prompt.tag, message: session!.prompt.message, value: button.value };
      return this.resume(chat, session!, { kind: "button", value: button.value });
    }
    if (session) return this.reshow(chat, session, [msg("flow-in-progress")]);
    return this.start(chat, route!);
  }

  private async reshowOrIdle(chat: Chat, session: FlowSession | undefined, notice: Msg[]): Promise<void> {
    if (session) return this.reshow(chat, session, notice);
    await this.say(chat, notice);
    return this.start(chat, this.deps.router.idle());
  }

  private async reshow(chat: Chat, session: FlowSession, notice: Msg[]): Promise<void> {
    const prompt = session.prompt.message;
    await this.deliver(chat, { ...prompt, text: [...notice, ...prompt.text] }, session.prompt.reader ?? chat);
  }

  private async start(chat: Chat, route: { flow: string; args?: unknown }): Promise<void> {
    const flow = this.flows.get(route.flow);
    if (!flow) throw new Error(`No flow named ${route.flow}`);
    const instance = randomBytes(3).readUIntBE(0, 3).toString(36);
    await this.play(chat, flow, route.args ?? {}, instance, undefined);
  }

  private async resume(chat: Chat, session: FlowSession, answer: Answer): Promise<void> {
    const flow = this.flows.get(session.flow);
    if (!flow || flow.version !== session.version) {
      await this.say(chat, [msg("flow-restarted")]);
      chat.record.setFlow(undefined);
      if (flow) return this.start(chat, { flow: flow.name, args: session.args });
      return this.start(chat, this.deps.router.idle());
    }
    if (answer.kind === "text") chat.screen.input.answeredByText = true;
    if (answer.kind === "button" && answer.value === CANCEL_VALUE) {
      chat.record.setFlow(undefined);
      return this.cancelled(chat, session.saved, session.prompt.reader);
    }
    ReplayEngine.supply(session.state, session.interrupt, answer);
    await this.play(chat, flow, session.args, session.instance, session.state);
  }

  private async play(chat: Chat, flow: FlowDefinition, args: unknown, instance: string, state: ReplayState | undefined): Promise<void> {
    const context = this.contextFor(chat);
    let dialog: ReplayDialog | undefined;
    let outcome = undefined as FlowOutcome;
    const engine = new ReplayEngine(async (controls) => {
      dialog = new ReplayDialog(
        controls,
        (message, reader) => this.deliver(chat, message, reader),
        this.deps.translator,
        instance,
        chat,
        this.deps.clock,
        (activity) => this.deps.replies.showActivity(chat, activity),
      );
      outcome = await flow.run(dialog, context, args);
    });
    const result = state ? await engine.replay(state) : await engine.play();
    // The replies go out before the flow's state is kept or dropped: should they fail, the update is
    // handled again from the state it found, not applied a second time to the next question. A flow
    // handing on to the next keeps its replies for one message with the next one's.
    if (!(result.type === "returned" && outcome?.next)) await chat.screen.flush();
    switch (result.type) {
      case "interrupted": {
        if (!dialog?.pending) throw new Error(`Flow ${flow.name} stopped without a question`);
        const session: FlowSession = {
          flow: flow.name,
          version: flow.version,
          args,
          instance,
          state: result.state,
          interrupt: result.interrupts[0]!,
          prompt: dialog.pending,
          ...(dialog.saved.length > 0 ? { saved: dialog.saved } : {}),
        };
        chat.record.setFlow(session);
        return;
      }
      case "returned": {
        if (state) chat.record.setFlow(undefined);
        if (outcome?.next) return this.start({ ...chat, ...dialog?.reader }, { flow: outcome.next, args: outcome.args });
        return;
      }
      case "thrown": {
        if (state) chat.record.setFlow(undefined);
        if (result.error instanceof FlowCancelled) return this.cancelled(chat, dialog?.saved, dialog?.reader);
        throw result.error;
      }
      case "canceled":
        if (state) chat.record.setFlow(undefined);
        return;
    }
  }

  /**
   * Says the flow was cancelled and shows the menu, both as the flow spoke (a student registering is
   * «ты» before the bot knows them), as a flow handing on to the next one does.
   */
  private async cancelled(chat: Chat, saved: Msg[] | undefined, reader: Reader | undefined): Promise<void> {
    const speaking = reader ? { ...chat, ...reader } : chat;
    await this.say(speaking, cancelledNotice(saved));
    return this.start(speaking, this.deps.router.idle());
  }

  private contextFor(chat: Chat): FlowContext {
    const services = this.deps.flowServices;
    return {
      repos: services.repos,
      notify: services.notify,
      links: services.links,
      chat: { platform: chat.platform, chatId: chat.chatId, accountId: chat.accountId },
      defaultLocale: this.deps.defaultLocale,
      now: () => this.now(),
      inOrganisation: services.inOrganisation,
      inTerritory: services.inTerritory,
      kickDelivery: () => services.kickDelivery(),
      download: (media, maxBytes) => services.download(chat.platform, media, maxBytes),
      // The chat whose update runs this flow is cleared in its record (written when the update is
      // settled): fencing it off would throw away the very update that erased it.
      forgetChat: async (platform, chatId) => {
        if (platform !== chat.platform || chatId !== chat.chatId) return this.deps.forgetChat(platform, chatId);
        chat.record.setFlow(undefined);
        chat.record.setScreen(undefined);
      },
    };
  }

  private say(chat: Chat, text: Msg[]): Promise<void> {
    return this.deliver(chat, { text }, chat);
  }

  private async deliver(chat: Chat, message: MessageSpec, reader: Reader): Promise<void> {
    chat.screen.add(message, reader);
  }

  private now(): Date {
    return this.deps.clock ? this.deps.clock() : new Date();
  }
}
