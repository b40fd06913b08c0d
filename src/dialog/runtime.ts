import { randomBytes } from "node:crypto";
import { ReplayEngine, type ReplayState } from "@grammyjs/conversations";
import type { Logger } from "pino";
import type { Repositories } from "#root/db/repositories/index.ts";
import { isLocale, type Locale, localeFromLanguageCode, type Msg, msg, type Translator } from "#root/i18n/translator.ts";
import { unpackButton } from "#root/messaging/buttons.ts";
import type { MessageSpec } from "#root/messaging/message-spec.ts";
import { renderMessage } from "#root/messaging/message-spec.ts";
import type { Incoming, MessengerPort, Platform, UpdateSink } from "#root/messaging/messenger.ts";
import { type ChatLease, type ChatLock, LeaseLost } from "./chat-lock.ts";
import { type Answer, CANCEL_VALUE, FlowCancelled } from "./dialog.ts";
import type { FlowContext, FlowDefinition, FlowOutcome, FlowRouter, Notifier, StartLinks } from "./flow.ts";
import { type PendingPrompt, ReplayDialog } from "./replay-dialog.ts";
import type { SessionStore } from "./session-store.ts";

/** A chat's flow in progress, as stored between updates. */
interface FlowSession {
  flow: string;
  version: number;
  args: unknown;
  instance: string;
  state: ReplayState;
  interrupt: number;
  prompt: PendingPrompt;
}

interface Chat {
  platform: Platform;
  chatId: string;
  accountId: number;
  callbackButtons: boolean;
  locale: Locale;
}

export interface RuntimeDependencies {
  repos: Repositories;
  sessions: SessionStore;
  lock: ChatLock;
  messengers: Map<Platform, MessengerPort>;
  flows: FlowDefinition[];
  router: FlowRouter;
  translator: Translator;
  notify: Notifier;
  links: StartLinks;
  defaultLocale: Locale;
  logger: Logger;
  inOrganisation: FlowContext["inOrganisation"];
  kickDelivery(): void;
  /** What `d.now()` reads (tests move it). */
  clock?: () => Date;
  /** A reply went out directly (not through the outbox): the bot's per-second budget counts it. */
  onReplySent?: (platform: Platform) => void;
}

/** Errors of the infrastructure (a database or Redis outage): the update waits and is retried. */
export function isTransient(error: unknown): boolean {
  const text = error instanceof Error ? `${(error as { code?: string }).code ?? ""} ${error.message}` : String(error);
  return /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|57P0[123]|08\d{3}|Connection terminated|connect ETIMEDOUT|Connection is closed|MaxRetriesPerRequest|Command timed out|stayed locked|timeout exceeded when trying to connect|too many clients/i.test(
    text,
  );
}

const MAX_ATTEMPTS = 8;
const INBOX_KEEP_MS = 7 * 24 * 60 * 60 * 1000;
const INBOX_PRUNE_EVERY_MS = 60 * 60 * 1000;
const RETRY_DELAY_MS = 2_000;
const WAIT_NOTICE_EVERY_MS = 60_000;

/**
 * The one flow runtime for both messengers: de-duplicates and stores updates, serialises each
 * chat, and resumes the chat's flow on @grammyjs/conversations' ReplayEngine.
 */
export class DialogRuntime implements UpdateSink {
  private readonly flows: Map<string, FlowDefinition>;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private recoveryTimer: NodeJS.Timeout | undefined;
  /** Chats whose replies go through the outbox for the rest of a drain, behind one that could not be sent. */
  private readonly repliesViaOutbox = new Set<string>();
  /** When each chat was last told to wait for the infrastructure (see tellToWait). */
  private readonly toldToWait = new Map<string, number>();
  private stopping = false;

  constructor(private readonly deps: RuntimeDependencies) {
    this.flows = new Map(deps.flows.map((flow) => [flow.name, flow]));
  }

  async accept(incoming: Incoming): Promise<"accepted" | "duplicate"> {
    if (this.stopping) throw new Error("The runtime is shutting down");
    // The platform waits for our answer meanwhile; the user hears at once why the bot is slow.
    const added = await this.withRetries(
      () => this.deps.repos.inbox.add(incoming),
      () => void this.tellToWait(incoming),
    );
    if (!added) {
      this.deps.logger.debug({ updateKey: incoming.updateKey }, "duplicate update dropped");
      return "duplicate";
    }
    this.schedule(incoming.platform, incoming.chatId);
    return "accepted";
  }

