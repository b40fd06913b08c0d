import type { Parsed } from "./parsers.ts";

/** The most students aged 10–19 an organisation can report for a school year (the table's own limit). */
export const MAX_ENROLMENT = 100_000;
const MAX_TERRITORY_NAME = 200;

/** A territory's name as typed: spaces collapsed, 1–200 characters. */
export function parseTerritoryName(text: string): Parsed<string> {
  const name = text.replace(/\s+/g, " ").trim();
  if (name.length === 0) return { ok: false, error: "error-empty" };
  if (name.length > MAX_TERRITORY_NAME) return { ok: false, error: "error-too-long", args: { max: MAX_TERRITORY_NAME } };
  return { ok: true, value: name };
}

/** An organisation's number of students aged 10–19: a whole number 0–100 000, thousands may be spaced ("1 200"). */
export function parseEnrolment(text: string): Parsed<number> {
  const digits = text.trim().replace(/(\d)[\s\u00a0\u202f](?=\d{3}\b)/g, "$1");
  const value = /^\d{1,6}$/.test(digits) ? Number(digits) : Number.NaN;
  if (!Number.isInteger(value) || value > MAX_ENROLMENT) return { ok: false, error: "error-enrolment", args: { max: MAX_ENROLMENT } };
  return { ok: true, value };
}
