/**
 * Concern words: what in a relayed mentor–child message should wake a coordinator up. The list is kept
 * by people in locales/<locale>/concern-words.txt (its header describes the format); this module
 * compiles it and finds its entries in a message. Recall matters more than precision (a missed cry for
 * help is worse than a needless look), so Russian words are stemmed, simple disguises are undone
 * ("у б ь ю", Latin look-alikes, "ааа"), and everyday idioms are cancelled by a `[benign]` section
 * rather than by making entries narrower.
 */

/** The kinds of concern, in the order an alert lists them. */
export const CONCERN_CATEGORIES = ["self-harm", "violence", "bullying", "private-meeting", "gifts-money", "sexual"] as const;
export type ConcernCategory = (typeof CONCERN_CATEGORIES)[number];

/** One entry found in a message: its category, the words of the message it matched, and the list's line. */
export interface ConcernHit {
  category: ConcernCategory;
  fragment: string;
  entry: string;
}

/** What a message raised: the categories (in CONCERN_CATEGORIES order) and every entry that matched. */
export interface ConcernFindings {
  categories: ConcernCategory[];
  hits: ConcernHit[];
}

type Section = ConcernCategory | "benign";

/** How one word of an entry is compared with a word of the message (both normalised). */
interface WordPattern {
  kind: "stem" | "prefix" | "exact";
  value: string;
}

interface Entry {
  section: Section;
  source: string;
  /** One slot per word of the entry; a slot lists its `|` alternatives. */
  slots: WordPattern[][];
  /** Quoted phrases: the words adjacent and in order; otherwise any order within `slots + gap` words. */
  adjacent: boolean;
  gap: number;
}

/** A compiled word list (or several combined): pass it to findConcerns. */
export interface ConcernMatcher {
  readonly entries: readonly Entry[];
}

/** Other words allowed among a phrase's words: "переведу тебе на карту деньги" still matches "переведу деньги". */
const CONCERN_GAP = 3;
/** Benign idioms are tight, so that one cannot swallow a real threat a few words away. */
const BENIGN_GAP = 1;
const SECTIONS: readonly Section[] = [...CONCERN_CATEGORIES, "benign"];

/** Parses a concern word list (see the header of locales/ru/concern-words.txt); a mistake throws with its line. */
export function parseConcernWordList(source: string, name = "concern-words.txt"): ConcernMatcher {
  const entries: Entry[] = [];
  let section: Section | undefined;
  source.split(/\r?\n/).forEach((rawLine, index) => {
    const where = `${name}:${index + 1}`;
    let line = rawLine.replace(/#.*$/, "").trim();
    if (line === "") return;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      const named = header[1]!.trim() as Section;
      if (!SECTIONS.includes(named)) throw new Error(`${where}: unknown section [${named}] (known: ${SECTIONS.join(", ")})`);
      section = named;
      return;
    }
    if (!section) throw new Error(`${where}: an entry before any [section]`);
    const source = line;
    let gap = section === "benign" ? BENIGN_GAP : CONCERN_GAP;
    const gapMark = /\s~(\d+)$/.exec(line);
    if (gapMark) {
      gap = Number(gapMark[1]);
      line = line.slice(0, gapMark.index).trim();
    }
    const adjacent = line.length > 1 && line.startsWith('"') && line.endsWith('"');
    if (adjacent) line = line.slice(1, -1).trim();
    if (line.includes('"')) throw new Error(`${where}: quote the whole phrase or nothing`);
    const slots = line.split(/\s+/).map((slot) => slot.split("|").map((word) => compileWord(word, where)));
    entries.push({ section, source, slots, adjacent, gap });
  });
  return { entries };
}

/** One matcher holding the entries of several lists (one per locale): a message is checked against all. */
export function combineConcernMatchers(matchers: readonly ConcernMatcher[]): ConcernMatcher {
  return { entries: matchers.flatMap((matcher) => matcher.entries) };
}

