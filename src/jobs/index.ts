import { attentionJob } from "./attention.ts";
import { checkInJob } from "./check-ins.ts";
import { helpReportEscalationJob } from "./help-report-escalation.ts";
import type { Job } from "./job.ts";
import { meetingFollowUpJob } from "./meeting-follow-ups.ts";
import { regionDigestJob } from "./region-digest.ts";
import { regionRollupsJob } from "./region-rollups.ts";
import { retentionJob } from "./retention.ts";
import { surveyJob } from "./surveys.ts";
import { weeklyDigestJob } from "./weekly-digest.ts";

/** Every scheduled job, in the order a catch-up run (start-up, tests) runs them. */
export const JOBS: Job[] = [
  meetingFollowUpJob,
  checkInJob,
  attentionJob,
  helpReportEscalationJob,
  weeklyDigestJob,
  surveyJob,
  retentionJob,
  regionRollupsJob,
  regionDigestJob,
];
