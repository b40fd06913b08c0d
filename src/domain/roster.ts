import { gradeFitsAge, parseGrade, parsePersonName } from "./parsers.ts";
import { MENTEE_AGE } from "./programme.ts";

/**
 * A school's class list (ФИО, class, birth year or date, maybe a parent's name), checked row by row
 * before anyone is created: what the bot understood, and what it refuses and why. Pure: the file is
 * read into rows of text elsewhere (documents/roster-file.ts).
 */

/** The most rows one import takes: a large school's whole roll. */
export const ROSTER_MAX_ROWS = 3_000;

export type RosterColumn = "name" | "grade" | "birth" | "parent";

/** A column's header as schools write it, matched on lower-case words (ё read as е). */
const HEADERS: Record<RosterColumn, RegExp> = {
  name: /^(фио|ф\.? ?и\.? ?о\.?|фамилия,? имя|фамилия и имя|ученик|обучающийся|учащийся|имя|name|full name|student)/u,
  grade: /^(класс|кл\.?|class|grade)/u,
  birth: /(рожд|г\.? ?р\.?$|birth|born)/u,
  parent: /(родител|представител|мама|папа|parent|guardian)/u,
};

/** A student the file gives, as the bot will keep them. */
export interface RosterStudent {
  /** The row's number in the file (1 is the first row, the header's too), as the coordinator sees it. */
  row: number;
  fullName: string;
  grade: string;
  birthYear: number;
  parentName: string | null;
}

/** Why a row is left out (shown as the locales/ message roster-refused-<reason>). */
export const ROSTER_REFUSALS = [
  "no-name",
  "name",
  "short-name",
  "no-grade",
  "grade",
  "no-birth",
  "birth",
  "age",
  "grade-age",
  "parent",
  "twice",
  "known",
] as const;
export type RosterRefusalReason = (typeof ROSTER_REFUSALS)[number];

export interface RosterRefusal {
  row: number;
  reason: RosterRefusalReason;
  args?: Record<string, string | number>;
}

export interface RosterCheck {
  students: RosterStudent[];
  refused: RosterRefusal[];
  /** How many students each class has, classes in school order ("5А", "5Б", "7В", "10А"). */
  byClass: Array<{ grade: string; count: number }>;
}

export type RosterReading =
  | { ok: true; check: RosterCheck }
  | { ok: false; error: "roster-no-header" | "roster-empty" | "roster-too-many" };

/** Someone already in the organisation, to find the file's duplicates of. */
export interface KnownStudent {
  fullName: string;
  birthYear: number | null;
}

/** A name as compared for duplicates: case, ё, spaces and hyphens' spacing aside. */
export function nameKey(name: string): string {
  return name.toLowerCase().replace(/ё/g, "е").replace(/\s+/g, " ").replace(/ ?- ?/g, "-").trim();
}

/** Where each column is: the first row (of the first ten) that names a column for the name and the class. */
export function findHeader(rows: string[][]): { at: number; columns: Partial<Record<RosterColumn, number>> } | undefined {
  for (let at = 0; at < Math.min(rows.length, 10); at += 1) {
    const columns: Partial<Record<RosterColumn, number>> = {};
    (rows[at] ?? []).forEach((cell, index) => {
      const header = cell.toLowerCase().replace(/ё/g, "е").replace(/\s+/g, " ").trim();
      if (header === "") return;
      // The parent's column is looked at first: «ФИО родителя» names a parent, not the student.
      for (const column of ["parent", "birth", "grade", "name"] as const) {
        if (columns[column] === undefined && HEADERS[column].test(header)) {
          columns[column] = index;
          return;
        }
      }
    });
    if (columns.name !== undefined && columns.grade !== undefined && columns.birth !== undefined) return { at, columns };
  }
  return undefined;
}

/**
 * A birth year ("2013", "2013 г.") or a date ("05.03.2013", "5/3/2013", "2013-03-05"), and the age
 * the rules apply: exact for a date, the younger of the two possible for a year (consent is never skipped).
 */
export function parseBirth(text: string, today: Date): { birthYear: number; age: number } | undefined {
  const value = text.trim();
  const year = /^(\d{4})(?:\s*(?:г\.?|год|года))?$/u.exec(value);
  if (year) {
    const birthYear = Number(year[1]);
    return { birthYear, age: today.getUTCFullYear() - birthYear - 1 };
  }
  const dotted = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?:\s*г\.?)?$/u.exec(value);
  const iso = /^(\d{4})-(\d{2})-(\d{2})/u.exec(value);
  const [day, month, birthYear] = dotted
    ? [Number(dotted[1]), Number(dotted[2]), Number(dotted[3])]
    : iso
      ? [Number(iso[3]), Number(iso[2]), Number(iso[1])]
      : [0, 0, 0];
  if (birthYear === 0 || month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const birthdayPassed = today.getUTCMonth() + 1 > month || (today.getUTCMonth() + 1 === month && today.getUTCDate() >= day);
  return { birthYear, age: today.getUTCFullYear() - birthYear - (birthdayPassed ? 0 : 1) };
}

