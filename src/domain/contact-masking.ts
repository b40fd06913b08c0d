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

/** What replaces a contact unless the caller chooses otherwise. */
export const CONTACT_PLACEHOLDER = "[контакт скрыт]";

/** The contacts in a message, in text order, overlapping finds merged into one span. */
export function findContacts(text: string): readonly ContactSpan[] {
  const found = [...findLinks(text), ...findEmails(text), ...findHandles(text), ...findPhones(text)];
  return mergeSpans(found);
}

/** The message with every contact replaced by the placeholder (a string, or one chosen per kind). */
export function maskContacts(text: string, placeholder: string | ((kind: ContactKind) => string) = CONTACT_PLACEHOLDER): MaskedMessage {
  const spans = findContacts(text);
  if (spans.length === 0) return { text, masked: [] };
  const replace = typeof placeholder === "string" ? () => placeholder : placeholder;
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
  for (const match of text.matchAll(EMAIL)) {
    const { local, at, domain } = match.groups as { local: string; at: string; domain: string };
    if (/[._%+-]$/.test(local)) continue;
    const labels = domain.split(MAIL_DOT_SPLIT).map((label) => label.toLowerCase());
    const first = labels[0]!;
    const last = labels[labels.length - 1]!;
    let end = match.index + match[0].length;
    let valid =
      labels.length > 1 &&
      TOP_LEVEL_DOMAINS.has(last) &&
      labels.slice(0, -1).every((label) => /^[a-z0-9-]+$/.test(label) || MAIL_PROVIDERS.has(label));
    if (!valid && labels.length === 1 && MAIL_PROVIDERS.has(first)) {
      SPACED_ZONE.lastIndex = end;
      const zone = SPACED_ZONE.exec(text);
      if (zone && TOP_LEVEL_DOMAINS.has(zone.groups!.zone!.toLowerCase())) {
        end += zone[0].length;
        valid = true;
      } else valid = at.trim() !== "at"; // "ivan@gmail" is an address; "look at mail" is not
    }
    // A bare " at " is English before it is an address ("the tasks at olimpiada.ru"): only with a mail
    // provider or a spelled-out dot.
    if (valid && at.trim().toLowerCase() === "at" && !MAIL_PROVIDERS.has(first) && !MAIL_DOT_OBFUSCATED.test(domain)) valid = false;
    if (valid) spans.push({ start: match.index, end, kind: "email" });
  }
  return spans;
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
const NEXT_LATIN_WORD = /\s+[a-z]/iy;
/** Latin words that follow "тг", "discord" and the like without being anyone's name. */
const NOT_NAMES = new Set(
  (
    "vpn bot bots chat chats channel channels group premium online web app apps ok stories story nitro server servers desktop " +
    "mobile beta call calls voice video stream news web-version the this that these and for with you your our their " +
    "not but was are has have had can will just also very too all any some then than there they them what when where who " +
    "python java javascript scratch excel minecraft roblox among nike adidas apple google yandex zoom android iphone windows"
  ).split(" "),
);
const MAX_GAP_STEPS = 6;

function findHandles(text: string): ContactSpan[] {
  const spans: ContactSpan[] = [];
  const matches = text.includes("@") ? text.matchAll(AT_HANDLE) : [];
  for (const match of matches) {
    if (NOT_HANDLES.has(match.groups!.name!.toLowerCase())) continue;
    spans.push({ start: match.index, end: match.index + match[0].length, kind: "handle" });
  }
  for (const match of text.matchAll(INTRODUCER)) {
    if (match.index > 0 && WORD_CHARACTER.test(text[match.index - 1]!)) continue;
    const span = handleAfter(text, match.index + match[0].length);
    if (span) spans.push(span);
  }
  return spans;
}

/** The handle a few filler words after an introducer, if there is one. */
function handleAfter(text: string, from: number): ContactSpan | undefined {
  let position = from;
  for (let step = 0; step < MAX_GAP_STEPS; step++) {
    GAP_PUNCTUATION.lastIndex = position;
    const punctuation = GAP_PUNCTUATION.exec(text);
    if (punctuation) position += punctuation[0].length;
    HANDLE_CANDIDATE.lastIndex = position;
    const candidate = HANDLE_CANDIDATE.exec(text);
    if (candidate) {
      const name = candidate.groups!.name!;
      if (isHandle(text, candidate[0], name, position + candidate[0].length))
        return { start: position, end: position + candidate[0].length, kind: "handle" };
    }
    GAP_WORD.lastIndex = position;
    const word = GAP_WORD.exec(text);
    if (!word || !GAP_FILLERS.has(word[0].toLowerCase())) return undefined;
    position += word[0].length;
  }
  return undefined;
}

function isHandle(text: string, written: string, name: string, end: number): boolean {
  if (written.startsWith("@") || /[\d_.#]/.test(written)) return true;
  if (name.length < 3 || NOT_NAMES.has(name.toLowerCase()) || GAP_FILLERS.has(name.toLowerCase())) return false;
  // A plain word followed by more Latin words is English ("telegram channel of the school"), a name
  // standing alone is a handle.
  NEXT_LATIN_WORD.lastIndex = end;
  return !NEXT_LATIN_WORD.test(text);
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
}

interface DigitGroup {
  start: number;
  end: number;
  digits: string;
}

/** Characters that may stand between the digits of one number: spaces, dashes, dots, brackets. */
const PHONE_SEPARATORS = new Set([..." \t\u00a0\u2009\u202f-\u2010\u2011\u2012\u2013\u2014\u2015.()/_*"]);
const IS_LETTER = /\p{L}/u;
/** Longest stretch of separators inside one number ("8 (912)" has two). */
const MAX_GAP = 5;
/** Calling codes of neighbouring countries, for twelve-digit numbers written without "+". */
const FOREIGN_CODES = /^(?:380|375|374|373|992|993|994|995|996|998)/;

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
  let gapPlus: number | undefined;
  const finish = () => {
    if (run.length > 0) spans.push(...phonesInRun(run, runPlus));
    if (run.length > 0) run = [];
    runPlus = undefined;
  };
  const clearGap = () => {
    gapLength = 0;
    gapComma = false;
    gapPlus = undefined;
  };
  const add = (item: RunItem) => {
    const previous = run[run.length - 1];
    const joins =
      previous !== undefined &&
      gapPlus === undefined &&
      gapLength <= MAX_GAP &&
      (!gapComma || previous.word !== undefined || item.word !== undefined);
    if (!joins) {
      finish();
      runPlus = gapPlus;
    }
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
      if (PHONE_SEPARATORS.has(character)) gapLength++;
      else if (character === ",") {
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
      groups.push({ start: item.start, end: item.end, digits: item.digits ?? "" });
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
    groups.push({ start: item.start, end, digits: String(value) });
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

function phonesInRun(run: readonly RunItem[], plusAt: number | undefined): ContactSpan[] {
  const groups = digitGroups(run);
  const spans: ContactSpan[] = [];
  for (let first = 0; first < groups.length; first++) {
    let digits = "";
    let last = -1;
    for (let index = first; index < groups.length; index++) {
      digits += groups[index]!.digits;
      if (digits.length > 13) break;
      if (hasPhoneShape(groups, first, index, digits, first === 0 && plusAt !== undefined)) last = index;
    }
    if (last >= 0) {
      const start = first === 0 && plusAt !== undefined ? plusAt : groups[first]!.start;
      spans.push({ start, end: groups[last]!.end, kind: "phone" });
      first = last;
    }
  }
  return spans;
}

/** Whether groups[first..last], whose digits are given, are written like a phone number. */
function hasPhoneShape(groups: readonly DigitGroup[], first: number, last: number, digits: string, plus: boolean): boolean {
  let shaped: boolean;
  switch (digits.length) {
    case 7:
      // A city number, "345-67-89"; other seven-digit runs are too often something else.
      shaped = !plus && last - first === 2 && groupLengths(groups, first, last) === "3,2,2";
      break;
    case 10:
      shaped =
        plus ||
        digits.startsWith("9") ||
        (/^[348]/.test(digits) && ["10", "3,3,2,2", "3,3,4", "3,7", "3,3,1,1,1,1"].includes(groupLengths(groups, first, last)));
      break;
    case 11:
      shaped = plus || /^[78][3-9]/.test(digits);
      break;
    case 12:
      shaped = plus || FOREIGN_CODES.test(digits);
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
