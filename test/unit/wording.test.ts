import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { type Locale, localeFiles } from "#root/i18n/translator.ts";

/**
 * The wording check: Russian that fits its reader (issue 15). Every Russian message is marked with
 * its audience by a group comment (`## audience: child|adult|any`, until the next one) or by a
 * `# audience: …` comment right above it; then
 * - a child's message says «ты», an adult's «вы», and a message for anyone says neither outside a
 *   `{ $address -> [ty] … *[vy] … }` selector (whose variants are checked as child and adult);
 * - a person's name after a word that governs a case is declined (`у { GENITIVE($child) }`);
 * - a number before a noun goes through a plural selector;
 * - no «(а)», «(ась)» or "(s)": the gender and the number are agreed, or the sentence is turned.
 */

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

type Audience = "child" | "adult" | "any";

interface Message {
  key: string;
  file: string;
  audience: Audience | undefined;
  body: string;
}

/** The messages of one .ftl text with the audience each is marked with. */
function readMessages(source: string, file: string): Message[] {
  const messages: Message[] = [];
  let group: Audience | undefined;
  let own: Audience | undefined;
  let current: Message | undefined;
  for (const line of source.split("\n")) {
    const start = /^([a-z][a-z0-9_-]*)\s*=(.*)$/.exec(line);
    if (start) {
      current = { key: start[1]!, file, audience: own ?? group, body: start[2]! };
      messages.push(current);
      own = undefined;
      continue;
    }
    if (current && (line.trim() === "" || /^\s/.test(line))) {
      current.body += `\n${line}`;
      continue;
    }
    current = undefined;
    const groupMark = /^##\s*audience:\s*(child|adult|any)\s*$/.exec(line);
    if (groupMark) group = groupMark[1] as Audience;
    const ownMark = /^#\s*audience:\s*(child|adult|any)\s*$/.exec(line);
    if (ownMark) own = ownMark[1] as Audience;
    else if (!line.startsWith("#")) own = undefined;
  }
  return messages;
}

/** The end of the placeable opened at `from` (a `{`), counting nested braces. */
function placeableEnd(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i += 1) {
    if (text[i] === "{") depth += 1;
    else if (text[i] === "}") {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return text.length - 1;
}

/** Cuts the selectors on `variable` out of a text: what is left, and the text of each variant by its key. */
function cutSelectors(text: string, variable: string): { outside: string; variants: Array<{ key: string; text: string }> } {
  const opening = new RegExp(`\\{\\s*\\$${variable}\\s*->`, "g");
  let outside = "";
  let at = 0;
  const variants: Array<{ key: string; text: string }> = [];
  for (let match = opening.exec(text); match; match = opening.exec(text)) {
    if (match.index < at) continue;
    const end = placeableEnd(text, match.index);
    outside += `${text.slice(at, match.index)} ⟨${variable}⟩ `;
    const inner = text.slice(match.index + match[0].length, end);
    // Variant keys at the selector's own level: `[ty]`, `*[vy]`, `[one]`…
    let depth = 0;
    let key: string | undefined;
    let started = 0;
    for (let i = 0; i < inner.length; i += 1) {
      const char = inner[i]!;
      if (char === "{") depth += 1;
      else if (char === "}") depth -= 1;
      else if (depth === 0 && (char === "[" || (char === "*" && inner[i + 1] === "["))) {
        const marker = /^\*?\[([^\]]+)\]/.exec(inner.slice(i));
        if (marker) {
          if (key !== undefined) variants.push({ key, text: inner.slice(started, i) });
          key = marker[1]!.trim();
          i += marker[0].length - 1;
          started = i + 1;
        }
      }
    }
    if (key !== undefined) variants.push({ key, text: inner.slice(started) });
    at = end + 1;
    opening.lastIndex = at;
  }
  return { outside: outside + text.slice(at), variants };
}

/** Text without Fluent placeables' insides, so that variable names and functions are not read as words. */
function words(text: string): string {
  return text.replace(/\{[^{}]*\}/g, " ");
}

const L = "\\p{L}";
const word = (pattern: string) => new RegExp(`(?<![${L}])(?:${pattern})(?![${L}])`, "giu");

