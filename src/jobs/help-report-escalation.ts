import type { NewOutboxMessage } from "#root/db/repositories/outbox.ts";
import { escalationAlert } from "#root/flows/check-ins/index.ts";
import type { Job } from "./job.ts";

/** Reports claimed per round; a catch-up after long downtime takes several rounds of one run. */
const BATCH = 100;

/**
 * A help report nobody opened 24 hours after it came is alerted again to every coordinator of its
 * organisation, once: the report is claimed (escalated_at) before its alerts are planned, and the
 * alerts are keyed by report and coordinator, so replicas, re-runs and a catch-up alert once.
 */
export const helpReportEscalationJob: Job = {
  name: "help-report-escalation",
  schedule: "*/5 * * * *",
  async run({ repos }, now) {
    let escalated = 0;
    for (;;) {
      const due = await repos.helpReports.claimEscalations(now, BATCH);
      if (due.length === 0) return escalated;
      try {
        const coordinators = await repos.checkIns.coordinatorsOf([...new Set(due.map((report) => report.orgId))]);
        const alerts: NewOutboxMessage[] = due.flatMap((report) =>
          (coordinators.get(report.orgId) ?? []).map((personId) => ({
            dedupKey: `help-report:${report.id}:escalation:${personId}`,
            to: { personId },
            orgId: report.orgId,
            message: escalationAlert(report),
            dueAt: now,
            // As the first alert: a child's report is not held back.
            urgent: true,
            topic: `help-report:${report.id}`,
          })),
        );
        await repos.outbox.enqueue(alerts);
      } catch (error) {
        // Not planned: give the claims back so that the next run alerts.
        await repos.helpReports.releaseEscalations(due.map((report) => report.id));
        throw error;
      }
      escalated += due.length;
    }
  },
};
