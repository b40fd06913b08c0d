import type { Repositories } from "#root/db/repositories/index.ts";
import type { DraftUnit } from "#root/db/repositories/pairs.ts";
import type { Choice, Dialog } from "#root/dialog/dialog.ts";
import type { FlowContext, FlowDefinition } from "#root/dialog/flow.ts";
import { hasInteractionVariant, INTERACTION_VARIANTS, type InteractionVariant, suggestVariant } from "#root/domain/interaction-variants.ts";
import { matchCycle, type Suggestion, type UnmatchedReason } from "#root/domain/matching.ts";
import type { Direction, MentoringForm } from "#root/domain/programme.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import { directionList, joinedList } from "../common/choices.ts";
import { coordinatorScope } from "../common/people.ts";
import { pickFromList } from "../common/picker.ts";
import { exportAction, openCycleAction, programmeAction } from "./actions.ts";

interface DraftView {
  units: Array<{
    pairId: number;
    mentorId: number;
    mentorName: string;
    form: string;
    direction: Direction | null;
    /** A student–student unit's interaction variant and the one its mentees' situations suggest. */
    variant: InteractionVariant | null;
    suggestedVariant: InteractionVariant | null;
    members: Array<{
      menteeId: number;
      menteeName: string;
      pinned: boolean;
      why: { directions: string[]; words: string[]; availability: boolean } | null;
    }>;
  }>;
  unmatched: Array<{ menteeId: number; name: string; reason: UnmatchedReason }>;
  freeMentors: Array<{ mentorId: number; name: string; placesLeft: number }>;
  refusedPins: Array<{ mentorName: string; menteeName: string; reason: UnmatchedReason }>;
  mentors: Array<{ id: number; name: string }>;
  waitingConsent: number;
  notApproved: number;
}

