/**
 * The region's report built off the bot's thread: the worker loads the TypeScript report code by
 * itself and hands back the same files the report code makes on the calling thread.
 */
import { describe, expect, it } from "vitest";
import { buildRegionReportInWorker } from "#root/documents/region-report-builder.ts";
import { buildRegionReportFiles } from "#root/documents/region-report-files.ts";
import { docxText } from "../support/docx.ts";
import { twoMunicipalities } from "../support/region.ts";
import { readWorkbook } from "../support/workbook.ts";

describe("the region's report worker", () => {
  it("builds the workbook and the document a thread away, as the calling thread would", async () => {
    const request = { indicators: twoMunicipalities(), madeOn: "2026-12-07", locale: "ru" as const };
    const [inWorker, here] = await Promise.all([buildRegionReportInWorker(request), buildRegionReportFiles(request)]);
    expect(docxText(inWorker.document)).toBe(docxText(here.document));
    expect(docxText(inWorker.document)).toContain(request.indicators.territory.name);
    const workbook = await readWorkbook(inWorker.workbook);
    expect(workbook.worksheets.length).toBeGreaterThan(2);
    expect(inWorker.workbook.byteLength).toBeGreaterThan(1_000);
  });

  it("reports a report it could not build, and a later one still works", async () => {
    const broken = { indicators: { ...twoMunicipalities(), organisations: null }, madeOn: "2026-12-07", locale: "ru" as const };
    await expect(buildRegionReportInWorker(broken as never)).rejects.toThrow();
    const files = await buildRegionReportInWorker({ indicators: twoMunicipalities(), madeOn: "2026-12-07", locale: "en" });
    expect(docxText(files.document)).toContain("2026");
  });
});
