import { type Direction, formOfMentor, type MentoringForm, type MentorKind } from "./programme.ts";

/**
 * Matching mentees to mentors for a whole cycle at once. Hard rules first (same organisation and
 * cycle, capacity, allowed form, mentor older than mentee, no repeat of an earlier pair), then a
 * score from shared directions, what the mentee asks against what the mentor offers, and
 * availability. The assignment maximises the total score under the mentors' capacities: a
 * min-cost flow solved by successive shortest paths (Dijkstra with potentials), augmenting a
 * blocking flow per phase.
 */

export interface MatchMentee {
  id: number;
  orgId: number;
  cycleId: number;
  birthYear: number;
  directions: readonly Direction[];
  /** What the mentee wants help with, in their words. */
  request: string;
}

export interface MatchMentor {
  id: number;
  orgId: number;
  cycleId: number;
  birthYear: number;
  kind: MentorKind;
  directions: readonly Direction[];
  /** What the mentor can help with, in their words. */
  offer: string;
  /** When the mentor is usually free; stated availability counts for a little. */
  availability: string;
  /** Places left in this cycle. */
  capacity: number;
}

export interface MatchRules {
  orgId: number;
  cycleId: number;
  allowedForms: readonly MentoringForm[];
  /** The cycle's directions; a pair's direction is chosen among them. */
  directions: readonly Direction[];
  /** Mentor–mentee pairs of earlier cycles, never repeated. */
  earlierPairs: ReadonlyArray<readonly [mentorId: number, menteeId: number]>;
  /** Pairs the coordinator fixed by hand; they are kept and use up capacity. */
  pinned?: ReadonlyArray<readonly [mentorId: number, menteeId: number]>;
  /**
   * How many best-scoring mentors each mentee keeps as candidates (default 100). The result is
   * exact when it is at least the number of mentors; below that it bounds the work on very large
   * cycles (2,000 mentees and 300 mentors: about 0.3 s against 0.5 s exact, same total on the benchmark).
   */
  candidatesPerMentee?: number;
}

export type RuleBreak = "other_organisation" | "form_not_allowed" | "mentor_not_older" | "earlier_pair" | "no_capacity";

export interface ScoreParts {
  sharedDirections: Direction[];
  sharedWords: string[];
  availability: boolean;
}

export interface Suggestion {
  mentorId: number;
  menteeId: number;
  score: number;
  form: MentoringForm;
  direction: Direction | null;
  pinned: boolean;
  why: ScoreParts;
}

export type UnmatchedReason = "no_allowed_mentor" | "mentors_full" | "not_ready" | RuleBreak;

export interface MatchResult {
  suggestions: Suggestion[];
  unmatchedMentees: Array<{ menteeId: number; reason: UnmatchedReason }>;
  /** Mentors with places left after matching. */
  freeMentors: Array<{ mentorId: number; placesLeft: number }>;
  /** Pins the hard rules or capacities do not allow. */
  refusedPins: Array<{ mentorId: number; menteeId: number; reason: UnmatchedReason }>;
  totalScore: number;
}

const DEFAULT_CANDIDATES_PER_MENTEE = 100;

/** Points of the score; a pair is always worth the base, so matching someone beats leaving them out. */
export const SCORE = {
  base: 10,
  perSharedDirection: 12,
  maxSharedDirections: 3,
  perSharedWord: 5,
  maxSharedWords: 3,
  availability: 2,
} as const;

const STOP_WORDS = new Set(
  "хочу хотел хотела могу буду чтобы очень лучше также помощь помочь помогу разобраться научиться нужно надо with want help better about also would could learn".split(
    " ",
  ),
);

/** Word stems of a free text: lower-case words of four letters or more, cut to five letters. */
export function wordStems(text: string): Set<string> {
  const stems = new Set<string>();
  for (const word of text.toLowerCase().match(/[\p{L}]{4,}/gu) ?? []) {
    if (!STOP_WORDS.has(word)) stems.add(word.slice(0, 5));
  }
  return stems;
}

/** Why a mentor may not take a mentee, or undefined when the hard rules allow the pair. */
export function ruleBreak(mentor: MatchMentor, mentee: MatchMentee, rules: MatchRules, earlier: Set<string>): RuleBreak | undefined {
  if (
    mentor.orgId !== rules.orgId ||
    mentee.orgId !== rules.orgId ||
    mentor.cycleId !== rules.cycleId ||
    mentee.cycleId !== rules.cycleId
  ) {
    return "other_organisation";
  }
  if (!rules.allowedForms.includes(formOfMentor(mentor.kind))) return "form_not_allowed";
  if (!(mentor.birthYear < mentee.birthYear)) return "mentor_not_older";
  if (earlier.has(pairKey(mentor.id, mentee.id))) return "earlier_pair";
  return undefined;
}

