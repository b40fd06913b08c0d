import { type CalendarDate, calendarDate } from "./cycle.ts";
import type { Parsed } from "./parsers.ts";
import { parseTypedDeadline } from "./typed-dates.ts";

/**
 * The individual mentoring plan (ИПН) of a pair or group: a goal and milestones (what, by when, how it
 * is shown). The mentor writes it, a mentee agrees or asks for a change, and changes to what was agreed
 * open the agreement again.
 */

export const PLAN_STATUSES = ["draft", "proposed", "agreed", "change_requested"] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const MILESTONE_STATES = ["done", "overdue", "upcoming"] as const;
export type MilestoneState = (typeof MILESTONE_STATES)[number];

/** As long as the database allows (plans.goal, plan_milestones.title / evidence, plans.change_request). */
export const MAX_PLAN_GOAL = 500;
export const MAX_MILESTONE_TITLE = 300;
export const MAX_MILESTONE_EVIDENCE = 300;
export const MAX_CHANGE_REQUEST = 1000;
/** Ten steps are plenty for one school year, and keep the plan readable in one message. */
export const MAX_MILESTONES = 10;

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });

/** Text typed for a goal, a milestone or a change request: trimmed, not empty, at most `max` characters. */
export function parsePlanText(text: string, max: number): Parsed<string> {
  // PostgreSQL text cannot hold NUL; paragraphs are kept, runs of spaces and blank lines are not.
  const value = text
    .replace(/\u0000/g, "")
    .replace(/[ \t]+/g, " ")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  if (value.length === 0) return { ok: false, error: "error-empty" };
  if (Array.from(value).length > max) return { ok: false, error: "error-too-long", args: { max } };
  return ok(value);
}

/**
 * A milestone's date typed or pressed ("25.12", "через 2 недели", "к 20 января", "ко вторнику",
 * "до конца января", "by Friday", "2026-12-25"): a real day, not before today in the organisation's
 * zone, and not after the cycle ends. The refusal for a late date carries the cycle's last day as
 * `end` (YYYY-MM-DD).
 */
export function parseMilestoneDate(text: string, now: Date, timeZone: string, cycleEndsOn: CalendarDate): Parsed<CalendarDate> {
  const date = parseTypedDeadline(text, calendarDate(now, timeZone));
  if (!date.ok) return date;
  if (date.value > cycleEndsOn) return { ok: false, error: "plan-error-after-cycle", args: { end: cycleEndsOn } };
  return date;
}

/** A milestone as its state is judged. */
export interface MilestoneProgress {
  dueOn: CalendarDate;
  doneAt: Date | string | null;
}

/** Where a milestone stands on a day: done, overdue (its day has passed and it is not done) or upcoming. */
export function milestoneState(milestone: MilestoneProgress, today: CalendarDate): MilestoneState {
  if (milestone.doneAt !== null) return "done";
  return milestone.dueOn < today ? "overdue" : "upcoming";
}

/** How many milestones are overdue on a day. */
export function overdueCount(milestones: readonly MilestoneProgress[], today: CalendarDate): number {
  return milestones.filter((milestone) => milestoneState(milestone, today) === "overdue").length;
}

/** What the mentor (or a mentee, for "done") changed in a plan. */
export type PlanChange = "goal" | "title" | "date" | "evidence" | "added" | "removed" | "done" | "undone";

/**
 * Whether a change to a plan in this status needs the mentees to look again: any change of what was
 * promised (goal, a milestone's title, date or how it is shown, a milestone added or removed) once the
 * plan was shown to them. Marking a milestone done or not done records progress, not a new promise.
 * A draft has not been shown yet, so nothing re-opens.
 */
export function reopensAgreement(status: PlanStatus, change: PlanChange): boolean {
  if (status === "draft") return false;
  return change !== "done" && change !== "undone";
}

/** The plan's status and version after a change: re-opened changes go back to "proposed" as a new version. */
export function planAfterChange(
  plan: { status: PlanStatus; version: number },
  change: PlanChange,
): { status: PlanStatus; version: number; reopened: boolean } {
  if (!reopensAgreement(plan.status, change)) return { ...plan, reopened: false };
  return { status: "proposed", version: plan.version + 1, reopened: true };
}

/**
 * Whether a mentee's "I agree", pressed on the plan of version `seenVersion`, counts: the plan must be
 * shown to mentees (proposed, or a change was asked and the mentee now agrees as it is) and not changed
 * since they saw it. The refusal names why.
 */
export function checkAgreement(plan: { status: PlanStatus; version: number }, seenVersion: number): Parsed<true> {
  if (plan.status === "draft") return { ok: false, error: "plan-error-not-sent" };
  if (plan.version !== seenVersion) return { ok: false, error: "plan-error-changed-since" };
  if (plan.status === "agreed") return { ok: false, error: "plan-error-already-agreed" };
  return ok(true);
}

/** Whether a mentee may ask for a change of the plan of version `seenVersion`: only of the version shown and not yet agreed or questioned. */
export function checkChangeRequest(plan: { status: PlanStatus; version: number }, seenVersion: number): Parsed<true> {
  if (plan.status === "draft") return { ok: false, error: "plan-error-not-sent" };
  if (plan.version !== seenVersion) return { ok: false, error: "plan-error-changed-since" };
  if (plan.status === "agreed") return { ok: false, error: "plan-error-already-agreed" };
  if (plan.status === "change_requested") return { ok: false, error: "plan-error-change-already-asked" };
  return ok(true);
}