/** «ты», its cases and «твой» in every form. */
const TY_PRONOUNS = word("ты|тебя|тебе|тобой|тобою|тво(?:й|я|ё|е|и|его|ей|ему|им|ими|их|ю)");
/** Second person singular of verbs: «можешь», «получишь» («лишь» is not a verb). */
const TY_VERBS = /(?<![\p{L}])(?!лишь)[\p{L}]+(?:ешь|ёшь|ишь)(?![\p{L}])/giu;
/** Imperatives to one person: those whose «вы» form appears in the files, and these. */
const TY_IMPERATIVES = [
  "нажми",
  "нажимай",
  "выбери",
  "выбирай",
  "напиши",
  "пиши",
  "введи",
  "отправь",
  "ответь",
  "пришли",
  "открой",
  "посмотри",
  "смотри",
  "укажи",
  "перешли",
  "отметь",
  "попробуй",
  "расскажи",
  "подожди",
  "вернись",
  "загляни",
  "зайди",
  "жми",
  "добавь",
  "измени",
  "подтверди",
  "проверь",
  "используй",
  "скажи",
  "спроси",
  "покажи",
  "удали",
  "отмени",
  "передай",
  "сообщи",
  "реши",
  "перейди",
  "уложись",
  "звони",
  "подойди",
  "договорись",
  "давай",
  "прости",
  "извини",
  "приходи",
  "не переживай",
  "поставь",
  "предложи",
  "отзови",
  "сохрани",
  "оставь",
  "опиши",
  "поправь",
  "дай",
  "продолжай",
  "начни",
  "заполни",
  "возьми",
  "обратись",
  "учти",
];
/** «вы» and «ваш» in every form. */
const VY_PRONOUNS = word("вы|вас|вам|вами|ваш(?:а|е|и|его|ей|ему|им|ими|их|у)?");
/** Imperatives and present forms to «вы»: «нажмите», «можете», «знаете» (not «на сайте»). */
const VY_VERBS = /(?<![\p{L}])(?!сайте|тексте|месте)[\p{L}]+(?:ите|йте|ьте|аете|яете|уете|еете|ёте|жете|дете|чете|шете)(?![\p{L}])/giu;
/** Words ending like an imperative that are not one. */
const NOT_VERBS = new Set(["сайте", "тексте", "месте", "событийте"]);
/** «(а)», «(ась)», «(на)» after a word, and English "(s)": agree the word or turn the sentence. */
const GENDER_BRACKETS = /[\p{L}]+\((?:а|ась|ла|на|ы|ая|ой|ый|ен|ён|ёл|ол|s|es)\)/giu;

/** The variables that hold a person's name (or a list of names), and the case each governing word asks for. */
const NAME_VARIABLES = ["name", "child", "mentor", "mentee", "mentees", "names", "parent", "coordinator", "reporter"];
const GOVERNED: Record<string, string> = {
  у: "GENITIVE",
  для: "GENITIVE",
  от: "GENITIVE",
  без: "GENITIVE",
  из: "GENITIVE",
  участие: "GENITIVE",
  участия: "GENITIVE",
  участии: "GENITIVE",
  согласия: "GENITIVE",
  к: "DATIVE",
  ко: "DATIVE",
  с: "INSTRUMENTAL",
  со: "INSTRUMENTAL",
  за: "INSTRUMENTAL",
  между: "INSTRUMENTAL",
  перед: "INSTRUMENTAL",
  о: "PREPOSITIONAL",
  об: "PREPOSITIONAL",
  обо: "PREPOSITIONAL",
  при: "PREPOSITIONAL",
  про: "ACCUSATIVE",
  через: "ACCUSATIVE",
};

