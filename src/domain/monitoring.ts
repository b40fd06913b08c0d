import { type InteractionVariant, pairsByVariant } from "./interaction-variants.ts";
import type { IntroductionAttendance } from "./introduction.ts";
import type { Direction, MentoringForm } from "./programme.ts";
import { SURVEY_AUDIENCES, SURVEY_SETS, type SurveyAudience, type SurveySet } from "./surveys.ts";

/**
 * The monitoring report of a cycle, in the two parts the target model asks for: the quality of the
 * programme (response rates, satisfaction by form and direction, meetings held per pair, plans
 * completed, pairs that stopped) and the participants' growth (the change of each scale answer
 * between the start and the end questionnaire). Computed from plain facts, so the same facts always
 * give the same report.
 */

export interface ReportPair {
  pairId: number;
  form: MentoringForm;
  direction: Direction | null;
  /** The interaction variant of a student–student pair; null (or absent) for other forms. */
  variant?: InteractionVariant | null;
  /** Meetings ticked off as held. */
  meetingsHeld: number;
  milestones: number;
  milestonesDone: number;
  /** The pair stopped before the cycle closed (a mentee or the mentor left, or the pair was dissolved). */
  stopped: boolean;
  /** Whether the pair came to its introduction (stage 5); null or absent when never ticked. */
  introduction?: IntroductionAttendance | null;
}

export interface ReportRespondent {
  personId: number;
  name: string;
  audience: SurveyAudience;
  pairId: number;
  /** Whether each questionnaire was sent, and its scale answers by question id once answered. */
  start: SurveyFacts;
  end: SurveyFacts;
}

export interface SurveyFacts {
  sent: boolean;
  /** Scale answers by question id; undefined while unanswered. */
  scales?: Record<string, number>;
}

export interface RateFigure {
  sent: number;
  answered: number;
  /** answered / sent, 0 when nothing was sent. */
  rate: number;
}

export interface AverageFigure {
  /** Mean of the answers, rounded to one decimal; null without answers. */
  average: number | null;
  answers: number;
}

export interface QualityPart {
  pairs: number;
  pairsStopped: number;
  /** Pairs that came to their introduction (of `pairs`). */
  introductionHeld: number;
  responseRates: Record<SurveyAudience, Record<"start" | "end", RateFigure>>;
  /** Satisfaction (the end questionnaire's satisfaction scales) by form and by direction. */
  satisfactionByForm: Partial<Record<MentoringForm, AverageFigure>>;
  satisfactionByDirection: Partial<Record<Direction | "none", AverageFigure>>;
  satisfactionOverall: AverageFigure;
  /** Student–student pairs and groups by interaction variant, with their satisfaction. */
  pairsByVariant: Record<InteractionVariant, number>;
  satisfactionByVariant: Partial<Record<InteractionVariant, AverageFigure>>;
  meetingsHeldPerPair: number;
  /** Pairs whose plan has milestones, all of them done. */
  plansCompleted: number;
  plansWithMilestones: number;
  milestonesDoneShare: number;
}

export interface GrowthRow {
  personId: number;
  name: string;
  audience: SurveyAudience;
  /** End minus start for every scale asked both times and answered both times. */
  changes: Record<string, number>;
  /** Mean of the changes; null when no question was answered both times. */
  average: number | null;
}

export interface GrowthPart {
  rows: GrowthRow[];
  /** Mean change per question id, per audience. */
  byQuestion: Record<SurveyAudience, Record<string, AverageFigure>>;
  overall: Record<SurveyAudience, AverageFigure>;
}

export interface MonitoringReport {
  quality: QualityPart;
  growth: GrowthPart;
}

const round1 = (value: number): number => Math.round(value * 10) / 10;

function average(values: readonly number[]): AverageFigure {
  if (values.length === 0) return { average: null, answers: 0 };
  return { average: round1(values.reduce((sum, value) => sum + value, 0) / values.length), answers: values.length };
}

function rate(facts: readonly SurveyFacts[]): RateFigure {
  const sent = facts.filter((fact) => fact.sent).length;
  const answered = facts.filter((fact) => fact.sent && fact.scales !== undefined).length;
  return { sent, answered, rate: sent === 0 ? 0 : answered / sent };
}

/**
 * The report of a cycle. `satisfactionQuestions` names the end questionnaire's satisfaction scales
 * per audience; `growthQuestions` the scales asked at both moments.
 */
