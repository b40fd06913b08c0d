import type { WorkingPair } from "#root/db/repositories/pairs.ts";
import type { FlowContext } from "#root/dialog/flow.ts";
import { msg } from "#root/i18n/translator.ts";
import { pairForCoordinator } from "../check-ins/alerts.ts";
import { joinedList } from "../common/choices.ts";
import { nameIn } from "../meetings/wording.ts";
import { pairChatLogAction } from "./actions.ts";
import { type ScreenedMessage, shownBody } from "./safeguards.ts";

/**
 * A message with concern words alerts every coordinator of the organisation at once (urgent: not held
 * by quiet hours), with the message and a button to the pair's chat for its context. Kept as the
 * pair's alert under the message's key, so however often the update is handled, it alerts once.
 */
export async function raiseConcern(
  ctx: FlowContext,
  pair: WorkingPair,
  authorPersonId: number,
  messageId: number,
  screened: ScreenedMessage,
  at: Date,
): Promise<void> {
  const coordinators = (await ctx.repos.checkIns.coordinatorsOf([pair.orgId])).get(pair.orgId) ?? [];
  const text = msg("pair-chat-concern-alert", {
    pair: pairForCoordinator(pair),
    categories: joinedList(screened.concerns.map((category) => msg(`pair-chat-concern-${category}`))),
    author: nameIn(pair, authorPersonId),
    text: shownBody(screened.body),
  });
  const buttons = [[pairChatLogAction.button(msg("button-pair-chat-log"), { orgId: pair.orgId, pairId: pair.pairId })]];
  await ctx.repos.checkIns.recordAlerts(
    [{ pairId: pair.pairId, orgId: pair.orgId, reason: "chat-concern", key: `chat:${messageId}` }],
    at,
    (alerts) =>
      alerts.flatMap((alert) =>
        coordinators.map((personId) => ({
          dedupKey: `pair-chat-concern:${alert.id}:${personId}`,
          to: { personId },
          message: { text: [text], buttons },
          dueAt: at,
          urgent: true,
          orgId: pair.orgId,
          topic: `pair:${pair.pairId}:alerts`,
        })),
      ),
  );
}
