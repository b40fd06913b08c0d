import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Repositories } from "#root/db/repositories/index.ts";
import { Translator } from "#root/i18n/translator.ts";
import { MemorySlotBook, RedisSlotBook, type SlotBook } from "#root/notify/pacer.ts";
import { openRedis } from "#root/redis.ts";
import type { DeliveryProcessSettings, FromDeliveryProcess, ToDeliveryProcess } from "./delivery-process.ts";
import { type DeliveryWorker, type DeliveryWorkerReport, type DeliveryWorkerSettings, startDeliveryWorker } from "./delivery-worker.ts";
import { countingLogger } from "./services.ts";

/**
 * The bot's replicas for the delivery case: separate processes on a PostgreSQL server (each with its
 * own pool, as replicas would be), or, on PGlite, workers sharing the one in-memory database in this
 * process.
 */

export interface WorkerOutcome {
  report: DeliveryWorkerReport;
  warnings: number;
  errors: number;
}

export interface DeliveryFleet {
  /** Every worker starts delivering. */
  start(): void;
  /** Every worker claims nothing more and finishes its batch; their reports. */
  stop(): Promise<WorkerOutcome[]>;
}

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const PROCESS_SCRIPT = fileURLToPath(new URL("./delivery-process.ts", import.meta.url));
/** A worker that has not finished its batch by then is killed (its rows come back after their lease). */
const DRAIN_TIMEOUT_MS = 60_000;

/** `count` processes running delivery-process.ts on the database at `databaseUrl`, ready to start. */
export async function forkDeliveryProcesses(count: number, databaseUrl: string, settings: DeliveryWorkerSettings): Promise<DeliveryFleet> {
  const children: ChildProcess[] = [];
  const readies: Array<Promise<void>> = [];
  const outcomes: Array<Promise<WorkerOutcome>> = [];
  for (let index = 0; index < count; index++) {
    const child = fork(PROCESS_SCRIPT, [], {
      cwd: REPO_ROOT,
      execArgv: ["--import", "tsx"],
      env: { ...process.env, BENCH_DELIVERY_WORKER: JSON.stringify({ ...settings, databaseUrl } satisfies DeliveryProcessSettings) },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    children.push(child);
    const answers = answersOf(child, index);
    readies.push(answers.ready);
    outcomes.push(answers.stopped);
  }
  try {
    await Promise.all(readies);
  } catch (error) {
    for (const child of children) child.kill();
    throw error;
  }
  const tell = (message: ToDeliveryProcess) => {
    for (const child of children) if (child.connected) child.send(message);
  };
  return {
    start: () => tell({ type: "start" }),
    async stop() {
      tell({ type: "stop" });
      const timer = setTimeout(() => {
        for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
      }, DRAIN_TIMEOUT_MS);
      try {
        return await Promise.all(outcomes);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** The child's "ready" and "stopped" answers; either fails if the child dies or reports a failure first. */
function answersOf(child: ChildProcess, index: number): { ready: Promise<void>; stopped: Promise<WorkerOutcome> } {
  let readyResolve!: () => void;
  let readyReject!: (error: Error) => void;
  let stoppedResolve!: (outcome: WorkerOutcome) => void;
  let stoppedReject!: (error: Error) => void;
  const ready = new Promise<void>((resolve, reject) => {
    readyResolve = resolve;
    readyReject = reject;
  });
  const stopped = new Promise<WorkerOutcome>((resolve, reject) => {
    stoppedResolve = resolve;
    stoppedReject = reject;
  });
  // Whoever awaits only one of them must not leave the other's rejection unhandled.
  ready.catch(() => undefined);
  stopped.catch(() => undefined);
  const failed = (why: string) => {
    const error = new Error(`delivery worker ${index + 1}: ${why}`);
    readyReject(error);
    stoppedReject(error);
  };
  child.on("message", (message: FromDeliveryProcess) => {
    if (message.type === "ready") readyResolve();
    else if (message.type === "stopped") stoppedResolve({ report: message.report, warnings: message.warnings, errors: message.errors });
    else failed(message.error);
  });
  child.on("error", (error) => failed(error.message));
  child.on("exit", (code, signal) => failed(`exited (${signal ?? `code ${code}`}) before reporting`));
  return { ready, stopped };
}

/** `count` workers in this process on one set of repositories (PGlite has a single session). */
export async function startDeliveryWorkersHere(
  count: number,
  repos: Repositories,
  settings: DeliveryWorkerSettings,
): Promise<DeliveryFleet> {
  const translator = await Translator.load("ru");
  const logs = Array.from({ length: count }, () => countingLogger());
  const { sendSlots } = settings;
  const redis = sendSlots.kind === "redis" ? await openRedis(sendSlots.url) : undefined;
  const shared: SlotBook | undefined =
    redis && sendSlots.kind === "redis"
      ? new RedisSlotBook(redis, sendSlots.prefix)
      : sendSlots.kind === "shared-here"
        ? new MemorySlotBook()
        : undefined;
  let workers: DeliveryWorker[] = [];
  return {
    start() {
      workers = logs.map((log) => startDeliveryWorker(repos, settings, translator, log.logger, shared));
    },
    async stop() {
      const reports = await Promise.all(workers.map((worker) => worker.stop()));
      await redis?.quit();
      return reports.map((report, index) => {
        const log = logs[index]!;
        log.report();
        return { report, warnings: log.warnings(), errors: log.errors() };
      });
    },
  };
}