/** The score of a pair that passes the hard rules, with its parts for the one-line explanation. */
export function scorePair(
  mentor: MatchMentor,
  mentee: MatchMentee,
  menteeStems: Set<string>,
  mentorStems: Set<string>,
): { score: number; why: ScoreParts } {
  const sharedDirections = [...new Set(mentee.directions)].filter((direction) => mentor.directions.includes(direction));
  const sharedWords = [...menteeStems].filter((stem) => mentorStems.has(stem));
  const availability = mentor.availability.trim().length > 0;
  const score =
    SCORE.base +
    SCORE.perSharedDirection * Math.min(sharedDirections.length, SCORE.maxSharedDirections) +
    SCORE.perSharedWord * Math.min(sharedWords.length, SCORE.maxSharedWords) +
    (availability ? SCORE.availability : 0);
  return { score, why: { sharedDirections, sharedWords: sharedWords.slice(0, SCORE.maxSharedWords), availability } };
}

const DIRECTION_BITS = new Map<Direction, number>(
  (["studies", "additional_education", "projects", "career", "civic"] as const).map((direction, index) => [direction, index]),
);

function popCount(value: number): number {
  let count = 0;
  for (let rest = value; rest !== 0; rest &= rest - 1) count++;
  return count;
}

function pairKey(mentorId: number, menteeId: number): string {
  return `${mentorId}:${menteeId}`;
}

function pairDirection(mentor: MatchMentor, mentee: MatchMentee, rules: MatchRules): Direction | null {
  const inCycle = (direction: Direction) => rules.directions.includes(direction);
  return (
    mentee.directions.find((direction) => mentor.directions.includes(direction) && inCycle(direction)) ??
    mentor.directions.find(inCycle) ??
    mentee.directions.find(inCycle) ??
    null
  );
}

