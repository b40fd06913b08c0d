import type { RegionIndicators } from "#root/domain/region.ts";
import { type Locale, Translator } from "#root/i18n/translator.ts";
import { regionReportDocx } from "./docx/region-report.ts";
import { regionReportWorkbook } from "./region-report.ts";

export interface RegionReportRequest {
  indicators: RegionIndicators;
  /** The day the report is made, in the territory's zone. */
  madeOn: string;
  locale: Locale;
}

export interface RegionReportFiles {
  workbook: Uint8Array;
  document: Uint8Array;
}

let translator: Promise<Translator> | undefined;

/** The region's report as XLSX and DOCX, on the calling thread (the report worker calls this). */
export async function buildRegionReportFiles(request: RegionReportRequest): Promise<RegionReportFiles> {
  translator ??= Translator.load();
  const loaded = await translator;
  const input = { ...request, translate: (message: Parameters<Translator["render"]>[1]) => loaded.render(request.locale, message) };
  const workbook = await regionReportWorkbook(input);
  const document = await regionReportDocx(input);
  return { workbook, document };
}