  /** Processes every stored update of a chat; resolves when the chat is drained. */
  drain(platform: Platform, chatId: string): Promise<void> {
    const work = this.deps.lock
      .withLock(`${platform}:${chatId}`, (lease) => this.drainLocked(platform, chatId, lease))
      .catch(async (error: unknown) => {
        if (error instanceof LeaseLost) {
          // Another replica holds the chat now and handles what is left; the recovery sweep covers the rest.
          this.deps.logger.warn({ platform, chatId }, "chat handed over: its lock's lease ran out during the work");
          return;
        }
        if (!isTransient(error)) {
          this.deps.logger.error({ err: error, platform, chatId }, "chat drain failed");
          return;
        }
        // The chat lock's Redis is away: the updates wait in the inbox, and their sender hears why.
        this.deps.logger.warn({ err: error, platform, chatId }, "chat postponed: infrastructure unavailable");
        await this.tellWaitingChat(platform, chatId).catch(() => undefined);
        if (!this.stopping) this.retryLater(platform, chatId);
      });
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
    return work;
  }

  /** Picks up updates left behind by a crash or an outage, every `intervalMs`. */
  startRecovery(intervalMs = 5_000): void {
    let lastPrune = Date.now();
    const sweep = async () => {
      try {
        const chats = await this.deps.repos.inbox.stalledChats(intervalMs);
        if (this.stopping) return;
        await Promise.all(chats.map((chat) => this.drain(chat.platform, chat.chatId)));
        // Platforms re-send an update for a day at most: older processed ones only take space.
        if (Date.now() - lastPrune > INBOX_PRUNE_EVERY_MS) {
          lastPrune = Date.now();
          await this.deps.repos.inbox.prune(INBOX_KEEP_MS);
        }
      } catch (error) {
        this.deps.logger.warn({ err: error }, "recovery sweep failed");
      }
    };
    void sweep();
    this.recoveryTimer = setInterval(() => void sweep(), intervalMs);
    this.recoveryTimer.unref();
  }

  /** Stops taking updates and waits for those in hand. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.recoveryTimer) clearInterval(this.recoveryTimer);
    for (const timer of this.retryTimers) clearTimeout(timer);
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Waits until every update accepted so far is handled (tests and the playground use it). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  async forgetChat(platform: Platform, chatId: string): Promise<void> {
    await this.deps.sessions.delete(`${platform}:${chatId}`);
  }

  private schedule(platform: Platform, chatId: string): void {
    void this.drain(platform, chatId);
  }

  private async drainLocked(platform: Platform, chatId: string, lease: ChatLease): Promise<void> {
    try {
      await this.drainPending(platform, chatId, lease);
    } finally {
      this.repliesViaOutbox.delete(`${platform}:${chatId}`);
    }
  }

  private async drainPending(platform: Platform, chatId: string, lease: ChatLease): Promise<void> {
    const { inbox } = this.deps.repos;
    let pending = await inbox.pending(platform, chatId);
    while (pending.length > 0) {
      const batch = pending;
      pending = [];
      for (const [index, entry] of batch.entries()) {
        try {
          await this.handle(entry.incoming, entry.attempts);
        } catch (error) {
          if (isTransient(error) && entry.attempts + 1 < MAX_ATTEMPTS) {
            this.deps.logger.warn({ err: error, updateKey: entry.incoming.updateKey }, "update postponed: infrastructure unavailable");
            await inbox.countAttempt(entry.id).catch(() => undefined);
            // When stopping, the update stays in the inbox for the next start's recovery sweep.
            if (!this.stopping) this.retryLater(platform, chatId);
            return;
          }
          // Acknowledged to the platform, so never dropped quietly: a dead letter, an error for the
          // operator, and a word to the person that this message was not handled.
          this.deps.logger.error(
            { err: error, updateKey: entry.incoming.updateKey, chatId, attempts: entry.attempts + 1 },
            "update dead-lettered",
          );
          await lease.assertHeld();
          await inbox.deadLetter(entry.id, error instanceof Error ? error.message : String(error));
          await this.tellNotHandled(entry.incoming).catch(() => undefined);
          pending = await inbox.pending(platform, chatId);
          break;
        }
        // Fenced: a holder whose lease ran out leaves the update to the one that holds the chat now.
        await lease.assertHeld();
        // The batch's last update is marked in the same round trip that looks for the next ones.
        if (index < batch.length - 1) await inbox.markProcessed(entry.id);
        else pending = await inbox.markProcessedThenPending(entry.id, platform, chatId);
      }
    }
  }

  private retryLater(platform: Platform, chatId: string): void {
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer);
      void this.drain(platform, chatId);
    }, RETRY_DELAY_MS);
    timer.unref();
    this.retryTimers.add(timer);
  }

  private async withRetries<T>(work: () => Promise<T>, onFirstFailure: () => void, deadlineMs = 20_000): Promise<T> {
    const deadline = Date.now() + deadlineMs;
    for (let pause = 100; ; pause = Math.min(pause * 2, 2_000)) {
      try {
        return await work();
      } catch (error) {
        if (!isTransient(error) || Date.now() + pause > deadline) throw error;
        if (pause === 100) onFirstFailure();
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  }

  private async handle(incoming: Incoming, attempts: number): Promise<void> {
    const key = `${incoming.platform}:${incoming.chatId}`;
    let account: Awaited<ReturnType<RuntimeDependencies["repos"]["accounts"]["touch"]>>;
    try {
      account = await this.deps.repos.accounts.touch(incoming);
    } catch (error) {
      if (isTransient(error) && attempts === 0) await this.tellToWait(incoming);
      throw error;
    }
    const preferred = account.personLocale ?? account.chosenLocale;
    const chat: Chat = {
      platform: incoming.platform,
      chatId: incoming.chatId,
      accountId: account.id,
      callbackButtons: account.callbackButtons,
      locale: isLocale(preferred) ? preferred : localeFromLanguageCode(account.languageCode, this.deps.defaultLocale),
    };
    const session = await this.deps.sessions.get<FlowSession>(key);
    const event = incoming.event;
    const log = this.deps.logger.child({ updateKey: incoming.updateKey, chatId: incoming.chatId, flow: session?.flow });

    try {
      switch (event.kind) {
        case "command":
          return await this.onCommand(chat, session, event.command.toLowerCase(), event.args.trim());
        case "button":
          return await this.onButton(chat, session, event.payload);
        case "text":
          if (session) return await this.resume(chat, session, { kind: "text", text: event.text });
          return await this.start(chat, this.deps.router.idle());
        case "unsupported":
          if (session) return await this.resume(chat, session, { kind: "unsupported", what: event.what });
          await this.say(chat, [msg("error-unsupported")]);
          return await this.start(chat, this.deps.router.idle());
      }
    } catch (error) {
      if (isTransient(error)) {
        if (attempts === 0) await this.tellToWait(incoming);
        throw error;
      }
      log.error({ err: error }, "flow failed");
      await this.deps.sessions.delete(key).catch(() => undefined);
      await this.say(chat, [msg("error-generic")]).catch(() => undefined);
    }
  }

  /** Tells a chat whose updates wait for the infrastructure to wait, once until they are handled. */
  private async tellWaitingChat(platform: Platform, chatId: string): Promise<void> {
    const [first] = await this.deps.repos.inbox.pending(platform, chatId, 1);
    if (!first || first.attempts > 0) return;
    await this.deps.repos.inbox.countAttempt(first.id);
    await this.tellToWait(first.incoming);
  }

