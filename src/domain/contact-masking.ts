/**
 * Contact masking for the relayed pair chat (issue 18): before a message between a mentor and a child
 * is delivered, phone numbers, e-mail addresses, messenger handles and profile links are replaced, so
 * the two cannot move to a channel the programme does not see. People obfuscate on purpose ("восемь
 * девятьсот двенадцать…", "ivan собака mail точка ru", "мой тг ivan_p"), while ordinary school talk is
 * full of numbers (dates, classes, scores, rooms), so each detector looks for the shape of a contact,
 * not for digits as such. Every pattern is anchored at a word boundary with bounded repetition, so the
 * work stays linear in the message length (a 4,000-character message takes well under a millisecond).
 */

/** What was hidden: a phone number, an e-mail address, a messenger handle or a profile/chat link. */
export type ContactKind = "phone" | "email" | "handle" | "link";

/** Where a contact was found: the characters [start, end) of the message. */
export interface ContactSpan {
  start: number;
  end: number;
  kind: ContactKind;
}

/** A masked message and the kinds of contact that were hidden in it (each kind once, in text order). */
export interface MaskedMessage {
  text: string;
  masked: readonly ContactKind[];
}

/**
 * What replaces a contact in the pair's record, in the school's language (the Russian of
 * `pair-chat-hidden-contact`). Each reader is shown their own language's mark in its place: see `textAroundMarks`.
 */
export const HIDDEN_CONTACT_MARK = "[контакт скрыт]";

/**
 * A masked message cut at its marks: the text before the first, between each two, and after the last
 * (one piece more than there are marks), so the mark can be put back in the reader's language.
 */
export function textAroundMarks(masked: string): string[] {
  return masked.split(HIDDEN_CONTACT_MARK);
}

/** The contacts in a message, in text order, overlapping finds merged into one span. */
export function findContacts(text: string): readonly ContactSpan[] {
  const others = [...findLinks(text), ...findEmails(text), ...findPhones(text)];
  // Handles last: whether a name is one depends on what follows it, and a contact that follows it is
  // what the masked message will show there, the mark, not English.
  return mergeSpans([...others, ...findHandles(text, others)]);
}

/** The message with every contact replaced by the mark (a string, or one chosen per kind). */
export function maskContacts(text: string, mark: string | ((kind: ContactKind) => string) = HIDDEN_CONTACT_MARK): MaskedMessage {
  const spans = findContacts(text);
  if (spans.length === 0) return { text, masked: [] };
  const replace = typeof mark === "string" ? () => mark : mark;
  let result = "";
  let position = 0;
  const masked: ContactKind[] = [];
  for (const span of spans) {
    result += text.slice(position, span.start) + replace(span.kind);
    position = span.end;
    if (!masked.includes(span.kind)) masked.push(span.kind);
  }
  return { text: result + text.slice(position), masked };
}

function mergeSpans(spans: ContactSpan[]): ContactSpan[] {
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: ContactSpan[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span.start < last.end) {
      // One contact seen by two detectors ("ivan @ mail.ru" is also "@ mail"): the longer find names it.
      if (span.end - span.start > last.end - last.start) last.kind = span.kind;
      last.end = Math.max(last.end, span.end);
    } else merged.push({ ...span });
  }
  return merged;
}

// ---------------------------------------------------------------------------------------------
// Links: only hosts whose paths lead to a person or a private chat. Lesson links (YouTube, school
// sites, RESH) stay, and a bare "vk.com" names nobody.

/** A dot as people write it in a link, including "t . me" and "vk точка com". */
const LINK_DOT = String.raw`\s?(?:\.|\(dot\)|\[dot\]|\(точка\)|\s(?:dot|точка)\s)\s?`;
const LINK_HOSTS = [
  "t D me",
  "telegram D (?:me|dog)",
  "(?:m D )?vk D (?:com|me|ru|cc|link)",
  "vkontakte D ru",
  "max D ru",
  "wa D me",
  "(?:api|chat) D whatsapp D com",
  "(?:www D )?instagram D com",
  "instagr D am",
  "ok D ru",
  "(?:m D )?facebook D com",
  "fb D (?:com|me)",
  "(?:vm D )?tiktok D com",
  "discord D gg",
  "discord(?:app)? D com",
  "snapchat D com",
  "twitter D com",
  "x D com",
  "join D skype D com",
  "invite D viber D com",
]
  .map((host) => host.replaceAll(" D ", LINK_DOT))
  .join("|");