/** The concerns a message raises: every entry found, less those whose words belong to a benign idiom. */
export function findConcerns(matcher: ConcernMatcher, text: string): ConcernFindings {
  const cleaned = text.replace(INVISIBLE, "");
  const words = tokenize(cleaned);
  const streams = [words];
  const joined = joinSpacedLetters(words);
  if (joined) streams.push(joined);

  const hits: ConcernHit[] = [];
  const seen = new Set<string>();
  const benign = matcher.entries.filter((entry) => entry.section === "benign");
  for (const tokens of streams) {
    const masked = new Set<number>();
    const none = new Set<number>();
    for (const entry of benign) for (const match of allMatches(entry, tokens, none)) for (const at of match) masked.add(at);
    for (const entry of matcher.entries) {
      if (entry.section === "benign") continue;
      const match = allMatches(entry, tokens, masked, true)[0];
      if (!match) continue;
      const first = tokens[Math.min(...match)]!;
      const last = tokens[Math.max(...match)]!;
      const hit: ConcernHit = { category: entry.section, fragment: cleaned.slice(first.start, last.end), entry: entry.source };
      // Two entries finding the same words ("травят" is both a stem and a listed form) are one hit.
      const key = `${hit.category}\u0000${hit.fragment}`;
      if (seen.has(key)) continue;
      seen.add(key);
      hits.push(hit);
    }
  }
  const categories = CONCERN_CATEGORIES.filter((category) => hits.some((hit) => hit.category === category));
  return { categories, hits };
}

// ---------------------------------------------------------------------------------------------------
// Words of a message

/** A word as compared: its normalised form and that form's stem. */
interface Form {
  form: string;
  stem: string;
}

interface Token {
  /** Usually one; a run of spaced letters ("я у б ь ю") offers every way of joining them. */
  forms: Form[];
  start: number;
  end: number;
  /** Phrases never reach across a sentence end: "Мне подарили телефон. Тебе тоже?" is two thoughts. */
  sentence: number;
  /** The raw word was a single letter (a candidate for spaced-letter joining). */
  letter: boolean;
}

