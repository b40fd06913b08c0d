import type { ParentsChild } from "#root/db/repositories/parents.ts";
import type { ActionArgs } from "#root/dialog/actions.ts";
import type { FlowDefinition } from "#root/dialog/flow.ts";
import { ageThisYear } from "#root/domain/consent.ts";
import { parentsToldOfMeetings } from "#root/domain/parent-notices.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import type { SpecButton } from "#root/messaging/message-spec.ts";
import { currentPerson } from "../common/people.ts";
import { meetingPlace, meetingWhen, namesOf, stacked } from "../meetings/wording.ts";
import { menuAction } from "../self-service/actions.ts";
import { parentChildrenAction, parentNoticesAction } from "./actions.ts";

/** Meetings a parent's screen lists per child at most: the soonest ones. */
const MEETINGS_SHOWN = 5;

/** A child as the screen shows them: their pair, and their agreed meetings ahead when the rule lets the parent see them. */
interface ChildView {
  child: ParentsChild;
  age: number | null;
  /** The other side of the child's pair: their mentor, or the mentees of a child who mentors. */
  pair: { mentors: boolean; names: string } | null;
  meetings: Array<{ start: string; minutes: number; place: string }>;
}

function childPart(view: ChildView): Msg {
  const { child } = view;
  const pair = view.pair
    ? msg(view.pair.mentors ? "parent-child-mentees" : "parent-child-mentor", { names: view.pair.names })
    : msg("parent-child-no-pair");
  const sees = view.age !== null && parentsToldOfMeetings(view.age, child.choice);
  const meetings = !sees
    ? msg(view.age !== null && view.age >= 18 ? "parent-child-meetings-adult" : "parent-child-meetings-private", {
        child: child.name ?? "—",
      })
    : view.meetings.length === 0
      ? msg("parent-child-meetings-none")
      : msg("parent-child-meetings", {
          lines: stacked(
            view.meetings.map((meeting) =>
              msg("parent-child-meeting-line", {
                when: meetingWhen(new Date(meeting.start), child.timeZone),
                minutes: meeting.minutes,
                place: meetingPlace(meeting.place),
              }),
            ),
          ),
        });
  return msg("parent-child", { child: child.name ?? "—", org: child.orgName, pair, meetings });
}

/** The parent's switch as a button that names the state it leads to. */
export const noticesButton = (on: boolean): SpecButton =>
  parentNoticesAction.button(msg(on ? "button-parent-notices-off" : "button-parent-notices-on"), { to: on ? "off" : "on" });

/**
 * A parent's screen: each child their consent stands for, with the child's pair (the mentor's name)
 * and agreed meetings ahead (when the rule by age lets the parent know them), and the switch of the
 * meeting notices.
 */
export const parentChildrenFlow: FlowDefinition = {
  name: "parent-children",
  version: 1,
  async run(d, ctx) {
    const me = await currentPerson(d, ctx);
    const now = await d.now();
    const view = me
      ? await d.run("children", async () => {
          const children = await ctx.repos.parents.childrenOf(me.person.id);
          const views: ChildView[] = [];
          // A parent has a child or two in the programme: a query or two each, not one per meeting.
          for (const child of children) {
            const pairs = (await ctx.repos.pairs.working({ personId: child.personId })).filter((pair) => pair.orgId === child.orgId);
            const age = child.birthYear === null ? null : ageThisYear(child.birthYear, now);
            const sees = age !== null && parentsToldOfMeetings(age, child.choice);
            const meetings = sees ? await ctx.repos.meetings.upcomingFor(child.personId, now) : [];
            const pair = pairs[0];
            views.push({
              child,
              age,
              pair: pair
                ? pair.mentor.personId === child.personId
                  ? { mentors: true, names: namesOf(pair.mentees) }
                  : { mentors: false, names: namesOf([pair.mentor]) }
                : null,
              meetings: meetings
                .filter((meeting) => meeting.state === "accepted" && pairs.some((p) => p.pairId === meeting.pairId))
                .slice(0, MEETINGS_SHOWN)
                .map((meeting) => ({ start: meeting.start.toISOString(), minutes: meeting.minutes, place: meeting.place })),
            });
          }
          return { children: views, noticesOn: await ctx.repos.parents.noticesOn(me.person.id) };
        })
      : undefined;
    if (!view || view.children.length === 0) {
      await d.say(msg("parent-children-none"), { buttons: [[menuAction.button(msg("button-menu"))]] });
      return;
    }
    await d.say(
      [
        msg("parent-children-title"),
        ...view.children.map(childPart),
        msg(view.noticesOn ? "parent-notices-state-on" : "parent-notices-state-off"),
      ],
      {
        buttons: [[noticesButton(view.noticesOn)], [menuAction.button(msg("button-menu"))]],
      },
    );
  },
};

/**
 * The parent turns the meeting notices off or on. The button names the state it leads to, so an old
 * button pressed again says it already is so instead of switching back.
 */
export const parentNoticesFlow: FlowDefinition<ActionArgs<typeof parentNoticesAction>> = {
  name: "parent-notices",
  version: 1,
  async run(d, ctx, { to }) {
    const me = await currentPerson(d, ctx);
    if (!me?.memberships.some((membership) => membership.role === "parent")) {
      await d.say(msg("parent-children-none"), { buttons: [[menuAction.button(msg("button-menu"))]] });
      return;
    }
    const on = to === "on";
    const changed = await d.run("switch", () => ctx.repos.parents.setNotices(me.person.id, on));
    await d.say(
      changed
        ? msg(on ? "parent-notices-turned-on" : "parent-notices-turned-off")
        : msg(on ? "parent-notices-already-on" : "parent-notices-already-off"),
      { buttons: [[parentChildrenAction.button(msg("button-parent-children"))], [menuAction.button(msg("button-menu"))]] },
    );
  },
};
