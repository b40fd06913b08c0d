import type { EventLoopUtilization } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { type BenchMessenger, DEFAULT_MESSENGER } from "./messengers.ts";

/**
 * People chatting with a bot in webhook mode, and the messenger's API server the bot answers through,
 * in a worker thread: the bot under test keeps the main thread's event loop to itself, and the chats'
 * clocks (POST sent, reply arrived) are read where the replies arrive. Which messenger (the people's
 * updates, how they reach the webhook, the API server) is the worker's one seam: see people.ts.
 */

/** One thing a person does. `{payload}` in a text is replaced by the chat's start payload. */
export type ChatStep =
  /** Opens the bot through its start link with the chat's payload: `/start <payload>` on Telegram, bot_started on MAX. */
  | { kind: "start" }
  | { kind: "text"; text: string }
  /** Presses a button of the bot's latest inline keyboard whose text is `label`, or else contains it. */
  | { kind: "press"; label: string };

export interface ChatPlan {
  chatId: number;
  firstName: string;
  /** The start payload (an invite token). */
  payload: string;
}

/**
 * Where the bot takes updates and the secret it checks. On Telegram the people POST there with the
 * secret; on MAX the API double POSTs there, to the subscription the bot made, which must match this.
 */
export interface Webhook {
  url: string;
  secret: string;
}

/** The API server the people's side runs, for the bot's configuration. */
export interface MessengerEndpoint {
  /** TELEGRAM_API_ROOT or MAX_API_BASE_URL. */
  apiRoot: string;
  /** The token the server checks (MAX_BOT_TOKEN); undefined: it takes any. */
  token: string | undefined;
  /** The bot's name as the server tells it. */
  botUsername: string;
}

/** What the API server was asked and refused, for the figures (no refusals in a run that went right). */
export interface ApiStats {
  /** Calls so far per method ("sendMessage", "editMessageText", … on Telegram; "POST /messages", … on MAX), refused ones included. */
  calls: Record<string, number>;
  /** Refused calls per reason ("text too long", "400 proto.payload", …). */
  rejected: Record<string, number>;
  /** Calls of methods the server does not know, per method. */
  unknown: Record<string, number>;
}

export interface PlayRequest {
  webhook: Webhook;
  chats: ChatPlan[];
  script: ChatStep[];
  /**
   * What the bot does in the chat in answer to each step (from `calibrate`), sends and edits together: a
   * step is done when that many arrived.
   */
  replies: number[];
  /**
   * closed: every chat starts at once and goes on as soon as the bot answered (the most updates per
   * second). open: step j of chat c is due `dueMs[c][j]` after the start, and is still sent only once
   * the previous step was answered (late if that came after its due time).
   */
  schedule:
    | { kind: "closed" }
    | {
        kind: "open";
        dueMs: number[][];
        /** No step starts later than this after the start (a bot slower than the schedule is not waited for). */
        stopAfterMs: number;
      };
  /** How long a step waits for the bot's whole answer before the chat gives up (default 30 s). */
  stepTimeoutMs?: number;
}

export interface PlayResult {
  updates: number;
  completedChats: number;
  failedChats: number;
  /** Why chats stopped: "timeout at step 3", "no button …", "POST 500" … */
  failures: Record<string, number>;
  /** Webhook answers by HTTP status. */
  postStatus: Record<string, number>;
  /** From the first POST to the last reply, in ms. */
  spanMs: number;
  /** From the first POST to the last, in ms. */
  sendSpanMs: number;
  /** Per update: from sending the POST to the first / the last send or edit of the bot's answer, in ms. */
  firstReplyMs: number[];
  lastReplyMs: number[];
  /** The step (0-based) each latency above belongs to, when it was due (open schedule) and sent, in ms from the start. */
  stepOf: number[];
  dueOf: number[];
  sentOf: number[];
  /** Open schedule: updates sent after their due time because the previous answer came late. */
  lateSends: number;
  /** Open schedule: steps not sent because the run's time was up (the bot fell behind the schedule). */
  unsent: number;
}

export interface CalibrationResult {
  /** Per step: the bot's sends and edits in the chat (what `PlayRequest.replies` takes). */
  replies: number[];
  /** Per step: how many of those were edits of a message already in the chat. */
  edits: number[];
  /** The texts the bot sent or edited in per step (first 60 characters, an edit marked ✎), for the progress lines. */
  texts: string[][];
}

type Request =
  | { type: "calibrate"; webhook: Webhook; chat: ChatPlan; script: ChatStep[]; quietMs: number }
  | ({ type: "play" } & PlayRequest)
  | { type: "stats" }
  | { type: "close" };

export type WorkerRequest = Request & { id: number };
export type WorkerAnswer = { id: number; result?: unknown; error?: string } | { ready: MessengerEndpoint };

/** The chats' side of a benchmark: the messenger's API server and the people, in a worker thread. */
export class ChatLoad {
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();

  private constructor(
    private readonly worker: Worker,
    readonly messenger: BenchMessenger,
    /** The API server for the bot under test's configuration. */
    readonly endpoint: MessengerEndpoint,
  ) {
    worker.on("message", (answer: WorkerAnswer) => {
      if ("ready" in answer) return;
      const pending = this.waiting.get(answer.id);
      this.waiting.delete(answer.id);
      if (answer.error !== undefined) pending?.reject(new Error(answer.error));
      else pending?.resolve(answer.result);
    });
    worker.on("error", (error) => {
      for (const pending of this.waiting.values()) pending.reject(error);
      this.waiting.clear();
    });
  }

  /**
   * The people's thread's event loop (the people and the API server), as
   * `performance.eventLoopUtilization` gives it: a snapshot, or the utilization since `since`.
   */
  peopleBusy(since?: EventLoopUtilization): EventLoopUtilization {
    return this.worker.performance.eventLoopUtilization(since);
  }

  /** TELEGRAM_API_ROOT or MAX_API_BASE_URL for the bot under test. */
  get apiRoot(): string {
    return this.endpoint.apiRoot;
  }

  static async start(messenger: BenchMessenger = DEFAULT_MESSENGER): Promise<ChatLoad> {
    // tsx's loader does not reach a worker's first module; registering it in an eval'd stub does.
    const tsx = import.meta.resolve("tsx/esm/api");
    const entry = new URL("./chat-load-worker.ts", import.meta.url).href;
    const worker = new Worker(
      `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`,
      { eval: true, workerData: { messenger } },
    );
    const endpoint = await new Promise<MessengerEndpoint>((resolve, reject) => {
      worker.once("error", reject);
      worker.on("message", function onReady(answer: WorkerAnswer) {
        if (!("ready" in answer)) return;
        worker.off("message", onReady);
        worker.off("error", reject);
        resolve(answer.ready);
      });
    });
    return new ChatLoad(worker, messenger, endpoint);
  }

  private ask<T>(request: Request): Promise<T> {
    const id = ++this.nextId;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ ...request, id });
    });
  }

  /** Plays one chat alone, waiting `quietMs` of silence after each step, and counts the bot's sends and edits. */
  calibrate(webhook: Webhook, chat: ChatPlan, script: ChatStep[], quietMs = 300): Promise<CalibrationResult> {
    return this.ask({ type: "calibrate", webhook, chat, script, quietMs });
  }

  play(request: PlayRequest): Promise<PlayResult> {
    return this.ask({ type: "play", ...request });
  }

  /** What the API server was asked and refused so far. */
  apiStats(): Promise<ApiStats> {
    return this.ask({ type: "stats" });
  }

  async close(): Promise<void> {
    await this.ask({ type: "close" }).catch(() => undefined);
    await this.worker.terminate();
  }
}
