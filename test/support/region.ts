import type { Cell, Indicators, MeanCell, OrganisationIndicators, RegionIndicators } from "#root/domain/region.ts";

/**
 * Hand-built regional figures for the tests of what a territory's coordinator sees: a region of two
 * municipalities and three schools, some cells hidden the way the repository hides them (null when
 * fewer than five people), the totals counted from the raw figures; and a synthetic region of any
 * size for the length and timing checks.
 */

const mean = (value: number | null, respondents: Cell): MeanCell => ({ mean: value, respondents });

/** Figures with every breakdown zero, then the given ones. */
export function figures(given: Partial<Indicators>): Indicators {
  return {
    organisations: 1,
    withOpenCycle: 1,
    participants10to19: 0,
    students10to19: null,
    pairs: 0,
    pairsByForm: { teacher_student: 0, student_student: 0, university_student_student: 0, adult_student: 0 },
    pairsByDirection: { studies: 0, additional_education: 0, projects: 0, career: 0, civic: 0 },
    pairsByVariant: { successful_struggling: 0, leader_passive: 0, peer_to_peer: 0 },
    meetingsHeld: 0,
    plansCompleted: 0,
    stuckPairs: 0,
    alertingPairs: 0,
    satisfaction: mean(null, 0),
    growth: mean(null, 0),
    ...given,
  };
}

export const REGION_ID = 1;
export const EKATERINBURG = 2;
export const NIZHNY_TAGIL = 3;

/** School 1 of Ekaterinburg: 20 pairs, 3 of them student–student (hidden), 4 on career (hidden). */
export const SCHOOL_1: OrganisationIndicators = {
  orgId: 10,
  name: "Школа № 1",
  territoryId: EKATERINBURG,
  cycle: { name: "2026/27", stage: "working", archived: false },
  figures: figures({
    participants10to19: 40,
    students10to19: 200,
    pairs: 20,
    pairsByForm: { teacher_student: 12, student_student: null, university_student_student: 5, adult_student: 0 },
    pairsByDirection: { studies: 10, additional_education: 0, projects: 6, career: null, civic: 0 },
    pairsByVariant: { successful_struggling: null, leader_passive: null, peer_to_peer: 0 },
    meetingsHeld: 30,
    plansCompleted: null,
    stuckPairs: 6,
    alertingPairs: null,
    satisfaction: mean(8.4, 12),
    growth: mean(0.6, 10),
  }),
};

/** School 2 of Ekaterinburg: no enrolment figure entered, low satisfaction. */
export const SCHOOL_2: OrganisationIndicators = {
  orgId: 11,
  name: "Гимназия № 2",
  territoryId: EKATERINBURG,
  cycle: { name: "Осень 2026", stage: "closing", archived: false },
  figures: figures({
    participants10to19: 60,
    students10to19: null,
    pairs: 30,
    pairsByForm: { teacher_student: 20, student_student: 10, university_student_student: 0, adult_student: 0 },
    pairsByDirection: { studies: 30, additional_education: 0, projects: 0, career: 0, civic: 0 },
    pairsByVariant: { successful_struggling: 5, leader_passive: 5, peer_to_peer: 0 },
    meetingsHeld: 150,
    plansCompleted: 12,
    stuckPairs: null,
    alertingPairs: 8,
    satisfaction: mean(6.2, 20),
    growth: mean(0.2, 18),
  }),
};

/** School 3 of Nizhny Tagil: its cycle archived, two pairs (everything about them hidden). */
export const SCHOOL_3: OrganisationIndicators = {
  orgId: 12,
  name: "Школа № 3",
  territoryId: NIZHNY_TAGIL,
  cycle: { name: "2025/26", stage: "archived", archived: true },
  figures: figures({
    withOpenCycle: 0,
    participants10to19: null,
    students10to19: 150,
    pairs: null,
    pairsByForm: { teacher_student: null, student_student: 0, university_student_student: 0, adult_student: 0 },
    pairsByDirection: { studies: null, additional_education: 0, projects: 0, career: 0, civic: 0 },
    meetingsHeld: null,
    satisfaction: mean(null, null),
    growth: mean(null, null),
  }),
};

/**
 * The region for the autumn term: its totals and its municipalities' counted from the raw figures,
 * and hidden like the schools' when under five (the four career pairs are school 1's).
 */