const LINK = new RegExp(
  String.raw`(?<![\p{L}\p{N}_.\-/])(?:(?:https?:\/\/)?(?:www\.)?(?:${LINK_HOSTS})\s?\/\s?[\p{L}\p{N}_@%+~#=&?.\-\/]{0,200}[\p{L}\p{N}_@%+~#=&\/\-]|tg:\/\/[\w?=&.%\-]{1,200}|skype:[\w.\-]{2,64})`,
  "giu",
);

function findLinks(text: string): ContactSpan[] {
  // Every link worth hiding has a path or a scheme: no slash and no "skype:", no link.
  if (!text.includes("/") && !text.includes("skype:")) return [];
  return [...text.matchAll(LINK)].map((match) => ({ start: match.index, end: match.index + match[0].length, kind: "link" }));
}

// ---------------------------------------------------------------------------------------------
// E-mail addresses, also with "собака"/"(at)"/" at " and "точка"/"(dot)" instead of @ and dots.

const MAIL_PROVIDERS = new Set([
  "gmail",
  "mail",
  "yandex",
  "ya",
  "bk",
  "inbox",
  "list",
  "rambler",
  "outlook",
  "hotmail",
  "icloud",
  "yahoo",
  "proton",
  "protonmail",
  "мейл",
  "майл",
  "мэйл",
  "маил",
  "гмейл",
  "гмайл",
  "джимейл",
  "яндекс",
  "рамблер",
]);
const TOP_LEVEL_DOMAINS = new Set(
  "ru com net org рф su ua by kz uz am ge az kg md io me info edu biz online pro xyz de uk ру ком нет орг".split(" "),
);
const STRONG_AT = String.raw`\s?@\s?|\s?[(\[{<]\s?(?:at|собака|собачка|sobaka|эт)\s?[)\]}>]\s?|\s(?:собака|собачка|sobaka)\s`;
const WEAK_AT = String.raw`\s(?:at)\s`;
const MAIL_DOT = String.raw`\s?\.\s?|\s?[(\[{<]\s?(?:dot|точка|тчк)\s?[)\]}>]\s?|\s(?:dot|точка|тчк)\s`;
const MAIL_LABEL = String.raw`[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?|[а-яё]{2,10}`;
const EMAIL = new RegExp(
  String.raw`(?<![\p{L}\p{N}._%+\-])(?<local>[a-z0-9][a-z0-9._%+\-]{0,63})(?<at>${STRONG_AT}|${WEAK_AT})(?<domain>(?:${MAIL_LABEL})(?:(?:${MAIL_DOT})(?:${MAIL_LABEL})){0,4})(?![\p{L}\p{N}])`,
  "giu",
);
const MAIL_DOT_SPLIT = new RegExp(MAIL_DOT, "giu");
const MAIL_DOT_OBFUSCATED = /dot|точка|тчк/iu;
/** "ivan собака mail ru": a provider followed by its zone after a plain space. */
const SPACED_ZONE = /\s(?<zone>[a-zа-я]{2,6})(?![\p{L}\p{N}])/iuy;

/** Every address has "@" or a spelled-out one; most messages have neither and skip the pattern. */
const MAY_HOLD_EMAIL = /@|[\s([{<](?:at|собач?ка|sobaka|эт)[\s)\]}>]/iu;

