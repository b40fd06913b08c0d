// The region's report worker thread (see region-report-builder.ts). For a region of 1,000
// organisations the docx library builds its tables for seconds on the thread it runs on: here that is
// not the bot's. Plain JavaScript that loads the TypeScript report code through tsx's own API, so the
// worker starts the same under `npm start`, vitest and the image (the rasteriser's worker explains why
// a worker cannot count on its parent's loader).
import { parentPort } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

const { buildRegionReportFiles } = await tsImport("./region-report-files.ts", import.meta.url);

parentPort.on("message", async ({ id, request }) => {
  try {
    const { workbook, document } = await buildRegionReportFiles(request);
    const files = { workbook: copy(workbook), document: copy(document) };
    parentPort.postMessage({ id, files }, [files.workbook.buffer, files.document.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});

/** A view of its own buffer, so it can be transferred rather than copied. */
function copy(bytes) {
  const own = new Uint8Array(bytes.byteLength);
  own.set(bytes);
  return own;
}