  /** Tells the user one of their messages was given up after every retry, so they can send it again. */
  private async tellNotHandled(incoming: Incoming): Promise<void> {
    const messenger = this.deps.messengers.get(incoming.platform);
    const locale = localeFromLanguageCode(incoming.languageCode, this.deps.defaultLocale);
    await messenger?.send({ chatId: incoming.chatId }, { text: this.deps.translator.t(locale, "error-not-handled") });
  }

  /** Tells the user their message waits for the infrastructure: once a minute per chat, however many wait. */
  private async tellToWait(incoming: Incoming): Promise<void> {
    const chat = `${incoming.platform}:${incoming.chatId}`;
    const now = Date.now();
    const told = this.toldToWait.get(chat);
    if (told !== undefined && now - told < WAIT_NOTICE_EVERY_MS) return;
    this.toldToWait.set(chat, now);
    if (this.toldToWait.size > 10_000) {
      for (const [key, at] of this.toldToWait) if (now - at >= WAIT_NOTICE_EVERY_MS) this.toldToWait.delete(key);
    }
    const messenger = this.deps.messengers.get(incoming.platform);
    const locale = localeFromLanguageCode(incoming.languageCode, this.deps.defaultLocale);
    await messenger?.send({ chatId: incoming.chatId }, { text: this.deps.translator.t(locale, "error-busy-wait") }).catch(() => undefined);
  }