// Zero-width characters and soft hyphens are a cheap way to break a word for a filter and show nothing.
const INVISIBLE = /[\u00ad\u200b-\u200f\u2060\ufeff]/g;
const WORD = /[\p{L}\p{N}\p{M}]+(?:['’ʼ`][\p{L}\p{N}\p{M}]+)*/gu;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let sentence = 0;
  let previousEnd = 0;
  for (const found of text.matchAll(WORD)) {
    const start = found.index;
    const between = text.slice(previousEnd, start);
    // A dot right before the next word is a spelt-out word ("у.б.ь.ю"), not a sentence end.
    if (tokens.length > 0 && /[.!?…]\s|\n/.test(between)) sentence += 1;
    const raw = found[0];
    const form = normalize(raw);
    tokens.push({ forms: [{ form, stem: stem(form) }], start, end: start + raw.length, sentence, letter: [...raw].length === 1 });
    previousEnd = start + raw.length;
  }
  return tokens;
}

/** A word spelt out letter by letter needs at least this many letters to be read as one word. */
const MIN_SPACED = 3;
/** Letters of one spelt-out word are at most this far apart ("у . б . ь . ю"). */
const MAX_SPACING = 3;

/**
 * The message again with every run of spaced single letters ("у б ь ю", "у.б.ь.ю") made into one word;
 * undefined when there is no such run. The run may start or end with a real one-letter word ("я у б ь ю"),
 * so the joined word offers every contiguous part of the run as a form.
 */
function joinSpacedLetters(tokens: readonly Token[]): Token[] | undefined {
  const result: Token[] = [];
  let changed = false;
  let i = 0;
  while (i < tokens.length) {
    let j = i;
    while (
      tokens[i]!.letter &&
      j + 1 < tokens.length &&
      tokens[j + 1]!.letter &&
      tokens[j + 1]!.start - tokens[j]!.end <= MAX_SPACING &&
      tokens[j + 1]!.sentence === tokens[i]!.sentence
    ) {
      j += 1;
    }
    if (j - i + 1 < MIN_SPACED) {
      result.push(tokens[i]!);
      i += 1;
      continue;
    }
    result.push(...spelledWords(tokens.slice(i, j + 1)));
    changed = true;
    i = j + 1;
  }
  return changed ? result : undefined;
}

/**
 * The words of one run of spaced letters. Wider gaps part words ("н е  г о в о р и" is «не говори»);
 * a word of at least MIN_SPACED letters offers every contiguous part of itself, since the run may start
 * or end with a real one-letter word ("я у б ь ю").
 */
function spelledWords(run: readonly Token[]): Token[] {
  const gaps = run.slice(1).map((token, k) => token.start - run[k]!.end);
  const narrowest = Math.min(...gaps);
  const words: Token[][] = [[run[0]!]];
  run.slice(1).forEach((token, k) => {
    if (gaps[k]! > narrowest) words.push([token]);
    else words.at(-1)!.push(token);
  });
  return words.map((word) => {
    const letters = word.map((token) => token.forms[0]!.form);
    const forms: Form[] = [];
    const shortest = Math.min(MIN_SPACED, letters.length);
    for (let from = 0; from < letters.length; from += 1) {
      for (let to = from + shortest; to <= letters.length; to += 1) {
        const form = normalize(letters.slice(from, to).join(""));
        forms.push({ form, stem: stem(form) });
      }
    }
    return { forms, start: word[0]!.start, end: word.at(-1)!.end, sentence: word[0]!.sentence, letter: false };
  });
}

// Latin letters that pass for Cyrillic ones, and digits that pass for letters inside a word.
const LOOKALIKES: Record<string, string> = {
  a: "а",
  b: "в",
  c: "с",
  e: "е",
  h: "н",
  k: "к",
  m: "м",
  n: "п",
  o: "о",
  p: "р",
  t: "т",
  u: "и",
  x: "х",
  y: "у",
  "0": "о",
  "3": "з",
  "6": "б",
};

/**
 * The form a word is compared in, the same for the list and the message: lower case, ё as е, no stress
 * marks or apostrophes, Latin look-alikes in a Cyrillic word made Cyrillic, and every run of one letter
 * cut to one ("убьюююю", but also "класс" → "клас": both sides alike, so nothing is lost).
 */
function normalize(word: string): string {
  let form = word
    .normalize("NFC")
    .toLowerCase()
    .replace(/\p{M}/gu, "")
    .replace(/['’ʼ`]/g, "")
    .replace(/ё/g, "е");
  if (/[а-я]/.test(form)) {
    form = form.replace(/[a-z]/g, (char) => LOOKALIKES[char] ?? char);
    form = form.replace(/(?<=\p{L})[036](?=\p{L})/gu, (char) => LOOKALIKES[char]!);
  }
  return form.replace(/(.)\1+/gu, "$1");
}

function stem(form: string): string {
  if (/[а-я]/.test(form)) return russianStem(form);
  if (/[a-z]/.test(form)) return englishStem(form);
  return form;
}

function compileWord(word: string, where: string): WordPattern {
  let kind: WordPattern["kind"] = "stem";
  let text = word;
  if (text.startsWith("=")) {
    kind = "exact";
    text = text.slice(1);
  } else if (text.endsWith("*")) {
    kind = "prefix";
    text = text.slice(0, -1);
  }
  const form = normalize(text);
  if (!/^[\p{L}\p{N}]+$/u.test(form)) throw new Error(`${where}: "${word}" is not one word (split a phrase with spaces)`);
  return { kind, value: kind === "stem" ? stem(form) : form };
}

function wordMatches(pattern: WordPattern, form: Form): boolean {
  switch (pattern.kind) {
    case "stem":
      return form.stem === pattern.value;
    case "exact":
      return form.form === pattern.value;
    case "prefix":
      return form.form.startsWith(pattern.value);
  }
}

// ---------------------------------------------------------------------------------------------------
// Matching an entry

/**
 * The token positions of the entry's matches, skipping masked tokens; with `firstOnly` at most one.
 * A match of several words is one position per word, all in one sentence.
 */
function allMatches(entry: Entry, tokens: readonly Token[], masked: ReadonlySet<number>, firstOnly = false): number[][] {
  const positions = entry.slots.map((slot) => {
    const found: number[] = [];
    tokens.forEach((token, at) => {
      if (!masked.has(at) && slot.some((pattern) => token.forms.some((form) => wordMatches(pattern, form)))) found.push(at);
    });
    return found;
  });
  if (positions.some((found) => found.length === 0)) return [];
  const matches: number[][] = [];
  if (entry.adjacent) {
    for (const start of positions[0]!) {
      const run = entry.slots.map((_, offset) => start + offset);
      const fits = run.every((at, slot) => positions[slot]!.includes(at) && tokens[at]!.sentence === tokens[start]!.sentence);
      if (fits) {
        matches.push(run);
        if (firstOnly) break;
      }
    }
    return matches;
  }
  // Any order: try every matched word as the first of a window of `words + gap` words.
  const width = entry.slots.length + entry.gap;
  const starts = [...new Set(positions.flat())].sort((a, b) => a - b);
  for (const from of starts) {
    const sentence = tokens[from]!.sentence;
    const assigned = assign(positions, 0, new Set(), (at) => at >= from && at < from + width && tokens[at]!.sentence === sentence);
    if (assigned) {
      matches.push(assigned);
      if (firstOnly) break;
    }
  }
  return matches;
}

/** Distinct positions, one per slot, all accepted by `inWindow`; undefined when there is none. */
function assign(positions: readonly number[][], slot: number, used: Set<number>, inWindow: (at: number) => boolean): number[] | undefined {
  if (slot === positions.length) return [];
  for (const at of positions[slot]!) {
    if (used.has(at) || !inWindow(at)) continue;
    used.add(at);
    const rest = assign(positions, slot + 1, used, inWindow);
    used.delete(at);
    if (rest) return [at, ...rest];
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// Stemmers

const RU_VOWELS = /[аеиоуыэюя]/;

/** Endings of a class; `afterAYa` endings only count after а or я (which stays). */
type Endings = readonly (readonly [ending: string, afterAYa: boolean])[];

const group = (afterAYa: boolean, endings: string): Endings => endings.split(" ").map((ending) => [ending, afterAYa] as const);

const PERFECTIVE_GERUND = [...group(true, "в вши вшись"), ...group(false, "ив ивши ившись ыв ывши ывшись")];
const REFLEXIVE = group(false, "ся сь");
const ADJECTIVE = group(false, "ее ие ые ое ими ыми ей ий ый ой ем им ым ом его ого ему ому их ых ую юю ая яя ою ею");
const PARTICIPLE = [...group(true, "ем нн вш ющ щ"), ...group(false, "ивш ывш ующ")];
const VERB = [
  ...group(true, "ла на ете йте ли й л ем н ло но ет ют ны ть ешь нно"),
  ...group(false, "ила ыла ена ейте уйте ите или ыли ей уй ил ыл им ым ен ило ыло ено ят ует уют ит ыт ены ить ыть ишь ую ю"),
];
const NOUN = group(false, "а ев ов ие ье е иями ями ами еи ии и ией ей ой ий й иям ям ием ем ам ом о у ах иях ях ы ь ию ью ю ия ья я");
const SUPERLATIVE = group(false, "ейш ейше");

/**
 * Cuts the longest ending of the class from `region`; undefined when no ending fits or the longest
 * one lacks its а/я (as in Snowball, a shorter ending is not tried then).
 */
function cut(region: string, endings: Endings): string | undefined {
  let best: (typeof endings)[number] | undefined;
  for (const candidate of endings) {
    if (region.endsWith(candidate[0]) && (!best || candidate[0].length > best[0].length)) best = candidate;
  }
  if (!best) return undefined;
  const rest = region.slice(0, region.length - best[0].length);
  if (best[1] && !/[ая]$/.test(rest)) return undefined;
  return rest;
}

/** The start of the region after the first non-vowel that follows a vowel, from `from` on. */
function regionAfter(word: string, from: number): number {
  for (let i = from + 1; i < word.length; i += 1) {
    if (!RU_VOWELS.test(word[i]!) && RU_VOWELS.test(word[i - 1]!)) return i + 1;
  }
  return word.length;
}

/** The Snowball Russian stemmer (snowballstem.org/algorithms/russian): endings are cut after the first vowel. */
function russianStem(word: string): string {
  const vowel = word.search(RU_VOWELS);
  if (vowel < 0) return word;
  const head = word.slice(0, vowel + 1);
  let rv = word.slice(vowel + 1);
  const r2 = regionAfter(word, regionAfter(word, 0) - 1);

  const gerund = cut(rv, PERFECTIVE_GERUND);
  if (gerund !== undefined) {
    rv = gerund;
  } else {
    rv = cut(rv, REFLEXIVE) ?? rv;
    const adjective = cut(rv, ADJECTIVE);
    if (adjective !== undefined) rv = cut(adjective, PARTICIPLE) ?? adjective;
    else rv = cut(rv, VERB) ?? cut(rv, NOUN) ?? rv;
  }
  if (rv.endsWith("и")) rv = rv.slice(0, -1);
  for (const ending of ["ость", "ост"]) {
    if (rv.endsWith(ending) && head.length + rv.length - ending.length >= r2) {
      rv = rv.slice(0, -ending.length);
      break;
    }
  }
  const superlative = cut(rv, SUPERLATIVE);
  if (superlative !== undefined) rv = superlative;
  if (rv.endsWith("нн")) rv = rv.slice(0, -1);
  else if (superlative === undefined && rv.endsWith("ь")) rv = rv.slice(0, -1);
  return head + rv;
}

/** A light English stemmer, enough for a word list: one common ending off, a final y read as i. */
function englishStem(word: string): string {
  let stemmed = word;
  for (const ending of ["ing", "ed", "es", "er", "s", "e"]) {
    if (stemmed.endsWith(ending) && stemmed.length - ending.length >= 2) {
      stemmed = stemmed.slice(0, -ending.length);
      break;
    }
  }
  return stemmed.length > 2 && stemmed.endsWith("y") ? `${stemmed.slice(0, -1)}i` : stemmed;
}
