import { describe, expect, it } from "vitest";
import { checkRoster, groupByClass, parseBirth } from "#root/domain/roster.ts";

const TODAY = new Date(Date.UTC(2026, 11, 7));
const HEADER = ["ФИО", "Класс", "Дата рождения", "ФИО родителя"];

function check(rows: string[][], known: Array<{ fullName: string; birthYear: number | null }> = []) {
  const reading = checkRoster([HEADER, ...rows], known, TODAY);
  if (!reading.ok) throw new Error(reading.error);
  return reading.check;
}

describe("class list rows", () => {
  it("takes names, classes as schools write them, birth years and dates, and counts per class", () => {
    const result = check([
      ["Иванова Мария Петровна", "7Б", "15.03.2013", "Иванова Ольга Сергеевна"],
      ["Петров Пётр", "7 б", "2013", ""],
      ["Сидоров Иван", "8-А", "2012-01-20", ""],
    ]);
    expect(result.refused).toEqual([]);
    expect(result.students.map((s) => [s.row, s.fullName, s.grade, s.birthYear, s.parentName])).toEqual([
      [2, "Иванова Мария Петровна", "7Б", 2013, "Иванова Ольга Сергеевна"],
      [3, "Петров Пётр", "7Б", 2013, null],
      [4, "Сидоров Иван", "8А", 2012, null],
    ]);
    expect(result.byClass).toEqual([
      { grade: "7Б", count: 2 },
      { grade: "8А", count: 1 },
    ]);
  });

  it("refuses each bad row with its number and reason", () => {
    const result = check([
      ["", "7Б", "2013"],
      ["Маша", "7Б", "2013"],
      ["Иванов 3", "7Б", "2013"],
      ["Козлов Антон", "седьмой", "2013"],
      ["Козлов Антон", "", "2013"],
      ["Козлов Антон", "7Б", "весной"],
      ["Козлов Антон", "2А", "2018"],
      ["Козлов Антон", "11А", "2005"],
      ["Козлов Антон", "10А", "2013"],
    ]);
    expect(result.students).toEqual([]);
    expect(result.refused.map((r) => [r.row, r.reason])).toEqual([
      [2, "no-name"],
      [3, "short-name"],
      [4, "name"],
      [5, "grade"],
      [6, "no-grade"],
      [7, "birth"],
      [8, "age"],
      [9, "age"],
      [10, "grade-age"],
    ]);
  });

  it("refuses a student twice in the file and one already in the organisation", () => {
    const result = check(
      [
        ["Иванова Мария", "7Б", "2013"],
        ["иванова  мария", "7Б", "2013"],
        ["Смирнов Олег", "9А", "2011"],
      ],
      [{ fullName: "Смирнов Олег", birthYear: 2011 }],
    );
    expect(result.students.map((s) => s.fullName)).toEqual(["Иванова Мария"]);
    expect(result.refused).toEqual([
      { row: 3, reason: "twice", args: { first: 2 } },
      { row: 4, reason: "known", args: { name: "Смирнов Олег" } },
    ]);
  });

  it("finds the header below a title and skips empty rows; a list without one is refused", () => {
    const reading = checkRoster(
      [["Список 7Б"], [], ["Класс", "ФИО ученика", "Год рождения"], ["7Б", "Иванова Мария", "2013"], ["", "", ""]],
      [],
      TODAY,
    );
    expect(reading.ok && reading.check.students.map((s) => [s.row, s.fullName])).toEqual([[4, "Иванова Мария"]]);
    expect(
      checkRoster(
        [
          ["a", "b"],
          ["c", "d"],
        ],
        [],
        TODAY,
      ),
    ).toEqual({ ok: false, error: "roster-no-header" });
  });

  it("reads an exact age from a date and the younger possible age from a year", () => {
    expect(parseBirth("07.12.2013", TODAY)).toEqual({ birthYear: 2013, age: 13 });
    expect(parseBirth("08.12.2013", TODAY)).toEqual({ birthYear: 2013, age: 12 });
    expect(parseBirth("2013 г.", TODAY)).toEqual({ birthYear: 2013, age: 12 });
    expect(parseBirth("31.02", TODAY)).toBeUndefined();
  });

  it("groups students by class in school order, each class by name", () => {
    const groups = groupByClass([
      { grade: "10А", fullName: "Б" },
      { grade: "7Б", fullName: "Я" },
      { grade: "7Б", fullName: "А" },
    ]);
    expect(groups.map((g) => [g.grade, g.students.map((s) => s.fullName)])).toEqual([
      ["7Б", ["А", "Я"]],
      ["10А", ["Б"]],
    ]);
  });
});
