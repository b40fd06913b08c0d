import type { DigestTerritory } from "#root/db/repositories/territory-digests.ts";
import { calendarDate } from "#root/domain/cycle.ts";
import { schoolYearOf, schoolYearStart } from "#root/domain/region.ts";
import { dueRegionDigestMonth, monthPeriod, REGION_DIGEST_HOUR } from "#root/domain/region-digest.ts";
import { addMonths, endOfMonth, zonedInstant } from "#root/domain/typed-dates.ts";
import { regionChartPng, regionDigestMessage } from "#root/flows/region/index.ts";
import { isLocale, type Locale } from "#root/i18n/translator.ts";
import type { Job, JobContext } from "./job.ts";

/**
 * On the first of each month from 09:00 in the territory's zone, its coordinators get the month just
 * ended: the figures (aggregates only, small cells hidden), who needs support first, and the chart of
 * the school year's months. The figures are read under `inTerritory`, as the coordinator's own screen
 * reads them; the month is claimed with its messages, so replicas and re-runs send it once. A month
 * whose figures were never counted (rollups not run yet) waits for the next tick.
 */
export const regionDigestJob: Job = {
  name: "region-digest",
  schedule: "*/15 * * * *",
  async run(context, now) {
    let planned = 0;
    for (const territory of await context.repos.territoryDigests.territories()) {
      const month = dueRegionDigestMonth(now, territory.timeZone, territory.lastMonth);
      if (!month) continue;
      try {
        planned += await sendDigest(context, territory, month, now);
      } catch (error) {
        // One territory's odd data must not hold back the others; it is tried again on the next tick.
        context.logger.error({ err: error, territoryId: territory.territoryId, month }, "region digest failed");
      }
    }
    return planned;
  },
};

async function sendDigest(context: JobContext, territory: DigestTerritory, month: string, now: Date): Promise<number> {
  const { indicators, months } = await context.inTerritory(territory.territoryId, async (repos) => ({
    indicators: await repos.region.indicators(monthPeriod(month)),
    months: await repos.region.months(schoolYearStart(schoolYearOf(month)), month),
  }));
  if (!indicators?.countedAt) return 0;
  // A month that was over before anyone coordinated the territory is claimed, not sent: its first
  // coordinator starts with the month they joined in.
  if (endOfMonth(month) < calendarDate(territory.firstJoinedAt, territory.timeZone)) {
    await context.repos.territoryDigests.claim(territory.territoryId, month, {}, [], now);
    return 0;
  }
  const readers = (await context.repos.territoryDigests.readers([territory.territoryId])).map((reader) => ({
    ...reader,
    locale: (isLocale(reader.locale) ? reader.locale : "ru") as Locale,
  }));
  const messages = new Map<Locale, ReturnType<typeof regionDigestMessage>>();
  for (const locale of new Set(readers.map((reader) => reader.locale))) {
    const translate = (message: Parameters<typeof context.translator.render>[1]) => context.translator.render(locale, message);
    const chart = await regionChartPng({ territory: territory.name, month, months, locale, translate });
    messages.set(locale, regionDigestMessage({ indicators, locale, translate, chart }));
  }
  // A month's digest is worth reading until the next one comes.
  const expiresAt = zonedInstant(addMonths(month, 2), { hour: REGION_DIGEST_HOUR, minute: 0 }, territory.timeZone);
  const planned = readers.map((reader) => ({
    dedupKey: `region-digest:${territory.territoryId}:${month}:${reader.personId}`,
    to: { personId: reader.personId },
    message: messages.get(reader.locale)!,
    dueAt: now,
    expiresAt,
    // A report for the adults who steer the programme, not a nudge: reminders_on does not hold it back.
    reminder: false,
  }));
  const claimed = await context.repos.territoryDigests.claim(territory.territoryId, month, indicators.total, planned, now);
  if (claimed) context.kickDelivery();
  return claimed ? planned.length : 0;
}
