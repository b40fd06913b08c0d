import type { FlowDefinition } from "#root/dialog/flow.ts";
import { calendarDate } from "#root/domain/cycle.ts";
import { schoolYearOf, schoolYearStart } from "#root/domain/region.ts";
import { type Locale, type Msg, msg } from "#root/i18n/translator.ts";
import { territoryAction } from "../territories/actions.ts";
import { territoryScope } from "../territories/territory.ts";
import { regionIndicatorsAction, regionReportAction } from "./actions.ts";
import { regionScreenMessage } from "./screen-message.ts";

/**
 * "📊 Figures" on a territory's screen: the school year so far, in aggregates only. The figures come
 * through `inTerritory`, the role that reads nothing but the regional aggregates with small cells
 * hidden: whatever this flow asked, it could not reach a child's row.
 */
export const regionIndicatorsFlow: FlowDefinition<{ territoryId: number }> = {
  name: "region-indicators",
  version: 1,
  async run(d, ctx, { territoryId }) {
    const scope = await territoryScope(d, ctx, territoryId);
    if (!scope) return;
    const now = await d.now();
    const screen = await d.run("region-screen", async () => {
      const today = calendarDate(now, scope.territory.timezone);
      const period = { from: schoolYearStart(schoolYearOf(today)), to: today };
      const indicators = await ctx.inTerritory(territoryId, (repos) => repos.region.indicators(period));
      // Before the first count (a new installation, within the hour) there is nothing true to show.
      if (!indicators?.countedAt) return undefined;
      const message = regionScreenMessage({ indicators, locale: d.locale, translate: (part) => d.translate(part) });
      return [...message.text, countedAtMsg(indicators.countedAt, scope.territory.timezone, d.locale)];
    });
    const buttons = [
      [
        regionReportAction.button(msg("region-button-report"), { territoryId }),
        regionIndicatorsAction.button(msg("region-button-refresh"), { territoryId }),
      ],
      [territoryAction.button(msg("region-button-territory"), { territoryId })],
    ];
    await d.say(screen ?? msg("region-not-counted-yet"), { buttons });
  },
};

/** When the figures were counted, in the territory's zone: they are an hour old at most. */
export function countedAtMsg(countedAt: Date | string, timeZone: string, locale: Locale): Msg {
  const at = new Date(countedAt);
  const format = new Intl.DateTimeFormat(locale, { timeZone, day: "numeric", month: "long", hour: "2-digit", minute: "2-digit" });
  return msg("region-counted-at", { at: format.format(at) });
}
