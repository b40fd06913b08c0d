import { parentPort, workerData } from "node:worker_threads";
import type { CalibrationResult, ChatPlan, ChatStep, PlayRequest, PlayResult, Webhook, WorkerAnswer, WorkerRequest } from "./chat-load.ts";
import { nowMs } from "./fake-bot-api.ts";
import { startMaxSide } from "./max-people.ts";
import type { BenchMessenger } from "./messengers.ts";
import { type BotMessage, ChatView, type MessengerSide, StepFailure } from "./people.ts";
import { startTelegramSide } from "./telegram-people.ts";

/**
 * The worker behind ChatLoad (chat-load.ts): the people using the bot, and through `side` the
 * messenger they use (its API server, their updates and how those reach the webhook).
 */

const port = parentPort;
if (!port) throw new Error("chat-load-worker.ts runs in a worker thread (see ChatLoad.start)");

const chats = new Map<string, ChatView>();
const onMessage = (message: BotMessage) => chats.get(message.chatId)?.receive(message);
const messenger = (workerData as { messenger: BenchMessenger }).messenger;
const side: MessengerSide = messenger === "max" ? await startMaxSide(onMessage) : await startTelegramSide(onMessage);

function viewOf(plan: ChatPlan): ChatView {
  const chat = new ChatView(plan, side.join(plan));
  chats.set(chat.key, chat);
  return chat;
}

function done(chat: ChatView): void {
  chats.delete(chat.key);
  side.leave(chat);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

async function calibrate(webhook: Webhook, plan: ChatPlan, script: ChatStep[], quietMs: number): Promise<CalibrationResult> {
  const chat = viewOf(plan);
  const replies: number[] = [];
  const edits: number[] = [];
  const texts: string[][] = [];
  for (const [index, step] of script.entries()) {
    const before = chat.arrivals.length;
    const status = await side.deliver(webhook, side.updateFor(chat, step));
    if (status !== 200) throw new Error(`calibration: step ${index + 1} answered HTTP ${status}`);
    // Done when nothing more arrives for quietMs (the bot is otherwise idle).
    for (let seen = -1; seen !== chat.arrivals.length; ) {
      seen = chat.arrivals.length;
      await sleep(quietMs);
    }
    // Sends and edits alike: a step the bot answers by updating a screen in place is answered by the edit.
    const answer = chat.arrivals.slice(before);
    if (answer.length === 0) throw new Error(`calibration: the bot did not answer step ${index + 1} (${JSON.stringify(step)})`);
    replies.push(answer.length);
    edits.push(answer.filter((message) => message.edit !== undefined).length);
    texts.push(answer.map(describeArrival));
  }
  done(chat);
  return { replies, edits, texts };
}

/** A send or an edit for the progress lines: its text's first 60 characters, an edit marked ✎. */
function describeArrival(message: BotMessage): string {
  const text = message.text.replace(/\s+/g, " ").slice(0, 60);
  if (message.edit === undefined) return text;
  if (message.edit === "text") return `✎ ${text}`;
  return `✎ ${message.buttons.some((row) => row.length > 0) ? "buttons changed" : "buttons removed"}: ${text}`;
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
        const before = chat.arrivals.length;
        const expected = before + request.replies[stepIndex]!;
        let update: unknown;
        try {
          update = side.updateFor(chat, step);
        } catch (error) {
          if (error instanceof StepFailure) return fail(`step ${stepIndex + 1}: ${error.message}`);
          throw error;
        }
        const sentAt = nowMs();
        firstPost = Math.min(firstPost, sentAt);
        lastPost = Math.max(lastPost, sentAt);
        result.updates += 1;
        // One webhook request per chat at a time, as Telegram delivers them: the next update of this chat waits
        // for the answer to the last one as well as for the bot's reply.
        const answer = chat.waitForCount(expected, timeoutMs);
        const status = await side.deliver(request.webhook, update);
        result.postStatus[status] = (result.postStatus[status] ?? 0) + 1;
        if (status !== 200) {
          chat.stopWaiting();
          return fail(`step ${stepIndex + 1}: POST answered ${status === 0 ? "nothing (connection failed)" : status}`);
        }
        if (!(await answer)) return fail(`step ${stepIndex + 1}: no complete answer within ${timeoutMs / 1000} s`);
        const first = chat.arrivals[before]!.atMs;
        const last = chat.arrivals[expected - 1]!.atMs;
        result.firstReplyMs.push(first - sentAt);
        result.lastReplyMs.push(last - sentAt);
        result.stepOf.push(stepIndex);
        result.dueOf.push(dueMs ?? Number.NaN);
        result.sentOf.push(sentAt - started);
        lastReply = Math.max(lastReply, last);
      }
      result.completedChats += 1;
    } finally {
      done(chat);
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
      return side.stats();
    case "close":
      await side.close();
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
port.postMessage({ ready: side.endpoint } satisfies WorkerAnswer);
