import type { FlowDefinition } from "#root/dialog/flow.ts";
import { renderProgressChart } from "#root/documents/chart.ts";
import { factsFrom, organisationDigest, weekSoFar } from "#root/domain/digest.ts";
import { msg } from "#root/i18n/translator.ts";
import { coordinatorScope } from "../common/people.ts";
import { programmeAction } from "../programme/actions.ts";
import { digestMessage, progressChartLabels } from "./digest-message.ts";

/**
 * "📊 Weekly digest" on the programme screen: the digest of the week so far, in this chat, for the
 * organisation the person coordinates (re-checked from the database: the button comes from the client).
 */
export const digestFlow: FlowDefinition<{ orgId?: number } | undefined> = {
  name: "digest",
  version: 1,
  async run(d, ctx, args) {
    const scope = await coordinatorScope(d, ctx, args?.orgId);
    if (!scope) return;
    const orgId = scope.membership.orgId;
    const now = await d.now();
    // Drawing the chart takes a moment: the chat shows a photo on its way meanwhile.
    await d.showUpload("photo");
    const ready = await d.run("digest", async () => {
      const work = await ctx.inOrganisation(orgId, async (repos) => {
        const [org] = await repos.digests.workingOrganisations(orgId);
        if (!org) return undefined;
        const period = weekSoFar(now, org.timeZone);
        const facts = await repos.digests.facts([{ orgId, cycleId: org.cycleId }], { from: factsFrom(period), now });
        return { org, period, facts: facts.get(orgId)! };
      });
      if (!work) return undefined;
      const digest = organisationDigest(work.facts, work.period, work.org.timeZone, work.org.cycleStartsOn, now);
      const message = digestMessage({
        orgName: work.org.orgName,
        period: work.period,
        digest,
        chart: await renderProgressChart(
          digest.chart,
          progressChartLabels((message) => d.translate(message)),
        ),
        locale: d.locale,
      });
      // Recorded as JSON for replays: the picture travels as base64.
      return {
        text: message.text,
        filename: message.image!.filename,
        png: Buffer.from(message.image!.content).toString("base64"),
      };
    });
    const programme = [[programmeAction.button(msg("button-programme"))]];
    if (!ready) {
      await d.say(msg("digest-no-cycle"), { buttons: programme });
      return;
    }
    await d.say(ready.text, {
      buttons: programme,
      image: { filename: ready.filename, content: Buffer.from(ready.png, "base64") },
    });
  },
};
