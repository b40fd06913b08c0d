import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/**
 * The bot's Prometheus series (GET /metrics, README "Metrics"). One Metrics per app: the composition
 * root makes it and hands its counters to the parts that count (the inbox drain, the outbox, the
 * scheduler), so every counter on the update path is a plain increment. What needs the database (the
 * inbox backlog, the outbox depth) is read only when Prometheus scrapes, one query per reading, with
 * a short timeout (`MetricsSources`).
 */

/** Updates of a platform not yet handled, and how long the oldest has waited. */
export interface InboxBacklog {
  platform: string;
  count: number;
  oldestAgeSeconds: number;
}

/** Outbox messages not yet sent or given up, by the platform they would go to ("none": no reachable account). */
export interface OutboxDepth {
  platform: string;
  depth: number;
  /** How long the oldest message that is due now has been due (0 when none is due). */
  oldestDueAgeSeconds: number;
}

export interface MetricsSources {
  /** Platforms always shown (at 0 when nothing waits for them). */
  platforms: readonly string[];
  inboxBacklog(): Promise<InboxBacklog[]>;
  outboxDepth(): Promise<OutboxDepth[]>;
  /** Database pool: clients in use, idle, and queries waiting for one (PostgreSQL only). */
  pool?(): { total: number; idle: number; waiting: number } | undefined;
}

/** A scrape answers within this even when the database hangs: the database gauges are left out then. */
export const SOURCE_TIMEOUT_MS = 2_000;

export class Metrics {
  readonly registry = new Registry();

