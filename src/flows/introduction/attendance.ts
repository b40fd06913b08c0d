import type { FlowDefinition } from "#root/dialog/flow.ts";
import { attendanceMarks, attendanceOpen, attendanceTally } from "#root/domain/introduction.ts";
import { msg } from "#root/i18n/translator.ts";
import { eventWhen } from "../closing/final-event-wording.ts";
import { coordinatorScope } from "../common/people.ts";
import { TICKS_PER_PAGE } from "../common/picker.ts";
import { programmeAction } from "../programme/actions.ts";
import { introductionAction } from "./actions.ts";
import { pairLabel } from "./wording.ts";

type Loaded =
  | { kind: "not-found" }
  | { kind: "not-yet"; startsAt: string }
  | { kind: "pairs"; startsAt: string; pairs: Array<{ pairId: number; label: ReturnType<typeof pairLabel>; held: boolean }> };

/**
 * "✅ Tick who came" on an introduction that has begun: the coordinator ticks the pairs that came,
 * the others are recorded as not come; ticking again corrects it. The coordinator ticks rather than
 * each mentor: they run the meeting and see the room, one screen covers every pair in a minute, and
 * mentors are not asked for anything before their pair's work starts. The button names the event;
 * the coordinator's organisation is re-checked (a foreign or called-off introduction is refused).
 */
export const introductionAttendanceFlow: FlowDefinition<{ id: number }> = {
  name: "introduction-attendance",
  version: 1,
  async run(d, ctx, { id }) {
    const scope = await coordinatorScope(d, ctx);
    if (!scope) return;
    const { orgId, timezone } = scope.membership;
    const coordinatorId = scope.person.id;
    const now = await d.now();
    const load = () =>
      ctx.inOrganisation(orgId, async (repos): Promise<Loaded> => {
        const event = await repos.finalEvents.get(id);
        if (!event || event.orgId !== orgId || event.kind !== "introduction" || event.cancelledAt) return { kind: "not-found" };
        const startsAt = event.startsAt.toISOString();
        if (!attendanceOpen(event.startsAt, now)) return { kind: "not-yet", startsAt };
        const marks = await repos.introductions.marks(event.id);
        const units = new Map((await repos.pairs.units(event.cycleId, "published")).map((unit) => [unit.pairId, unit]));
        return {
          kind: "pairs",
          startsAt,
          pairs: marks.map((mark) => ({
            pairId: mark.pairId,
            label: pairLabel(units.get(mark.pairId), mark.pairId),
            held: mark.attendance === "held",
          })),
        };
      });
    const loaded = await d.run("load", load);
    const buttons = [[introductionAction.button(msg("button-introduction")), programmeAction.button(msg("button-programme"))]];
    if (loaded.kind === "not-found") {
      await d.say(msg("introduction-not-found"), { buttons });
      return;
    }
    const when = eventWhen(loaded, timezone);
    if (loaded.kind === "not-yet") {
      await d.say(msg("introduction-attendance-not-yet", { when }), { buttons });
      return;
    }
    const came = await d.chooseMany(
      msg("introduction-attendance-question", { when }),
      loaded.pairs.map((pair) => ({ value: String(pair.pairId), label: pair.label })),
      {
        initial: loaded.pairs.filter((pair) => pair.held).map((pair) => String(pair.pairId)),
        min: 0,
        columns: loaded.pairs.length > 4 ? 2 : 1,
        pageSize: TICKS_PER_PAGE,
      },
    );
    const marks = attendanceMarks(
      loaded.pairs.map((pair) => pair.pairId),
      came.map(Number),
    );
    const saved = await d.run("mark", async () => {
      await ctx.inOrganisation(orgId, (repos) => repos.introductions.mark(id, marks, coordinatorId, now));
      return attendanceTally(marks);
    });
    await d.say(msg("introduction-attendance-saved", { held: saved.held, pairs: saved.pairs }), { buttons });
  },
};
