import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type MatchMentee,
  type MatchMentor,
  type MatchResult,
  type MatchRules,
  matchCycle,
  maxWeightAssignment,
  ruleBreak,
  SCORE,
  scorePair,
  wordStems,
} from "#root/domain/matching.ts";
import { DIRECTIONS, type Direction, formOfMentor, MENTOR_KINDS, MENTORING_FORMS, type MentorKind } from "#root/domain/programme.ts";

const ORG = 1;
const CYCLE = 7;

function mentee(id: number, overrides: Partial<MatchMentee> = {}): MatchMentee {
  return { id, orgId: ORG, cycleId: CYCLE, birthYear: 2012, directions: ["studies"], request: "", ...overrides };
}

function mentor(id: number, overrides: Partial<MatchMentor> = {}): MatchMentor {
  return {
    id,
    orgId: ORG,
    cycleId: CYCLE,
    birthYear: 1985,
    kind: "teacher",
    directions: ["studies"],
    offer: "",
    availability: "",
    capacity: 1,
    ...overrides,
  };
}

function rules(overrides: Partial<MatchRules> = {}): MatchRules {
  return { orgId: ORG, cycleId: CYCLE, allowedForms: [...MENTORING_FORMS], directions: [...DIRECTIONS], earlierPairs: [], ...overrides };
}

/** mentorId → the mentees given to them, sorted, for readable expectations. */
function pairsOf(result: MatchResult): Record<number, number[]> {
  const byMentor: Record<number, number[]> = {};
  for (const suggestion of result.suggestions) {
    byMentor[suggestion.mentorId] ??= [];
    byMentor[suggestion.mentorId]!.push(suggestion.menteeId);
  }
  for (const list of Object.values(byMentor)) list.sort((a, b) => a - b);
  return byMentor;
}

/** The score of a pair computed from scratch, as the coordinator's draft shows it. */
function pairScore(a: MatchMentor, b: MatchMentee): number {
  return scorePair(a, b, wordStems(b.request), wordStems(a.offer)).score;
}

function allowed(a: MatchMentor, b: MatchMentee, r: MatchRules): boolean {
  const earlier = new Set(r.earlierPairs.map(([mentorId, menteeId]) => `${mentorId}:${menteeId}`));
  return ruleBreak(a, b, r, earlier) === undefined;
}

/** The greedy approach: every allowed pair by score, best first, taken while places allow. */
function greedyTotal(mentees: readonly MatchMentee[], mentors: readonly MatchMentor[], r: MatchRules): number {
  const edges: Array<{ a: MatchMentor; b: MatchMentee; score: number }> = [];
  for (const a of mentors) for (const b of mentees) if (allowed(a, b, r)) edges.push({ a, b, score: pairScore(a, b) });
  edges.sort((x, y) => y.score - x.score);
  const places = new Map(mentors.map((a) => [a.id, Math.max(0, a.capacity)]));
  const taken = new Set<number>();
  let total = 0;
  for (const { a, b, score } of edges) {
    if (taken.has(b.id) || places.get(a.id)! <= 0) continue;
    taken.add(b.id);
    places.set(a.id, places.get(a.id)! - 1);
    total += score;
  }
  return total;
}

/** The best total over every feasible assignment, by enumeration (tiny instances only). */
function bruteForceBest(mentees: readonly MatchMentee[], mentors: readonly MatchMentor[], r: MatchRules): number {
  const places = mentors.map((a) => Math.max(0, a.capacity));
  let best = 0;
  const visit = (index: number, total: number) => {
    if (index === mentees.length) {
      best = Math.max(best, total);
      return;
    }
    visit(index + 1, total);
    const b = mentees[index]!;
    mentors.forEach((a, mentorIndex) => {
      if (places[mentorIndex]! <= 0 || !allowed(a, b, r)) return;
      places[mentorIndex]!--;
      visit(index + 1, total + pairScore(a, b));
      places[mentorIndex]!++;
    });
  };
  visit(0, 0);
  return best;
}

describe("wordStems", () => {
  it("keeps words of four letters or more, lower-cased and cut to five letters, without stop words", () => {
    expect([...wordStems("Хочу разобраться с Математикой и физикой, ОГЭ")]).toEqual(["матем", "физик"]);
    expect([...wordStems("Робототехника, робототехнику; робот!")]).toEqual(["робот"]);
    expect([...wordStems("I want help with Python programming")]).toEqual(["pytho", "progr"]);
    expect([...wordStems("Ёлки-палки: ёжик")]).toEqual(["ёлки", "палки", "ёжик"]);
  });

  it("gives nothing for empty, short or stop-word-only text", () => {
    expect(wordStems("").size).toBe(0);
    expect(wordStems("я и ты, 2024 год").size).toBe(0);
    expect(wordStems("хочу помочь, очень надо").size).toBe(0);
  });
});