function findEmails(text: string): ContactSpan[] {
  if (!MAY_HOLD_EMAIL.test(text)) return [];
  const spans: ContactSpan[] = [];
  EMAIL.lastIndex = 0;
  for (let match = EMAIL.exec(text); match; match = EMAIL.exec(text)) {
    const { local, at, domain } = match.groups as { local: string; at: string; domain: string };
    const domainStart = match.index + local.length + at.length;
    const end = /[._%+-]$/.test(local) ? undefined : addressEnd(text, at, domainLabels(domain, domainStart));
    if (end === undefined) {
      // Not an address as matched, but one may begin inside it ("ivan at ivan@mail.ru"): look again
      // from the domain on. The local part cannot hold a start (the lookbehind forbids it), and every
      // character is looked at a bounded number of times, so the scan stays linear.
      EMAIL.lastIndex = domainStart;
      continue;
    }
    spans.push({ start: match.index, end, kind: "email" });
    EMAIL.lastIndex = end;
  }
  return spans;
}

interface MailLabel {
  /** The label, lower-cased. */
  name: string;
  /** Where it ends in the message. */
  end: number;
  /** Whether the dot before it was spelled out ("(dot)", " точка "). */
  spelledDot: boolean;
}

function domainLabels(domain: string, domainStart: number): MailLabel[] {
  const labels: MailLabel[] = [];
  let position = 0;
  let spelledDot = false;
  for (const separator of domain.matchAll(MAIL_DOT_SPLIT)) {
    labels.push({ name: domain.slice(position, separator.index).toLowerCase(), end: domainStart + separator.index, spelledDot });
    position = separator.index + separator[0].length;
    spelledDot = MAIL_DOT_OBFUSCATED.test(separator[0]);
  }
  labels.push({ name: domain.slice(position).toLowerCase(), end: domainStart + domain.length, spelledDot });
  return labels;
}

/**
 * Where the address ends, or undefined if there is none. The pattern takes as many labels as it can,
 * and a message often goes on after the address with a dot and more words or digits ("ivan(at)mail(dot)ru.
 * 8 800 …", "ivan@gmail. Завтра"): the longest run of leading labels that makes an address names it.
 */
function addressEnd(text: string, at: string, labels: readonly MailLabel[]): number | undefined {
  const weakAt = at.trim().toLowerCase() === "at";
  const first = labels[0]!;
  for (let count = labels.length; count > 1; count--) {
    const kept = labels.slice(0, count);
    if (!TOP_LEVEL_DOMAINS.has(kept[count - 1]!.name)) continue;
    if (!kept.slice(0, -1).every((label) => /^[a-z0-9-]+$/.test(label.name) || MAIL_PROVIDERS.has(label.name))) continue;
    // A bare " at " is English before it is an address ("the tasks at olimpiada.ru"): only with a mail
    // provider or a spelled-out dot.
    if (weakAt && !MAIL_PROVIDERS.has(first.name) && !kept.some((label) => label.spelledDot)) continue;
    return kept[count - 1]!.end;
  }
  if (!MAIL_PROVIDERS.has(first.name)) return undefined;
  SPACED_ZONE.lastIndex = first.end;
  const zone = SPACED_ZONE.exec(text);
  if (zone && TOP_LEVEL_DOMAINS.has(zone.groups!.zone!.toLowerCase())) return first.end + zone[0].length;
  return weakAt ? undefined : first.end; // "ivan@gmail" is an address; "look at mail" is not
}

// ---------------------------------------------------------------------------------------------
// Handles: "@name", or a Latin name after a word that introduces one ("мой тг ivan_p",
// "discord: ivan#1234", "my insta is ivan.petrova").

/** Words around "@" that are code or chat mentions, not people's handles. */
const NOT_HANDLES = new Set(
  "override staticmethod classmethod property dataclass abstractmethod test before after component injectable input output media import keyframes font-face supports charset param params return returns throws author deprecated see link everyone here all channel".split(
    " ",
  ),
);
const AT_HANDLE = /(?<![\p{L}\p{N}_.@+-])@\s?(?<name>[a-z][a-z0-9_.]{1,31}[a-z0-9_])(?![\p{L}\p{N}_@/])/giu;

