import { regionReportDocx } from "#root/documents/docx/region-report.ts";
import { regionReportWorkbook } from "#root/documents/region-report.ts";
import { protectRegion } from "#root/domain/region-suppression.ts";
import { regionScreenMessage } from "#root/flows/region/index.ts";
import { type Msg, Translator } from "#root/i18n/translator.ts";
import { syntheticRegion } from "../../test/support/region.ts";
import { type BenchCase, type Figure, median, progress } from "../figure.ts";

/**
 * What a region's coordinator gets for a region of 1,000 organisations in 60 municipalities (issue
 * 20): secondary suppression, the screen fitted to one message, the report as XLSX and as DOCX. Each
 * is made on the calling thread, so its time is the time the bot's event loop is held.
 */

const ROUNDS = 3;

async function milliseconds(make: () => unknown): Promise<number[]> {
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    await make();
    times.push(performance.now() - started);
  }
  return times;
}

const regionReport: BenchCase = {
  name: "region-report",
  async run(): Promise<Figure[]> {
    const translator = await Translator.load();
    const translate = (message: Msg) => translator.render("ru", message);
    const indicators = syntheticRegion(1_000, 60);
    const input = { indicators, madeOn: "2026-12-07", locale: "ru" as const, translate };
    progress(`1,000 organisations, 60 municipalities; ${ROUNDS} rounds each`);
    const figure = (metric: string, times: number[]): Figure => ({ case: "region-report", metric, value: median(times), unit: "ms" });
    return [
      figure("secondary suppression", await milliseconds(() => protectRegion(indicators))),
      figure("screen message (fitted to 4,000 characters)", await milliseconds(() => regionScreenMessage(input))),
      figure("report XLSX", await milliseconds(() => regionReportWorkbook(input))),
      figure("report DOCX", await milliseconds(() => regionReportDocx(input))),
    ];
  },
};

export default regionReport;