export function twoMunicipalities(): RegionIndicators {
  return structuredClone({
    territory: { id: REGION_ID, name: "Свердловская область", kind: "region", timezone: "Asia/Yekaterinburg" },
    period: { from: "2026-09-01", to: "2026-11-30" },
    total: figures({
      organisations: 3,
      withOpenCycle: 2,
      participants10to19: 103,
      students10to19: 350,
      pairs: 52,
      pairsByForm: { teacher_student: 34, student_student: 13, university_student_student: 5, adult_student: 0 },
      pairsByDirection: { studies: 42, additional_education: 0, projects: 6, career: null, civic: 0 },
      pairsByVariant: { successful_struggling: 7, leader_passive: 6, peer_to_peer: 0 },
      meetingsHeld: 184,
      plansCompleted: 14,
      stuckPairs: 8,
      alertingPairs: 9,
      satisfaction: mean(7.3, 32),
      growth: mean(0.34, 28),
    }),
    municipalities: [
      {
        territoryId: EKATERINBURG,
        name: "Екатеринбург",
        kind: "municipality",
        figures: figures({
          organisations: 2,
          withOpenCycle: 2,
          participants10to19: 100,
          students10to19: 200,
          pairs: 50,
          pairsByForm: { teacher_student: 32, student_student: 13, university_student_student: 5, adult_student: 0 },
          pairsByDirection: { studies: 40, additional_education: 0, projects: 6, career: null, civic: 0 },
          pairsByVariant: { successful_struggling: 7, leader_passive: 6, peer_to_peer: 0 },
          meetingsHeld: 180,
          plansCompleted: 14,
          stuckPairs: 8,
          alertingPairs: 9,
          satisfaction: mean(7.3, 32),
          growth: mean(0.34, 28),
        }),
      },
      {
        territoryId: NIZHNY_TAGIL,
        name: "Нижний Тагил",
        kind: "municipality",
        figures: figures({
          withOpenCycle: 0,
          participants10to19: null,
          students10to19: 150,
          pairs: null,
          pairsByForm: { teacher_student: null, student_student: 0, university_student_student: 0, adult_student: 0 },
          pairsByDirection: { studies: null, additional_education: 0, projects: 0, career: 0, civic: 0 },
          meetingsHeld: null,
          satisfaction: mean(null, null),
          growth: mean(null, null),
        }),
      },
    ],
    organisations: [SCHOOL_1, SCHOOL_2, SCHOOL_3],
  } satisfies RegionIndicators);
}

/** A small cell the way the repository writes it: null under five. */
const shown = (value: number): Cell => (value < 5 ? null : value);

/**
 * A region of `count` organisations spread over `municipalityCount` municipalities with long names,
 * the figures varying by a fixed rule (no randomness: the same region every run), some of them small.
 */
export function syntheticRegion(count: number, municipalityCount: number): RegionIndicators {
  const organisations: OrganisationIndicators[] = Array.from({ length: count }, (_, index) => {
    const pairs = (index * 7) % 40;
    const student = Math.floor(pairs / 3);
    const open = index % 9 !== 0;
    return {
      orgId: 1000 + index,
      name: `МАОУ «Средняя общеобразовательная школа № ${index + 1} с углублённым изучением отдельных предметов»`,
      territoryId: 100 + (index % municipalityCount),
      cycle: open ? { name: "2026/27", stage: index % 3 === 0 ? "matching" : "working", archived: false } : null,
      figures: figures({
        withOpenCycle: open ? 1 : 0,
        participants10to19: shown(pairs * 2),
        students10to19: index % 11 === 0 ? null : 300 + (index % 500),
        pairs: shown(pairs),
        pairsByForm: {
          teacher_student: shown(pairs - student),
          student_student: shown(student),
          university_student_student: 0,
          adult_student: 0,
        },
        pairsByDirection: { studies: shown(pairs), additional_education: 0, projects: 0, career: 0, civic: 0 },
        pairsByVariant: { successful_struggling: shown(student), leader_passive: 0, peer_to_peer: 0 },
        meetingsHeld: shown(pairs * ((index % 5) + 1)),
        plansCompleted: shown(index % 7),
        stuckPairs: shown(index % 6),
        alertingPairs: shown(index % 8),
        satisfaction: index % 4 === 0 ? mean(null, null) : mean(5 + (index % 25) / 5, 12),
        growth: mean(0.5, 10),
      }),
    };
  });
  const sum = (members: OrganisationIndicators[], pick: (figures: Indicators) => number) =>
    members.reduce((total, member) => total + pick(member.figures), 0);
  const totalOf = (members: OrganisationIndicators[]): Indicators => {
    // The raw figures behind the organisations' rows, as the synthetic rule made them.
    const raw = members.map((member) => ((member.orgId - 1000) * 7) % 40);
    const pairs = raw.reduce((a, b) => a + b, 0);
    const student = raw.reduce((a, b) => a + Math.floor(b / 3), 0);
    return figures({
      organisations: members.length,
      withOpenCycle: sum(members, (figures) => figures.withOpenCycle),
      participants10to19: shown(pairs * 2),
      students10to19: sum(members, (figures) => figures.students10to19 ?? 0),
      pairs: shown(pairs),
      pairsByForm: {
        teacher_student: shown(pairs - student),
        student_student: shown(student),
        university_student_student: 0,
        adult_student: 0,
      },
      pairsByDirection: { studies: shown(pairs), additional_education: 0, projects: 0, career: 0, civic: 0 },
      pairsByVariant: { successful_struggling: shown(student), leader_passive: 0, peer_to_peer: 0 },
      meetingsHeld: shown(sum(members, (figures) => figures.meetingsHeld ?? 0)),
      plansCompleted: shown(sum(members, (figures) => figures.plansCompleted ?? 0)),
      stuckPairs: shown(sum(members, (figures) => figures.stuckPairs ?? 0)),
      alertingPairs: shown(sum(members, (figures) => figures.alertingPairs ?? 0)),
      satisfaction: mean(7.2, shown(members.length * 9)),
      growth: mean(0.5, shown(members.length * 10)),
    });
  };
  const municipalities = Array.from({ length: municipalityCount }, (_, index) => {
    const members = organisations.filter((organisation) => organisation.territoryId === 100 + index);
    return {
      territoryId: 100 + index,
      name: `Муниципальное образование «Городской округ Верхнекамский-${index + 1}»`,
      kind: "municipality" as const,
      figures: totalOf(members),
    };
  });
  return {
    territory: { id: 99, name: "Свердловская область", kind: "region", timezone: "Asia/Yekaterinburg" },
    period: { from: "2026-09-01", to: "2026-11-30" },
    total: totalOf(organisations),
    municipalities,
    organisations,
  };
}
