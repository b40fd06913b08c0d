import type { Logger } from "pino";
import type { Repositories } from "#root/db/repositories/index.ts";
import type { Translator } from "#root/i18n/translator.ts";
import type { Platform } from "#root/messaging/messenger.ts";

/** What a scheduled job may use. Everything it sends goes into the outbox; delivery is not its business. */
export interface JobContext {
  repos: Repositories;
  logger: Logger;
  /** For what a job renders itself (a chart's words); messages go out as message ids, rendered when sent. */
  translator: Translator;
  /** Runs queries as a territory's coordinator would: the regional aggregates only (see FlowContext). */
  inTerritory<T>(territoryId: number, work: (repos: Repositories) => Promise<T>): Promise<T>;
  /** Asks the outbox to deliver what the job just planned, without waiting for its next poll. */
  kickDelivery(): void;
  /** Drops a chat's conversation in progress (its person's data was just erased). */
  forgetChat(platform: Platform, chatId: string): Promise<void>;
}

/**
 * A scheduled job. node-cron only wakes it; what is due is found in PostgreSQL at `now`, and every row
 * the job acts on is claimed (FOR UPDATE SKIP LOCKED, or an insert on a unique key), so replicas that
 * wake together, a job that runs twice, or a catch-up run after downtime act once.
 */
export interface Job {
  name: string;
  /** A node-cron expression, read in UTC. */
  schedule: string;
  /** Does what is due at `now`; returns how many things it did (planned messages, rows changed). */
  run(context: JobContext, now: Date): Promise<number>;
}
