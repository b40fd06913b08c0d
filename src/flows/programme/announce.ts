import type { Audience } from "#root/db/repositories/announcements.ts";
import type { FlowDefinition } from "#root/dialog/flow.ts";
import type { Parsed } from "#root/domain/parsers.ts";
import { msg } from "#root/i18n/translator.ts";
import { coordinatorScope } from "../common/people.ts";
import { announcementStatusAction } from "./actions.ts";

/** Longest announcement: one messenger message with room for the heading. */
export const MAX_ANNOUNCEMENT = 3_500;

function parseAnnouncement(text: string): Parsed<string> {
  const body = text.trim();
  if (body.length === 0) return { ok: false, error: "error-empty" };
  if (body.length > MAX_ANNOUNCEMENT) return { ok: false, error: "error-too-long", args: { max: MAX_ANNOUNCEMENT } };
  return { ok: true, value: body };
}

/**
 * Stage 2–3, informing: a short announcement to all mentees, mentors or parents of the
 * organisation. Preview, confirm, then the outbox delivers within the messengers' limits.
 */
export const announceFlow: FlowDefinition = {
  name: "announce",
  version: 1,
  async run(d, ctx) {
    const scope = await coordinatorScope(d, ctx);
    if (!scope) return;
    const orgId = scope.membership.orgId;
    const audience = await d.choose<Audience>(msg("announce-audience"), [
      { value: "mentees", label: msg("audience-mentees") },
      { value: "mentors", label: msg("audience-mentors") },
      { value: "parents", label: msg("audience-parents") },
    ]);
    let body = await d.ask(msg("announce-text", { max: MAX_ANNOUNCEMENT }), { parse: parseAnnouncement });
    for (;;) {
      const count = await d.run("count-audience", () =>
        ctx.inOrganisation(orgId, async (repos) => (await repos.announcements.audience(orgId, audience)).length),
      );
      await d.say([
        msg("announce-preview", { count, audience: msg(`audience-${audience}`) }),
        msg("announcement", { org: scope.membership.orgName, text: body }),
      ]);
      const decision = await d.choose(msg("announce-confirm"), [
        { value: "send", label: msg("button-send") },
        { value: "edit", label: msg("button-edit-text") },
      ]);
      if (decision === "send") break;
      body = await d.ask(msg("announce-text", { max: MAX_ANNOUNCEMENT }), { parse: parseAnnouncement });
    }
    const created = await d.run("send", async () => {
      const result = await ctx.inOrganisation(orgId, (repos) =>
        repos.announcements.create(orgId, audience, body, scope.person.id, {
          text: [msg("announcement", { org: scope.membership.orgName, text: body })],
        }),
      );
      ctx.kickDelivery();
      return result;
    });
    await d.say(msg("announce-queued", { count: created.recipients }), {
      buttons: [[announcementStatusAction.button(msg("button-announce-status"), { id: created.id })]],
    });
  },
};

/** How far an announcement got: delivered, failed, still waiting. */
export const announcementStatusFlow: FlowDefinition<{ id: number }> = {
  name: "announce-status",
  version: 1,
  async run(d, ctx, { id }) {
    const scope = await coordinatorScope(d, ctx);
    if (!scope) return;
    const progress = await d.run("progress", () =>
      ctx.inOrganisation(scope.membership.orgId, (repos) => repos.announcements.progress(scope.membership.orgId, id)),
    );
    if (!progress) {
      await d.say(msg("announce-unknown"));
      return;
    }
    await d.say(msg("announce-progress", { ...progress }), {
      buttons: [[announcementStatusAction.button(msg("button-announce-status"), { id })]],
    });
  },
};
