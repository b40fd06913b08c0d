import cron, { type ScheduledTask } from "node-cron";
import type { Logger } from "pino";
import type { Clock } from "#root/clock.ts";
import type { Metrics } from "#root/metrics.ts";
import type { Job, JobContext } from "./job.ts";

export interface SchedulerOptions {
  jobs: readonly Job[];
  context: JobContext;
  clock: Clock;
  logger: Logger;
  /** Counts runs and their durations, and stamps each job's last run. */
  metrics?: Pick<Metrics, "jobRuns" | "jobSeconds" | "jobLastRun">;
}

/**
 * Wakes the jobs on their node-cron schedules. Each replica runs its own scheduler: jobs claim their
 * rows in the database, so nothing needs electing. On start every job runs once, which is how
 * whatever fell due during downtime catches up (once: the rows it plans are keyed).
 */
export class Scheduler {
  private readonly tasks: ScheduledTask[] = [];
  private readonly running = new Set<Promise<number>>();

  constructor(private readonly options: SchedulerOptions) {}

  start(): void {
    for (const job of this.options.jobs) {
      // noOverlap: a slow run (a big digest) is not joined by the next tick on this replica.
      this.tasks.push(
        cron.schedule(job.schedule, () => this.runJob(job.name).then(() => undefined), {
          name: job.name,
          timezone: "Etc/UTC",
          noOverlap: true,
        }),
      );
    }
    void this.runAll();
  }

  async stop(): Promise<void> {
    for (const task of this.tasks.splice(0)) await task.destroy();
    await Promise.allSettled([...this.running]);
  }

  /** Runs one job as if woken at `at` (the clock's time by default); a failure is logged, not thrown. */
  async runJob(name: string, at: Date = this.options.clock()): Promise<number> {
    const job = this.options.jobs.find((candidate) => candidate.name === name);
    if (!job) throw new Error(`No job named ${name}`);
    const startedAt = performance.now();
    const finished = (outcome: "ok" | "failed") => {
      const metrics = this.options.metrics;
      if (!metrics) return;
      metrics.jobRuns.inc({ job: job.name, outcome });
      metrics.jobSeconds.observe({ job: job.name }, (performance.now() - startedAt) / 1_000);
      metrics.jobLastRun.set({ job: job.name }, Date.now() / 1_000);
    };
    const run = job.run(this.options.context, at).then(
      (done) => {
        finished("ok");
        return done;
      },
      (error: unknown) => {
        finished("failed");
        this.options.logger.error({ err: error, job: job.name }, "job failed");
        return 0;
      },
    );
    this.running.add(run);
    try {
      const done = await run;
      if (done > 0) {
        this.options.logger.info({ job: job.name, done }, "job done");
        this.options.context.kickDelivery();
      }
      return done;
    } finally {
      this.running.delete(run);
    }
  }

  /** Runs every job once, in order, at `at`: the catch-up on start, and "it is now Monday 09:00" in tests. */
  async runAll(at: Date = this.options.clock()): Promise<Record<string, number>> {
    const done: Record<string, number> = {};
    for (const job of this.options.jobs) {
      done[job.name] = await this.runJob(job.name, at);
    }
    return done;
  }
}