/** Variables that hold a count; any variable used as a plural selector counts too. */
const NUMERIC_VARIABLES = new Set([
  "age",
  "count",
  "total",
  "days",
  "minutes",
  "hours",
  "units",
  "paired",
  "max",
  "min",
  "capacity",
  "pairs",
  "page",
  "pages",
  "done",
  "length",
  "people",
  "invited",
  "coming",
  "notComing",
  "waiting",
  "delivered",
  "failed",
  "recipients",
  "unseen",
  "plansCompleted",
]);
/** Words after a number that are no nouns: prepositions, conjunctions, abbreviations («мин», «чел.»). */
const NOT_NOUNS = new Set(
  [
    "из",
    "и",
    "или",
    "в",
    "во",
    "на",
    "до",
    "по",
    "с",
    "со",
    "от",
    "за",
    "а",
    "но",
    "не",
    "уже",
    "ещё",
    "мин",
    "ч",
    "чел",
    "дн",
    "стр",
    "of",
    "and",
    "or",
    "in",
    "at",
    "to",
    "from",
    "out",
    "min",
    "is",
    "are",
    "was",
    "has",
    "have",
    "fit",
    "invited",
    "coming",
    "can",
    "not",
  ].map((text) => text.toLowerCase()),
);

interface Finding {
  where: string;
  what: string;
}

function tyForms(text: string): string[] {
  const plain = words(text);
  const found = [...plain.matchAll(TY_PRONOUNS), ...plain.matchAll(TY_VERBS)].map((match) => match[0]);
  const imperatives = word(TY_IMPERATIVES.join("|"));
  return [...found, ...[...plain.matchAll(imperatives)].map((match) => match[0])];
}

function vyForms(text: string): string[] {
  const plain = words(text);
  return [
    ...[...plain.matchAll(VY_PRONOUNS)].map((match) => match[0]),
    ...[...plain.matchAll(VY_VERBS)].map((match) => match[0]).filter((found) => !NOT_VERBS.has(found.toLowerCase())),
  ];
}

/** What is wrong with the Russian messages' form of address. */
function addressFindings(messages: Message[]): Finding[] {
  const findings: Finding[] = [];
  for (const message of messages) {
    const where = `${message.file}: ${message.key}`;
    if (!message.audience) {
      findings.push({ where, what: "no audience: mark it ## audience: child|adult|any" });
      continue;
    }
    const { outside, variants } = cutSelectors(message.body, "address");
    for (const variant of variants) {
      if (variant.key === "ty") for (const form of vyForms(variant.text)) findings.push({ where, what: `«${form}» in the [ty] variant` });
      else if (variant.key === "vy")
        for (const form of tyForms(variant.text)) findings.push({ where, what: `«${form}» in the [vy] variant` });
      else findings.push({ where, what: `$address has no variant [${variant.key}]: only [ty] and [vy]` });
    }
    if (message.audience !== "child")
      for (const form of tyForms(outside)) findings.push({ where, what: `«${form}» in a message for ${message.audience}` });
    if (message.audience !== "adult")
      for (const form of vyForms(outside)) findings.push({ where, what: `«${form}» in a message for ${message.audience}` });
  }
  return findings;
}

/** Names left in the nominative (or in the wrong case) after a word that governs a case. */
function nameFindings(messages: Message[]): Finding[] {
  const findings: Finding[] = [];
  const pattern = new RegExp(
    `(?<![\\p{L}])(${Object.keys(GOVERNED).join("|")})\\s+\\{\\s*(?:([A-Z]+)\\(\\s*)?\\$(${NAME_VARIABLES.join("|")})\\s*\\)?\\s*\\}`,
    "giu",
  );
  for (const message of messages) {
    for (const match of message.body.matchAll(pattern)) {
      const governing = match[1]!.toLowerCase();
      const wanted = GOVERNED[governing]!;
      if (match[2] !== wanted)
        findings.push({
          where: `${message.file}: ${message.key}`,
          what: `«${match[0]}»: after «${governing}» write { ${wanted}($${match[3]}) }`,
        });
    }
  }
  return findings;
}

/** Numbers before a noun outside a plural selector; «(а)»/"(s)" anywhere. */
function numberFindings(messages: Message[], numeric: Set<string>): Finding[] {
  const findings: Finding[] = [];
  for (const message of messages) {
    const where = `${message.file}: ${message.key}`;
    let text = message.body;
    for (const variable of numeric) text = cutSelectors(text, variable).outside;
    const pattern = /\{\s*\$([A-Za-z0-9]+)\s*\}[ \t]+([\p{L}]+)/gu;
    for (const match of text.matchAll(pattern)) {
      if (numeric.has(match[1]!) && !NOT_NOUNS.has(match[2]!.toLowerCase()))
        findings.push({ where, what: `«${match[0]}»: a number before a noun needs a plural selector on $${match[1]}` });
    }
    for (const match of words(message.body).matchAll(GENDER_BRACKETS))
      findings.push({ where, what: `«${match[0]}»: agree the word or turn the sentence` });
  }
  return findings;
}

