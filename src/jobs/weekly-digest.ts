import type { DigestClaim, DigestCoordinator, DigestOrganisation, DigestsRepository } from "#root/db/repositories/digests.ts";
import { renderProgressChart } from "#root/documents/chart.ts";
import { completedWeek, DIGEST_HOUR, type DigestPeriod, dueDigestWeek, factsFrom, organisationDigest } from "#root/domain/digest.ts";
import { addDays, zonedInstant } from "#root/domain/typed-dates.ts";
import { digestMessage, progressChartLabels } from "#root/flows/check-ins/index.ts";
import { isLocale, type Locale } from "#root/i18n/translator.ts";
import type { Job, JobContext } from "./job.ts";

/** Organisations whose digests are read, drawn and claimed together: a fixed number of queries each. */
export const DIGEST_BATCH = 100;

/** The digests of one batch of organisations, each for its due week, ready to claim. */
async function composeBatch(
  digests: DigestsRepository,
  batch: Array<{ org: DigestOrganisation; period: DigestPeriod }>,
  now: Date,
  context: JobContext,
): Promise<DigestClaim[]> {
  const from = new Date(Math.min(...batch.map(({ period }) => factsFrom(period).getTime())));
  const facts = await digests.facts(
    batch.map(({ org }) => ({ orgId: org.orgId, cycleId: org.cycleId })),
    { from, now },
  );
  const coordinators = new Map<number, DigestCoordinator[]>();
  for (const coordinator of await digests.coordinators(batch.map(({ org }) => org.orgId))) {
    coordinators.set(coordinator.orgId, [...(coordinators.get(coordinator.orgId) ?? []), coordinator]);
  }
  const claims: DigestClaim[] = [];
  for (const { org, period } of batch) {
    try {
      const orgFacts = facts.get(org.orgId)!;
      // A week that ended before the first pair began work has nothing to report: claimed, not sent.
      if (!orgFacts.pairs.some((pair) => pair.formedAt.getTime() < period.thisWeek.to.getTime())) {
        claims.push({ orgId: org.orgId, weekOf: period.weekOf, figures: {}, messages: [] });
        continue;
      }
      const digest = organisationDigest(orgFacts, period, org.timeZone, org.cycleStartsOn, now);
      const orgCoordinators = (coordinators.get(org.orgId) ?? []).map((coordinator) => ({
        ...coordinator,
        locale: isLocale(coordinator.locale) ? coordinator.locale : "ru",
      }));
      // The picture's words are in each reader's language: drawn once per language the coordinators read.
      const charts = new Map<Locale, Uint8Array>();
      for (const locale of new Set(orgCoordinators.map((coordinator) => coordinator.locale))) {
        const labels = progressChartLabels((message) => context.translator.render(locale, message));
        charts.set(locale, await renderProgressChart(digest.chart, labels));
      }
      // The digest of a week is worth reading until the next one comes.
      const expiresAt = zonedInstant(addDays(period.weekOf, 7), { hour: DIGEST_HOUR, minute: 0 }, org.timeZone);
      claims.push({
        orgId: org.orgId,
        weekOf: period.weekOf,
        figures: digest.figures,
        // A report for the adults who run the programme, not a nudge: reminders_on does not hold it back.
        messages: orgCoordinators.map((coordinator) => ({
          dedupKey: `digest:${org.orgId}:${period.weekOf}:${coordinator.personId}`,
          to: { personId: coordinator.personId },
          message: digestMessage({
            orgName: org.orgName,
            period,
            digest,
            chart: charts.get(coordinator.locale)!,
            locale: coordinator.locale,
          }),
          dueAt: now,
          expiresAt,
          reminder: false,
        })),
      });
      // Lets the bot answer its chats between organisations: a batch is seconds of work.
      await new Promise((resolve) => setImmediate(resolve));
    } catch (error) {
      // One organisation's odd data must not hold back the others; it is tried again on the next tick.
      context.logger.error({ err: error, orgId: org.orgId, weekOf: period.weekOf }, "weekly digest failed");
    }
  }
  return claims;
}

/**
 * Every Monday from 09:00 in each organisation's zone, the coordinators of an organisation with a
 * cycle at work get the digest of the week before. The week is claimed with the messages in one
 * transaction (digests' primary key), so replicas, re-runs and catch-ups later in the week send it
 * once; a week missed entirely is not sent afterwards.
 */
export const weeklyDigestJob: Job = {
  name: "weekly-digest",
  schedule: "*/15 * * * *",
  async run(context, now) {
    const { digests } = context.repos;
    const due = (await digests.workingOrganisations()).flatMap((org) => {
      const weekOf = dueDigestWeek(now, org.timeZone, org.lastWeekOf);
      return weekOf ? [{ org, period: completedWeek(weekOf, org.timeZone) }] : [];
    });
    let planned = 0;
    for (let start = 0; start < due.length; start += DIGEST_BATCH) {
      const claims = await composeBatch(digests, due.slice(start, start + DIGEST_BATCH), now, context);
      planned += await digests.claim(claims, now);
    }
    return planned;
  },
};
