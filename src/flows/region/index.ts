/**
 * What a territory's coordinator reads (issue 20): the screen of a period's figures and the monthly
 * digest with its chart. The menu that shows them, and the job that sends the digest, use these.
 */
export { type RegionChartInput, type RegionDigestInput, regionChartLabels, regionChartPng, regionDigestMessage } from "./digest-message.ts";
export { type RegionTextInput, regionScreenMessage } from "./screen-message.ts";
export { MESSAGE_LIMIT } from "./wording.ts";