  private async onCommand(chat: Chat, session: FlowSession | undefined, command: string, args: string): Promise<void> {
    if (command === "cancel") {
      if (!session) return this.say(chat, [msg("nothing-to-cancel")]);
      await this.deps.sessions.delete(this.key(chat));
      await this.say(chat, [msg("flow-cancelled")]);
      return this.start(chat, this.deps.router.idle());
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
    if (session) await this.deps.sessions.delete(this.key(chat));
    return this.start(chat, route);
  }

  private async onButton(chat: Chat, session: FlowSession | undefined, payload: string): Promise<void> {
    const button = unpackButton(payload);
    if (button === undefined) return this.reshowOrIdle(chat, session, [msg("error-button-unknown")]);
    if (button === "outdated") return this.reshowOrIdle(chat, session, [msg("error-button-stale")]);
    if (button.kind === "prompt") {
      if (!session || session.prompt.tag !== button.tag) return this.reshowOrIdle(chat, session, [msg("error-button-stale")]);
      return this.resume(chat, session, { kind: "button", value: button.value });
    }
    const route = this.deps.router.action(button.action, button.arg);
    if (!route) return this.reshowOrIdle(chat, session, [msg("error-button-unknown")]);
    if (session) return this.reshow(chat, session, [msg("flow-in-progress")]);
    return this.start(chat, route);
  }

  private async reshowOrIdle(chat: Chat, session: FlowSession | undefined, notice: Msg[]): Promise<void> {
    if (session) return this.reshow(chat, session, notice);
    await this.say(chat, notice);
    return this.start(chat, this.deps.router.idle());
  }

  private async reshow(chat: Chat, session: FlowSession, notice: Msg[]): Promise<void> {
    const prompt = session.prompt.message;
    await this.deliver(chat, { ...prompt, text: [...notice, ...prompt.text] }, chat.locale);
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
      await this.deps.sessions.delete(this.key(chat));
      if (flow) return this.start(chat, { flow: flow.name, args: session.args });
      return this.start(chat, this.deps.router.idle());
    }
    if (answer.kind === "button" && answer.value === CANCEL_VALUE) {
      await this.deps.sessions.delete(this.key(chat));
      await this.say(chat, [msg("flow-cancelled")]);
      return this.start(chat, this.deps.router.idle());
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
        (message, locale) => this.deliver(chat, message, locale),
        this.deps.translator,
        instance,
        chat.locale,
        this.deps.clock,
      );
      outcome = await flow.run(dialog, context, args);
    });
    const result = state ? await engine.replay(state) : await engine.play();
    const key = this.key(chat);
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
        };
        await this.deps.sessions.set(key, session);
        return;
      }
      case "returned": {
        if (state) await this.deps.sessions.delete(key);
        if (outcome?.next)
          return this.start({ ...chat, locale: dialog?.locale ?? chat.locale }, { flow: outcome.next, args: outcome.args });
        return;
      }
      case "thrown": {
        if (state) await this.deps.sessions.delete(key);
        if (result.error instanceof FlowCancelled) {
          await this.say(chat, [msg("flow-cancelled")]);
          return this.start(chat, this.deps.router.idle());
        }
        throw result.error;
      }
      case "canceled":
        if (state) await this.deps.sessions.delete(key);
        return;
    }
  }

  private contextFor(chat: Chat): FlowContext {
    return {
      repos: this.deps.repos,
      notify: this.deps.notify,
      links: this.deps.links,
      chat: { platform: chat.platform, chatId: chat.chatId, accountId: chat.accountId },
      defaultLocale: this.deps.defaultLocale,
      now: () => (this.deps.clock ?? (() => new Date()))(),
      inOrganisation: this.deps.inOrganisation,
      kickDelivery: () => this.deps.kickDelivery(),
      forgetChat: (platform, chatId) => this.forgetChat(platform, chatId),
    };
  }

  private say(chat: Chat, text: Msg[]): Promise<void> {
    return this.deliver(chat, { text }, chat.locale);
  }

  private async deliver(chat: Chat, message: MessageSpec, locale: Locale): Promise<void> {
    const key = this.key(chat);
    if (!this.repliesViaOutbox.has(key)) {
      const messenger = this.deps.messengers.get(chat.platform);
      if (!messenger) throw new Error(`No messenger for ${chat.platform}`);
      const outgoing = renderMessage(this.deps.translator, locale, message);
      const result = await messenger.send({ chatId: chat.chatId, callbackButtons: chat.callbackButtons }, outgoing);
      if (result.ok) {
        this.deps.onReplySent?.(chat.platform);
        return;
      }
      if (result.reason === "blocked") {
        await this.deps.repos.accounts.markBlocked(chat.accountId);
        this.deps.logger.warn({ chatId: chat.chatId }, "reply not delivered: the user blocked the bot");
        return;
      }
      this.deps.logger.warn({ chatId: chat.chatId, result }, "reply not delivered: handed to the outbox");
      this.repliesViaOutbox.add(key);
    }
    // Still failing after the adapter's retries (a long flood wait, the platform down): the outbox
    // retries it, paced and honouring retry_after, so the answer comes late rather than never. Urgent:
    // the person has just written and waits for it, whatever the hour.
    await this.deps.notify.send({ accountId: chat.accountId }, message, `reply:${key}:${randomBytes(6).toString("hex")}`, { urgent: true });
  }

  private key(chat: Chat): string {
    return `${chat.platform}:${chat.chatId}`;
  }
}
