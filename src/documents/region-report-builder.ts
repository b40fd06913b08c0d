import { Worker } from "node:worker_threads";
import type { RegionReportFiles, RegionReportRequest } from "./region-report-files.ts";

/**
 * The region's report is built in a worker thread: for 1,000 organisations the DOCX alone takes
 * seconds of CPU (bench case `region-report`), which on the bot's thread would hold every chat's
 * answer. One worker per report, ended when it is done: reports are asked for a few times a month,
 * and a worker's start (about 0.3 s with tsx) is small beside the build.
 */
const WORKER_URL = new URL("./region-report-worker.mjs", import.meta.url);
/** A report not built in this time fails: a generous bound for 1,000 organisations on a busy machine. */
const BUILD_TIMEOUT_MS = 120_000;

export function buildRegionReportInWorker(request: RegionReportRequest): Promise<RegionReportFiles> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_URL);
    const timer = setTimeout(() => finish(new Error("the region's report took too long")), BUILD_TIMEOUT_MS);
    let settled = false;
    const finish = (error?: Error, files?: RegionReportFiles) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      if (error) reject(error);
      else resolve(files!);
    };
    worker.once("message", (answer: { files?: RegionReportFiles; error?: string }) =>
      answer.error !== undefined ? finish(new Error(answer.error)) : finish(undefined, answer.files),
    );
    worker.once("error", (error) => finish(error));
    worker.once("exit", (code) => finish(new Error(`the region's report worker stopped (exit code ${code})`)));
    worker.postMessage({ id: 1, request });
  });
}
