import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * A conflict target's predicate (`ON CONFLICT (cycle_id) WHERE kind = 'final'`) names the partial
 * unique index the insert falls back on. With named prepared statements PostgreSQL plans a statement
 * generically from its sixth run on a connection, and a predicate with a bound value (`kind = $1`)
 * then matches no index: "there is no unique or exclusion constraint matching the ON CONFLICT
 * specification". So every such predicate writes its values into the statement. Kysely binds every
 * value of `where(column, operator, value)`, a literal one too, except null and booleans after `is`
 * and `is not`; a `${…}` in a sql template is bound as well.
 */

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Where a value is bound into a conflict target's predicate: the file, the line and the code. */
interface Binding {
  line: number;
  code: string;
}

interface Scan {
  /** How many conflict targets with a predicate were read. */
  predicates: number;
  bindings: Binding[];
}

const CLOSERS: Record<string, string> = { "(": ")", "[": "]", "{": "}" };

/** The index just past the bracket that closes the one at `open`, skipping strings, templates and comments. */
function pastClosing(text: string, open: number): number {
  // What closes each level: a bracket in code, or "`" inside a template literal (whose `${` opens code).
  const levels: string[] = [];
  for (let i = open; i < text.length; i += 1) {
    const char = text[i]!;
    if (levels.at(-1) === "`") {
      if (char === "\\") i += 1;
      else if (char === "`") levels.pop();
      else if (char === "$" && text[i + 1] === "{") {
        levels.push("}");
        i += 1;
      }
      continue;
    }
    if (char === '"' || char === "'") {
      for (i += 1; i < text.length && text[i] !== char; i += 1) if (text[i] === "\\") i += 1;
    } else if (char === "/" && text[i + 1] === "/") {
      i = text.indexOf("\n", i);
      if (i < 0) break;
    } else if (char === "/" && text[i + 1] === "*") {
      i = text.indexOf("*/", i + 2) + 1;
      if (i <= 0) break;
    } else if (char === "`") {
      levels.push("`");
    } else if (char in CLOSERS) {
      levels.push(CLOSERS[char]!);
    } else if (char === levels.at(-1)) {
      levels.pop();
      if (levels.length === 0) return i + 1;
    }
  }
  throw new Error(`the bracket at ${open} is never closed`);
}

const lineAt = (text: string, index: number): number => text.slice(0, index).split("\n").length;

/** `ON CONFLICT (…) WHERE … DO` in SQL text: a `${` between WHERE and DO binds a value. */
function sqlBindings(text: string, scan: Scan): void {
  for (const target of text.matchAll(/\bON\s+CONFLICT\s*\(/gi)) {
    const afterTarget = pastClosing(text, target.index + target[0].length - 1);
    const predicate = /^\s*WHERE\b([\s\S]*?)\bDO\b/i.exec(text.slice(afterTarget));
    if (!predicate) continue;
    scan.predicates += 1;
    const start = afterTarget + predicate.index + predicate[0].indexOf(predicate[1]!);
    for (const value of predicate[1]!.matchAll(/\$\{[^}]*\}/g)) {
      scan.bindings.push({ line: lineAt(text, start + value.index), code: value[0] });
    }
  }
}

