import { Agent, request as httpRequest } from "node:http";
import { parentPort } from "node:worker_threads";
import type { CalibrationResult, ChatPlan, ChatStep, PlayRequest, PlayResult, Webhook, WorkerAnswer, WorkerRequest } from "./chat-load.ts";
import { BOT_ID, BOT_USERNAME, nowMs, type SentMessage, startFakeBotApi } from "./fake-bot-api.ts";

/** The worker behind ChatLoad (chat-load.ts): the fake Bot API server and the people using the bot. */

const port = parentPort;
if (!port) throw new Error("chat-load-worker.ts runs in a worker thread (see ChatLoad.start)");

/** A chat as the person sees it: the bot's messages, and who waits for how many of them. */
class ChatView {
  readonly messages: SentMessage[] = [];
  private waiter: { count: number; resolve(arrived: boolean): void } | undefined;
  messageId = 0;

  constructor(readonly plan: ChatPlan) {}

  receive(message: SentMessage): void {
    this.messages.push(message);
    if (this.waiter && this.messages.length >= this.waiter.count) {
      const { resolve } = this.waiter;
      this.waiter = undefined;
      resolve(true);
    }
  }

  /** Resolves true once `count` messages arrived, false after `timeoutMs` or on `stopWaiting`. */
  waitForCount(count: number, timeoutMs: number): Promise<boolean> {
    if (this.messages.length >= count) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.stopWaiting(), timeoutMs);
      this.waiter = {
        count,
        resolve: (arrived) => {
          clearTimeout(timer);
          resolve(arrived);
        },
      };
    });
  }

  stopWaiting(): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.resolve(false);
  }

  /** A button on the bot's latest inline keyboard (with callback buttons), and the message holding it. */
  button(label: string): { data: string; message: SentMessage } | undefined {
    for (let index = this.messages.length - 1; index >= 0; index--) {
      const message = this.messages[index]!;
      const buttons = message.buttons.flat().filter((button) => button.callbackData !== undefined);
      if (buttons.length === 0) continue;
      const found = buttons.find((button) => button.text === label) ?? buttons.find((button) => button.text.includes(label));
      return found?.callbackData === undefined ? undefined : { data: found.callbackData, message };
    }
    return undefined;
  }
}

const chats = new Map<string, ChatView>();
const api = await startFakeBotApi((message) => chats.get(message.chatId)?.receive(message));
const agent = new Agent({ keepAlive: true, maxSockets: 2_048 });
let updateId = 0;
let callbackId = 0;

class StepFailure extends Error {}

/** The Telegram update a step makes, or a failure when the button to press is not there. */
function updateFor(chat: ChatView, step: ChatStep): Record<string, unknown> {
  const { chatId, firstName } = chat.plan;
  const from = { id: chatId, is_bot: false, first_name: firstName, language_code: "ru" };
  const privateChat = { id: chatId, type: "private", first_name: firstName };
  const date = Math.floor(Date.now() / 1000);
  if (step.kind === "text") {
    const text = step.text.replace("{payload}", chat.plan.payload);
    const command = /^\/[A-Za-z0-9_]+/.exec(text);
    return {
      update_id: ++updateId,
      message: {
        message_id: ++chat.messageId,
        date,
        chat: privateChat,
        from,
        text,
        ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] } : {}),
      },
    };
  }
  const pressed = chat.button(step.label);
  if (pressed === undefined) throw new StepFailure(`no button "${step.label}"`);
  const { data, message: shown } = pressed;
  return {
    update_id: ++updateId,
    callback_query: {
      id: String(++callbackId),
      from,
      chat_instance: String(chatId),
      data,
      message: {
        message_id: shown.messageId,
        date,
        chat: privateChat,
        from: { id: BOT_ID, is_bot: true, first_name: "Nastavnik bench", username: BOT_USERNAME },
        text: shown.text,
      },
    },
  };
}

/**
 * POSTs an update as Telegram does (JSON, the secret header); resolves with the HTTP status, 0 when
 * the connection failed. A kept-alive socket the server closed just then is retried once, as Node's
 * documentation advises (`request.reusedSocket`).
 */
function post(webhook: Webhook, update: Record<string, unknown>, retried = false): Promise<number> {
  const body = JSON.stringify(update);
  return new Promise((resolve) => {
    const outgoing = httpRequest(
      webhook.url,
      {
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          "x-telegram-bot-api-secret-token": webhook.secret,
        },
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
        response.on("error", () => resolve(0));
      },
    );
    outgoing.on("error", (error: NodeJS.ErrnoException) => {
      if (!retried && outgoing.reusedSocket && error.code === "ECONNRESET") resolve(post(webhook, update, true));
      else resolve(0);
    });
    outgoing.end(body);
  });
}