describe("ruleBreak", () => {
  const earlier = new Set(["5:9"]);

  it("allows a pair that keeps every hard rule", () => {
    expect(ruleBreak(mentor(5), mentee(1), rules(), earlier)).toBeUndefined();
  });

  it.each<[string, MatchMentor, MatchMentee, Partial<MatchRules>, string]>([
    ["a mentor of another organisation", mentor(5, { orgId: 2 }), mentee(1), {}, "other_organisation"],
    ["a mentee of another organisation", mentor(5), mentee(1, { orgId: 2 }), {}, "other_organisation"],
    ["a mentor of another cycle", mentor(5, { cycleId: 8 }), mentee(1), {}, "other_organisation"],
    ["a mentee of another cycle", mentor(5), mentee(1, { cycleId: 8 }), {}, "other_organisation"],
    ["a form the cycle does not use", mentor(5, { kind: "adult" }), mentee(1), { allowedForms: ["teacher_student"] }, "form_not_allowed"],
    ["a mentor born the same year", mentor(5, { birthYear: 2012 }), mentee(1, { birthYear: 2012 }), {}, "mentor_not_older"],
    [
      "a mentor younger than the mentee",
      mentor(5, { kind: "student", birthYear: 2013 }),
      mentee(1, { birthYear: 2012 }),
      {},
      "mentor_not_older",
    ],
    ["a pair of an earlier cycle", mentor(5), mentee(9), {}, "earlier_pair"],
  ])("refuses %s", (_what, a, b, overrides, reason) => {
    expect(ruleBreak(a, b, rules(overrides), earlier)).toBe(reason);
  });

  it("tells the organisation first when several rules are broken", () => {
    expect(ruleBreak(mentor(5, { orgId: 2, kind: "adult", birthYear: 2015 }), mentee(9), rules({ allowedForms: [] }), earlier)).toBe(
      "other_organisation",
    );
    expect(ruleBreak(mentor(5, { kind: "adult", birthYear: 2015 }), mentee(9), rules({ allowedForms: [] }), earlier)).toBe(
      "form_not_allowed",
    );
  });
});

describe("scorePair", () => {
  it("adds the base, shared directions, shared words and stated availability, with the parts for the explanation", () => {
    const a = mentor(5, {
      directions: ["studies", "projects", "career"],
      offer: "математика, физика, робототехника",
      availability: "вторник после 16:00",
    });
    const b = mentee(1, { directions: ["projects", "studies", "civic"], request: "хочу подтянуть математику и собрать робота" });
    const { score, why } = scorePair(a, b, wordStems(b.request), wordStems(a.offer));
    expect(why).toEqual({ sharedDirections: ["projects", "studies"], sharedWords: ["матем", "робот"], availability: true });
    expect(score).toBe(SCORE.base + 2 * SCORE.perSharedDirection + 2 * SCORE.perSharedWord + SCORE.availability);
  });

  it("is the base alone when nothing is shared and no time is stated", () => {
    const a = mentor(5, { directions: ["civic"], offer: "волонтёрство", availability: "   " });
    const b = mentee(1, { directions: ["studies"], request: "математика" });
    expect(scorePair(a, b, wordStems(b.request), wordStems(a.offer))).toEqual({
      score: SCORE.base,
      why: { sharedDirections: [], sharedWords: [], availability: false },
    });
  });

  it("caps shared words at three and counts a direction the mentee repeats once", () => {
    const text = "математика физика химия биология история";
    const a = mentor(5, { directions: ["studies"], offer: text });
    const b = mentee(1, { directions: ["studies", "studies"], request: text });
    const { score, why } = scorePair(a, b, wordStems(b.request), wordStems(a.offer));
    expect(why.sharedWords).toHaveLength(3);
    expect(why.sharedDirections).toEqual(["studies"]);
    expect(score).toBe(SCORE.base + SCORE.perSharedDirection + 3 * SCORE.perSharedWord);
  });
});

