import type { NewSurvey, SurveyPair } from "#root/db/repositories/surveys.ts";
import { currentSurveySet, SURVEY_MOMENTS } from "#root/domain/surveys.ts";
import { surveyInvitation, surveyReminder } from "#root/flows/closing/index.ts";
import type { Job } from "./job.ts";

/**
 * The feedback questionnaires: the start one to every mentor and mentee of a working pair, the end
 * one to those of the published pairs of a closing cycle (one per person and pair), then up to two
 * reminders of the unanswered ones. Every survey and reminder is claimed in PostgreSQL together with
 * its message, so replicas, re-runs and catch-ups after downtime act once. A fixed number of queries.
 */
export const surveyJob: Job = {
  name: "surveys",
  schedule: "*/15 * * * *",
  async run({ repos }, now) {
    let done = 0;
    for (const moment of SURVEY_MOMENTS) {
      const recipients = await repos.surveys.unsent(moment, now);
      if (recipients.length === 0) continue;
      const pairs = new Map<number, SurveyPair>(recipients.map((recipient) => [recipient.pairId, recipient.pair]));
      const surveys: NewSurvey[] = recipients.map((recipient) => ({
        orgId: recipient.orgId,
        cycleId: recipient.cycleId,
        pairId: recipient.pairId,
        personId: recipient.personId,
        audience: recipient.audience,
        moment,
        version: currentSurveySet(recipient.audience).version,
      }));
      done += (await repos.surveys.send(surveys, now, (survey) => surveyInvitation(survey, pairs.get(survey.pairId)!, now))).length;
    }
    done += await repos.surveys.remind(now, (survey, pair, reminder) => surveyReminder(survey, pair, reminder, now));
    return done;
  },
};