function viewOf(plan: ChatPlan): ChatView {
  const chat = new ChatView(plan);
  chats.set(String(plan.chatId), chat);
  return chat;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

async function calibrate(webhook: Webhook, plan: ChatPlan, script: ChatStep[], quietMs: number): Promise<CalibrationResult> {
  const chat = viewOf(plan);
  const replies: number[] = [];
  const texts: string[][] = [];
  for (const [index, step] of script.entries()) {
    const before = chat.messages.length;
    const status = await post(webhook, updateFor(chat, step));
    if (status !== 200) throw new Error(`calibration: step ${index + 1} answered HTTP ${status}`);
    // Done when nothing more arrives for quietMs (the bot is otherwise idle).
    for (let seen = -1; seen !== chat.messages.length; ) {
      seen = chat.messages.length;
      await sleep(quietMs);
    }
    const answer = chat.messages.slice(before);
    if (answer.length === 0) throw new Error(`calibration: the bot did not answer step ${index + 1} (${JSON.stringify(step)})`);
    replies.push(answer.length);
    texts.push(answer.map((message) => message.text.replace(/\s+/g, " ").slice(0, 60)));
  }
  chats.delete(String(plan.chatId));
  return { replies, texts };
}

async function play(request: PlayRequest): Promise<PlayResult> {
  const timeoutMs = request.stepTimeoutMs ?? 30_000;
  const result: PlayResult = {
    updates: 0,
    completedChats: 0,
    failedChats: 0,
    failures: {},
    postStatus: {},
    spanMs: 0,
    sendSpanMs: 0,
    firstReplyMs: [],
    lastReplyMs: [],
    stepOf: [],
    dueOf: [],
    sentOf: [],
    lateSends: 0,
    unsent: 0,
  };
  const fail = (reason: string) => {
    result.failedChats += 1;
    result.failures[reason] = (result.failures[reason] ?? 0) + 1;
  };
  const started = nowMs();
  let firstPost = Number.POSITIVE_INFINITY;
  let lastPost = started;
  let lastReply = started;
  const due = request.schedule.kind === "open" ? request.schedule.dueMs : undefined;
  const deadline = request.schedule.kind === "open" ? started + request.schedule.stopAfterMs : Number.POSITIVE_INFINITY;

  async function playChat(plan: ChatPlan, index: number): Promise<void> {
    const chat = viewOf(plan);
    try {
      for (const [stepIndex, step] of request.script.entries()) {
        const dueMs = due?.[index]?.[stepIndex];
        if (dueMs !== undefined) {
          const wait = started + dueMs - nowMs();
          if (wait > 0) await sleep(wait);
          else if (wait < -5) result.lateSends += 1;
          if (nowMs() > deadline) {
            result.unsent += request.script.length - stepIndex;
            return;
          }
        }
        const before = chat.messages.length;
        const expected = before + request.replies[stepIndex]!;
        let update: Record<string, unknown>;
        try {
          update = updateFor(chat, step);
        } catch (error) {
          if (error instanceof StepFailure) return fail(`step ${stepIndex + 1}: ${error.message}`);
          throw error;
        }
        const sentAt = nowMs();
        firstPost = Math.min(firstPost, sentAt);
        lastPost = Math.max(lastPost, sentAt);
        result.updates += 1;
        // Like Telegram, one webhook request per chat at a time: the next update of this chat waits
        // for the answer to the last one as well as for the bot's reply.
        const answer = chat.waitForCount(expected, timeoutMs);
        const status = await post(request.webhook, update);
        result.postStatus[status] = (result.postStatus[status] ?? 0) + 1;
        if (status !== 200) {
          chat.stopWaiting();
          return fail(`step ${stepIndex + 1}: POST answered ${status === 0 ? "nothing (connection failed)" : status}`);
        }
        if (!(await answer)) return fail(`step ${stepIndex + 1}: no complete answer within ${timeoutMs / 1000} s`);
        const first = chat.messages[before]!.atMs;
        const last = chat.messages[expected - 1]!.atMs;
        result.firstReplyMs.push(first - sentAt);
        result.lastReplyMs.push(last - sentAt);
        result.stepOf.push(stepIndex);
        result.dueOf.push(dueMs ?? Number.NaN);
        result.sentOf.push(sentAt - started);
        lastReply = Math.max(lastReply, last);
      }
      result.completedChats += 1;
    } finally {
      chats.delete(String(plan.chatId));
    }
  }

  await Promise.all(request.chats.map((plan, index) => playChat(plan, index)));
  const from = Number.isFinite(firstPost) ? firstPost : started;
  result.spanMs = lastReply - from;
  result.sendSpanMs = lastPost - from;
  return result;
}

async function answer(message: WorkerRequest): Promise<unknown> {
  switch (message.type) {
    case "calibrate":
      return calibrate(message.webhook, message.chat, message.script, message.quietMs);
    case "play":
      return play(message);
    case "stats":
      return api.stats();
    case "close":
      agent.destroy();
      await api.close();
      return true;
  }
}

port.on("message", (message: WorkerRequest) => {
  answer(message).then(
    (result) => port.postMessage({ id: message.id, result } satisfies WorkerAnswer),
    (error: unknown) =>
      port.postMessage({
        id: message.id,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      } satisfies WorkerAnswer),
  );
});
port.postMessage({ ready: { apiRoot: api.apiRoot } } satisfies WorkerAnswer);
