import { describe, expect, it } from "vitest";
import { INTERACTION_VARIANTS } from "#root/domain/interaction-variants.ts";
import { DIRECTIONS, MENTORING_FORMS } from "#root/domain/programme.ts";
import type { Cell, Indicators, RegionIndicators } from "#root/domain/region.ts";
import { CELL_FIELDS, type CellField, cellOf, cellView, type ProtectedRegion, protectRegion } from "#root/domain/region-suppression.ts";
import { EKATERINBURG, figures, NIZHNY_TAGIL, SCHOOL_1, syntheticRegion, twoMunicipalities } from "../support/region.ts";

/** A municipality-level territory of the given organisations' figures and its total. */
function municipality(total: Indicators, parts: Indicators[]): RegionIndicators {
  return {
    territory: { id: 7, name: "Камышлов", kind: "municipality", timezone: "Asia/Yekaterinburg" },
    period: { from: "2026-09-01", to: "2026-09-30" },
    total,
    municipalities: [],
    organisations: parts.map((part, index) => ({ orgId: 70 + index, name: `Школа ${index}`, territoryId: 7, cycle: null, figures: part })),
  };
}

/**
 * Every row the rule protects, checked on the result: no row with a shown total has exactly one
 * hidden cell (which subtraction would give away).
 */
function exposedRows(region: ProtectedRegion): string[] {
  const exposed: string[] = [];
  const check = (where: string, total: Cell, cells: Cell[]) => {
    if (total !== null && cells.filter((cell) => cell === null).length === 1) exposed.push(where);
  };
  const inner = (where: string, part: Indicators) => {
    check(`${where} forms`, part.pairs, Object.values(part.pairsByForm));
    check(`${where} directions`, part.pairs, Object.values(part.pairsByDirection));
    check(`${where} variants`, part.pairsByForm.student_student, Object.values(part.pairsByVariant));
  };
  inner("total", region.total);
  for (const entry of region.municipalities) inner(entry.name, entry.figures);
  for (const entry of region.organisations) inner(entry.name, entry.figures);
  const ids = new Set(region.municipalities.map((entry) => entry.territoryId));
  for (const field of CELL_FIELDS) {
    for (const entry of region.municipalities) {
      const parts = region.organisations.filter((organisation) => organisation.territoryId === entry.territoryId);
      check(
        `${entry.name} ${field}`,
        cellOf(entry.figures, field),
        parts.map((part) => cellOf(part.figures, field)),
      );
    }
    const direct = region.organisations.filter((organisation) => !ids.has(organisation.territoryId));
    check(`total ${field}`, cellOf(region.total, field), [
      ...region.municipalities.map((entry) => cellOf(entry.figures, field)),
      ...direct.map((entry) => cellOf(entry.figures, field)),
    ]);
  }
  return exposed;
}

