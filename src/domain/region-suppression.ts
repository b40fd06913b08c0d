import { INTERACTION_VARIANTS, type InteractionVariant } from "./interaction-variants.ts";
import { DIRECTIONS, type Direction, MENTORING_FORMS, type MentoringForm } from "./programme.ts";
import type { Cell, Indicators, RegionIndicators } from "./region.ts";

/**
 * Secondary (complementary) suppression of a territory's figures.
 *
 * The repository hides every organisation's cell about fewer than SMALL_CELL people (primary
 * suppression), but computes the territory's totals from the raw figures. A hidden cell could then be
 * worked out by subtraction wherever a row of cells adds up to a shown total: the organisations of a
 * municipality against the municipality's total, the municipalities (and the organisations attached
 * to the region itself) against the region's, an organisation's pairs by form against its pairs.
 *
 * The rule, applied to every such row until nothing changes (hiding one cell can expose another row):
 * when the row's total is shown and exactly one of its cells is hidden, the smallest other cell that
 * is shown and not zero is hidden too (ties: the first in the row). Two hidden cells give away only
 * their sum. A zero is no cover (an organisation without student–student pairs is known to have none
 * of them), so a row whose other cells are all zero or hidden hides its total instead.
 *
 * The rows:
 * - inside every organisation, municipality and the total: pairs by form, by direction and by
 *   interaction variant against the pairs (the variants against the student–student pairs): a pair
 *   without a direction makes the direction row add up to less, which still bounds a hidden cell, so
 *   it is protected the same;
 * - every count (participants, pairs and their breakdowns, meetings, plans completed, stuck and
 *   alerting pairs, respondents of satisfaction and growth) of the organisations attached to a
 *   municipality against the municipality's, and of the municipalities and the organisations attached
 *   to the region directly against the total.
 *
 * A mean (satisfaction, growth) is protected through its respondents: with the respondents of every
 * part and the whole's mean shown, a hidden part's mean follows from the weighted sum, so a mean whose
 * respondents are hidden here is hidden with them.
 *
 * Cells hidden here are at least SMALL_CELL people (else the repository had hidden them): they are
 * told apart (`complementary`) so that nobody reads «<5» for a municipality of three hundred pairs.
 */

/** A count cell of `Indicators`, by its place: a plain field, a breakdown's entry, a mean's respondents. */
export type CellField =
  | "participants10to19"
  | "pairs"
  | "meetingsHeld"
  | "plansCompleted"
  | "stuckPairs"
  | "alertingPairs"
  | "satisfaction"
  | "growth"
  | `pairsByForm.${MentoringForm}`
  | `pairsByDirection.${Direction}`
  | `pairsByVariant.${InteractionVariant}`;

export const CELL_FIELDS: readonly CellField[] = [
  "participants10to19",
  "pairs",
  ...MENTORING_FORMS.map((form) => `pairsByForm.${form}` as const),
  ...DIRECTIONS.map((direction) => `pairsByDirection.${direction}` as const),
  ...INTERACTION_VARIANTS.map((variant) => `pairsByVariant.${variant}` as const),
  "meetingsHeld",
  "plansCompleted",
  "stuckPairs",
  "alertingPairs",
  "satisfaction",
  "growth",
];

/** The count a field holds (a mean's: its respondents). */
export function cellOf(figures: Indicators, field: CellField): Cell {
  if (field === "satisfaction" || field === "growth") return figures[field].respondents;
  const [group, key] = field.split(".") as [string, string | undefined];
  if (key === undefined) return figures[group as "pairs"];
  return (figures[group as "pairsByForm"] as Record<string, Cell>)[key] ?? null;
}

function hide(figures: Indicators, field: CellField): void {
  if (field === "satisfaction" || field === "growth") {
    figures[field] = { mean: null, respondents: null };
    return;
  }
  const [group, key] = field.split(".") as [string, string | undefined];
  if (key === undefined) (figures as unknown as Record<string, Cell>)[group] = null;
  else (figures[group as "pairsByForm"] as Record<string, Cell>)[key] = null;
}

/** How one cell is shown: its count, hidden as a small cell, or hidden to protect another one. */
export type CellView = { shown: number } | { hidden: "small" } | { hidden: "complementary" };

