import type { PairChatFileKind } from "#root/db/repositories/pair-chat.ts";
import type { ActionArgs } from "#root/dialog/actions.ts";
import type { FlowDefinition } from "#root/dialog/flow.ts";
import { msg } from "#root/i18n/translator.ts";
import { coordinatorScope } from "../common/people.ts";
import { meetingWhen, stacked } from "../meetings/wording.ts";
import { menuAction } from "../self-service/actions.ts";
import type { pairChatLogAction } from "./actions.ts";
import { messageText } from "./chat.ts";

/** How much of a pair's chat a coordinator reads at once: the latest messages, for their context. */
const LOG_SIZE = 20;

type Loaded =
  | { kind: "no-pair" }
  | { kind: "closed" }
  | {
      kind: "log";
      pair: { mentor: string; mentees: string; org: string };
      timeZone: string;
      messages: Array<{
        name: string | null;
        body: string;
        at: string;
        concern: boolean;
        /** What a photo or a file was, never its bytes: the coordinator reads the record as text. */
        file?: { kind: PairChatFileKind; filename: string };
      }>;
    };

/**
 * A coordinator reads a pair's chat: only while a help report or an alert concerns the pair (the
 * README and the chat's first message say so to the pair), and only in an organisation they coordinate.
 */
export const pairChatLogFlow: FlowDefinition<ActionArgs<typeof pairChatLogAction>> = {
  name: "pair-chat-log",
  version: 1,
  async run(d, ctx, { orgId, pairId }) {
    const scope = await coordinatorScope(d, ctx, orgId);
    if (!scope) return;
    const loaded = await d.run("load", () =>
      ctx.inOrganisation(scope.membership.orgId, async (repos): Promise<Loaded> => {
        const pair = (await repos.pairs.working({ pairId }))[0];
        if (!pair || pair.orgId !== scope.membership.orgId) return { kind: "no-pair" };
        if (!(await repos.pairChat.concernsCoordinator(pairId))) return { kind: "closed" };
        const messages = await repos.pairChat.recent(pairId, LOG_SIZE);
        return {
          kind: "log",
          pair: {
            mentor: pair.mentor.name ?? "—",
            mentees: pair.mentees.map((mentee) => mentee.name ?? "—").join(", "),
            org: pair.orgName,
          },
          timeZone: pair.timeZone,
          messages: messages.map((message) => ({
            name: message.authorName,
            body: message.body,
            at: message.createdAt.toISOString(),
            concern: message.concerns.length > 0,
            ...(message.file ? { file: message.file } : {}),
          })),
        };
      }),
    );
    const menu = { buttons: [[menuAction.button(msg("button-menu"))]] };
    if (loaded.kind !== "log") {
      await d.say(msg(loaded.kind === "closed" ? "pair-chat-log-closed" : "pair-chat-log-no-pair"), menu);
      return;
    }
    const title = msg("pair-chat-log-title", { pair: msg("check-ins-pair", loaded.pair), count: loaded.messages.length });
    if (loaded.messages.length === 0) {
      await d.say([title, msg("pair-chat-log-empty")], menu);
      return;
    }
    const lines = loaded.messages.map((message) =>
      msg(message.concern ? "pair-chat-log-line-concern" : "pair-chat-log-line", {
        when: meetingWhen(new Date(message.at), loaded.timeZone),
        who: message.name ?? "—",
        text: messageText(message.body, message.file),
      }),
    );
    await d.say([title, stacked(lines)], menu);
  },
};