/** The best assignment of mentees to mentors for one cycle. */
export function matchCycle(mentees: readonly MatchMentee[], mentors: readonly MatchMentor[], rules: MatchRules): MatchResult {
  const earlier = new Set(rules.earlierPairs.map(([mentorId, menteeId]) => pairKey(mentorId, menteeId)));
  const placesLeft = new Map(mentors.map((mentor) => [mentor.id, Math.max(0, mentor.capacity)]));
  const mentorById = new Map(mentors.map((mentor) => [mentor.id, mentor]));
  const menteeById = new Map(mentees.map((mentee) => [mentee.id, mentee]));
  const menteeStems = new Map(mentees.map((mentee) => [mentee.id, wordStems(mentee.request)]));
  const mentorStems = new Map(mentors.map((mentor) => [mentor.id, wordStems(mentor.offer)]));

  const suggestions: Suggestion[] = [];
  const taken = new Set<number>();
  const suggest = (mentor: MatchMentor, mentee: MatchMentee, pinned: boolean) => {
    const { score, why } = scorePair(mentor, mentee, menteeStems.get(mentee.id)!, mentorStems.get(mentor.id)!);
    suggestions.push({
      mentorId: mentor.id,
      menteeId: mentee.id,
      score,
      form: formOfMentor(mentor.kind),
      direction: pairDirection(mentor, mentee, rules),
      pinned,
      why,
    });
    taken.add(mentee.id);
    placesLeft.set(mentor.id, placesLeft.get(mentor.id)! - 1);
  };

  // Pinned pairs stay whatever the scores, as long as the hard rules and capacity allow them.
  const refusedPins: MatchResult["refusedPins"] = [];
  for (const [mentorId, menteeId] of rules.pinned ?? []) {
    const mentor = mentorById.get(mentorId);
    const mentee = menteeById.get(menteeId);
    if (!mentor || !mentee) {
      refusedPins.push({ mentorId, menteeId, reason: "not_ready" });
      continue;
    }
    const broken = taken.has(menteeId) || placesLeft.get(mentorId)! <= 0 ? "no_capacity" : ruleBreak(mentor, mentee, rules, earlier);
    if (broken) refusedPins.push({ mentorId, menteeId, reason: broken });
    else suggest(mentor, mentee, true);
  }

  const freeMentees = mentees.filter((mentee) => !taken.has(mentee.id));
  const freeMentors = mentors.filter((mentor) => placesLeft.get(mentor.id)! > 0);
  const limit = Math.max(1, rules.candidatesPerMentee ?? DEFAULT_CANDIDATES_PER_MENTEE);

  // Candidate edges: the hard rules filter, the score ranks, each mentee keeps its best `limit`.
  // This loop meets every mentee–mentor pair, so it works on precomputed numbers only.
  const stemIds = new Map<string, number>();
  const internStem = (stem: string): number => {
    const known = stemIds.get(stem);
    if (known !== undefined) return known;
    stemIds.set(stem, stemIds.size);
    return stemIds.size - 1;
  };
  const internStems = (stems: Set<string>) => Int32Array.from([...stems].map(internStem));
  const directionMask = (directions: readonly Direction[]) =>
    directions.reduce((mask, direction) => mask | (1 << DIRECTION_BITS.get(direction)!), 0);
  const mentorFacts = freeMentors.map((mentor) => ({
    formAllowed: rules.allowedForms.includes(formOfMentor(mentor.kind)),
    sameCycle: mentor.orgId === rules.orgId && mentor.cycleId === rules.cycleId,
    directions: directionMask(mentor.directions),
    stems: new Set(internStems(mentorStems.get(mentor.id)!)),
    bonus: SCORE.base + (mentor.availability.trim().length > 0 ? SCORE.availability : 0),
  }));
  const earlierByMentee = new Map<number, Set<number>>();
  for (const [mentorId, menteeId] of rules.earlierPairs) {
    if (!earlierByMentee.has(menteeId)) earlierByMentee.set(menteeId, new Set());
    earlierByMentee.get(menteeId)!.add(mentorId);
  }
  const edgeMentee: number[] = [];
  const edgeMentor: number[] = [];
  const edgeScore: number[] = [];
  const candidateMentor = new Int32Array(freeMentors.length);
  const candidateScore = new Int32Array(freeMentors.length);
  freeMentees.forEach((mentee, menteeIndex) => {
    const sameCycle = mentee.orgId === rules.orgId && mentee.cycleId === rules.cycleId;
    const directions = directionMask(mentee.directions);
    const stems = internStems(menteeStems.get(mentee.id)!);
    const earlierMentors = earlierByMentee.get(mentee.id);
    let count = 0;
    for (let mentorIndex = 0; mentorIndex < freeMentors.length; mentorIndex++) {
      const mentor = freeMentors[mentorIndex]!;
      const facts = mentorFacts[mentorIndex]!;
      // The hard rules, as ruleBreak states them.
      if (!sameCycle || !facts.sameCycle || !facts.formAllowed || !(mentor.birthYear < mentee.birthYear) || earlierMentors?.has(mentor.id))
        continue;
      let sharedWords = 0;
      for (const stem of stems) if (facts.stems.has(stem)) sharedWords++;
      candidateMentor[count] = mentorIndex;
      candidateScore[count] =
        facts.bonus +
        SCORE.perSharedDirection * Math.min(popCount(directions & facts.directions), SCORE.maxSharedDirections) +
        SCORE.perSharedWord * Math.min(sharedWords, SCORE.maxSharedWords);
      count++;
    }
    let order = Array.from({ length: count }, (_, index) => index);
    if (count > limit) order = order.sort((a, b) => candidateScore[b]! - candidateScore[a]! || a - b).slice(0, limit);
    for (const index of order) {
      edgeMentee.push(menteeIndex);
      edgeMentor.push(candidateMentor[index]!);
      edgeScore.push(candidateScore[index]!);
    }
  });

  const chosen = maxWeightAssignment(
    freeMentees.length,
    freeMentors.map((mentor) => placesLeft.get(mentor.id)!),
    edgeMentee,
    edgeMentor,
    edgeScore,
  );
  for (const edge of chosen) suggest(freeMentors[edgeMentor[edge]!]!, freeMentees[edgeMentee[edge]!]!, false);

  // Why someone is left out. A mentor the rules allow but who has no place left (none to begin
  // with, or taken by pins or by the assignment) makes it "mentors_full", whatever other mentors
  // break; only when no mentor at all is allowed does a broken rule explain it.
  const hasCandidate = new Set(edgeMentee.map((index) => freeMentees[index]!.id));
  const reasonLeftOut = (mentee: MatchMentee): UnmatchedReason => {
    if (hasCandidate.has(mentee.id)) return "mentors_full";
    let firstBreak: RuleBreak | undefined;
    for (const mentor of mentors) {
      const broken = ruleBreak(mentor, mentee, rules, earlier);
      if (!broken) return "mentors_full";
      firstBreak ??= broken;
    }
    return firstBreak ?? "no_allowed_mentor";
  };
  const unmatchedMentees = mentees
    .filter((mentee) => !taken.has(mentee.id))
    .map((mentee) => ({ menteeId: mentee.id, reason: reasonLeftOut(mentee) }));
  return {
    suggestions,
    unmatchedMentees,
    freeMentors: mentors
      .filter((mentor) => placesLeft.get(mentor.id)! > 0)
      .map((mentor) => ({ mentorId: mentor.id, placesLeft: placesLeft.get(mentor.id)! })),
    refusedPins,
    totalScore: suggestions.reduce((sum, suggestion) => sum + suggestion.score, 0),
  };
}