describe("matchCycle on hand-made cases", () => {
  it("gives each mentee the mentor whose directions and words fit, and says why in one line of parts", () => {
    const mentors = [
      mentor(10, { directions: ["projects"], offer: "робототехника, Arduino", availability: "среда" }),
      mentor(20, { directions: ["career"], offer: "профессии в IT, программирование" }),
    ];
    const mentees = [
      mentee(1, { directions: ["career"], request: "выбрать профессию, программирование" }),
      mentee(2, { directions: ["projects"], request: "собрать робота на Arduino" }),
    ];
    const result = matchCycle(mentees, mentors, rules({ directions: ["projects", "career"] }));
    expect(pairsOf(result)).toEqual({ 10: [2], 20: [1] });
    const toRobots = result.suggestions.find((suggestion) => suggestion.menteeId === 2)!;
    expect(toRobots).toEqual({
      mentorId: 10,
      menteeId: 2,
      score: SCORE.base + SCORE.perSharedDirection + 2 * SCORE.perSharedWord + SCORE.availability,
      form: "teacher_student",
      direction: "projects",
      pinned: false,
      why: { sharedDirections: ["projects"], sharedWords: ["робот", "ardui"], availability: true },
    });
    expect(result.suggestions.find((suggestion) => suggestion.menteeId === 1)!.why).toEqual({
      sharedDirections: ["career"],
      sharedWords: ["профе", "прогр"],
      availability: false,
    });
    expect(result.unmatchedMentees).toEqual([]);
    expect(result.refusedPins).toEqual([]);
    expect(result.freeMentors).toEqual([]);
    expect(result.totalScore).toBe(result.suggestions.reduce((sum, suggestion) => sum + suggestion.score, 0));
  });

  it("never gives a mentor more mentees than places, and lists who is left with the reason", () => {
    const mentors = [mentor(10, { capacity: 2 }), mentor(20, { capacity: 0 })];
    const mentees = [1, 2, 3, 4].map((id) => mentee(id));
    const result = matchCycle(mentees, mentors, rules());
    expect(result.suggestions).toHaveLength(2);
    expect(result.suggestions.every((suggestion) => suggestion.mentorId === 10)).toBe(true);
    expect(result.unmatchedMentees).toHaveLength(2);
    expect(result.unmatchedMentees.every((entry) => entry.reason === "mentors_full")).toBe(true);
    expect(result.freeMentors).toEqual([]);
  });

  it("makes a group when a mentor has several places, and reports the places left", () => {
    const result = matchCycle([mentee(1), mentee(2)], [mentor(10, { capacity: 5 })], rules());
    expect(pairsOf(result)).toEqual({ 10: [1, 2] });
    expect(result.freeMentors).toEqual([{ mentorId: 10, placesLeft: 3 }]);
  });

  it("keeps to the cycle's forms", () => {
    const mentors = [
      mentor(10, { kind: "adult", directions: ["studies", "career"] }),
      mentor(20, { kind: "university_student", directions: [] }),
    ];
    const result = matchCycle(
      [mentee(1, { directions: ["studies", "career"] })],
      mentors,
      rules({ allowedForms: ["university_student_student"] }),
    );
    expect(pairsOf(result)).toEqual({ 20: [1] });
    expect(result.suggestions[0]).toMatchObject({ form: "university_student_student", direction: "studies" });

    const none = matchCycle([mentee(1)], [mentor(10, { kind: "adult" })], rules({ allowedForms: ["teacher_student"] }));
    expect(none.suggestions).toEqual([]);
    expect(none.unmatchedMentees).toEqual([{ menteeId: 1, reason: "form_not_allowed" }]);
  });

  it("pairs a mentee only with an older mentor", () => {
    const mentors = [
      mentor(10, { kind: "student", birthYear: 2012, directions: ["studies"] }),
      mentor(20, { kind: "student", birthYear: 2009, directions: [] }),
    ];
    const result = matchCycle([mentee(1, { birthYear: 2012 })], mentors, rules());
    expect(pairsOf(result)).toEqual({ 20: [1] });
    const alone = matchCycle([mentee(1, { birthYear: 2012 })], [mentors[0]!], rules());
    expect(alone.unmatchedMentees).toEqual([{ menteeId: 1, reason: "mentor_not_older" }]);
  });

  it("never repeats a pair of an earlier cycle, even when it scores best", () => {
    const mentors = [mentor(10, { directions: ["studies", "career"], offer: "математика" }), mentor(20, { directions: [] })];
    const mentees = [mentee(1, { directions: ["studies", "career"], request: "математика" })];
    expect(pairsOf(matchCycle(mentees, mentors, rules()))).toEqual({ 10: [1] });
    expect(pairsOf(matchCycle(mentees, mentors, rules({ earlierPairs: [[10, 1]] })))).toEqual({ 20: [1] });
    const only = matchCycle(mentees, [mentors[0]!], rules({ earlierPairs: [[10, 1]] }));
    expect(only.unmatchedMentees).toEqual([{ menteeId: 1, reason: "earlier_pair" }]);
  });

  it("never pairs across organisations or cycles", () => {
    const mentors = [mentor(10, { orgId: 2, capacity: 3 }), mentor(20, { cycleId: 99, capacity: 3 })];
    const result = matchCycle([mentee(1), mentee(2, { orgId: 2 })], mentors, rules());
    expect(result.suggestions).toEqual([]);
    expect(result.unmatchedMentees).toEqual([
      { menteeId: 1, reason: "other_organisation" },
      { menteeId: 2, reason: "other_organisation" },
    ]);
  });

  it("says there is no mentor when there is none", () => {
    expect(matchCycle([mentee(1)], [], rules()).unmatchedMentees).toEqual([{ menteeId: 1, reason: "no_allowed_mentor" }]);
  });

  it("says the mentors are full when an allowed mentor has no places, whatever the others break", () => {
    // Mentor 10 could take the mentee but has no place; mentor 20 is younger than the mentee.
    const mentors = [mentor(10, { capacity: 0 }), mentor(20, { kind: "student", birthYear: 2014, capacity: 3 })];
    expect(matchCycle([mentee(1)], mentors, rules()).unmatchedMentees).toEqual([{ menteeId: 1, reason: "mentors_full" }]);
    // The same when a pin took the last place.
    const withPlace = [mentor(10, { capacity: 1 }), mentors[1]!];
    const pinned = matchCycle([mentee(1), mentee(2)], withPlace, rules({ pinned: [[10, 2]] }));
    expect(pinned.suggestions).toEqual([expect.objectContaining({ mentorId: 10, menteeId: 2, pinned: true })]);
    expect(pinned.unmatchedMentees).toEqual([{ menteeId: 1, reason: "mentors_full" }]);
  });

  it("keeps pins whatever the scores, and they use up places", () => {
    const mentors = [
      mentor(10, { directions: ["studies"], offer: "математика", capacity: 1 }),
      mentor(20, { directions: [], capacity: 1 }),
    ];
    const mentees = [mentee(1, { request: "математика" }), mentee(2, { request: "математика" })];
    const free = matchCycle(mentees, mentors, rules());
    expect(free.totalScore).toBe(pairScore(mentors[0]!, mentees[0]!) + pairScore(mentors[1]!, mentees[1]!));

    const result = matchCycle(mentees, mentors, rules({ pinned: [[20, 1]] }));
    expect(pairsOf(result)).toEqual({ 10: [2], 20: [1] });
    expect(result.suggestions.find((suggestion) => suggestion.menteeId === 1)).toMatchObject({ mentorId: 20, pinned: true });
    expect(result.suggestions.find((suggestion) => suggestion.menteeId === 2)).toMatchObject({ mentorId: 10, pinned: false });
    expect(result.refusedPins).toEqual([]);
  });

  it("refuses pins the rules or places do not allow, with the reason, and matches those mentees freely", () => {
    const mentors = [
      mentor(10, { capacity: 1 }),
      mentor(20, { kind: "adult", capacity: 2 }),
      mentor(30, { kind: "student", birthYear: 2013, capacity: 2 }),
      mentor(40, { orgId: 2, capacity: 2 }),
      mentor(50, { capacity: 3 }),
    ];
    const mentees = [1, 2, 3, 4, 5, 6].map((id) => mentee(id));
    const result = matchCycle(
      mentees,
      mentors,
      rules({
        allowedForms: ["teacher_student", "student_student"],
        earlierPairs: [[50, 5]],
        pinned: [
          [10, 1], // kept
          [10, 2], // mentor 10 has no place left
          [20, 3], // adults are not a form of this cycle
          [30, 4], // the student mentor is younger
          [50, 5], // they were a pair before
          [40, 6], // another organisation's mentor
          [50, 1], // mentee 1 is already pinned
          [99, 6], // nobody
          [50, 77], // nobody
        ],
      }),
    );
    expect(result.refusedPins).toEqual([
      { mentorId: 10, menteeId: 2, reason: "no_capacity" },
      { mentorId: 20, menteeId: 3, reason: "form_not_allowed" },
      { mentorId: 30, menteeId: 4, reason: "mentor_not_older" },
      { mentorId: 50, menteeId: 5, reason: "earlier_pair" },
      { mentorId: 40, menteeId: 6, reason: "other_organisation" },
      { mentorId: 50, menteeId: 1, reason: "no_capacity" },
      { mentorId: 99, menteeId: 6, reason: "not_ready" },
      { mentorId: 50, menteeId: 77, reason: "not_ready" },
    ]);
    expect(result.suggestions.filter((suggestion) => suggestion.pinned)).toEqual([expect.objectContaining({ mentorId: 10, menteeId: 1 })]);
    // Mentor 50 has three places: three of mentees 2, 3, 4, 6 get them; mentee 5 may not have them again.
    expect(pairsOf(result)[50]).toHaveLength(3);
    expect(pairsOf(result)[50]).not.toContain(5);
    expect(result.unmatchedMentees.map((entry) => entry.menteeId)).toContain(5);
    expect(result.unmatchedMentees.find((entry) => entry.menteeId === 5)).toEqual({ menteeId: 5, reason: "mentors_full" });
  });

  it("chooses the pair's direction among the cycle's, the shared one first", () => {
    const a = mentor(10, { directions: ["civic", "career"] });
    expect(matchCycle([mentee(1, { directions: ["projects", "career"] })], [a], rules()).suggestions[0]!.direction).toBe("career");
    expect(
      matchCycle([mentee(1, { directions: ["projects", "career"] })], [a], rules({ directions: ["projects", "civic"] })).suggestions[0]!
        .direction,
    ).toBe("civic");
    expect(
      matchCycle([mentee(1, { directions: ["projects"] })], [mentor(10, { directions: [] })], rules({ directions: ["projects"] }))
        .suggestions[0]!.direction,
    ).toBe("projects");
    expect(
      matchCycle([mentee(1, { directions: ["projects"] })], [a], rules({ directions: ["studies"] })).suggestions[0]!.direction,
    ).toBeNull();
  });

  it("beats the greedy approach where taking the best pair first leaves someone out", () => {
    // Mentee 1 scores best with mentor 10 but can also go to mentor 20; mentee 2 can only go to mentor 10.
    const mentors = [
      mentor(10, { directions: ["studies", "career"], offer: "математика" }),
      mentor(20, { kind: "student", birthYear: 2009, directions: ["studies"] }),
    ];
    const mentees = [
      mentee(1, { birthYear: 2012, directions: ["studies", "career"], request: "математика" }),
      mentee(2, { birthYear: 2008 }),
    ];
    const r = rules();
    const greedy = greedyTotal(mentees, mentors, r);
    expect(greedy).toBe(pairScore(mentors[0]!, mentees[0]!));
    const result = matchCycle(mentees, mentors, r);
    expect(pairsOf(result)).toEqual({ 10: [2], 20: [1] });
    expect(result.totalScore).toBe(pairScore(mentors[1]!, mentees[0]!) + pairScore(mentors[0]!, mentees[1]!));
    expect(result.totalScore).toBeGreaterThan(greedy);
    expect(result.unmatchedMentees).toEqual([]);
  });

  it("gives the same total with a short candidate list when it still holds the best mentors", () => {
    const mentors = [1, 2, 3, 4].map((id) => mentor(id * 10, { directions: id === 1 ? ["studies"] : [], capacity: 1 }));
    const mentees = [mentee(1)];
    const exact = matchCycle(mentees, mentors, rules());
    const short = matchCycle(mentees, mentors, rules({ candidatesPerMentee: 1 }));
    expect(short.totalScore).toBe(exact.totalScore);
    expect(pairsOf(short)).toEqual({ 10: [1] });
  });
});

