import { readFileSync } from "node:fs";
import type { EventLoopUtilization } from "node:perf_hooks";
import type { Translator } from "#root/i18n/translator.ts";
import { type Figure, median, percentile, progress } from "../figure.ts";
import type { ChatLoad, ChatPlan, ChatStep, PlayResult, Webhook } from "./chat-load.ts";
import { MESSENGER_LABELS } from "./messengers.ts";

/**
 * The measurement both update-handling cases share: people register as mentees through a bot in
 * webhook mode, each step sent once the bot's whole answer to the previous one arrived (its new messages
 * and its edits of those in the chat, as many as one chat alone got at that step), on whichever
 * messenger the ChatLoad plays (`load.messenger`: the figures name it).
 *   throughput: 1,000 chats at once (300 on PGlite, see loadSize), each doing the whole registration;
 *               updates per second from the first POST to the last reply.
 *   latency:    a steady 200 updates per second for 20 s (10 on PGlite) with every step of the
 *               registration in the mix: chats start one after another and a person answers about 1 s
 *               after the bot (see steadySchedule); p50 / p99 from POST to the bot's reply, over the
 *               updates due in the steady window. A bot slower than the schedule makes steps late
 *               (counted), and what is left 5 s after the schedule's end is not sent (counted).
 * Plus database and Redis round trips per update over both phases, and the messenger API's calls per
 * update, by method, in the throughput phase.
 */

export const LATENCY_RATE = 200;
const WARM_UP_CHATS = 30;
/** A bot slower than the schedule is not waited for: no step starts after the schedule plus this. */
const LATENCY_GRACE_MS = 5_000;
/** About how long a person takes to answer the bot in the steady phase. */
const ANSWER_PAUSE_MS = 1_000;

interface SteadySchedule {
  chats: number;
  dueMs: number[][];
  /** The window in which every step of the registration is in the mix at the full rate. */
  steadyFromMs: number;
  steadyToMs: number;
  endMs: number;
}

/**
 * An open-loop schedule at `rate` updates per second whose middle `steadyMs` has every step in the
 * mix. Time is cut into blocks of one slot per step (8 slots = 40 ms at 200/s); chat c does step j in
 * block c + j·L, at slot j of the block, L blocks being about the answer pause. Every block from 7·L
 * to the last chat's start has all 8 slots taken: the rate ramps up over 7·L blocks, stays at `rate`
 * for `steadyMs`, and ramps down.
 */
export function steadySchedule(steps: number, rate: number, steadyMs: number, pauseMs = ANSWER_PAUSE_MS): SteadySchedule {
  const slotMs = 1000 / rate;
  const blockMs = steps * slotMs;
  const lag = Math.max(1, Math.round(pauseMs / blockMs));
  const steadyBlocks = Math.round(steadyMs / blockMs);
  const ramp = (steps - 1) * lag;
  const chats = ramp + steadyBlocks;
  const dueMs = Array.from({ length: chats }, (_, chat) =>
    Array.from({ length: steps }, (_, step) => (chat + step * lag) * blockMs + step * slotMs),
  );
  return { chats, dueMs, steadyFromMs: ramp * blockMs, steadyToMs: (ramp + steadyBlocks) * blockMs, endMs: (chats + ramp) * blockMs };
}

export interface LoadSize {
  throughputChats: number;
  latencySeconds: number;
}

/**
 * The issue's sizes on a PostgreSQL server; on PGlite (one in-process session, several times slower)
 * fewer chats and a shorter steady phase, so a case stays near 90 s. The figures name the sizes.
 */
export function loadSize(database: "postgres" | "pglite"): LoadSize {
  return database === "postgres" ? { throughputChats: 1_000, latencySeconds: 20 } : { throughputChats: 300, latencySeconds: 10 };
}

/** The answers a 12-year-old gives (a child: the registration ends with the link for a parent). */
export const MENTEE = { name: "Маша Иванова", age: "12", grade: "6Б", goals: "Хочу сделать проект по биологии" };

/** The registration as a person plays it; button labels are the Russian texts the bot shows. */
export function menteeScript(translator: Translator): ChatStep[] {
  const t = (key: string) => translator.t("ru", key);
  return [
    { kind: "start" },
    { kind: "text", text: MENTEE.name },
    { kind: "text", text: MENTEE.age },
    { kind: "text", text: MENTEE.grade },
    { kind: "press", label: t("direction-projects") },
    { kind: "press", label: t("button-done") },
    { kind: "text", text: MENTEE.goals },
    { kind: "press", label: t("button-save") },
  ];
}

