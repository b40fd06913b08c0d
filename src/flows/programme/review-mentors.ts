import type { Choice } from "#root/dialog/dialog.ts";
import type { FlowDefinition } from "#root/dialog/flow.ts";
import { ageThisYear } from "#root/domain/consent.ts";
import { canApprove, needsRecordCheck } from "#root/domain/mentor-review.ts";
import { parseFreeText } from "#root/domain/parsers.ts";
import { msg } from "#root/i18n/translator.ts";
import { directionList } from "../common/choices.ts";
import { coordinatorScope } from "../common/people.ts";
import { pickFromList } from "../common/picker.ts";
import { inviteLinksAction } from "../registration/actions.ts";

const REVIEW_MARK = { pending: "⏳", approved: "✅", declined: "⛔" } as const;

/**
 * Stage 4: the coordinator reviews each mentor — confirms the certificate of no criminal record
 * for adults, approves or declines (the mentor is told, with the reason), marks training done.
 */
export const reviewMentorsFlow: FlowDefinition = {
  name: "review-mentors",
  version: 1,
  async run(d, ctx) {
    const scope = await coordinatorScope(d, ctx);
    if (!scope) return;
    const orgId = scope.membership.orgId;
    for (;;) {
      // A coordinator may review dozens of mentors in one sitting: each lap back to the list can be a new run.
      if (d.checkpointDue) return { next: "review-mentors" };
      const mentors = await d.run("list-mentors", () =>
        ctx.inOrganisation(orgId, async (repos) => (await repos.mentors.list(orgId, { offset: 0, limit: 500 })).mentors),
      );
      if (mentors.length === 0) {
        await d.say(msg("base-mentor-empty"), { buttons: [[inviteLinksAction.button(msg("button-invite-links"))]] });
        return;
      }
      const items: Choice<string>[] = mentors.map((mentor) => ({
        value: String(mentor.participantId),
        label: msg("review-list-item", {
          mark: REVIEW_MARK[mentor.review],
          name: mentor.fullName ?? "—",
          kind: msg(`mentor-kind-${mentor.kind}`),
        }),
      }));
      items.push({ value: "done", label: msg("button-done") });
      const picked = await pickFromList(d, msg("review-pick"), items);
      if (picked === "done") return { next: "programme" };
      const participantId = Number(picked);
      for (;;) {
        const { card, year } = await d.run("card", async () => ({
          card: await ctx.inOrganisation(orgId, (repos) => repos.mentors.card(orgId, participantId)),
          year: ctx.now().getUTCFullYear(),
        }));
        if (!card) break;
        await d.say(
          msg("review-card", {
            name: card.fullName ?? "—",
            age: card.birthYear ? ageThisYear(card.birthYear, new Date(Date.UTC(year, 0, 1))) : "—",
            kind: msg(`mentor-kind-${card.kind}`),
            directions: directionList(card.directions),
            offer: card.offer ?? "—",
            capacity: card.capacity,
            availability: card.availability ?? "—",
            status: msg(`status-${card.status}`),
            review: msg(`review-${card.review}`),
            reason: card.reviewReason ?? "—",
            recordCheck: msg(
              needsRecordCheck(card.kind)
                ? card.recordCheckedAt
                  ? "record-check-done"
                  : "record-check-missing"
                : "record-check-not-needed",
            ),
            training: msg(card.trainedAt ? "training-done" : "training-missing"),
          }),
        );
        const actions: Choice<string>[] = [];
        if (needsRecordCheck(card.kind) && !card.recordCheckedAt)
          actions.push({ value: "record-check", label: msg("button-record-check") });
        if (card.review !== "approved") actions.push({ value: "approve", label: msg("button-approve") });
        if (card.review !== "declined") actions.push({ value: "decline", label: msg("button-decline") });
        actions.push({ value: "training", label: msg(card.trainedAt ? "button-training-undo" : "button-training-done") });
        actions.push({ value: "back", label: msg("button-to-list") });
        const action = await d.choose(msg("review-what-next"), actions);
        if (action === "back") break;
        if (action === "record-check") {
          const sure = await d.choose(msg("record-check-confirm", { name: card.fullName ?? "—" }), [
            { value: "yes", label: msg("button-record-check-yes") },
            { value: "no", label: msg("button-record-check-no") },
          ]);
          if (sure === "yes") {
            await d.run("record-check", () =>
              ctx.inOrganisation(orgId, (repos) => repos.mentors.confirmRecordCheck(participantId, scope.person.id, ctx.now())),
            );
            d.noteSaved(msg("saved-record-check", { name: card.fullName ?? "—" }));
          }
        } else if (action === "approve") {
          const check = canApprove({ kind: card.kind, recordChecked: Boolean(card.recordCheckedAt), participantStatus: card.status });
          if (!check.ok) {
            await d.say(msg(check.error));
            continue;
          }
          await d.run("approve", async () => {
            await ctx.inOrganisation(orgId, (repos) =>
              repos.mentors.review(participantId, { review: "approved", reason: null, by: scope.person.id, at: ctx.now() }),
            );
            await ctx.notify.send(
              { personId: card.personId },
              { text: [msg("review-approved-mentor", { org: scope.membership.orgName })] },
              `review:${participantId}:approved:${Date.now()}`,
            );
          });
          d.noteSaved(msg("saved-mentor-approved", { name: card.fullName ?? "—" }));
          await d.say(msg("review-done-approved", { name: card.fullName ?? "—" }));
        } else if (action === "decline") {
          const reason = await d.ask(msg("review-decline-reason"), { parse: parseFreeText });
          await d.run("decline", async () => {
            await ctx.inOrganisation(orgId, (repos) =>
              repos.mentors.review(participantId, { review: "declined", reason, by: scope.person.id, at: ctx.now() }),
            );
            await ctx.notify.send(
              { personId: card.personId },
              { text: [msg("review-declined-mentor", { org: scope.membership.orgName, reason })] },
              `review:${participantId}:declined:${Date.now()}`,
            );
          });
          d.noteSaved(msg("saved-mentor-declined", { name: card.fullName ?? "—" }));
          await d.say(msg("review-done-declined", { name: card.fullName ?? "—" }));
        } else if (action === "training") {
          await d.run("training", () =>
            ctx.inOrganisation(orgId, (repos) => repos.mentors.markTrained(participantId, card.trainedAt ? null : ctx.now())),
          );
          d.noteSaved(msg(card.trainedAt ? "saved-training-undone" : "saved-training-done", { name: card.fullName ?? "—" }));
        }
      }
    }
  },
};
