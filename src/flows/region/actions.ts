import { defineAction, idField, oneOf } from "#root/dialog/actions.ts";

/** The periods a region's report is asked for: the school year so far, last month, the last school year. */
export const REPORT_PERIODS = ["school-year", "last-month", "last-school-year"] as const;
export type ReportPeriod = (typeof REPORT_PERIODS)[number];

/**
 * A territory coordinator's figures and report (issue 20). Each names its territory: the flow checks
 * again that the person coordinates it or its region.
 */
export const regionIndicatorsAction = defineAction({ name: "region", flow: "region-indicators", fields: { territoryId: idField } });
export const regionReportAction = defineAction({
  name: "region-report",
  flow: "region-report",
  fields: { territoryId: idField },
  optional: { period: oneOf(REPORT_PERIODS) },
});

export const REGION_ACTIONS = [regionIndicatorsAction, regionReportAction];