/** Variables used as a plural selector anywhere (`{ $count -> [one] …`), plus the known counts. */
function numericVariables(messages: Message[]): Set<string> {
  const numeric = new Set(NUMERIC_VARIABLES);
  for (const message of messages) {
    for (const match of message.body.matchAll(/\{\s*\$([A-Za-z0-9]+)\s*->\s*(?:\*?\[(?:\d+|zero|one|few|many|other)\])/g))
      numeric.add(match[1]!);
  }
  return numeric;
}

const show = (findings: Finding[]) => {
  const lines = findings.map((finding) => `${finding.where} — ${finding.what}`);
  // WORDING_LIST=1 prints every finding (the assertion's diff shows only the first ones).
  if (process.env.WORDING_LIST && lines.length > 0) console.log(lines.join("\n"));
  return lines;
};

describe("wording", () => {
  const messages = new Map<Locale, Message[]>();

  beforeAll(async () => {
    for (const locale of ["ru", "en"] as const) {
      const all: Message[] = [];
      for (const file of await localeFiles(join(ROOT, "locales"), locale)) {
        all.push(...readMessages(await readFile(join(ROOT, "locales", file), "utf8"), file));
      }
      messages.set(locale, all);
    }
  });

  it("reads audiences, selectors and forms as meant", () => {
    const sample = readMessages(
      [
        "## audience: adult",
        "a = Нажмите",
        "# audience: child",
        "b = Нажми",
        "c = { $address ->",
        "    [ty] Выбери",
        "   *[vy] Выберите",
        "  }",
      ].join("\n"),
      "x.ftl",
    );
    expect(sample.map((message) => [message.key, message.audience])).toEqual([
      ["a", "adult"],
      ["b", "child"],
      ["c", "adult"],
    ]);
    expect(addressFindings(sample)).toEqual([]);
    const wrong = readMessages(
      "## audience: adult\na = Нажми «Готово», ты молодец\n## audience: child\nb = Выберите\n## audience: any\nc = Можешь или можете\n",
      "x.ftl",
    );
    expect(show(addressFindings(wrong))).toEqual([
      "x.ftl: a — «ты» in a message for adult",
      "x.ftl: a — «Нажми» in a message for adult",
      "x.ftl: b — «Выберите» in a message for child",
      "x.ftl: c — «Можешь» in a message for any",
      "x.ftl: c — «можете» in a message for any",
    ]);
    const names = readMessages("## audience: any\na = у { $child } и у { GENITIVE($child) }, с { DATIVE($mentor) }\n", "x.ftl");
    expect(nameFindings(names).map((finding) => finding.what)).toEqual([
      "«у { $child }»: after «у» write { GENITIVE($child) }",
      "«с { DATIVE($mentor) }»: after «с» write { INSTRUMENTAL($mentor) }",
    ]);
    const numbers = readMessages(
      "## audience: any\na = Опубликовать { $units } пар? { $units ->\n [one] { $units } пару\n *[many] { $units } пар\n }, { $count } из 5, согласился(ась)\n",
      "x.ftl",
    );
    expect(numberFindings(numbers, new Set(["units", "count"])).map((finding) => finding.what)).toEqual([
      "«{ $units } пар»: a number before a noun needs a plural selector on $units",
      "«согласился(ась)»: agree the word or turn the sentence",
    ]);
  });

  it("speaks to each Russian message's reader with «ты» or «вы» as fits them", () => {
    expect(show(addressFindings(messages.get("ru")!))).toEqual([]);
  });

  it("declines names after words that govern a case", () => {
    expect(show(nameFindings(messages.get("ru")!))).toEqual([]);
  });

  it("puts a noun after a number through a plural selector, and agrees gender without brackets", () => {
    for (const locale of ["ru", "en"] as const) {
      const all = messages.get(locale)!;
      expect(show(numberFindings(all, numericVariables([...messages.get("ru")!, ...messages.get("en")!]))), locale).toEqual([]);
    }
  });
});