describe("maxWeightAssignment", () => {
  it("returns nothing for nothing", () => {
    expect(maxWeightAssignment(0, [], [], [], [])).toEqual([]);
    expect(maxWeightAssignment(3, [2], [], [], [])).toEqual([]);
  });

  it("prefers two pairs to one better pair when they are worth more together", () => {
    // left 0: right 0 (10) or right 1 (8); left 1: right 0 (7). Greedy takes 10; the best is 8 + 7.
    const chosen = maxWeightAssignment(2, [1, 1], [0, 0, 1], [0, 1, 0], [10, 8, 7]);
    expect(chosen.sort()).toEqual([1, 2]);
  });

  it("leaves out edges that lose score", () => {
    expect(maxWeightAssignment(2, [1], [0, 1], [0, 0], [-3, 0])).toEqual([]);
    expect(maxWeightAssignment(2, [2], [0, 1], [0, 0], [-3, 4])).toEqual([1]);
  });

  it("finds the best total on random small graphs, as enumeration does", () => {
    const graph = fc
      .record({
        left: fc.integer({ min: 1, max: 6 }),
        capacities: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 3 }),
      })
      .chain(({ left, capacities }) =>
        fc.record({
          left: fc.constant(left),
          capacities: fc.constant(capacities),
          edges: fc.uniqueArray(
            fc.record({
              left: fc.integer({ min: 0, max: left - 1 }),
              right: fc.integer({ min: 0, max: capacities.length - 1 }),
              score: fc.integer({ min: -5, max: 60 }),
            }),
            { selector: (edge) => `${edge.left}:${edge.right}`, maxLength: left * capacities.length },
          ),
        }),
      );
    fc.assert(
      fc.property(graph, ({ left, capacities, edges }) => {
        const chosen = maxWeightAssignment(
          left,
          capacities,
          edges.map((edge) => edge.left),
          edges.map((edge) => edge.right),
          edges.map((edge) => edge.score),
        );
        const usedLeft = new Set<number>();
        const usedRight = capacities.map(() => 0);
        let total = 0;
        for (const index of chosen) {
          const edge = edges[index]!;
          expect(usedLeft.has(edge.left)).toBe(false);
          usedLeft.add(edge.left);
          usedRight[edge.right]!++;
          total += edge.score;
        }
        for (const [right, used] of usedRight.entries()) expect(used).toBeLessThanOrEqual(capacities[right]!);

        let best = 0;
        const places = [...capacities];
        const visit = (node: number, sum: number) => {
          if (node === left) {
            best = Math.max(best, sum);
            return;
          }
          visit(node + 1, sum);
          for (const edge of edges) {
            if (edge.left !== node || places[edge.right]! <= 0) continue;
            places[edge.right]!--;
            visit(node + 1, sum + edge.score);
            places[edge.right]!++;
          }
        };
        visit(0, 0);
        expect(total).toBe(best);
      }),
      { numRuns: 300 },
    );
  });
});