export function monitoringReport(
  pairs: readonly ReportPair[],
  respondents: readonly ReportRespondent[],
  questions: { satisfaction: Record<SurveyAudience, readonly string[]>; growth: Record<SurveyAudience, readonly string[]> },
): MonitoringReport {
  const pairById = new Map(pairs.map((pair) => [pair.pairId, pair]));
  const of = (audience: SurveyAudience) => respondents.filter((respondent) => respondent.audience === audience);

  // One satisfaction value per respondent: the mean of their satisfaction scales.
  const satisfied: Array<{ pair: ReportPair; value: number }> = [];
  for (const respondent of respondents) {
    const pair = pairById.get(respondent.pairId);
    const scales = respondent.end.scales;
    if (!pair || !scales) continue;
    const values = questions.satisfaction[respondent.audience]
      .map((id) => scales[id])
      .filter((value): value is number => value !== undefined);
    if (values.length > 0) satisfied.push({ pair, value: values.reduce((sum, value) => sum + value, 0) / values.length });
  }
  const groupedAverage = <K extends string>(key: (pair: ReportPair) => K): Partial<Record<K, AverageFigure>> => {
    const groups = new Map<K, number[]>();
    for (const entry of satisfied) groups.set(key(entry.pair), [...(groups.get(key(entry.pair)) ?? []), entry.value]);
    return Object.fromEntries([...groups].map(([group, values]) => [group, average(values)])) as Partial<Record<K, AverageFigure>>;
  };

  const withMilestones = pairs.filter((pair) => pair.milestones > 0);
  const milestones = pairs.reduce((sum, pair) => sum + pair.milestones, 0);
  const quality: QualityPart = {
    pairs: pairs.length,
    pairsStopped: pairs.filter((pair) => pair.stopped).length,
    introductionHeld: pairs.filter((pair) => pair.introduction === "held").length,
    responseRates: {
      mentee: { start: rate(of("mentee").map((r) => r.start)), end: rate(of("mentee").map((r) => r.end)) },
      mentor: { start: rate(of("mentor").map((r) => r.start)), end: rate(of("mentor").map((r) => r.end)) },
    },
    satisfactionByForm: groupedAverage((pair) => pair.form),
    satisfactionByDirection: groupedAverage((pair) => pair.direction ?? "none"),
    satisfactionOverall: average(satisfied.map((entry) => entry.value)),
    pairsByVariant: pairsByVariant(pairs),
    satisfactionByVariant: Object.fromEntries(
      Object.entries(groupedAverage((pair) => pair.variant ?? "none")).filter(([variant]) => variant !== "none"),
    ) as Partial<Record<InteractionVariant, AverageFigure>>,
    meetingsHeldPerPair: pairs.length === 0 ? 0 : round1(pairs.reduce((sum, pair) => sum + pair.meetingsHeld, 0) / pairs.length),
    plansCompleted: withMilestones.filter((pair) => pair.milestonesDone === pair.milestones).length,
    plansWithMilestones: withMilestones.length,
    milestonesDoneShare: milestones === 0 ? 0 : pairs.reduce((sum, pair) => sum + pair.milestonesDone, 0) / milestones,
  };

  const rows: GrowthRow[] = respondents.map((respondent) => {
    const changes: Record<string, number> = {};
    for (const id of questions.growth[respondent.audience]) {
      const before = respondent.start.scales?.[id];
      const after = respondent.end.scales?.[id];
      if (before !== undefined && after !== undefined) changes[id] = after - before;
    }
    const values = Object.values(changes);
    return {
      personId: respondent.personId,
      name: respondent.name,
      audience: respondent.audience,
      changes,
      average: values.length === 0 ? null : round1(values.reduce((sum, value) => sum + value, 0) / values.length),
    };
  });
  const byQuestion = (audience: SurveyAudience) =>
    Object.fromEntries(
      questions.growth[audience].map((id) => [
        id,
        average(rows.filter((row) => row.audience === audience && row.changes[id] !== undefined).map((row) => row.changes[id]!)),
      ]),
    );
  const overall = (audience: SurveyAudience) =>
    average(rows.filter((row) => row.audience === audience && row.average !== null).map((row) => row.average!));

  return {
    quality,
    growth: {
      rows,
      byQuestion: { mentee: byQuestion("mentee"), mentor: byQuestion("mentor") },
      overall: { mentee: overall("mentee"), mentor: overall("mentor") },
    },
  };
}

export interface ReportQuestions {
  satisfaction: Record<SurveyAudience, readonly string[]>;
  growth: Record<SurveyAudience, readonly string[]>;
}

/**
 * The questions a report reads, from the question sets: growth from the scales asked at both moments,
 * satisfaction from the end's satisfaction scales. Every version counts (a cycle may have started on
 * an older set); a question id keeps its meaning across versions, so each id is listed once.
 */
export function reportQuestions(sets: readonly SurveySet[] = SURVEY_SETS): ReportQuestions {
  const ids = (audience: SurveyAudience, keep: (question: SurveySet["questions"][number]) => boolean) => [
    ...new Set(sets.filter((set) => set.audience === audience).flatMap((set) => set.questions.filter(keep).map((question) => question.id))),
  ];
  const pick = (keep: (question: SurveySet["questions"][number]) => boolean) =>
    Object.fromEntries(SURVEY_AUDIENCES.map((audience) => [audience, ids(audience, keep)])) as Record<SurveyAudience, string[]>;
  return {
    growth: pick((question) => question.kind === "scale" && question.moments.includes("start") && question.moments.includes("end")),
    satisfaction: pick((question) => question.kind === "scale" && question.satisfaction === true),
  };
}

export interface StartEndFigure {
  question: string;
  start: AverageFigure;
  end: AverageFigure;
}

/**
 * The mean start and end answer of each growth question, per audience, over the people who answered
 * it both times: the two bars of the report's chart, whose gap is the mean change.
 */
export function startEndAverages(
  respondents: readonly ReportRespondent[],
  growth: ReportQuestions["growth"],
): Record<SurveyAudience, StartEndFigure[]> {
  const figures = (audience: SurveyAudience): StartEndFigure[] =>
    growth[audience].map((question) => {
      const both = respondents.filter(
        (respondent) =>
          respondent.audience === audience &&
          respondent.start.scales?.[question] !== undefined &&
          respondent.end.scales?.[question] !== undefined,
      );
      return {
        question,
        start: average(both.map((respondent) => respondent.start.scales![question]!)),
        end: average(both.map((respondent) => respondent.end.scales![question]!)),
      };
    });
  return { mentee: figures("mentee"), mentor: figures("mentor") };
}
