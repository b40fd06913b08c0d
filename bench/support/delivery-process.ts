import { openDatabase } from "#root/db/connection.ts";
import { createRepositories } from "#root/db/repositories/index.ts";
import { Translator } from "#root/i18n/translator.ts";
import { RedisSlotBook } from "#root/notify/pacer.ts";
import { openRedis } from "#root/redis.ts";
import { type DeliveryWorker, type DeliveryWorkerReport, type DeliveryWorkerSettings, startDeliveryWorker } from "./delivery-worker.ts";
import { countingLogger } from "./services.ts";

/**
 * A bot replica for the delivery case, as a child process (see `forkDeliveryProcess` in
 * delivery-fleet.ts): its own pg pool on the case's database and one delivery worker. It reads
 * its settings from BENCH_DELIVERY_WORKER (JSON) and talks to the case over the IPC channel:
 * "ready" → start → stop → "stopped" with its report, then it exits.
 */

export interface DeliveryProcessSettings extends DeliveryWorkerSettings {
  databaseUrl: string;
}

export type ToDeliveryProcess = { type: "start" } | { type: "stop" };
export type FromDeliveryProcess =
  | { type: "ready" }
  | { type: "stopped"; report: DeliveryWorkerReport; warnings: number; errors: number }
  | { type: "failed"; error: string };

/** Resolves once the message is handed to the IPC channel (so that exiting right after loses nothing). */
function send(message: FromDeliveryProcess): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}

async function main(): Promise<void> {
  const raw = process.env.BENCH_DELIVERY_WORKER;
  if (!raw || !process.send) throw new Error("delivery-process.ts is started by the delivery case (BENCH_DELIVERY_WORKER, an IPC channel)");
  const settings = JSON.parse(raw) as DeliveryProcessSettings;
  const handle = await openDatabase({ databaseUrl: settings.databaseUrl, dataDir: "memory://" });
  // Connects now, so that the first claim's time is the claim's, not the login's.
  if (!(await handle.ping())) throw new Error("the case's database does not answer");
  const repos = createRepositories(handle.db);
  const { sendSlots } = settings;
  if (sendSlots.kind === "shared-here") throw new Error("workers in separate processes cannot share a book in memory");
  const redis = sendSlots.kind === "redis" ? await openRedis(sendSlots.url) : undefined;
  const slots = redis && sendSlots.kind === "redis" ? new RedisSlotBook(redis, sendSlots.prefix) : undefined;
  const translator = await Translator.load("ru");
  const log = countingLogger();
  let worker: DeliveryWorker | undefined;
  process.on("message", (message: ToDeliveryProcess) => {
    if (message.type === "start") worker ??= startDeliveryWorker(repos, settings, translator, log.logger, slots);
    else if (message.type === "stop") {
      void (async () => {
        const report = await (worker?.stop() ?? Promise.resolve({ claimMs: [], emptyClaims: 0, claimedRows: 0, drainMs: 0 }));
        log.report();
        await handle.close();
        await redis?.quit();
        await send({ type: "stopped", report, warnings: log.warnings(), errors: log.errors() });
        // The Bot API client's kept-alive sockets would hold the process open.
        process.exit(0);
      })().catch(fail);
    }
  });
  // A case that failed or was interrupted leaves no replica behind.
  process.on("disconnect", () => process.exit(1));
  await send({ type: "ready" });
}

function fail(error: unknown): void {
  void send({ type: "failed", error: error instanceof Error ? (error.stack ?? error.message) : String(error) }).then(() => process.exit(1));
}

main().catch(fail);