// Random instances: two organisations and two cycles mixed in, ages that sometimes break the rule,
// forms switched off, earlier pairs, pins, and requests and offers drawn from one vocabulary.
const WORDS = [
  "математика",
  "физика",
  "программирование",
  "робототехника",
  "олимпиада",
  "профессия",
  "волонтёрство",
  "экология",
  "шахматы",
  "английский",
  "проект",
  "химия",
];
const words = fc.subarray(WORDS, { maxLength: 4 }).map((list) => list.join(", "));
const directions = fc.subarray([...DIRECTIONS], { maxLength: 3 }) as fc.Arbitrary<Direction[]>;

const menteeArb = fc.record({
  orgId: fc.constantFrom(ORG, ORG, ORG, 2),
  cycleId: fc.constantFrom(CYCLE, CYCLE, CYCLE, 8),
  birthYear: fc.integer({ min: 2006, max: 2016 }),
  directions,
  request: words,
});

const mentorArb = fc.record({
  orgId: fc.constantFrom(ORG, ORG, ORG, 2),
  cycleId: fc.constantFrom(CYCLE, CYCLE, CYCLE, 8),
  birthYear: fc.integer({ min: 1960, max: 2012 }),
  kind: fc.constantFrom<MentorKind>(...MENTOR_KINDS),
  directions,
  offer: words,
  availability: fc.constantFrom("", "вторник после 16:00", "выходные"),
  capacity: fc.integer({ min: 0, max: 4 }),
});