export interface BotUnderTest {
  webhook: Webhook;
  /** Start payloads: chat `index` of `chats` opens the bot with `payload(index)`. */
  startPayloads(chats: number): Promise<(index: number) => string>;
  /** Database statements sent so far (BEGIN and COMMIT included). */
  queries(): number;
  /** Redis commands sent so far; undefined when the state lives in memory. */
  redisCommands(): number | undefined;
  /** Registrations stored in the database so far. */
  registrations(): Promise<number>;
  /** Log lines at warn and error so far. */
  logged(): { warnings: number; errors: number };
}

export interface RegistrationSummary {
  updatesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/** What the cases measured in this process: the baseline prints the ratio when ours ran before it. */
export const measured = new Map<string, RegistrationSummary>();

export interface RegistrationRun {
  caseName: string;
  /** Which database and Redis use, for the figures: "PostgreSQL server + Redis (sending slots)". */
  backends: string;
  size: LoadSize;
  load: ChatLoad;
  bot: BotUnderTest;
  script: ChatStep[];
}

export async function measureRegistration({ caseName, backends, size, load, bot, script }: RegistrationRun): Promise<Figure[]> {
  const messenger = MESSENGER_LABELS[load.messenger];
  const schedule = steadySchedule(script.length, LATENCY_RATE, size.latencySeconds * 1000);
  const totalChats = 2 + WARM_UP_CHATS + size.throughputChats + schedule.chats;
  const payload = await bot.startPayloads(totalChats);
  let nextChat = 0;
  const chats = (count: number): ChatPlan[] =>
    Array.from({ length: count }, () => {
      const index = nextChat++;
      return { chatId: 500_000_000 + index, firstName: "Маша", payload: payload(index) };
    });

  // What the bot does in answer to each step, measured with one chat alone: a step's answer is its sends and its
  // edits (a screen updated in place), and the people wait for all of them.
  const calibration = await load.calibrate(bot.webhook, chats(1)[0]!, script);
  const replies = calibration.replies;
  progress(
    `${caseName}: ${messenger.name}; ${backends}; answers per step ${replies.join(" ")} (sends ${replies.map((count, step) => count - calibration.edits[step]!).join(" ")}; edits per step ${calibration.edits.join(" ")}): ${calibration.texts.map((texts) => texts.join(" | ")).join(" ‖ ")}`,
  );

  const warmUp = await load.play({ webhook: bot.webhook, chats: chats(WARM_UP_CHATS), script, replies, schedule: { kind: "closed" } });
  progress(`warm-up: ${warmUp.completedChats}/${WARM_UP_CHATS} chats in ${(warmUp.spanMs / 1000).toFixed(1)} s`);
  // One person with the bot to themself: the latency without queueing.
  const alone = await load.play({ webhook: bot.webhook, chats: chats(1), script, replies, schedule: { kind: "closed" } });

  const queriesBefore = bot.queries();
  const redisBefore = bot.redisCommands();
  const callsBefore = (await load.apiStats()).calls;
  const busy = performance.eventLoopUtilization();
  const cpuBefore = botThreadCpuMs();
  const peopleBusy = load.peopleBusy();
  const throughput = await load.play({
    webhook: bot.webhook,
    chats: chats(size.throughputChats),
    script,
    replies,
    schedule: { kind: "closed" },
  });
  const apiCalls = callsPerUpdate(callsBefore, (await load.apiStats()).calls, throughput.updates);
  const throughputRate = (throughput.updates / throughput.spanMs) * 1000;
  const throughputBusy = performance.eventLoopUtilization(busy).utilization;
  const cpuAfter = botThreadCpuMs();
  const cpuPerUpdate = cpuBefore === undefined || cpuAfter === undefined ? undefined : (cpuAfter - cpuBefore) / throughput.updates;
  const throughputPeopleBusy = load.peopleBusy(peopleBusy).utilization;
  progress(
    `throughput: ${throughput.updates} updates in ${(throughput.spanMs / 1000).toFixed(1)} s = ${throughputRate.toFixed(0)}/s, bot's event loop ${(throughputBusy * 100).toFixed(0)} % busy (the people's and the API server's thread ${(throughputPeopleBusy * 100).toFixed(0)} %); ${describe(throughput)}`,
  );

  progress(
    `throughput: API calls per update ${Object.entries(apiCalls)
      .map(([method, perUpdate]) => `${method} ${perUpdate.toFixed(3)}`)
      .join(", ")} (all ${Object.values(apiCalls)
      .reduce((sum, perUpdate) => sum + perUpdate, 0)
      .toFixed(3)})`,
  );

  // The bot's event loop over the steady window, from timers started with the phase (near enough).
  let steadyBusy = Number.NaN;
  let steadyPeopleBusy = Number.NaN;
  let steadyStart: { bot: EventLoopUtilization; people: EventLoopUtilization } | undefined;
  const startTimer = setTimeout(
    () => (steadyStart = { bot: performance.eventLoopUtilization(), people: load.peopleBusy() }),
    schedule.steadyFromMs,
  );
  const endTimer = setTimeout(() => {
    if (!steadyStart) return;
    steadyBusy = performance.eventLoopUtilization(steadyStart.bot).utilization;
    steadyPeopleBusy = load.peopleBusy(steadyStart.people).utilization;
  }, schedule.steadyToMs);
  const latency = await load.play({
    webhook: bot.webhook,
    chats: chats(schedule.chats),
    script,
    replies,
    schedule: { kind: "open", dueMs: schedule.dueMs, stopAfterMs: schedule.endMs + LATENCY_GRACE_MS },
  });
  clearTimeout(startTimer);
  clearTimeout(endTimer);
  const steady = steadyPart(latency, schedule);
  progress(
    `latency: ${latency.updates} updates over ${(schedule.endMs / 1000).toFixed(1)} s, ${steady.firstReplyMs.length} due in the steady ${(
      (schedule.steadyToMs - schedule.steadyFromMs) / 1000
    ).toFixed(
      0,
    )} s (${steady.rate.toFixed(0)}/s sent), ${latency.lateSends} late, ${latency.unsent} not sent in time; bot's event loop ${(steadyBusy * 100).toFixed(0)} % busy (the people's and the API server's thread ${(steadyPeopleBusy * 100).toFixed(0)} %); ${describe(latency)}`,
  );
  progress(`latency: p50 / p99 ms by step: ${byStep(latency).join(", ")}`);
  const queries = bot.queries() - queriesBefore;
  const redisAfter = bot.redisCommands();
  const measuredUpdates = throughput.updates + latency.updates;

  const stored = await bot.registrations();
  const completed = 1 + warmUp.completedChats + alone.completedChats + throughput.completedChats + latency.completedChats;
  const stats = await load.apiStats();
  const rejected = Object.values(stats.rejected).reduce((sum, count) => sum + count, 0);
  if (rejected > 0) progress(`API refusals: ${JSON.stringify(stats.rejected)}`);
  if (Object.keys(stats.unknown).length > 0) progress(`unknown API methods: ${JSON.stringify(stats.unknown)}`);
  const logged = bot.logged();

  const p50 = percentile(steady.firstReplyMs, 50);
  const p99 = percentile(steady.firstReplyMs, 99);
  measured.set(caseName, { updatesPerSecond: throughputRate, p50Ms: p50, p99Ms: p99 });

  const figure = (metric: string, value: number, unit: string): Figure => ({ case: caseName, metric, value, unit });
  const failedChats = warmUp.failedChats + alone.failedChats + throughput.failedChats + latency.failedChats;
  const non200 = [warmUp, alone, throughput, latency].reduce((sum, run) => sum + nonOk(run), 0);
  return [
    figure(`messenger: ${messenger.name}`, 1, "run"),
    figure(`backends: ${backends}`, 1, "run"),
    figure("updates per registration", script.length, "updates"),
    figure("one chat alone: median POST→first reply", median(alone.firstReplyMs), "ms"),
    figure(`throughput: ${size.throughputChats.toLocaleString("en-US")} concurrent chats`, throughputRate, "updates/s"),
    figure("throughput: updates handled", throughput.updates, "updates"),
    figure("throughput: p50 POST→first reply", percentile(throughput.firstReplyMs, 50), "ms"),
    figure("throughput: p99 POST→first reply", percentile(throughput.firstReplyMs, 99), "ms"),
    figure("throughput: bot's event loop busy", throughputBusy * 100, "%"),
    ...(cpuPerUpdate === undefined ? [] : [figure("throughput: bot's thread CPU per update", cpuPerUpdate, "ms")]),
    ...Object.entries(apiCalls).map(([method, perUpdate]) => figure(`throughput: API calls per update, ${method}`, perUpdate, "calls")),
    figure(`latency @${LATENCY_RATE}/s: steady window`, (schedule.steadyToMs - schedule.steadyFromMs) / 1000, "s"),
    figure(`latency @${LATENCY_RATE}/s: updates due in the window`, steady.firstReplyMs.length, "updates"),
    figure(`latency @${LATENCY_RATE}/s: rate sent in the window`, steady.rate, "updates/s"),
    figure(`latency @${LATENCY_RATE}/s: p50 POST→first reply`, p50, "ms"),
    figure(`latency @${LATENCY_RATE}/s: p99 POST→first reply`, p99, "ms"),
    figure(`latency @${LATENCY_RATE}/s: p50 POST→whole answer`, percentile(steady.lastReplyMs, 50), "ms"),
    figure(`latency @${LATENCY_RATE}/s: p99 POST→whole answer`, percentile(steady.lastReplyMs, 99), "ms"),
    figure(`latency @${LATENCY_RATE}/s: bot's event loop busy`, steadyBusy * 100, "%"),
    figure(`latency @${LATENCY_RATE}/s: updates sent late (whole phase)`, latency.lateSends, "updates"),
    figure(`latency @${LATENCY_RATE}/s: updates not sent (time up)`, latency.unsent, "updates"),
    figure("database round trips per update", queries / measuredUpdates, "statements"),
    ...(redisBefore !== undefined && redisAfter !== undefined
      ? [figure("Redis round trips per update", (redisAfter - redisBefore) / measuredUpdates, "commands")]
      : []),
    figure("registrations stored / completed", stored, `of ${completed}`),
    figure("chats failed", failedChats, "chats"),
    figure("webhook answers other than 200", non200, "requests"),
    figure(messenger.refusals, rejected, "requests"),
    figure("log lines at warn / error", logged.warnings + logged.errors, "lines"),
  ];
}

/** The updates of the open phase that were due in the steady window, and the rate they went out at. */
/**
 * The CPU time the bot's thread (this one: the people and the API server run in a worker) has used, in
 * ms, on Linux. Unlike the event loop's busy share it leaves out the time the thread waited for a core
 * (PostgreSQL and the worker share the machine's two), so it compares designs more steadily than
 * updates per second do. Undefined elsewhere.
 */
function botThreadCpuMs(): number | undefined {
  try {
    const stat = readFileSync("/proc/thread-self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime, the 14th and 15th fields of stat(5), in clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

function steadyPart(run: PlayResult, schedule: SteadySchedule): { firstReplyMs: number[]; lastReplyMs: number[]; rate: number } {
  const inWindow = (ms: number) => ms >= schedule.steadyFromMs && ms < schedule.steadyToMs;
  const firstReplyMs: number[] = [];
  const lastReplyMs: number[] = [];
  run.dueOf.forEach((due, index) => {
    if (!inWindow(due)) return;
    firstReplyMs.push(run.firstReplyMs[index]!);
    lastReplyMs.push(run.lastReplyMs[index]!);
  });
  const sent = run.sentOf.filter(inWindow).length;
  return { firstReplyMs, lastReplyMs, rate: (sent / (schedule.steadyToMs - schedule.steadyFromMs)) * 1000 };
}

/** "p50/p99" of the first reply per step, for seeing which steps make the tail. */
function byStep(run: PlayResult): string[] {
  const steps = new Map<number, number[]>();
  run.stepOf.forEach((step, index) => {
    const values = steps.get(step) ?? [];
    values.push(run.firstReplyMs[index]!);
    steps.set(step, values);
  });
  return [...steps.entries()]
    .sort(([a], [b]) => a - b)
    .map(([step, values]) => `${step + 1}: ${percentile(values, 50).toFixed(1)}/${percentile(values, 99).toFixed(0)}`);
}

/** The API calls made between two counts, per method, divided by the updates handled meanwhile; busiest first. */
function callsPerUpdate(before: Record<string, number>, after: Record<string, number>, updates: number): Record<string, number> {
  const perUpdate = Object.entries(after)
    .map(([method, count]) => [method, (count - (before[method] ?? 0)) / updates] as const)
    .filter(([, calls]) => calls > 0)
    .sort(([, a], [, b]) => b - a);
  return Object.fromEntries(perUpdate);
}

function nonOk(run: PlayResult): number {
  return Object.entries(run.postStatus).reduce((sum, [status, count]) => sum + (status === "200" ? 0 : count), 0);
}

function describe(run: PlayResult): string {
  const failures = Object.entries(run.failures).map(([reason, count]) => `${reason} ×${count}`);
  return `${run.completedChats} chats done, ${run.failedChats} failed${failures.length ? ` (${failures.join("; ")})` : ""}`;
}

/** The ratio figures of the baseline case, when `update-handling` ran earlier in this process. */
export function ratioFigures(caseName: string, ours: RegistrationSummary | undefined, baseline: RegistrationSummary | undefined): Figure[] {
  if (!ours || !baseline) {
    progress("no ratio: update-handling did not run earlier in this process (npm run bench runs both)");
    return [];
  }
  const figure = (metric: string, value: number): Figure => ({ case: caseName, metric, value, unit: "× (ours / baseline)" });
  return [
    figure("ratio throughput (above 1: ours handles more)", ours.updatesPerSecond / baseline.updatesPerSecond),
    figure(`ratio p50 latency @${LATENCY_RATE}/s (above 1: ours slower)`, ours.p50Ms / baseline.p50Ms),
    figure(`ratio p99 latency @${LATENCY_RATE}/s (above 1: ours slower)`, ours.p99Ms / baseline.p99Ms),
  ];
}