/** The figures as a territory may see them, and which of their hidden cells were hidden by secondary suppression. */
export interface ProtectedRegion extends RegionIndicators {
  readonly complementary: ReadonlyMap<Indicators, ReadonlySet<CellField>>;
}

/** How a cell of one of the region's `Indicators` is shown. */
export function cellView(region: ProtectedRegion, figures: Indicators, field: CellField): CellView {
  const value = cellOf(figures, field);
  if (value !== null) return { shown: value };
  return region.complementary.get(figures)?.has(field) ? { hidden: "complementary" } : { hidden: "small" };
}

interface CellRef {
  figures: Indicators;
  field: CellField;
}

interface Row {
  total: CellRef;
  cells: CellRef[];
}

/** The rows inside one set of figures: the breakdowns of pairs against the pairs. */
function innerRows(figures: Indicators): Row[] {
  const ref = (field: CellField): CellRef => ({ figures, field });
  return [
    { total: ref("pairs"), cells: MENTORING_FORMS.map((form) => ref(`pairsByForm.${form}`)) },
    { total: ref("pairs"), cells: DIRECTIONS.map((direction) => ref(`pairsByDirection.${direction}`)) },
    { total: ref("pairsByForm.student_student"), cells: INTERACTION_VARIANTS.map((variant) => ref(`pairsByVariant.${variant}`)) },
  ];
}

/** The rows across parts: for every field, the parts' cells against the whole's. */
function partRows(whole: Indicators, parts: Indicators[]): Row[] {
  if (parts.length === 0) return [];
  return CELL_FIELDS.map((field) => ({ total: { figures: whole, field }, cells: parts.map((figures) => ({ figures, field })) }));
}

function cloneFigures(figures: Indicators): Indicators {
  return {
    ...figures,
    pairsByForm: { ...figures.pairsByForm },
    pairsByDirection: { ...figures.pairsByDirection },
    pairsByVariant: { ...figures.pairsByVariant },
    satisfaction: { ...figures.satisfaction },
    growth: { ...figures.growth },
  };
}

/** The region's figures with secondary suppression applied (see the rule above); the input is left as it is. */
export function protectRegion(indicators: RegionIndicators): ProtectedRegion {
  const total = cloneFigures(indicators.total);
  const municipalities = indicators.municipalities.map((municipality) => ({
    ...municipality,
    figures: cloneFigures(municipality.figures),
  }));
  const organisations = indicators.organisations.map((organisation) => ({
    ...organisation,
    figures: cloneFigures(organisation.figures),
    cycle: organisation.cycle ? { ...organisation.cycle } : null,
  }));
  const complementary = new Map<Indicators, Set<CellField>>();

  const rows: Row[] = [...innerRows(total)];
  for (const municipality of municipalities) {
    rows.push(...innerRows(municipality.figures));
    const attached = organisations.filter((organisation) => organisation.territoryId === municipality.territoryId);
    rows.push(
      ...partRows(
        municipality.figures,
        attached.map((organisation) => organisation.figures),
      ),
    );
  }
  for (const organisation of organisations) rows.push(...innerRows(organisation.figures));
  const municipalityIds = new Set(municipalities.map((municipality) => municipality.territoryId));
  const directParts = organisations.filter((organisation) => !municipalityIds.has(organisation.territoryId));
  rows.push(
    ...partRows(total, [
      ...municipalities.map((municipality) => municipality.figures),
      ...directParts.map((organisation) => organisation.figures),
    ]),
  );

  const hideComplementary = ({ figures, field }: CellRef) => {
    hide(figures, field);
    const fields = complementary.get(figures) ?? new Set<CellField>();
    fields.add(field);
    complementary.set(figures, fields);
  };

  for (let changed = true; changed; ) {
    changed = false;
    for (const row of rows) {
      if (cellOf(row.total.figures, row.total.field) === null) continue;
      const hidden = row.cells.filter((ref) => cellOf(ref.figures, ref.field) === null);
      if (hidden.length !== 1) continue;
      let cover: CellRef | undefined;
      let smallest = Number.POSITIVE_INFINITY;
      for (const ref of row.cells) {
        const value = cellOf(ref.figures, ref.field);
        if (value !== null && value > 0 && value < smallest) {
          cover = ref;
          smallest = value;
        }
      }
      hideComplementary(cover ?? row.total);
      changed = true;
    }
  }
  return { territory: indicators.territory, period: indicators.period, total, municipalities, organisations, complementary };
}
