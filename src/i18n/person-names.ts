import { getFirstnameGender, getLastnameGender, getMiddlenameGender, inclineFirstname, inclineLastname, inclineMiddlename } from "lvovich";

/**
 * Russian person names by case and gender, for the texts: a name is stored as one string, typed by
 * the person or a coordinator in either order («Маша Иванова», «Петров Игорь Николаевич», «Игорь
 * Николаевич Петров»), so its parts are recognised first. Declension and gender rules are lvovich's
 * (see README.md, "Libraries"); a name that is not Cyrillic is left as it is.
 */

export type GrammaticalCase = "genitive" | "dative" | "accusative" | "instrumental" | "prepositional";
export type NameGender = "male" | "female";

export interface NameParts {
  first?: string;
  middle?: string;
  last?: string;
  /** Words the rules could not place (a fourth word, an initial): kept as they are. */
  rest: string[];
  /** The parts in the order typed, each with its role, to put the declined name back together. */
  order: Array<"first" | "middle" | "last" | "rest">;
}

const CYRILLIC_WORD = /^[А-ЯЁа-яё][А-ЯЁа-яё'’-]*$/u;
/** Endings of Russian surnames: «-ов/-ова», «-ин/-ина», «-ский/-ская», «-енко», «-ых»… */
const SURNAME_ENDING = /(?:ов|ев|ёв|ова|ева|ёва|ин|ына|ина|ын|ский|ская|цкий|цкая|ской|ной|енко|ук|юк|ых|их|ян|дзе|швили|ич|ов-\S+)$/u;

function isPatronymic(word: string): boolean {
  return /(?:вич|вна|ична|инична|ич)$/u.test(word.toLowerCase()) && getMiddlenameGender(word) !== null;
}

function looksLikeSurname(word: string): boolean {
  const lower = word.toLowerCase();
  // A first name the rules know for sure is not taken for a surname («Марина», «Кристина»).
  if (getFirstnameGender(word) !== null && getFirstnameGender(word) !== "androgynous" && !/(?:ов|ев|ова|ева|ский|ская)$/u.test(lower))
    return false;
  return SURNAME_ENDING.test(lower) || lower.includes("-");
}

/** Which word of a name is the first name, the patronymic and the surname. */
export function nameParts(name: string): NameParts {
  const words = name.trim().split(/\s+/u).filter(Boolean);
  const parts: NameParts = { rest: [], order: [] };
  const roles: Array<NameParts["order"][number]> = words.map(() => "rest");
  const middle = words.findIndex(isPatronymic);
  if (middle > 0) {
    // A patronymic follows the first name: «Игорь Николаевич [Петров]» or «Петров Игорь Николаевич».
    roles[middle] = "middle";
    roles[middle - 1] = "first";
    const last = middle === 1 ? 2 : 0;
    if (last < words.length && roles[last] === "rest") roles[last] = "last";
  } else if (words.length === 1) {
    roles[0] = looksLikeSurname(words[0]!) ? "last" : "first";
  } else if (words.length >= 2) {
    // Two words: a surname first when the first word looks like one and the second does not.
    const surnameFirst = looksLikeSurname(words[0]!) && !looksLikeSurname(words[1]!);
    roles[0] = surnameFirst ? "last" : "first";
    roles[1] = surnameFirst ? "first" : "last";
  }
  words.forEach((word, index) => {
    const role = roles[index]!;
    parts.order.push(role);
    if (role === "rest") parts.rest.push(word);
    else parts[role] = word;
  });
  return parts;
}

/**
 * The person's gender as far as the name tells it: the patronymic decides, else the first name and
 * the surname when they agree or only one of them knows («Маша» is unknown to the rules, «Иванова»
 * is not); undefined when the name does not tell («Саша Ким», a Latin name).
 */
export function nameGender(name: string): NameGender | undefined {
  const parts = nameParts(name);
  if (!isCyrillicName(parts)) return undefined;
  if (parts.middle) {
    const byMiddle = getMiddlenameGender(parts.middle);
    if (byMiddle === "male" || byMiddle === "female") return byMiddle;
  }
  const known = [parts.first && getFirstnameGender(parts.first), parts.last && getLastnameGender(parts.last)].filter(
    (gender): gender is NameGender => gender === "male" || gender === "female",
  );
  if (known.length === 0) return undefined;
  return known.every((gender) => gender === known[0]) ? known[0] : undefined;
}

function isCyrillicName(parts: NameParts): boolean {
  return (
    [parts.first, parts.middle, parts.last].some((word) => word !== undefined) &&
    [parts.first, parts.middle, parts.last, ...parts.rest].every((word) => word === undefined || CYRILLIC_WORD.test(word))
  );
}

/**
 * The name in a case: «Маша Иванова» → genitive «Маши Ивановой»; the words keep their order. A list
 * of names («Маша Иванова, Петя Смирнов») is declined name by name.
 */
export function declineName(name: string, grammaticalCase: GrammaticalCase): string {
  return name
    .split(/(,\s*|\s+и\s+)/u)
    .map((part, index) => (index % 2 === 1 ? part : declineOne(part, grammaticalCase)))
    .join("");
}

function declineOne(name: string, grammaticalCase: GrammaticalCase): string {
  const parts = nameParts(name);
  if (!isCyrillicName(parts)) return name;
  const gender = nameGender(name);
  const declined: Record<"first" | "middle" | "last", string | undefined> = {
    first: parts.first && declineFirstName(parts.first, grammaticalCase, gender),
    middle: parts.middle && inclineMiddlename(parts.middle, grammaticalCase, gender ?? null),
    // A surname of unknown gender is left as typed: «Ким» declines for a man only.
    last:
      parts.last && (gender ? inclineLastname(parts.last, grammaticalCase, gender) : declineUnknownSurname(parts.last, grammaticalCase)),
  };
  let rest = 0;
  return parts.order.map((role) => (role === "rest" ? parts.rest[rest++]! : (declined[role] ?? ""))).join(" ");
}

function declineFirstName(first: string, grammaticalCase: GrammaticalCase, gender: NameGender | undefined): string {
  if (gender) return inclineFirstname(first, grammaticalCase, gender);
  // «Саша», «Женя»: names in -а/-я decline the same for either gender (the rules misspell «Сашы»
  // when asked without one); other names of unknown gender stay as typed.
  if (/[ая]$/u.test(first)) return inclineFirstname(first, grammaticalCase, "female");
  return first;
}

function declineUnknownSurname(last: string, grammaticalCase: GrammaticalCase): string {
  // «-ова», «-ина», «-ская» are female, but a surname alone decides only when the rules are sure.
  const gender = getLastnameGender(last);
  return gender === "male" || gender === "female" ? inclineLastname(last, grammaticalCase, gender) : last;
}

/** The first name alone (with the patronymic, when typed), to address a person by: «Игорь Николаевич». */
export function calledName(name: string): string {
  const parts = nameParts(name);
  if (!parts.first) return name;
  return parts.middle ? `${parts.first} ${parts.middle}` : parts.first;
}