describe("secondary suppression", () => {
  it("hides the smallest other form of an organisation when one form is hidden and the pairs are shown", () => {
    // 20 pairs = 12 + 3 (hidden) + 5 + 0: without a second hidden cell, 20 − 12 − 5 − 0 gives the 3 away.
    const school = figures({
      pairs: 20,
      pairsByForm: { teacher_student: 12, student_student: null, university_student_student: 5, adult_student: 0 },
      pairsByDirection: { studies: 20, additional_education: 0, projects: 0, career: 0, civic: 0 },
    });
    const region = protectRegion(municipality(school, [school]));
    const own = region.organisations[0]!.figures;
    expect(own.pairsByForm).toEqual({ teacher_student: 12, student_student: null, university_student_student: null, adult_student: 0 });
    expect(cellView(region, own, "pairsByForm.university_student_student")).toEqual({ hidden: "complementary" });
    expect(cellView(region, own, "pairsByForm.student_student")).toEqual({ hidden: "small" });
    expect(cellView(region, own, "pairsByForm.teacher_student")).toEqual({ shown: 12 });
    // The input is left as the repository gave it.
    expect(school.pairsByForm.university_student_student).toBe(5);
  });

  it("takes no zero as cover: with nothing else shown above zero it hides the total", () => {
    const school = figures({
      pairs: 9,
      pairsByForm: { teacher_student: 9, student_student: 0, university_student_student: 0, adult_student: 0 },
      pairsByDirection: { studies: null, additional_education: 0, projects: 0, career: 0, civic: 0 },
    });
    // 9 pairs with a direction hidden and the rest zero: the direction is the pairs, so the pairs go.
    const region = protectRegion(municipality(school, [school]));
    expect(region.organisations[0]!.figures.pairs).toBeNull();
    expect(region.organisations[0]!.figures.pairsByDirection.studies).toBeNull();
    expect(cellView(region, region.organisations[0]!.figures, "pairs")).toEqual({ hidden: "complementary" });
  });

  it("hides a second organisation of a municipality when one organisation's cell is hidden and the total is shown", () => {
    const small = figures({ meetingsHeld: null });
    const middle = figures({ meetingsHeld: 40 });
    const large = figures({ meetingsHeld: 90 });
    const region = protectRegion(municipality(figures({ meetingsHeld: 133, organisations: 3 }), [small, middle, large]));
    expect(region.organisations.map((entry) => entry.figures.meetingsHeld)).toEqual([null, null, 90]);
    expect(cellView(region, region.organisations[1]!.figures, "meetingsHeld")).toEqual({ hidden: "complementary" });
    expect(region.total.meetingsHeld).toBe(133);
  });

  it("leaves a row alone when two cells are hidden already, or when the total is hidden", () => {
    const region = protectRegion(
      municipality(figures({ stuckPairs: 7, alertingPairs: null }), [
        figures({ stuckPairs: null, alertingPairs: null }),
        figures({ stuckPairs: null, alertingPairs: 6 }),
        figures({ stuckPairs: 5, alertingPairs: 0 }),
      ]),
    );
    expect(region.organisations.map((entry) => entry.figures.stuckPairs)).toEqual([null, null, 5]);
    expect(region.organisations.map((entry) => entry.figures.alertingPairs)).toEqual([null, 6, 0]);
    expect(region.complementary.size).toBe(0);
  });

  it("hides a mean with its respondents, so that the weighted sum gives no hidden mean away", () => {
    const region = protectRegion(
      municipality(figures({ satisfaction: { mean: 8, respondents: 23 } }), [
        figures({ satisfaction: { mean: null, respondents: null } }),
        figures({ satisfaction: { mean: 7, respondents: 8 } }),
        figures({ satisfaction: { mean: 9, respondents: 12 } }),
      ]),
    );
    expect(region.organisations[1]!.figures.satisfaction).toEqual({ mean: null, respondents: null });
    expect(region.organisations[2]!.figures.satisfaction).toEqual({ mean: 9, respondents: 12 });
    expect(cellView(region, region.organisations[1]!.figures, "satisfaction")).toEqual({ hidden: "complementary" });
  });

  it("follows the consequences through the region: schools, municipalities and the total", () => {
    const region = protectRegion(twoMunicipalities());
    const [school1, school2] = region.organisations.map((entry) => entry.figures);
    const ekaterinburg = region.municipalities.find((entry) => entry.territoryId === EKATERINBURG)!.figures;
    const tagil = region.municipalities.find((entry) => entry.territoryId === NIZHNY_TAGIL)!.figures;
    // School 1's own rows: the smallest form and direction shown above zero go with the hidden ones.
    expect(school1!.pairsByDirection).toEqual({ studies: 10, additional_education: 0, projects: null, career: null, civic: 0 });
    // Student–student: school 1's is hidden, so school 2's goes (13 − 3 = 10 otherwise), then school
    // 2's teacher–student (its 30 pairs are shown); Ekaterinburg's teacher–student goes with Nizhny
    // Tagil's small one, which leaves school 1's 12 nothing to be subtracted from.
    expect(school2!.pairsByForm).toEqual({ teacher_student: null, student_student: null, university_student_student: 0, adult_student: 0 });
    expect(cellView(region, ekaterinburg, "pairsByForm.teacher_student")).toEqual({ hidden: "complementary" });
    expect(school1!.pairsByForm.teacher_student).toBe(12);
    // Nizhny Tagil's figures are small: Ekaterinburg's go too (the region's 103 − 100 would be them).
    expect(tagil.participants10to19).toBeNull();
    expect(cellView(region, tagil, "participants10to19")).toEqual({ hidden: "small" });
    expect(cellView(region, ekaterinburg, "participants10to19")).toEqual({ hidden: "complementary" });
    expect(cellView(region, ekaterinburg, "meetingsHeld")).toEqual({ hidden: "complementary" });
    // What nobody could work out stays: the schools' own counts, the region's totals.
    expect(school1!.participants10to19).toBe(40);
    expect(school2!.meetingsHeld).toBe(150);
    const raw = twoMunicipalities().total;
    for (const field of ["participants10to19", "pairs", "meetingsHeld", "plansCompleted", "stuckPairs", "alertingPairs"] as const) {
      expect(region.total[field]).toBe(raw[field]);
    }
    expect(exposedRows(region)).toEqual([]);
  });

  it("counts an organisation attached to the region itself among the parts of the region's total", () => {
    const region = twoMunicipalities();
    // A regional boarding school, attached to the region directly, with 3 plans completed (hidden).
    region.organisations.push({
      orgId: 20,
      name: "Областная школа-интернат",
      territoryId: region.territory.id,
      cycle: { name: "2026/27", stage: "working", archived: false },
      figures: figures({ plansCompleted: null }),
    });
    region.total.plansCompleted = 17;
    const result = protectRegion(region);
    // 17 − 14 (Ekaterinburg) − 0 (Nizhny Tagil) would be the school's 3: Ekaterinburg's goes.
    const ekaterinburg = result.municipalities.find((entry) => entry.territoryId === EKATERINBURG)!.figures;
    expect(cellView(result, ekaterinburg, "plansCompleted")).toEqual({ hidden: "complementary" });
    expect(exposedRows(result)).toEqual([]);
  });

  it("leaves no row open to subtraction in a region of a thousand organisations", () => {
    const raw = syntheticRegion(1_000, 60);
    expect(exposedRows({ ...raw, complementary: new Map() }).length).toBeGreaterThan(0);
    expect(exposedRows(protectRegion(raw))).toEqual([]);
  });

  it("lists every count of the figures as a cell it protects", () => {
    const fields: CellField[] = [
      ...MENTORING_FORMS.map((form) => `pairsByForm.${form}` as const),
      ...DIRECTIONS.map((direction) => `pairsByDirection.${direction}` as const),
      ...INTERACTION_VARIANTS.map((variant) => `pairsByVariant.${variant}` as const),
    ];
    for (const field of fields) expect(CELL_FIELDS).toContain(field);
    expect(cellOf(SCHOOL_1.figures, "pairsByForm.university_student_student")).toBe(5);
    expect(cellOf(SCHOOL_1.figures, "satisfaction")).toBe(12);
  });
});