/** School order of classes: by number, then letter. */
function compareGrades(a: string, b: string): number {
  const number = (grade: string) => Number(/^\d+/u.exec(grade)?.[0] ?? 99);
  return number(a) - number(b) || a.localeCompare(b, "ru");
}

/**
 * Checks every row of a class list read into cells: the header row finds the columns, then each row
 * gives a student or a refusal (name of at least two words, a class, an age of 10–19 that fits the
 * class, no second time in the file, not already in the organisation). Empty rows are skipped.
 */
export function checkRoster(rows: string[][], known: readonly KnownStudent[], today: Date): RosterReading {
  const header = findHeader(rows);
  if (!header) return { ok: false, error: "roster-no-header" };
  const { columns } = header;
  const cell = (row: string[], column: RosterColumn) => {
    const index = columns[column];
    return index === undefined ? "" : (row[index] ?? "").replace(/\s+/g, " ").trim();
  };
  const body = rows.slice(header.at + 1);
  if (body.length > ROSTER_MAX_ROWS) return { ok: false, error: "roster-too-many" };
  const existing = new Set(
    known.filter((person) => person.birthYear !== null).map((person) => `${nameKey(person.fullName)}|${person.birthYear}`),
  );
  const seen = new Map<string, number>();
  const students: RosterStudent[] = [];
  const refused: RosterRefusal[] = [];
  const checkRow = (cells: string[], row: number): RosterStudent | RosterRefusal => {
    const refuse = (reason: RosterRefusalReason, args?: Record<string, string | number>): RosterRefusal => ({
      row,
      reason,
      ...(args ? { args } : {}),
    });
    const typedName = cell(cells, "name");
    if (typedName === "") return refuse("no-name");
    const name = parsePersonName(typedName);
    if (!name.ok) return refuse("name", { name: typedName });
    if (name.value.split(" ").length < 2) return refuse("short-name", { name: name.value });
    const typedGrade = cell(cells, "grade");
    const grade = parseGrade(typedGrade);
    if (!grade.ok) return refuse(typedGrade === "" ? "no-grade" : "grade", { grade: typedGrade });
    const typedBirth = cell(cells, "birth");
    const birth = parseBirth(typedBirth, today);
    if (!birth) return refuse(typedBirth === "" ? "no-birth" : "birth", { birth: typedBirth });
    if (birth.age < MENTEE_AGE.min || birth.age > MENTEE_AGE.max)
      return refuse("age", { age: birth.age, min: MENTEE_AGE.min, max: MENTEE_AGE.max });
    if (!gradeFitsAge(grade.value, birth.age)) return refuse("grade-age", { grade: grade.value, age: birth.age });
    const typedParent = cell(cells, "parent");
    const parent = typedParent === "" ? undefined : parsePersonName(typedParent);
    if (parent && !parent.ok) return refuse("parent", { name: typedParent });
    const key = `${nameKey(name.value)}|${birth.birthYear}`;
    const first = seen.get(key);
    if (first !== undefined) return refuse("twice", { first });
    if (existing.has(key)) return refuse("known", { name: name.value });
    seen.set(key, row);
    return { row, fullName: name.value, grade: grade.value, birthYear: birth.birthYear, parentName: parent?.ok ? parent.value : null };
  };
  for (const [index, cells] of body.entries()) {
    if (cells.every((text) => (text ?? "").trim() === "")) continue;
    const checked = checkRow(cells, header.at + index + 2);
    if ("reason" in checked) refused.push(checked);
    else students.push(checked);
  }
  if (students.length === 0 && refused.length === 0) return { ok: false, error: "roster-empty" };
  const counts = new Map<string, number>();
  for (const student of students) counts.set(student.grade, (counts.get(student.grade) ?? 0) + 1);
  const byClass = [...counts].map(([grade, count]) => ({ grade, count })).sort((a, b) => compareGrades(a.grade, b.grade));
  return { ok: true, check: { students, refused, byClass } };
}

/** Students grouped by class in school order, each class by name: how the link sheets list them. */
export function groupByClass<T extends { grade: string; fullName: string }>(
  students: readonly T[],
): Array<{ grade: string; students: T[] }> {
  const groups = new Map<string, T[]>();
  for (const student of students) {
    const list = groups.get(student.grade);
    if (list) list.push(student);
    else groups.set(student.grade, [student]);
  }
  return [...groups]
    .sort(([a], [b]) => compareGrades(a, b))
    .map(([grade, list]) => ({ grade, students: [...list].sort((a, b) => a.fullName.localeCompare(b.fullName, "ru")) }));
}
