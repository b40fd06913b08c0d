/**
 * What a territory's coordinator reads (issue 20): the screen of a period's figures, the region's
 * report, and the monthly digest with its chart (sent by the region-digest job).
 */
import type { Feature } from "#root/dialog/flow.ts";
import { REGION_ACTIONS } from "./actions.ts";
import { regionIndicatorsFlow } from "./indicators.ts";
import { regionReportFlow } from "./report.ts";

export * from "./actions.ts";
export { type RegionChartInput, type RegionDigestInput, regionChartLabels, regionChartPng, regionDigestMessage } from "./digest-message.ts";
export { type RegionTextInput, regionScreenMessage } from "./screen-message.ts";
export { MESSAGE_LIMIT } from "./wording.ts";

export const regionFeature: Feature = {
  flows: [regionIndicatorsFlow, regionReportFlow],
  actions: REGION_ACTIONS,
};