/** Groups suggestions by mentor: one mentee makes a pair, several make a group. */
function toUnits(suggestions: Suggestion[]): DraftUnit[] {
  const byMentor = new Map<number, Suggestion[]>();
  for (const suggestion of suggestions) byMentor.set(suggestion.mentorId, [...(byMentor.get(suggestion.mentorId) ?? []), suggestion]);
  return [...byMentor.values()].map((members) => {
    const directionCounts = new Map<Direction, number>();
    for (const member of members)
      if (member.direction) directionCounts.set(member.direction, (directionCounts.get(member.direction) ?? 0) + 1);
    const direction = [...directionCounts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
    return {
      mentorId: members[0]!.mentorId,
      form: members[0]!.form,
      direction,
      members: members.map((member) => ({ menteeId: member.menteeId, score: member.score, why: member.why, pinned: member.pinned })),
    };
  });
}

/** A unit by who is in it: a variant chosen for a unit stays while the same people make it up. */
function unitKey(mentorId: number, menteeIds: number[]): string {
  return `${mentorId}:${[...menteeIds].sort((a, b) => a - b).join(",")}`;
}

/** The words of a request that a shared stem came from, to explain a suggestion in people's words. */
function wordsFor(stems: string[], request: string): string[] {
  const words = request.toLowerCase().match(/[\p{L}]{4,}/gu) ?? [];
  return stems.map((stem) => words.find((word) => word.startsWith(stem)) ?? stem);
}

async function computeDraft(
  repos: Repositories,
  orgId: number,
  cycleId: number,
  pins: Array<[number, number]>,
  excluded: number[],
): Promise<DraftView> {
  const cycle = (await repos.cycles.get(cycleId))!;
  const pool = await repos.pairs.pool(orgId, cycleId);
  const organisationForms = await repos.cycles.organisationForms(orgId);
  const result = matchCycle(
    pool.mentees.filter((mentee) => !excluded.includes(mentee.id)),
    pool.mentors,
    {
      orgId,
      cycleId,
      allowedForms: cycle.forms.filter((form) => organisationForms.includes(form)),
      directions: cycle.directions,
      earlierPairs: await repos.pairs.earlierPairs(orgId, cycleId),
      pinned: pins,
    },
  );
  // The variants of the draft being replaced: the coordinator's choice survives a recomputation.
  const previousVariants = new Map(
    (await repos.pairs.units(cycleId, "draft"))
      .filter((unit) => unit.variant !== null)
      .map((unit) => [
        unitKey(
          unit.mentorId,
          unit.members.map((member) => member.menteeId),
        ),
        unit.variant!,
      ]),
  );
  const situations = await repos.pairs.situations(result.suggestions.map((suggestion) => suggestion.menteeId));
  const suggestedVariant = (unit: { form: MentoringForm; members: Array<{ menteeId: number }> }): InteractionVariant | null =>
    hasInteractionVariant(unit.form) ? suggestVariant(unit.members.map((member) => situations.get(member.menteeId) ?? [])) : null;
  await repos.pairs.saveDraft(
    orgId,
    cycleId,
    toUnits(result.suggestions).map((unit) => {
      const suggested = suggestedVariant(unit);
      const kept = previousVariants.get(
        unitKey(
          unit.mentorId,
          unit.members.map((member) => member.menteeId),
        ),
      );
      return { ...unit, variant: suggested ? (kept ?? suggested) : null };
    }),
  );
  const menteeById = new Map(pool.mentees.map((mentee) => [mentee.id, mentee]));
  const mentorById = new Map(pool.mentors.map((mentor) => [mentor.id, mentor]));
  const units = await repos.pairs.units(cycleId, "draft");
  return {
    units: units.map((unit) => ({
      pairId: unit.pairId,
      mentorId: unit.mentorId,
      mentorName: unit.mentorName ?? "—",
      form: unit.form,
      direction: unit.direction,
      variant: unit.variant,
      suggestedVariant: suggestedVariant(unit),
      members: unit.members.map((member) => ({
        menteeId: member.menteeId,
        menteeName: member.menteeName ?? "—",
        pinned: member.pinned,
        why: member.why
          ? {
              directions: member.why.sharedDirections,
              words: wordsFor(member.why.sharedWords, menteeById.get(member.menteeId)?.request ?? ""),
              availability: member.why.availability,
            }
          : null,
      })),
    })),
    unmatched: result.unmatchedMentees.map((entry) => ({
      menteeId: entry.menteeId,
      name: menteeById.get(entry.menteeId)?.name ?? "—",
      reason: entry.reason,
    })),
    freeMentors: result.freeMentors.map((entry) => ({
      mentorId: entry.mentorId,
      name: mentorById.get(entry.mentorId)?.name ?? "—",
      placesLeft: entry.placesLeft,
    })),
    refusedPins: result.refusedPins.map((pin) => ({
      mentorName: mentorById.get(pin.mentorId)?.name ?? "—",
      menteeName: menteeById.get(pin.menteeId)?.name ?? "—",
      reason: pin.reason,
    })),
    mentors: pool.mentors.map((mentor) => ({ id: mentor.id, name: mentor.name ?? "—" })),
    waitingConsent: pool.menteesWaitingConsent,
    notApproved: pool.mentorsNotApproved,
  };
}

function why(member: DraftView["units"][number]["members"][number]): Msg {
  if (member.pinned) return msg("match-why-pinned");
  if (!member.why) return msg("match-why-none");
  const parts: Msg[] = [];
  if (member.why.directions.length > 0) parts.push(msg("match-why-directions", { directions: directionList(member.why.directions) }));
  if (member.why.words.length > 0) parts.push(msg("match-why-words", { words: member.why.words.map((word) => `«${word}»`).join(", ") }));
  if (member.why.availability) parts.push(msg("match-why-availability"));
  return parts.length > 0 ? joinedList(parts) : msg("match-why-none");
}

async function showDraft(d: Dialog, view: DraftView): Promise<void> {
  const lines: Msg[] = [
    msg("match-draft-title", { units: view.units.length, paired: view.units.reduce((sum, unit) => sum + unit.members.length, 0) }),
  ];
  for (const unit of view.units) {
    lines.push(
      msg(unit.members.length > 1 ? "match-unit-group" : "match-unit-pair", {
        mentor: unit.mentorName,
        form: msg(`form-${unit.form}`),
        direction: unit.direction ? msg(`direction-${unit.direction}`) : "—",
        mentees: unit.members.map((member) => member.menteeName).join(", "),
      }),
      ...unit.members.map((member) => msg("match-member-why", { mentee: member.menteeName, why: why(member) })),
    );
    if (unit.variant)
      lines.push(
        msg(unit.variant === unit.suggestedVariant ? "variant-draft-suggested" : "variant-draft-chosen", {
          variant: msg(`variant-${unit.variant}`),
        }),
      );
  }
  if (view.unmatched.length > 0) {
    lines.push(msg("match-unmatched-title", { count: view.unmatched.length }));
    lines.push(
      ...view.unmatched.map((entry) => msg("match-unmatched-line", { name: entry.name, reason: msg(`unmatched-${entry.reason}`) })),
    );
  }
  if (view.freeMentors.length > 0) {
    lines.push(msg("match-free-mentors", { list: view.freeMentors.map((entry) => `${entry.name} (${entry.placesLeft})`).join(", ") }));
  }
  for (const pin of view.refusedPins)
    lines.push(msg("match-pin-refused", { mentor: pin.mentorName, mentee: pin.menteeName, reason: msg(`unmatched-${pin.reason}`) }));
  if (view.waitingConsent + view.notApproved > 0)
    lines.push(msg("match-not-ready", { mentees: view.waitingConsent, mentors: view.notApproved }));
  await d.say(lines);
}

/**
 * The coordinator picks a student–student unit of the draft (when there are several) and its
 * interaction variant; the draft keeps it and publishing stores it with the pair.
 */
async function changeVariant(d: Dialog, ctx: FlowContext, orgId: number, units: DraftView["units"]): Promise<void> {
  const name = (unit: DraftView["units"][number]) => `${unit.mentorName} — ${unit.members.map((member) => member.menteeName).join(", ")}`;
  const pairId =
    units.length === 1
      ? units[0]!.pairId
      : Number(
          await pickFromList(
            d,
            msg("variant-pick-unit"),
            units.map((unit) => ({ value: String(unit.pairId), label: msg("plain", { text: name(unit) }) })),
          ),
        );
  const unit = units.find((entry) => entry.pairId === pairId)!;
  const variant = await d.choose<InteractionVariant>(
    msg("variant-choose", {
      unit: name(unit),
      current: msg(`variant-${unit.variant}`),
      suggested: msg(`variant-${unit.suggestedVariant}`),
    }),
    INTERACTION_VARIANTS.map((value) => ({ value, label: msg(`variant-${value}`) })),
  );
  await d.run("set-variant", () => ctx.inOrganisation(orgId, (repos) => repos.pairs.setDraftVariant(pairId, variant)));
}

/** Publishes the draft and tells everyone; null when the cycle no longer takes new pairs. */
async function publish(d: Dialog, ctx: FlowContext, orgId: number, orgName: string, cycleId: number): Promise<number | null> {
  return d.run("publish", async () => {
    const { units, parents, count } = await ctx.inOrganisation(orgId, async (repos) => {
      // A draft kept from before the closing (a stale button) must not reopen the cycle.
      const stage = (await repos.cycles.get(cycleId))?.stage;
      if (stage !== "matching" && stage !== "working") return { units: [], parents: [], count: null };
      const units = await repos.pairs.units(cycleId, "draft");
      const count = await repos.pairs.publish(cycleId, ctx.now());
      await repos.cycles.setStage(cycleId, "working");
      const parents = await repos.pairs.parentsOf(units.flatMap((unit) => unit.members.map((member) => member.menteeId)));
      return { units, parents, count };
    });
    for (const unit of units) {
      const direction = unit.direction ? msg(`direction-${unit.direction}`) : msg("match-why-none");
      const form = msg(`form-${unit.form}`);
      const mentees = unit.members
        .map((member) => `${member.menteeName ?? "—"}${member.menteeGrade ? ` (${member.menteeGrade})` : ""}`)
        .join(", ");
      await ctx.notify.send(
        { personId: unit.mentorPersonId },
        {
          text: [
            msg(unit.members.length > 1 ? "published-mentor-group" : "published-mentor-pair", { org: orgName, mentees, form, direction }),
            msg("published-intro-meeting-mentor"),
          ],
        },
        `published:${unit.pairId}:mentor`,
      );
      for (const member of unit.members) {
        const mentor = msg("published-mentor-name", { name: unit.mentorName ?? "—", kind: msg(`mentor-kind-${unit.mentorKind}`) });
        await ctx.notify.send(
          { personId: member.menteePersonId },
          { text: [msg("published-mentee", { mentor, direction }), msg("published-intro-meeting-mentee")] },
          `published:${unit.pairId}:mentee:${member.menteeId}`,
        );
        for (const parent of parents.filter((entry) => entry.menteeId === member.menteeId)) {
          await ctx.notify.send(
            { personId: parent.parentPersonId },
            { text: [msg("published-parent", { child: member.menteeName ?? "—", mentor, direction, org: orgName })] },
            `published:${unit.pairId}:parent:${member.menteeId}:${parent.parentPersonId}`,
          );
        }
      }
    }
    return count;
  });
}

/**
 * Stage 5: suggestions for the whole cycle at once (hard rules, then the best total score), which
 * the coordinator adjusts — pin, swap, remove — and publishes; everyone is told their pair or group.
 */
export const matchFlow: FlowDefinition = {
  name: "match",
  // 2: the interaction variant of student–student units (a new action and its steps).
  version: 2,
  async run(d, ctx) {
    const scope = await coordinatorScope(d, ctx);
    if (!scope) return;
    const orgId = scope.membership.orgId;
    const cycle = await d.run("cycle", () => ctx.inOrganisation(orgId, (repos) => repos.cycles.current(orgId)));
    if (!cycle) {
      await d.say(msg("match-no-cycle"), { buttons: [[openCycleAction.button(msg("button-open-cycle"))]] });
      return;
    }
    if (cycle.stage !== "matching" && cycle.stage !== "working") {
      await d.say(msg("match-cycle-closing"), { buttons: [[programmeAction.button(msg("button-programme"))]] });
      return;
    }
    // Pins of a draft kept with "Come back later" stay: the coordinator fixed them by hand.
    const pins = await d.run("saved-pins", () =>
      ctx.inOrganisation(orgId, async (repos) =>
        (await repos.pairs.units(cycle.id, "draft")).flatMap((unit) =>
          unit.members.filter((member) => member.pinned).map((member): [number, number] => [unit.mentorId, member.menteeId]),
        ),
      ),
    );
    const excluded: number[] = [];
    for (;;) {
      const view = await d.run("compute", () => ctx.inOrganisation(orgId, (repos) => computeDraft(repos, orgId, cycle.id, pins, excluded)));
      await showDraft(d, view);
      const inDraft: Choice<string>[] = view.units.flatMap((unit) =>
        unit.members.map((member) => ({
          value: String(member.menteeId),
          label: msg("plain", { text: `${member.menteeName} → ${unit.mentorName}` }),
        })),
      );
      const actions: Choice<string>[] = [];
      if (view.units.length > 0) actions.push({ value: "publish", label: msg("button-publish") });
      actions.push({ value: "pin", label: msg("button-pin") });
      if (inDraft.length >= 2) actions.push({ value: "swap", label: msg("button-swap") });
      if (inDraft.length >= 1) actions.push({ value: "remove", label: msg("button-remove") });
      const withVariants = view.units.filter((unit) => unit.variant !== null);
      if (withVariants.length > 0) actions.push({ value: "variant", label: msg("variant-button-change") });
      actions.push({ value: "later", label: msg("button-later") });
      // Six actions and Cancel in one column are more rows than VK's inline keyboard takes.
      const action = await d.choose(msg("match-what-next"), actions, actions.length > 5 ? { columns: 2 } : undefined);
      if (action === "later") {
        await d.say(msg("match-kept-draft"), { buttons: [[programmeAction.button(msg("button-programme"))]] });
        return;
      }
      if (action === "publish") {
        const sure = await d.choose(msg("match-publish-confirm", { units: view.units.length }), [
          { value: "yes", label: msg("button-publish-yes") },
          { value: "no", label: msg("button-back-to-draft") },
        ]);
        if (sure === "no") continue;
        const count = await publish(d, ctx, orgId, scope.membership.orgName, cycle.id);
        if (count === null) {
          await d.say(msg("match-cycle-closing"), { buttons: [[programmeAction.button(msg("button-programme"))]] });
          return;
        }
        await d.say(msg("match-published", { units: count }), {
          buttons: [[exportAction.button(msg("button-export"))], [programmeAction.button(msg("button-programme"))]],
        });
        return;
      }
      if (action === "variant") {
        await changeVariant(d, ctx, orgId, withVariants);
        continue;
      }
      if (action === "remove") {
        excluded.push(Number(await pickFromList(d, msg("match-pick-remove"), inDraft)));
        continue;
      }
      if (action === "swap") {
        const first = Number(await pickFromList(d, msg("match-pick-swap-first"), inDraft));
        const second = Number(
          await pickFromList(
            d,
            msg("match-pick-swap-second"),
            inDraft.filter((choice) => choice.value !== String(first)),
          ),
        );
        const mentorOf = (menteeId: number) =>
          view.units.find((unit) => unit.members.some((member) => member.menteeId === menteeId))!.mentorId;
        const [mentorOfFirst, mentorOfSecond] = [mentorOf(first), mentorOf(second)];
        for (const menteeId of [first, second]) {
          const at = pins.findIndex((pin) => pin[1] === menteeId);
          if (at >= 0) pins.splice(at, 1);
        }
        pins.push([mentorOfSecond, first], [mentorOfFirst, second]);
        continue;
      }
      const mentorId = Number(
        await pickFromList(
          d,
          msg("match-pick-mentor"),
          view.mentors.map((mentor) => ({ value: String(mentor.id), label: msg("plain", { text: mentor.name }) })),
        ),
      );
      const menteeChoices = [
        ...inDraft,
        ...view.unmatched.map((entry) => ({ value: String(entry.menteeId), label: msg("plain", { text: entry.name }) })),
      ];
      const menteeId = Number(await pickFromList(d, msg("match-pick-mentee"), menteeChoices));
      const at = pins.findIndex((pin) => pin[1] === menteeId);
      if (at >= 0) pins.splice(at, 1);
      pins.push([mentorId, menteeId]);
      const wasExcluded = excluded.indexOf(menteeId);
      if (wasExcluded >= 0) excluded.splice(wasExcluded, 1);
    }
  },
};