interface Instance {
  mentees: MatchMentee[];
  mentors: MatchMentor[];
  rules: MatchRules;
}

function instance(maxMentees: number, maxMentors: number, withPins: boolean): fc.Arbitrary<Instance> {
  return fc
    .record({
      mentees: fc.array(menteeArb, { maxLength: maxMentees }),
      mentors: fc.array(mentorArb, { maxLength: maxMentors }),
      allowedForms: fc.subarray([...MENTORING_FORMS], { minLength: 1 }),
      cycleDirections: fc.subarray([...DIRECTIONS], { minLength: 1 }),
    })
    .chain((base) => {
      // Ids overlap on purpose: mentee 3 and mentor 3 are different people.
      const mentees: MatchMentee[] = base.mentees.map((entry, index) => ({ ...entry, id: index + 1 }));
      const mentors: MatchMentor[] = base.mentors.map((entry, index) => ({ ...entry, id: index + 1 }));
      const anyPair: fc.Arbitrary<[number, number]> =
        mentees.length > 0 && mentors.length > 0
          ? fc.tuple(fc.integer({ min: 1, max: mentors.length }), fc.integer({ min: 1, max: mentees.length }))
          : fc.constant<[number, number]>([0, 0]);
      const pairs = (maxLength: number) => fc.array(anyPair, { maxLength });
      return fc
        .record({
          earlierPairs: pairs(Math.min(10, mentees.length)),
          pinned: pairs(withPins ? 4 : 0),
        })
        .map(({ earlierPairs, pinned }) => ({
          mentees,
          mentors,
          rules: rules({
            allowedForms: base.allowedForms,
            directions: base.cycleDirections,
            earlierPairs: earlierPairs.filter(([a]) => a > 0),
            pinned: pinned.filter(([a]) => a > 0),
          }),
        }));
    });
}