/**
 * Maximum-weight b-matching on a bipartite graph (left side capacity 1, right side `capacities`)
 * as a min-cost flow: source → left (0) → right (−score) → sink (0). Successive shortest paths:
 * Dijkstra (a bucket queue: scores are integers) on costs reduced by potentials finds the cheapest
 * augmenting path; every path of that cost is then augmented in one phase over the arcs whose
 * reduced cost is zero, and the search stops when an augmenting path would no longer gain score.
 * The residual graph is kept implicitly: a left node's arcs are its candidate edges, a right
 * node's backward arcs are only the edges assigned to it, so a phase never walks empty arcs.
 * Returns the indices of the chosen edges.
 */
export function maxWeightAssignment(
  leftCount: number,
  capacities: readonly number[],
  edgeLeft: readonly number[],
  edgeRight: readonly number[],
  edgeScore: readonly number[],
): number[] {
  const rightCount = capacities.length;
  const edgeCount = edgeLeft.length;
  // Candidate edges grouped by left node (CSR).
  const start = new Int32Array(leftCount + 1);
  for (let edge = 0; edge < edgeCount; edge++) start[edgeLeft[edge]! + 1]!++;
  for (let left = 0; left < leftCount; left++) start[left + 1]! += start[left]!;
  const byLeft = new Int32Array(edgeCount);
  const fill = start.slice(0, leftCount);
  for (let edge = 0; edge < edgeCount; edge++) byLeft[fill[edgeLeft[edge]!]!++] = edge;

  const matched = new Int32Array(leftCount).fill(-1);
  const load = new Int32Array(rightCount);
  const assigned: number[][] = Array.from({ length: rightCount }, () => []);

  // Potentials; the source's stays 0. Initially the shortest distances of the acyclic graph.
  const potentialLeft = new Float64Array(leftCount);
  const potentialRight = new Float64Array(rightCount);
  for (let edge = 0; edge < edgeCount; edge++) {
    const right = edgeRight[edge]!;
    potentialRight[right] = Math.min(potentialRight[right]!, -edgeScore[edge]!);
  }
  let potentialSink = 0;
  for (let right = 0; right < rightCount; right++) potentialSink = Math.min(potentialSink, potentialRight[right]!);

  const INFINITE = Number.POSITIVE_INFINITY;
  const distanceLeft = new Float64Array(leftCount);
  const distanceRight = new Float64Array(rightCount);
  const settledLeft = new Uint8Array(leftCount);
  const settledRight = new Uint8Array(rightCount);
  // Bucket queue entries: left nodes as themselves, right nodes as leftCount + index.
  const buckets: number[][] = [];
  const deadLeft = new Uint8Array(leftCount);
  const deadRight = new Uint8Array(rightCount);
  const onPathLeft = new Uint8Array(leftCount);
  const onPathRight = new Uint8Array(rightCount);
  const reduced = (cost: number, from: number, to: number) => cost + from - to;

  for (;;) {
    distanceLeft.fill(INFINITE);
    distanceRight.fill(INFINITE);
    settledLeft.fill(0);
    settledRight.fill(0);
    buckets.length = 0;
    let distanceSink = INFINITE;
    const push = (node: number, distance: number) => {
      buckets[distance] ??= [];
      buckets[distance].push(node);
    };
    for (let left = 0; left < leftCount; left++) {
      if (matched[left] !== -1) continue;
      const distance = reduced(0, 0, potentialLeft[left]!);
      if (distance < distanceLeft[left]!) {
        distanceLeft[left] = distance;
        push(left, distance);
      }
    }
    search: for (let current = 0; current < buckets.length; current++) {
      const bucket = buckets[current];
      if (!bucket) continue;
      for (let position = 0; position < bucket.length; position++) {
        const node = bucket[position]!;
        if (current >= distanceSink) break search;
        if (node < leftCount) {
          if (settledLeft[node] || distanceLeft[node] !== current) continue;
          settledLeft[node] = 1;
          for (let index = start[node]!; index < start[node + 1]!; index++) {
            const edge = byLeft[index]!;
            if (edge === matched[node]) continue;
            const right = edgeRight[edge]!;
            if (settledRight[right]) continue;
            const distance = current + reduced(-edgeScore[edge]!, potentialLeft[node]!, potentialRight[right]!);
            if (distance < distanceRight[right]!) {
              distanceRight[right] = distance;
              push(leftCount + right, distance);
            }
          }
        } else {
          const right = node - leftCount;
          if (settledRight[right] || distanceRight[right] !== current) continue;
          settledRight[right] = 1;
          if (load[right]! < capacities[right]!) {
            distanceSink = Math.min(distanceSink, current + reduced(0, potentialRight[right]!, potentialSink));
          }
          for (const edge of assigned[right]!) {
            const left = edgeLeft[edge]!;
            if (settledLeft[left]) continue;
            const distance = current + reduced(edgeScore[edge]!, potentialRight[right]!, potentialLeft[left]!);
            if (distance < distanceLeft[left]!) {
              distanceLeft[left] = distance;
              push(left, distance);
            }
          }
        }
      }
    }
    if (distanceSink === INFINITE) break;
    for (let left = 0; left < leftCount; left++) potentialLeft[left] = potentialLeft[left]! + Math.min(distanceLeft[left]!, distanceSink);
    for (let right = 0; right < rightCount; right++)
      potentialRight[right] = potentialRight[right]! + Math.min(distanceRight[right]!, distanceSink);
    potentialSink += distanceSink;
    // The cheapest augmenting path costs potentialSink: augment only while it gains score.
    if (potentialSink >= 0) break;

    // Augment every shortest path of this phase: a depth-first search over zero-reduced-cost arcs,
    // marking nodes that cannot reach the sink.
    deadLeft.fill(0);
    deadRight.fill(0);
    const path: number[] = [];
    const fromLeft = (left: number): boolean => {
      onPathLeft[left] = 1;
      for (let index = start[left]!; index < start[left + 1]!; index++) {
        const edge = byLeft[index]!;
        if (edge === matched[left]) continue;
        const right = edgeRight[edge]!;
        if (deadRight[right] || onPathRight[right]) continue;
        if (reduced(-edgeScore[edge]!, potentialLeft[left]!, potentialRight[right]!) !== 0) continue;
        path.push(edge);
        if (fromRight(right)) {
          onPathLeft[left] = 0;
          return true;
        }
        path.pop();
      }
      onPathLeft[left] = 0;
      deadLeft[left] = 1;
      return false;
    };
    const fromRight = (right: number): boolean => {
      if (load[right]! < capacities[right]! && potentialRight[right] === potentialSink) return true;
      onPathRight[right] = 1;
      for (const edge of assigned[right]!) {
        const left = edgeLeft[edge]!;
        if (deadLeft[left] || onPathLeft[left]) continue;
        if (reduced(edgeScore[edge]!, potentialRight[right]!, potentialLeft[left]!) !== 0) continue;
        path.push(edge);
        if (fromLeft(left)) {
          onPathRight[right] = 0;
          return true;
        }
        path.pop();
      }
      onPathRight[right] = 0;
      deadRight[right] = 1;
      return false;
    };
    let augmented = false;
    for (let left = 0; left < leftCount; left++) {
      if (matched[left] !== -1 || deadLeft[left] || potentialLeft[left] !== 0) continue;
      path.length = 0;
      if (!fromLeft(left)) continue;
      augmented = true;
      // The path alternates: a new edge into a right node, then (if it goes on) that node's old
      // edge handed over, and so on; the last right node takes one more.
      for (let step = 0; step < path.length; step += 2) {
        const edge = path[step]!;
        const right = edgeRight[edge]!;
        const released = path[step + 1];
        matched[edgeLeft[edge]!] = edge;
        assigned[right]!.push(edge);
        if (released === undefined) {
          load[right]! += 1;
        } else {
          const list = assigned[right]!;
          list.splice(list.indexOf(released), 1);
        }
      }
    }
    if (!augmented) break;
  }

  const chosen: number[] = [];
  for (let left = 0; left < leftCount; left++) if (matched[left] !== -1) chosen.push(matched[left]!);
  return chosen.sort((a, b) => a - b);
}