/** Words after which a Latin name is a handle: messengers, social networks, "ник", "логин". */
const INTRODUCERS = [
  "тг",
  "тгк",
  "тгшк[аеу]",
  "телег(?:а|е|и|у|ой)",
  "телеграмм?(?:а|е|у|ом)?",
  "вк",
  "вконтакте",
  "вотсапп?(?:а|е|у|ом)?",
  "ватсапп?(?:а|е|у|ом)?",
  "вацапп?(?:а|е|у|ом)?",
  "воцапп?(?:а|е|у|ом)?",
  "вайбер(?:а|е|у|ом)?",
  "дискорд(?:а|е|у|ом)?",
  "дс",
  "инст(?:а|е|у|ой)?",
  "инстаграмм?(?:а|е|у|ом)?",
  "скайп(?:а|е|у|ом)?",
  "снап(?:чат)?(?:а|е|у|ом)?",
  "тикток(?:а|е|у|ом)?",
  "твиттер(?:а|е|у|ом)?",
  "фейсбук(?:а|е|у|ом)?",
  "максе",
  "ник(?:а|е|у|ом)?",
  "никнейм(?:а|е|у|ом)?",
  "логин(?:а|е|у|ом)?",
  "юзернейм(?:а|е|у|ом)?",
  "tg",
  "telegram",
  "telega",
  "vk",
  "vkontakte",
  "whats\\s?app",
  "viber",
  "discord",
  "insta(?:gram)?",
  "inst",
  "ig",
  "skype",
  "snap(?:chat)?",
  "tiktok",
  "twitter",
  "facebook",
  "fb",
  "nick(?:name)?",
  "username",
  "login",
];
// No lookbehind: a pattern that starts with a literal lets the engine skip ahead, so the word
// boundary before the introducer is checked in code.
const INTRODUCER = new RegExp(String.raw`(?:${INTRODUCERS.join("|")})(?![\p{L}\p{N}_])`, "giu");
/** An introducer standing where a handle could be ("в дискорде, snapchat ivan_snap") is not the handle. */
const WHOLE_INTRODUCER = new RegExp(`^(?:${INTRODUCERS.join("|")})$`, "iu");
const WORD_CHARACTER = /[\p{L}\p{N}_]/u;
/** What may stand between the introducer and the handle: punctuation and a few filler words. */
const GAP_FILLERS = new Set(
  (
    "мой моя мое моё мои меня мне я ищи ищите найди найдите пиши пишите напиши напишите добавь добавьте добавляйся " +
    "стучи стучись кидай вот это там есть тоже как под ником ник называюсь зовут записан записана сижу в во на у же ну а и " +
    "такой такая просто лучше сразу туда пожалуйста плз аккаунт акк профиль страница страничка адрес логин айди " +
    "is me on at in my its it's here add find write text dm via as handle username nick name id please pls"
  ).split(" "),
);
const GAP_PUNCTUATION = /[\s:,\-—–=>→«»"'()]+/uy;
const GAP_WORD = /[\p{L}']{1,15}/uy;
const HANDLE_CANDIDATE = /(?:@\s?)?(?<name>[a-z][a-z0-9_.]{1,31}[a-z0-9_])(?:#\d{4})?(?![\p{L}\p{N}_@])/iuy;
/** The next word on the same line: a line break ends the sentence the name stood in. */
const NEXT_LATIN_WORD = /[^\S\n]+[a-z]/iy;
/** Latin words that follow "тг", "discord" and the like without being anyone's name. */
const NOT_NAMES = new Set(
  (
    "vpn bot bots chat chats channel channels group premium online web app apps ok stories story nitro server servers desktop " +
    "mobile beta call calls voice video stream news web-version the this that these and for with you your our their " +
    "not but was are has have had can will just also very too all any some then than there they them what when where who " +
    "number phone mobile tel mail email python java javascript scratch excel minecraft roblox among nike adidas apple google yandex zoom android iphone windows"
  ).split(" "),
);
const MAX_GAP_STEPS = 6;

function findHandles(text: string, others: readonly ContactSpan[]): ContactSpan[] {
  const spans: ContactSpan[] = [];
  const matches = text.includes("@") ? text.matchAll(AT_HANDLE) : [];
  for (const match of matches) {
    if (NOT_HANDLES.has(match.groups!.name!.toLowerCase())) continue;
    spans.push({ start: match.index, end: match.index + match[0].length, kind: "handle" });
  }
  for (const match of text.matchAll(INTRODUCER)) {
    if (match.index > 0 && WORD_CHARACTER.test(text[match.index - 1]!)) continue;
    const span = handleAfter(text, match.index + match[0].length, others);
    if (span) spans.push(span);
  }
  return spans;
}

/** The handle a few filler words after an introducer, if there is one. */
function handleAfter(text: string, from: number, others: readonly ContactSpan[]): ContactSpan | undefined {
  let position = from;
  for (let step = 0; step < MAX_GAP_STEPS; step++) {
    GAP_PUNCTUATION.lastIndex = position;
    const punctuation = GAP_PUNCTUATION.exec(text);
    if (punctuation) position += punctuation[0].length;
    HANDLE_CANDIDATE.lastIndex = position;
    const candidate = HANDLE_CANDIDATE.exec(text);
    if (candidate) {
      const name = candidate.groups!.name!;
      if (isHandle(text, candidate[0], name, position + candidate[0].length, others))
        return { start: position, end: position + candidate[0].length, kind: "handle" };
    }
    GAP_WORD.lastIndex = position;
    const word = GAP_WORD.exec(text);
    if (!word || !GAP_FILLERS.has(word[0].toLowerCase())) return undefined;
    position += word[0].length;
  }
  return undefined;
}

function isHandle(text: string, written: string, name: string, end: number, others: readonly ContactSpan[]): boolean {
  if (written.startsWith("@") || /[\d_.#]/.test(written)) return true;
  const lower = name.toLowerCase();
  if (name.length < 3 || NOT_NAMES.has(lower) || GAP_FILLERS.has(lower) || WHOLE_INTRODUCER.test(lower)) return false;
  // A plain word followed by more Latin words is English ("telegram channel of the school"), a name
  // standing alone is a handle. A Latin word that begins another contact does not count ("тг kotik
  // ivan@mail.ru"): it will be masked, and masking the result again must find the same.
  NEXT_LATIN_WORD.lastIndex = end;
  if (!NEXT_LATIN_WORD.test(text)) return true;
  const next = NEXT_LATIN_WORD.lastIndex - 1;
  return others.some((span) => span.start <= next && next < span.end);
}

// ---------------------------------------------------------------------------------------------
// Phones: runs of digit groups and Russian number words ("восемь девятьсот двенадцать…") joined only
// by separators, kept when their digits have a phone's shape. Dates, times and scores break the run
// (":" and words) or lack the shape (a run of "12.03.2026" has eight digits).

type NumberWordKind = "zero" | "unit" | "teen" | "ten" | "hundred";
const NUMBER_WORDS = new Map<string, { kind: NumberWordKind; value: number }>();
const addWords = (kind: NumberWordKind, step: number, first: number, words: string) =>
  words.split(" ").forEach((word, index) => {
    for (const form of word.split("/")) NUMBER_WORDS.set(form, { kind, value: (first + index) * step });
  });
addWords("zero", 1, 0, "ноль/нуль/zero");
addWords("unit", 1, 1, "один/одна/одну/one два/две/two три/three четыре/four пять/five шесть/six семь/seven восемь/eight девять/nine");
addWords(
  "teen",
  1,
  10,
  "десять одиннадцать двенадцать тринадцать четырнадцать пятнадцать шестнадцать семнадцать восемнадцать девятнадцать",
);
addWords("ten", 10, 2, "двадцать тридцать сорок пятьдесят шестьдесят семьдесят восемьдесят девяносто");
addWords("hundred", 100, 1, "сто двести триста четыреста пятьсот шестьсот семьсот восемьсот девятьсот");

interface RunItem {
  start: number;
  end: number;
  /** Digits as written, or undefined for a number word. */
  digits?: string;
  word?: { kind: NumberWordKind; value: number };
  /** Whether a comma stands before it (see `softBefore` of a group). */
  softBefore?: boolean;
}

interface DigitGroup {
  start: number;
  end: number;
  digits: string;
  /**
   * A comma stands before it: the run goes on across it, but a phone is likelier to start there than
   * to run through it ("плюс семь … восемьдесят девять, восемь девятьсот …" is two phones, not the
   * first with an "8" more and a shorter second).
   */
  softBefore: boolean;
}

/** Characters that may stand between the digits of one number: spaces, dashes, dots, brackets. */
const PHONE_SEPARATORS = new Set([..." \t\u00a0\u2009\u202f-\u2010\u2011\u2012\u2013\u2014\u2015.()/_*"]);
const WHITESPACE = new Set([..." \t\u00a0\u2009\u202f"]);
const IS_LETTER = /\p{L}/u;
/** Longest stretch of separators inside one number ("8 (912)" has two). */
const MAX_GAP = 5;
/** Calling codes of neighbouring countries, for twelve-digit numbers written without "+". */
const FOREIGN_CODES = new Set([380, 375, 374, 373, 992, 993, 994, 995, 996, 998]);

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isUpperCase(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 0x410 && code <= 0x42f);
}

function isLetter(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 0x400 && code <= 0x4ff)) return true;
  return code >= 0x80 && IS_LETTER.test(text[index]!);
}

/** Scans the message once, character by character: a hostile 4,000-character message stays linear. */
function findPhones(text: string): ContactSpan[] {
  const spans: ContactSpan[] = [];
  let run: RunItem[] = [];
  let runPlus: number | undefined;
  let gapLength = 0;
  let gapComma = false;
  let gapDot = false;
  let gapSentence = false;
  let gapPlus: number | undefined;
  const finish = () => {
    if (run.length > 0) spans.push(...phonesInRun(run, runPlus));
    if (run.length > 0) run = [];
    runPlus = undefined;
  };
  const clearGap = () => {
    gapLength = 0;
    gapComma = false;
    gapDot = false;
    gapSentence = false;
    gapPlus = undefined;
  };
  const add = (item: RunItem) => {
    const previous = run[run.length - 1];
    const joins =
      previous !== undefined &&
      gapPlus === undefined &&
      gapLength <= MAX_GAP &&
      // A sentence ends between two numbers ("кабинет 214. 89 12 …"), and a comma joins dictated words
      // only ("восемь, девятьсот двенадцать, …"), not "87, восемь".
      !gapSentence &&
      (!gapComma || (previous.word !== undefined && item.word !== undefined));
    if (!joins) {
      finish();
      runPlus = gapPlus;
    } else if (gapComma) item.softBefore = true;
    run.push(item);
    clearGap();
  };
  const breakRun = () => {
    finish();
    clearGap();
  };
  let index = 0;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    const start = index;
    if (isDigit(code)) {
      while (index < text.length && isDigit(text.charCodeAt(index))) index++;
      add({ start, end: index, digits: text.slice(start, index) });
    } else if (isLetter(text, index)) {
      while (index < text.length && isLetter(text, index)) index++;
      // Number words are 3 to 13 letters long; other words are not even lower-cased.
      const length = index - start;
      const written = length >= 3 && length <= 13 ? text.slice(start, index) : "";
      const word = NUMBER_WORDS.get(written) ?? (isUpperCase(text.charCodeAt(start)) ? NUMBER_WORDS.get(written.toLowerCase()) : undefined);
      if (word) add({ start, end: index, word });
      else {
        breakRun();
        const lower = index - start === 4 ? text.slice(start, index).toLowerCase() : "";
        if (lower === "плюс" || lower === "plus") gapPlus = start;
      }
    } else {
      const character = text[index]!;
      index++;
      if (PHONE_SEPARATORS.has(character)) {
        gapLength++;
        if (character === ".") gapDot = true;
        else if (gapDot && WHITESPACE.has(character)) gapSentence = true;
      } else if (character === ",") {
        gapComma = true;
        gapLength++;
      } else if (character === "+") {
        finish();
        clearGap();
        gapPlus = start;
      } else if (run.length > 0 || gapPlus !== undefined || gapLength > 0) breakRun();
    }
  }
  finish();
  return spans;
}

/** Number words composed the way people dictate: "девятьсот двенадцать" is 912, "сорок пять" 45. */
function digitGroups(run: readonly RunItem[]): DigitGroup[] {
  const groups: DigitGroup[] = [];
  let index = 0;
  while (index < run.length) {
    const item = run[index]!;
    index++;
    if (!item.word) {
      groups.push({ start: item.start, end: item.end, digits: item.digits ?? "", softBefore: item.softBefore ?? false });
      continue;
    }
    let value = item.word.value;
    let kind = item.word.kind;
    let end = item.end;
    // A hundred takes a ten, a teen or a unit; a ten takes a unit; "девятьсот 12" is 912 too.
    for (;;) {
      const following = run[index];
      const next = following?.word ?? (following?.digits !== undefined ? writtenNumber(following.digits) : undefined);
      const takes =
        next !== undefined &&
        ((kind === "hundred" && (next.kind === "ten" || next.kind === "teen" || next.kind === "unit")) ||
          (kind === "ten" && next.kind === "unit"));
      if (!takes) break;
      value += next.value;
      kind = next.kind;
      end = run[index]!.end;
      index++;
    }
    groups.push({ start: item.start, end, digits: String(value), softBefore: item.softBefore ?? false });
  }
  return groups;
}

/** Digits after a number word, read as the word they stand for: "12" as a teen, "5" as a unit. */
function writtenNumber(digits: string): { kind: NumberWordKind; value: number } | undefined {
  if (/^[1-9]$/.test(digits)) return { kind: "unit", value: Number(digits) };
  if (/^1\d$/.test(digits)) return { kind: "teen", value: Number(digits) };
  if (/^[2-9]\d$/.test(digits)) return { kind: "ten", value: Number(digits) };
  return undefined;
}

/**
 * The phones in a run of digit groups. Numbers run on ("кабинет 214 89 12 34 56 78 9", "+7 9123456789
 * 8 9 1 2 …"), so taking the first phone-shaped stretch from the left can swallow the start of the next
 * number and leave its rest shapeless. Instead the run is split the best way, from its end backwards:
 * the most digits inside phones, then the fewest commas inside a phone, then the fewest phones.
 * A phone has at most 13 digits, so each group is tried with at most 13 ends: linear in the run.
 */
function phonesInRun(run: readonly RunItem[], plusAt: number | undefined): ContactSpan[] {
  const groups = digitGroups(run);
  const count = groups.length;
  // How many digits and commas come before each group, and the first three digits from each group on
  // (as a number): the inner loop reads numbers, not strings.
  const digitsBefore = new Int32Array(count + 1);
  const commasBefore = new Int32Array(count + 1);
  for (let index = 0; index < count; index++) {
    const group = groups[index]!;
    digitsBefore[index + 1] = digitsBefore[index]! + group.digits.length;
    commasBefore[index + 1] = commasBefore[index]! + (index > 0 && group.softBefore ? 1 : 0);
  }
  const heads = new Int32Array(count + 1);
  for (let index = count - 1; index >= 0; index--) {
    const digits = groups[index]!.digits;
    let head = heads[index + 1]!;
    for (let position = Math.min(digits.length, 3) - 1; position >= 0; position--)
      head = Math.floor(head / 10) + (digits.charCodeAt(position) - 48) * 100;
    heads[index] = head;
  }
  // For the groups from `first` on: digits covered, commas inside phones, phones, and the last group of
  // the phone starting at `first` (-1: no phone starts there).
  const covered = new Int32Array(count + 1);
  const crossed = new Int32Array(count + 1);
  const phones = new Int32Array(count + 1);
  const lastOf = new Int32Array(count).fill(-1);
  // The phones starting at `first` end where the run has 7 to 13 digits from it: a window that only
  // moves left as `first` does.
  let shortest = count - 1;
  for (let first = count - 1; first >= 0; first--) {
    covered[first] = covered[first + 1]!;
    crossed[first] = crossed[first + 1]!;
    phones[first] = phones[first + 1]!;
    const plus = first === 0 && plusAt !== undefined;
    const offset = digitsBefore[first]!;
    const head = heads[first]!;
    while (shortest > first && digitsBefore[shortest]! - offset >= 7) shortest--;
    for (let index = Math.max(first, shortest); index < count; index++) {
      const length = digitsBefore[index + 1]! - offset;
      if (length > 13) break;
      if (length < 7 || length === 8 || length === 9) continue;
      if (!hasPhoneShape(groups, first, index, length, head, plus)) continue;
      const total = length + covered[index + 1]!;
      const breaks = commasBefore[index + 1]! - commasBefore[first + 1]! + crossed[index + 1]!;
      const many = 1 + phones[index + 1]!;
      // On a full tie the phone starting here wins over none, and the longer over the shorter.
      const better =
        total > covered[first]! ||
        (total === covered[first]! && (breaks < crossed[first]! || (breaks === crossed[first]! && many <= phones[first]!)));
      if (!better) continue;
      covered[first] = total;
      crossed[first] = breaks;
      phones[first] = many;
      lastOf[first] = index;
    }
  }
  const spans: ContactSpan[] = [];
  for (let first = 0; first < count; first++) {
    const last = lastOf[first]!;
    if (last < 0) continue;
    const start = first === 0 && plusAt !== undefined ? plusAt : groups[first]!.start;
    spans.push({ start, end: groups[last]!.end, kind: "phone" });
    first = last;
  }
  return spans;
}

/** How a ten-digit number starting 3, 4 or 8 is grouped when it is a phone. */
const TEN_DIGIT_GROUPINGS = new Set(["10", "3,3,2,2", "3,3,4", "3,7", "3,3,1,1,1,1"]);

/**
 * Whether groups[first..last], with `length` digits of which the first three are `head`, are written
 * like a phone number. It is asked for every stretch of 7 to 13 digits in a run, so it takes numbers
 * rather than building strings.
 */
function hasPhoneShape(groups: readonly DigitGroup[], first: number, last: number, length: number, head: number, plus: boolean): boolean {
  let shaped: boolean;
  const digit = Math.floor(head / 100);
  switch (length) {
    case 7:
      // A city number, "345-67-89"; other seven-digit runs are too often something else.
      shaped = !plus && last - first === 2 && groupLengths(groups, first, last) === "3,2,2";
      break;
    case 10:
      shaped =
        plus ||
        digit === 9 ||
        ((digit === 3 || digit === 4 || digit === 8) && last - first < 6 && TEN_DIGIT_GROUPINGS.has(groupLengths(groups, first, last)));
      break;
    case 11: {
      const second = Math.floor(head / 10) % 10;
      shaped = plus || ((digit === 7 || digit === 8) && second >= 3 && second <= 9);
      break;
    }
    case 12:
      shaped = plus || FOREIGN_CODES.has(head);
      break;
    case 13:
      shaped = plus;
      break;
    default:
      shaped = false;
  }
  return shaped && !isCountingList(groups, first, last);
}

function groupLengths(groups: readonly DigitGroup[], first: number, last: number): string {
  let lengths = String(groups[first]!.digits.length);
  for (let index = first + 1; index <= last; index++) lengths += `,${groups[index]!.digits.length}`;
  return lengths;
}

/** "Задания 7 8 9 10 11 12": consecutive numbers are a list, whatever their digits add up to. */
function isCountingList(groups: readonly DigitGroup[], first: number, last: number): boolean {
  if (last - first < 2) return false;
  for (let index = first + 1; index <= last; index++)
    if (Number(groups[index]!.digits) !== Number(groups[index - 1]!.digits) + 1) return false;
  return true;
}