/**
 * What must hold of any result, whatever the instance. `complete`: every allowed pair was a
 * candidate (the candidate list is at least the number of mentors), so nobody is left out while an
 * allowed mentor has a place.
 */
function checkResult({ mentees, mentors, rules: r }: Instance, result: MatchResult, complete = true): void {
  const mentorById = new Map(mentors.map((a) => [a.id, a]));
  const menteeById = new Map(mentees.map((b) => [b.id, b]));
  const load = new Map<number, number>();
  const seen = new Set<number>();
  for (const suggestion of result.suggestions) {
    const a = mentorById.get(suggestion.mentorId)!;
    const b = menteeById.get(suggestion.menteeId)!;
    expect(a).toBeDefined();
    expect(b).toBeDefined();
    // Each mentee at most once.
    expect(seen.has(b.id)).toBe(false);
    seen.add(b.id);
    load.set(a.id, (load.get(a.id) ?? 0) + 1);
    // The hard rules: same organisation and cycle, allowed form, older mentor, no earlier pair.
    expect([a.orgId, b.orgId, a.cycleId, b.cycleId]).toEqual([r.orgId, r.orgId, r.cycleId, r.cycleId]);
    expect(r.allowedForms).toContain(formOfMentor(a.kind));
    expect(a.birthYear).toBeLessThan(b.birthYear);
    expect(r.earlierPairs.some(([mentorId, menteeId]) => mentorId === a.id && menteeId === b.id)).toBe(false);
    // What the draft shows is what the pair is worth.
    expect(suggestion.form).toBe(formOfMentor(a.kind));
    expect(suggestion.score).toBe(pairScore(a, b));
    if (suggestion.direction !== null) expect(r.directions).toContain(suggestion.direction);
  }
  // Never more than a mentor's places.
  for (const [mentorId, taken] of load) expect(taken).toBeLessThanOrEqual(Math.max(0, mentorById.get(mentorId)!.capacity));
  expect(result.totalScore).toBe(result.suggestions.reduce((sum, suggestion) => sum + suggestion.score, 0));
  // Everyone is either matched or listed as unmatched, once.
  const unmatched = result.unmatchedMentees.map((entry) => entry.menteeId);
  expect(new Set(unmatched).size).toBe(unmatched.length);
  expect([...seen, ...unmatched].sort((x, y) => x - y)).toEqual(mentees.map((b) => b.id));
  // Places left are what capacity and the suggestions leave.
  expect(result.freeMentors).toEqual(
    mentors
      .filter((a) => Math.max(0, a.capacity) - (load.get(a.id) ?? 0) > 0)
      .map((a) => ({ mentorId: a.id, placesLeft: Math.max(0, a.capacity) - (load.get(a.id) ?? 0) })),
  );
  // Nobody is left out while an allowed mentor has a place; the reason says why they are left out.
  const placesLeft = new Map(result.freeMentors.map((entry) => [entry.mentorId, entry.placesLeft]));
  for (const { menteeId, reason } of result.unmatchedMentees) {
    const b = menteeById.get(menteeId)!;
    const allowedMentors = mentors.filter((a) => allowed(a, b, r));
    if (complete) expect(allowedMentors.some((a) => (placesLeft.get(a.id) ?? 0) > 0)).toBe(false);
    if (allowedMentors.length > 0) expect(reason).toBe("mentors_full");
    else if (mentors.length === 0) expect(reason).toBe("no_allowed_mentor");
    else expect(mentors.some((a) => ruleBreak(a, b, r, new Set(r.earlierPairs.map(([x, y]) => `${x}:${y}`))) === reason)).toBe(true);
  }
}

