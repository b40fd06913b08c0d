import { existsSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { Resvg, type ResvgRenderOptions } from "@resvg/resvg-js";
import { plainText } from "./plain-text.ts";

/** Pictures the bot sends (the digest's chart, the monitoring report's chart) are drawn as SVG and sent as PNG. */

export const PNG_MIME = "image/png";

/*
 * DejaVu Sans (fonts-dejavu-core in the image) is read from its file alone when it is there: the
 * drawing looks the same everywhere, and resvg, which parses its fonts again for every picture, spends
 * a third of a chart's time on one font file instead of scanning the font folders. Elsewhere (a
 * developer's machine) the system's fonts are loaded instead. Regular weight only: a bold file would
 * cost as much again.
 */
const DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
const FONT: ResvgRenderOptions["font"] = existsSync(DEJAVU)
  ? { loadSystemFonts: false, fontFiles: [DEJAVU], defaultFontFamily: "DejaVu Sans" }
  : { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans", sansSerifFamily: "DejaVu Sans" };

/** An SVG picture as PNG bytes, at the size the SVG declares, drawn on the calling thread. */
export function svgToPng(svg: string): Uint8Array {
  const png = new Resvg(svg, { font: FONT, fitTo: { mode: "original" } }).render().asPng();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}

/**
 * The same, drawn in the process's chart renderer (a worker thread): a batch of digests drawn on
 * Monday morning must neither stop the bot from answering its chats nor keep a gigabyte of resvg's
 * memory (see ChartRenderer).
 */
export function svgToPngAsync(svg: string): Promise<Uint8Array> {
  shared ??= new ChartRenderer();
  return shared.render(svg);
}

/** Ends the process's chart renderer once the pictures asked for are drawn; a later picture starts another. */
export async function stopChartRenderer(): Promise<void> {
  const renderer = shared;
  shared = undefined;
  await renderer?.stop();
}

let shared: ChartRenderer | undefined;

/** A plain JavaScript module, so that it loads the same under tsx, vitest and in the image. */
const WORKER_URL = new URL("./rasterise-worker.mjs", import.meta.url);

export interface ChartRendererOptions {
  /**
   * Pictures a worker draws before it is ended and replaced. Default 32: about 65 MB of resvg's memory
   * at most, and a new worker (about 0.1 s to start) per 0.6 s of drawing; 64 drew the bench's 1,000
   * digests no faster and peaked 70 MB higher, 16 was 15 % slower (bench/RESULTS.md, "digest").
   */
  rendersPerWorker?: number;
  /** A worker with nothing to draw for this long is ended. Default 30 s. */
  idleMs?: number;
  /** A picture not drawn in this time fails, and its worker is ended. Default 30 s (a chart takes 20–60 ms). */
  renderTimeoutMs?: number;
  /** The worker's module; tests give one that fails. */
  workerUrl?: URL;
}

interface PendingRender {
  id: number;
  svg: string;
  resolve(png: Uint8Array): void;
  reject(error: Error): void;
}

/** One worker thread and what it is doing. */
interface Slot {
  worker: Worker;
  /** Pictures sent to this worker so far. */
  sent: number;
  drawing?: PendingRender;
  timeout?: NodeJS.Timeout;
}

type WorkerAnswer = { id: number; png: ArrayBuffer } | { id: number; error: string };

/**
 * Draws SVG as PNG in a worker thread, one picture at a time, the others waiting in turn (the machines
 * have two cores, and the bot must keep answering). resvg holds about 2 MB outside V8's heap per
 * picture (the pixel buffer, the parsed font) until a garbage collection finalises its small JS
 * objects, which a small heap seldom needs: 1,000 charts drawn in a row took a process to 2.1 GiB
 * (0.24 GiB this way). A worker is therefore ended after `rendersPerWorker` pictures or when idle,
 * and its native memory with it; the next picture starts a new one. The worker keeps the process
 * alive only while it has a picture to draw. A worker that fails (throws, exits, cannot load)
 * rejects every picture waiting, with the reason; the next picture starts a new worker.
 */
export class ChartRenderer {
  private readonly rendersPerWorker: number;
  private readonly idleMs: number;
  private readonly renderTimeoutMs: number;
  private readonly workerUrl: URL;
  private readonly waiting: PendingRender[] = [];
  private slot: Slot | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private nextId = 1;
  private drained: Array<() => void> = [];
  /** Workers started so far (tests and the benchmark read it). */
  workersStarted = 0;

  constructor(options: ChartRendererOptions = {}) {
    this.rendersPerWorker = options.rendersPerWorker ?? 32;
    this.idleMs = options.idleMs ?? 30_000;
    this.renderTimeoutMs = options.renderTimeoutMs ?? 30_000;
    this.workerUrl = options.workerUrl ?? WORKER_URL;
  }

  /** The SVG as PNG bytes, at the size the SVG declares. */
  render(svg: string): Promise<Uint8Array> {
    return new Promise<Uint8Array>((resolve, reject) => {
      this.waiting.push({ id: this.nextId++, svg, resolve, reject });
      this.next();
    });
  }

  /** Waits for the pictures asked for, then ends the worker. */
  async stop(): Promise<void> {
    if (this.slot?.drawing || this.waiting.length > 0) await new Promise<void>((resolve) => this.drained.push(resolve));
    clearTimeout(this.idleTimer);
    const slot = this.slot;
    this.slot = undefined;
    if (slot) await slot.worker.terminate();
  }

  /** Sends the next waiting picture to the worker, starting one if need be; or, with nothing to draw, lets it idle. */
  private next(): void {
    if (this.slot?.drawing) return;
    const render = this.waiting.shift();
    if (!render) {
      this.idle();
      return;
    }
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    const slot = this.slot ?? this.start();
    slot.drawing = render;
    slot.sent += 1;
    // A picture asked for is a promise someone awaits: the process stays up until it is drawn.
    slot.worker.ref();
    slot.timeout = setTimeout(() => this.fail(slot, new Error(`took more than ${this.renderTimeoutMs} ms`)), this.renderTimeoutMs).unref();
    slot.worker.postMessage({ id: render.id, svg: render.svg });
  }

  private start(): Slot {
    // No execArgv: the worker is plain JavaScript and needs neither tsx nor the parent's flags.
    const worker = new Worker(this.workerUrl, { workerData: { font: FONT }, execArgv: [] });
    const slot: Slot = { worker, sent: 0 };
    this.slot = slot;
    this.workersStarted += 1;
    worker.on("message", (answer: WorkerAnswer) => this.answered(slot, answer));
    worker.on("error", (error) => this.fail(slot, error));
    worker.on("messageerror", (error) => this.fail(slot, error));
    worker.on("exit", (code) => this.fail(slot, new Error(`the worker exited with code ${code}`)));
    return slot;
  }

  private answered(slot: Slot, answer: WorkerAnswer): void {
    const render = slot.drawing;
    if (this.slot !== slot || render?.id !== answer.id) return;
    clearTimeout(slot.timeout);
    slot.drawing = undefined;
    if ("png" in answer) render.resolve(new Uint8Array(answer.png));
    else render.reject(new Error(`The chart could not be drawn: ${answer.error}`));
    if (slot.sent >= this.rendersPerWorker) this.retire(slot);
    this.next();
  }

  /** Nothing to draw: the worker no longer holds the process, and is ended if nothing comes for a while. */
  private idle(): void {
    const slot = this.slot;
    if (slot) {
      slot.worker.unref();
      clearTimeout(this.idleTimer);
      this.idleTimer = setTimeout(() => this.retire(slot), this.idleMs).unref();
    }
    for (const resolve of this.drained.splice(0)) resolve();
  }

  /** Ends a worker on purpose; its exit is then no failure. */
  private retire(slot: Slot): void {
    if (this.slot !== slot) return;
    this.slot = undefined;
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    slot.worker.unref();
    void slot.worker.terminate();
  }

  /** The worker failed: every picture waiting is rejected with the reason, and the next one starts a new worker. */
  private fail(slot: Slot, cause: unknown): void {
    if (this.slot !== slot) return;
    this.slot = undefined;
    clearTimeout(slot.timeout);
    slot.worker.unref();
    void slot.worker.terminate();
    const reason = cause instanceof Error ? cause.message : String(cause);
    const failed = [...(slot.drawing ? [slot.drawing] : []), ...this.waiting.splice(0)];
    slot.drawing = undefined;
    for (const render of failed) render.reject(new Error(`The chart renderer's worker failed: ${reason}`, { cause }));
    this.idle();
  }
}

/** Text for an SVG text node or attribute: plain (no emoji), the five characters XML reserves escaped. */
export function svgText(text: string): string {
  // The rasteriser's fonts have no emoji: a label shared with a button would show empty boxes.
  return plainText(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}