  readonly updatesReceived = new Counter({
    name: "nastavnik_updates_received_total",
    help: "Updates the messengers delivered to the bot (duplicates and flood-dropped presses included)",
    labelNames: ["platform"] as const,
    registers: [this.registry],
  });
  readonly updatesHandled = new Counter({
    name: "nastavnik_updates_handled_total",
    help: "Updates handled and marked processed in the inbox",
    labelNames: ["platform"] as const,
    registers: [this.registry],
  });
  readonly updatesFailed = new Counter({
    name: "nastavnik_updates_failed_total",
    help: "Updates given up (dead-lettered in the inbox)",
    labelNames: ["platform"] as const,
    registers: [this.registry],
  });
  readonly handlingSeconds = new Histogram({
    name: "nastavnik_update_handling_seconds",
    help: "Time from taking an update up to its processed mark being written",
    labelNames: ["platform"] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly sends = new Counter({
    name: "nastavnik_sends_total",
    help: "Messages sent to a messenger, by outcome: sent, blocked (403: the person blocked the bot), failed",
    labelNames: ["platform", "outcome"] as const,
    registers: [this.registry],
  });
  readonly edits = new Counter({
    name: "nastavnik_edits_total",
    help: "Screens updated in place, by outcome: sent, blocked (403), failed (the bot then sends the screen anew)",
    labelNames: ["platform", "outcome"] as const,
    registers: [this.registry],
  });
  readonly rateLimited = new Counter({
    name: "nastavnik_rate_limited_total",
    help: "Answers 429 (Too Many Requests) from a messenger, to any call",
    labelNames: ["platform"] as const,
    registers: [this.registry],
  });
  readonly slotHolds = new Counter({
    name: "nastavnik_slot_holds_total",
    help: "Outbox messages put back because the platform's sending slots were held (after a 429) or too far off",
    labelNames: ["platform"] as const,
    registers: [this.registry],
  });
  readonly jobRuns = new Counter({
    name: "nastavnik_job_runs_total",
    help: "Scheduled job runs, by outcome (ok, failed)",
    labelNames: ["job", "outcome"] as const,
    registers: [this.registry],
  });
  readonly jobSeconds = new Histogram({
    name: "nastavnik_job_duration_seconds",
    help: "How long a scheduled job's run took",
    labelNames: ["job"] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
    registers: [this.registry],
  });
  readonly jobLastRun = new Gauge({
    name: "nastavnik_job_last_run_timestamp_seconds",
    help: "When a scheduled job's last run ended (Unix time, the process's clock)",
    labelNames: ["job"] as const,
    registers: [this.registry],
  });
  readonly sourceErrors = new Counter({
    name: "nastavnik_metrics_source_errors_total",
    help: "Scrape-time readings (inbox, outbox) that failed or took too long: their gauges were left out",
    labelNames: ["source"] as const,
    registers: [this.registry],
  });

  private sources: MetricsSources | undefined;

  constructor() {
    // Event-loop lag (nodejs_eventloop_lag_*), heap, GC, CPU, open handles: prom-client's defaults.
    collectDefaultMetrics({ register: this.registry });
    const inbox = this.reading("inbox", (sources) => sources.inboxBacklog());
    const outbox = this.reading("outbox", (sources) => sources.outboxDepth());
    const self = this;
    new Gauge({
      name: "nastavnik_inbox_backlog",
      help: "Updates stored in the inbox and not handled yet",
      labelNames: ["platform"] as const,
      registers: [this.registry],
      async collect() {
        self.perPlatform(this, await inbox(), (row) => row.count);
      },
    });
    new Gauge({
      name: "nastavnik_inbox_oldest_age_seconds",
      help: "How long the oldest unhandled update in the inbox has waited (0: none waits)",
      labelNames: ["platform"] as const,
      registers: [this.registry],
      async collect() {
        self.perPlatform(this, await inbox(), (row) => row.oldestAgeSeconds);
      },
    });
    new Gauge({
      name: "nastavnik_outbox_depth",
      help: "Outbox messages not sent or given up yet (due or not), by the platform they would go to",
      labelNames: ["platform"] as const,
      registers: [this.registry],
      async collect() {
        self.perPlatform(this, await outbox(), (row) => row.depth);
      },
    });
    new Gauge({
      name: "nastavnik_outbox_oldest_due_age_seconds",
      help: "How long the oldest due outbox message has been due (0: none is due)",
      labelNames: ["platform"] as const,
      registers: [this.registry],
      async collect() {
        self.perPlatform(this, await outbox(), (row) => row.oldestDueAgeSeconds);
      },
    });
    for (const [name, help, key] of [
      ["nastavnik_db_pool_clients", "Database pool clients open", "total"],
      ["nastavnik_db_pool_idle", "Database pool clients idle", "idle"],
      ["nastavnik_db_pool_waiting", "Queries waiting for a database pool client", "waiting"],
    ] as const) {
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          const pool = self.sources?.pool?.();
          if (pool) this.set(pool[key]);
          else this.reset();
        },
      });
    }
  }

  /** Where the scrape-time gauges read (set once the database is open). */
  readFrom(sources: MetricsSources): void {
    this.sources = sources;
  }

  /** The Prometheus text exposition of every series. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private perPlatform<Row extends { platform: string }>(gauge: Gauge<"platform">, rows: Row[] | undefined, value: (row: Row) => number) {
    gauge.reset();
    if (!rows) return;
    for (const platform of this.sources?.platforms ?? []) gauge.set({ platform }, 0);
    for (const row of rows) gauge.set({ platform: row.platform }, value(row));
  }

  /**
   * A database reading shared by the gauges of one scrape (prom-client calls their collect callbacks
   * together): one query, answered within SOURCE_TIMEOUT_MS; undefined (the gauges left out, an error
   * counted) when it fails or is late.
   */
  private reading<T>(source: string, read: (sources: MetricsSources) => Promise<T>): () => Promise<T | undefined> {
    let inFlight: Promise<T | undefined> | undefined;
    return () => {
      const sources = this.sources;
      if (!sources) return Promise.resolve(undefined);
      inFlight ??= withinTime(read(sources)).then((result) => {
        inFlight = undefined;
        if (result === undefined) this.sourceErrors.inc({ source });
        return result;
      });
      return inFlight;
    };
  }
}

function withinTime<T>(work: Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), SOURCE_TIMEOUT_MS);
  });
  return Promise.race([work.catch(() => undefined), late]).finally(() => clearTimeout(timer));
}