describe("matchCycle on random instances", () => {
  it("never exceeds a capacity, pairs each mentee once, keeps every hard rule and beats greedy (up to 40 mentees, 12 mentors)", () => {
    fc.assert(
      fc.property(instance(40, 12, false), (inst) => {
        const result = matchCycle(inst.mentees, inst.mentors, inst.rules);
        checkResult(inst, result);
        expect(result.refusedPins).toEqual([]);
        expect(result.totalScore).toBeGreaterThanOrEqual(greedyTotal(inst.mentees, inst.mentors, inst.rules));
      }),
      { numRuns: 300 },
    );
  });

  it("reaches the best total there is on tiny instances (up to 6 mentees, 3 mentors)", () => {
    fc.assert(
      fc.property(instance(6, 3, false), (inst) => {
        const result = matchCycle(inst.mentees, inst.mentors, inst.rules);
        checkResult(inst, result);
        expect(result.totalScore).toBe(bruteForceBest(inst.mentees, inst.mentors, inst.rules));
      }),
      { numRuns: 500 },
    );
  });

  it("keeps every pin the rules and places allow, refuses the rest with the reason, and still keeps every rule", () => {
    fc.assert(
      fc.property(instance(20, 6, true), (inst) => {
        const result = matchCycle(inst.mentees, inst.mentors, inst.rules);
        checkResult(inst, result);
        const earlier = new Set(inst.rules.earlierPairs.map(([x, y]) => `${x}:${y}`));
        const kept = result.suggestions.filter((suggestion) => suggestion.pinned).map((s) => [s.mentorId, s.menteeId]);
        const refused = result.refusedPins.map((pin) => [pin.mentorId, pin.menteeId]);
        // Every pin is either kept or refused, in the order given.
        expect([...kept, ...refused].length).toBe(inst.rules.pinned!.length);
        const places = new Map(inst.mentors.map((a) => [a.id, Math.max(0, a.capacity)]));
        const pinnedMentees = new Set<number>();
        for (const [mentorId, menteeId] of inst.rules.pinned!) {
          const a = inst.mentors.find((m) => m.id === mentorId);
          const b = inst.mentees.find((m) => m.id === menteeId);
          const reason =
            !a || !b
              ? "not_ready"
              : pinnedMentees.has(menteeId) || places.get(mentorId)! <= 0
                ? "no_capacity"
                : ruleBreak(a, b, inst.rules, earlier);
          if (reason) {
            expect(result.refusedPins).toContainEqual({ mentorId, menteeId, reason });
          } else {
            expect(result.suggestions).toContainEqual(expect.objectContaining({ mentorId, menteeId, pinned: true }));
            pinnedMentees.add(menteeId);
            places.set(mentorId, places.get(mentorId)! - 1);
          }
        }
        // The rest is matched at least as well as greedy does with what the pins leave.
        const rest = inst.mentees.filter((b) => !pinnedMentees.has(b.id));
        const left = inst.mentors.map((a) => ({ ...a, capacity: places.get(a.id)! }));
        const pinnedScore = result.suggestions.filter((s) => s.pinned).reduce((sum, s) => sum + s.score, 0);
        expect(result.totalScore - pinnedScore).toBeGreaterThanOrEqual(greedyTotal(rest, left, inst.rules));
      }),
      { numRuns: 200 },
    );
  });

  it("keeps every rule and capacity with a short candidate list too", () => {
    fc.assert(
      fc.property(instance(30, 10, true), fc.integer({ min: 1, max: 3 }), (inst, candidatesPerMentee) => {
        const limited = { ...inst, rules: { ...inst.rules, candidatesPerMentee } };
        checkResult(limited, matchCycle(limited.mentees, limited.mentors, limited.rules), false);
      }),
      { numRuns: 200 },
    );
  });

  it("does not depend on the order mentees and mentors come in (the total)", () => {
    fc.assert(
      fc.property(instance(25, 8, false), fc.integer(), (inst, seed) => {
        const shuffle = <T>(list: readonly T[]) => {
          const copy = [...list];
          let state = seed >>> 0;
          for (let index = copy.length - 1; index > 0; index--) {
            state = (state * 1_103_515_245 + 12_345) >>> 0;
            const other = state % (index + 1);
            [copy[index], copy[other]] = [copy[other]!, copy[index]!];
          }
          return copy;
        };
        const once = matchCycle(inst.mentees, inst.mentors, inst.rules);
        const again = matchCycle(shuffle(inst.mentees), shuffle(inst.mentors), inst.rules);
        expect(again.totalScore).toBe(once.totalScore);
      }),
      { numRuns: 150 },
    );
  });
});
