import { readdir } from "node:fs/promises";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import type { BenchCase, Figure } from "./figure.ts";
import { BENCH_MESSENGERS, type BenchMessenger, DEFAULT_MESSENGER, isBenchMessenger } from "./support/messengers.ts";

/**
 * The benchmark harness behind `npm run bench`.
 *   npm run bench                      every case, a readable table
 *   npm run bench -- --json            one JSON object a line: {"case", "metric", "value", "unit"}
 *   npm run bench -- --case matching   one case (repeat --case for several, in the order given; an
 *                                      unknown name lists the cases and exits with 2)
 *   npm run bench -- --case update-handling --messenger max
 *                                      the people write through MAX webhooks instead of Telegram's
 *                                      (telegram, the default, or max; any other name exits with 2).
 *                                      Only cases that list the messenger in `messengers` take it: asked
 *                                      by name, another case exits with 2; without --case, the cases
 *                                      that take it run and the others are skipped.
 * A case is one file in bench/cases/ named after it (see figure.ts); adding one needs no change here.
 */

const CASES_FOLDER = new URL("./cases/", import.meta.url);

/** The order of the proof issue; cases not listed here run after these, by name. */
const ORDER = ["update-handling", "update-handling-baseline", "delivery", "digest", "matching"];
const USAGE = `usage: npm run bench -- [--json] [--case NAME]... [--messenger ${BENCH_MESSENGERS.join("|")}]`;

interface Options {
  json: boolean;
  /** The cases asked for by name; empty: every case. */
  only: string[];
  /** The messenger the people write through; undefined: not asked for (the default). */
  messenger: BenchMessenger | undefined;
}

class UsageError extends Error {}

function parseArguments(args: readonly string[]): Options {
  const options: Options = { json: false, only: [], messenger: undefined };
  const setMessenger = (name: string | undefined) => {
    if (!name || name.startsWith("--")) throw new UsageError("--messenger needs a messenger name");
    if (!isBenchMessenger(name)) throw new UsageError(`no messenger named "${name}" (${BENCH_MESSENGERS.join(" or ")})`);
    if (options.messenger !== undefined && options.messenger !== name)
      throw new UsageError("--messenger given twice, with different names");
    options.messenger = name;
  };
  for (let index = 0; index < args.length; index++) {
    const argument = args[index]!;
    if (argument === "--json") options.json = true;
    else if (argument === "--messenger") setMessenger(args[++index]);
    else if (argument.startsWith("--messenger=")) setMessenger(argument.slice("--messenger=".length));
    else if (argument === "--case") {
      const name = args[++index];
      if (!name || name.startsWith("--")) throw new UsageError("--case needs a case name");
      options.only.push(name);
    } else if (argument.startsWith("--case=")) options.only.push(argument.slice("--case=".length));
    else throw new UsageError(`unknown argument ${argument}`);
  }
  return options;
}

/** The cases there are: the files of bench/cases/, in the order above. */
async function caseNames(): Promise<string[]> {
  const files = await readdir(fileURLToPath(CASES_FOLDER));
  const names = files
    .filter((file) => file.endsWith(".ts") && !file.startsWith("_") && !file.endsWith(".d.ts"))
    .map((file) => basename(file, ".ts"));
  const rank = (name: string) => (ORDER.includes(name) ? ORDER.indexOf(name) : ORDER.length);
  return names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

async function loadCase(name: string): Promise<BenchCase> {
  const module = (await import(new URL(`${name}.ts`, CASES_FOLDER).href)) as { default?: BenchCase; name?: string; run?: BenchCase["run"] };
  const found = module.default ?? (typeof module.run === "function" ? { name: module.name ?? name, run: module.run } : undefined);
  if (!found || typeof found.run !== "function") throw new Error(`bench/cases/${name}.ts exports no case ({ name, run })`);
  if (found.name !== name) throw new Error(`bench/cases/${name}.ts calls itself "${found.name}"; a case is named after its file`);
  return found;
}

function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const digits = Number.isInteger(value) ? 0 : Math.abs(value) >= 100 ? 1 : Math.abs(value) >= 1 ? 2 : 4;
  return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function table(figures: readonly Figure[]): string {
  const rows = [
    ["case", "metric", "value", "unit"],
    ...figures.map((figure) => [figure.case, figure.metric, formatValue(figure.value), figure.unit]),
  ];
  const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) =>
    row
      .map((cell, column) => (column === 2 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join("  ")
      .trimEnd();
  return [line(rows[0]!), widths.map((width) => "-".repeat(width)).join("  "), ...rows.slice(1).map(line)].join("\n");
}

async function main(): Promise<number> {
  let options: Options;
  try {
    options = parseArguments(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`bench: ${error.message}\n${USAGE}\n`);
    return 2;
  }
  const names = await caseNames();
  const unknown = options.only.find((name) => !names.includes(name));
  if (unknown !== undefined) {
    process.stderr.write(`bench: no case named "${unknown}". Cases:\n${names.map((name) => `  ${name}\n`).join("")}`);
    return 2;
  }
  const messenger = options.messenger ?? DEFAULT_MESSENGER;
  let selected = options.only.length === 0 ? names : options.only;
  if (messenger !== DEFAULT_MESSENGER) {
    // Which cases take the messenger is known only from the cases themselves.
    const takers: string[] = [];
    for (const name of names) {
      // A case that fails to load says so when it runs; here it just does not take the messenger.
      const found = await loadCase(name).catch(() => undefined);
      if (found?.messengers?.includes(messenger)) takers.push(name);
    }
    const refusing = selected.filter((name) => !takers.includes(name));
    if (options.only.length > 0 && refusing.length > 0) {
      process.stderr.write(
        `bench: ${refusing.join(", ")} cannot run with --messenger ${messenger}; cases that can: ${takers.join(", ") || "none"}\n${USAGE}\n`,
      );
      return 2;
    }
    if (refusing.length > 0)
      process.stderr.write(`bench: --messenger ${messenger}: skipping ${refusing.join(", ")} (${DEFAULT_MESSENGER} only)\n`);
    selected = selected.filter((name) => takers.includes(name));
  }
  const figures: Figure[] = [];
  let failed = false;
  for (const name of selected) {
    process.stderr.write(`bench: ${name}${messenger === DEFAULT_MESSENGER ? "" : ` (${messenger})`}\n`);
    try {
      const found = await loadCase(name);
      const started = performance.now();
      const caseFigures = await found.run({ messenger });
      process.stderr.write(`bench: ${name} done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
      for (const figure of caseFigures) {
        figures.push(figure);
        // JSON lines go out as they come, so a long run shows its figures early.
        if (options.json)
          process.stdout.write(`${JSON.stringify({ case: figure.case, metric: figure.metric, value: figure.value, unit: figure.unit })}\n`);
      }
    } catch (error) {
      failed = true;
      process.stderr.write(`bench: ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
  }
  if (!options.json) process.stdout.write(`${table(figures)}\n`);
  return failed ? 1 : 0;
}

// Exits explicitly: a case that leaves a connection open must not keep the harness waiting.
process.exit(await main());