/** A kysely conflict target's `where(…)` that writes its condition into the statement. */
function writtenInto(argument: string): boolean {
  const template = /^sql(?:<[^>]*>)?`([^`]*)`$/.exec(argument);
  if (template) return !template[1]!.includes("${");
  return /^"[^"]+"\s*,\s*"is(?: not)?"\s*,\s*(?:null|true|false)$/.test(argument);
}

/** `.onConflict((c) => c.column(…).where(…).doNothing())`: each `where` before the `do…` is the target's predicate. */
function builderBindings(text: string, scan: Scan): void {
  for (const call of text.matchAll(/\.onConflict\(/g)) {
    const open = call.index + call[0].length - 1;
    const callback = text.slice(open, pastClosing(text, open));
    // A `where` after doUpdateSet filters the update instead, where bound values do no harm.
    const action = /\.do(?:Nothing|UpdateSet)\(/.exec(callback);
    const target = action ? callback.slice(0, action.index) : callback;
    for (const where of target.matchAll(/\.where\(/g)) {
      const whereOpen = where.index + where[0].length - 1;
      const argument = target.slice(whereOpen + 1, pastClosing(target, whereOpen) - 1).trim();
      scan.predicates += 1;
      if (!writtenInto(argument)) {
        scan.bindings.push({ line: lineAt(text, open + where.index), code: `.where(${argument.replace(/\s+/g, " ")})` });
      }
    }
  }
}

function scanText(text: string): Scan {
  const scan: Scan = { predicates: 0, bindings: [] };
  sqlBindings(text, scan);
  builderBindings(text, scan);
  return scan;
}

async function sourceFiles(): Promise<string[]> {
  const entries = await readdir(join(ROOT, "src"), { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

describe("conflict targets' predicates", () => {
  it("bind no value anywhere in src/", async () => {
    let predicates = 0;
    const bound: string[] = [];
    for (const file of await sourceFiles()) {
      const scan = scanText(await readFile(file, "utf8"));
      predicates += scan.predicates;
      for (const binding of scan.bindings) bound.push(`${file.slice(ROOT.length)}:${binding.line}: ${binding.code}`);
    }
    // The check reads real targets: src/ has partial unique indexes that inserts fall back on.
    expect(predicates).toBeGreaterThan(0);
    expect(bound).toEqual([]);
  });

  it("are read in SQL text and in kysely's builder, before the DO and nowhere else", () => {
    const bindings = (text: string): Binding[] => scanText(text).bindings;
    // A sample's `${name}` and template literal, spelt so that this file's own strings hold no placeholder.
    const bound = (name: string): string => `$\{${name}}`;
    const quoted = (text: string): string => `\`${text}\``;

    expect(
      bindings(`sql${quoted(`INSERT INTO e (c) VALUES (${bound("c")})\n  ON CONFLICT (c) WHERE kind = ${bound("kind")} DO NOTHING`)}`),
    ).toEqual([{ line: 2, code: bound("kind") }]);
    expect(bindings(`sql${quoted(`ON CONFLICT ((lower(c))) WHERE (a) IS NULL AND k = ${bound("k")} DO NOTHING`)}`)).toEqual([
      { line: 1, code: bound("k") },
    ]);
    expect(bindings(`sql${quoted(`ON CONFLICT (c) WHERE kind = 'final' DO UPDATE SET n = ${bound("n")}`)}`)).toEqual([]);
    expect(bindings(`sql${quoted(`ON CONFLICT (p, c) DO UPDATE SET ${bound("column")} = 1`)}`)).toEqual([]);

    expect(
      bindings('.onConflict((c) =>\n  c.column("cycle_id").where("cancelled_at", "is", null).where("kind", "=", "final").doNothing())'),
    ).toEqual([{ line: 2, code: '.where("kind", "=", "final")' }]);
    const kindBound = `.where(sql<boolean>${quoted(`kind = ${bound("kind")}`)})`;
    expect(bindings(`.onConflict((c) => c.columns(["a", "b"])${kindBound}.doNothing())`)).toEqual([{ line: 1, code: kindBound }]);
    expect(bindings('.onConflict((c) => c.column("a").where((eb) => eb("kind", "=", kind)).doNothing())')).toHaveLength(1);
    const written = `.where(sql<boolean>${quoted("stage <> 'archived'")}).where("k", "is not", null)`;
    expect(bindings(`.onConflict((c) => c.column("a")${written}.doNothing())`)).toEqual([]);
    expect(bindings('.onConflict((c) => c.column("a").doUpdateSet({ n: 1 }).where("n", "<", limit))')).toEqual([]);
  });
});
