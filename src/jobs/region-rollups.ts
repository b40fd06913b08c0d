import type { Job } from "./job.ts";

/**
 * Rebuilds the regional figures' rollups (migrations/028) every hour. The rollups' one state row is
 * claimed with FOR UPDATE SKIP LOCKED, and a rebuild younger than ROLLUP_MAX_AGE_MS is not repeated, so
 * replicas waking together, or a catch-up run after downtime, rebuild once.
 */
export const regionRollupsJob: Job = {
  name: "region-rollups",
  schedule: "23 * * * *",
  async run(context, now) {
    const written = await context.repos.region.refresh(now);
    if (written > 0) context.logger.info({ written }, "regional rollups rebuilt");
    return written;
  },
};
