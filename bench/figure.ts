import type { BenchMessenger } from "./support/messengers.ts";

/**
 * What a benchmark case reports, and small helpers the cases share. A case is one file
 * `bench/cases/<name>.ts` whose default export (or named exports `name` and `run`) is a BenchCase;
 * bench/run.ts finds it by its file name.
 */

/** One measured figure: printed as a table row, or as one JSON line with `--json`. */
export interface Figure {
  case: string;
  metric: string;
  value: number;
  unit: string;
}

/** What `npm run bench` passes to every case. */
export interface CaseOptions {
  /** `--messenger`: the messenger the people write through (cases that list it in `messengers`). */
  messenger: BenchMessenger;
}

export interface BenchCase {
  /** The case's name, the same as its file name: `npm run bench -- --case <name>`. */
  name: string;
  /**
   * The messengers the case can play its people through (`--messenger`). Absent: the case plays
   * Telegram only or no messenger at all, and runs only with the default.
   */
  messengers?: readonly BenchMessenger[];
  /** Runs the case and returns its figures. Progress goes to stderr (see `progress`), never stdout. */
  run(options: CaseOptions): Promise<Figure[]>;
}

/** A progress line for the person watching; stderr keeps `--json` output clean. */
export function progress(text: string): void {
  process.stderr.write(`  … ${text}\n`);
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The value at a percentile (0–100) of the values, nearest rank. */
export function percentile(values: readonly number[], rank: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((rank / 100) * sorted.length) - 1))]!;
}

/** A seeded random source (mulberry32): the same seed gives the same instance on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Milliseconds a piece of work takes, with its result. */
export async function timed<T>(work: () => T | Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result };
}
