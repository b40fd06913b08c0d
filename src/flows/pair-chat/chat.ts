import { randomUUID } from "node:crypto";
import type { WorkingPair } from "#root/db/repositories/pairs.ts";
import type { FlowContext, FlowDefinition } from "#root/dialog/flow.ts";
import { ADULT_AGE, ageThisYear } from "#root/domain/consent.ts";
import { CONTACT_PLACEHOLDER } from "#root/domain/contact-masking.ts";
import type { Parsed } from "#root/domain/parsers.ts";
import { isQuietTime } from "#root/domain/quiet-hours.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import type { MessageSpec } from "#root/messaging/message-spec.ts";
import { choosePair } from "../common/pair.ts";
import { meetingWhen, participantsOf, stacked } from "../meetings/wording.ts";
import { menuAction } from "../self-service/actions.ts";
import { pairChatAction } from "./actions.ts";
import { raiseConcern } from "./concerns.ts";
import { screenMessage } from "./safeguards.ts";

/** The longest message the chat passes on (what the pair's record keeps). */
export const PAIR_CHAT_MAX_LENGTH = 2_000;
/** The messages shown when the chat opens: enough to pick up the thread, few enough for one screen. */
const HISTORY = 8;

const DONE = "chat.done";
const MUTE = "chat.mute";
const UNMUTE = "chat.unmute";

type ChatInput = { kind: "done" } | { kind: "mute"; muted: boolean } | { kind: "message"; text: string };

function parseChatInput(text: string): Parsed<ChatInput> {
  if (text === DONE) return { ok: true, value: { kind: "done" } };
  if (text === MUTE || text === UNMUTE) return { ok: true, value: { kind: "mute", muted: text === MUTE } };
  const trimmed = text.trim();
  if (trimmed.length === 0) return { ok: false, error: "pair-chat-empty" };
  if (Array.from(trimmed).length > PAIR_CHAT_MAX_LENGTH)
    return { ok: false, error: "pair-chat-too-long", args: { max: PAIR_CHAT_MAX_LENGTH } };
  return { ok: true, value: { kind: "message", text: trimmed } };
}

/** Everyone in the pair or group but the author: who a message goes to. */
function partnersOf(pair: WorkingPair, personId: number) {
  return participantsOf(pair).filter((member) => member.personId !== personId);
}

/** Who the author writes to, in the dative ("наставнику Анне Петровне", "Мише", "группе"). */
function addressee(pair: WorkingPair, personId: number): Msg {
  const partners = partnersOf(pair, personId);
  if (partners.length > 1) return msg("pair-chat-to-group");
  const partner = partners[0];
  if (!partner) return msg("pair-chat-to-group");
  return msg(partner.personId === pair.mentor.personId ? "pair-chat-to-mentor" : "pair-chat-to-mentee", { name: partner.name ?? "—" });
}

/** Who wrote, as the others read it ("от наставника Анны Петровны", "от Миши"). */
function author(pair: WorkingPair, personId: number): Msg {
  const member = participantsOf(pair).find((candidate) => candidate.personId === personId);
  const name = member?.name ?? "—";
  return msg(personId === pair.mentor.personId ? "pair-chat-from-mentor" : "pair-chat-from-mentee", { name });
}

/** A message as it reaches the others: who wrote it, the text, and the way back. */
export function relayedMessage(pair: WorkingPair, authorPersonId: number, body: string, masked: boolean): MessageSpec {
  return {
    text: [msg("pair-chat-relayed", { from: author(pair, authorPersonId), text: body }), ...(masked ? [msg("pair-chat-masked-note")] : [])],
    buttons: [[pairChatAction.button(msg("button-pair-chat-reply"), { pairId: pair.pairId })]],
  };
}

interface Opening {
  introduced: boolean;
  muted: boolean;
  history: Array<{ mine: boolean; name: string | null; body: string; at: string }>;
}

/** What a relayed message came to, recorded for the replay. */
type Relayed =
  | { ended: true }
  | {
      ended: false;
      masked: boolean;
      /** A minor it goes to gets it at 08:00: it is their quiet hours now. */
      heldTillMorning: boolean;
    };

async function relay(ctx: FlowContext, pairId: number, personId: number, text: string, requestKey: string): Promise<Relayed> {
  // The pair is read again: it may have ended, or someone left it, while the person was typing.
  const pair = (await ctx.repos.pairs.working({ pairId }))[0];
  if (!pair || !participantsOf(pair).some((member) => member.personId === personId)) return { ended: true };
  const screened = await screenMessage(text);
  const at = ctx.now();
  const posted = await ctx.repos.pairChat.post({
    orgId: pair.orgId,
    pairId,
    authorPersonId: personId,
    body: screened.body,
    masked: screened.masked,
    concerns: screened.concerns,
    requestKey,
    at,
  });
  const memberships = await ctx.repos.pairChat.memberships(pairId);
  const partners = partnersOf(pair, personId);
  const message = relayedMessage(pair, personId, screened.body, screened.masked.length > 0);
  for (const partner of partners) {
    // A muted chat keeps its messages for when the person opens it, without a notification each.
    if (memberships.get(partner.personId)?.muted) continue;
    await ctx.notify.send({ personId: partner.personId }, message, `pair-chat:${posted.id}:${partner.personId}`);
  }
  if (screened.concerns.length > 0) await raiseConcern(ctx, pair, personId, posted.id, screened, at);
  const minor = (birthYear: number | null) => birthYear !== null && ageThisYear(birthYear, at) < ADULT_AGE;
  return {
    ended: false,
    masked: screened.masked.length > 0,
    heldTillMorning: isQuietTime(at, pair.timeZone) && partners.some((partner) => minor(partner.birthYear)),
  };
}

/**
 * The pair's chat through the bot: what the person writes goes to the other side of their pair (a
 * group: to everyone in it) on their own messenger, with who wrote it and a button to answer. Contacts
 * are masked, concern words alert the coordinators, quiet hours hold it for a minor until morning, and
 * the pair's record keeps it. The first time in a pair, the person is told all that in plain words.
 */
export const pairChatFlow: FlowDefinition<{ pairId?: number; resumed?: boolean }> = {
  name: "pair-chat",
  version: 1,
  async run(d, ctx, { pairId, resumed }) {
    const side = await choosePair(d, ctx, { pairId, prompt: msg("pair-chat-which") });
    if (!side) return;
    const { pair, personId } = side;
    const to = addressee(pair, personId);
    const opening = await d.run("opening", async (): Promise<Opening> => {
      const [memberships, recent] = await Promise.all([
        ctx.repos.pairChat.memberships(pair.pairId),
        resumed ? Promise.resolve([]) : ctx.repos.pairChat.recent(pair.pairId, HISTORY),
      ]);
      const mine = memberships.get(personId);
      if (!mine?.introduced) await ctx.repos.pairChat.markIntroduced(pair.orgId, pair.pairId, personId, ctx.now());
      return {
        introduced: mine?.introduced ?? false,
        muted: mine?.muted ?? false,
        history: recent.map((message) => ({
          mine: message.authorPersonId === personId,
          name: message.authorName,
          body: message.body,
          at: message.createdAt.toISOString(),
        })),
      };
    });
    if (!opening.introduced) await d.say(msg("pair-chat-intro", { to, hidden: CONTACT_PLACEHOLDER }));
    if (opening.history.length > 0) {
      const lines = opening.history.map((entry) =>
        msg("pair-chat-history-line", {
          when: meetingWhen(new Date(entry.at), pair.timeZone),
          who: entry.mine ? msg("pair-chat-me") : msg("plain", { text: entry.name ?? "—" }),
          text: entry.body,
        }),
      );
      await d.say([msg("pair-chat-history-title"), stacked(lines)]);
    }
    let muted = opening.muted;
    let delivered = false;
    for (let round = 0; ; round++) {
      // A long conversation goes on as a new run: each message would otherwise replay all before it.
      if (d.checkpointDue) return { next: "pair-chat", args: { pairId: pair.pairId, resumed: true } };
      const requestKey = await d.run(`key-${round}`, async () => randomUUID());
      const input = await d.ask(msg("pair-chat-prompt", { to }), {
        parse: parseChatInput,
        suggestions: [
          { value: DONE, label: msg("button-pair-chat-done") },
          muted ? { value: UNMUTE, label: msg("button-pair-chat-unmute") } : { value: MUTE, label: msg("button-pair-chat-mute") },
        ],
        columns: 2,
      });
      if (input.kind === "done") {
        await d.say(msg("pair-chat-closed"), { buttons: [[menuAction.button(msg("button-menu"))]] });
        return;
      }
      if (input.kind === "mute") {
        await d.run(`mute-${round}`, () => ctx.repos.pairChat.setMuted(pair.orgId, pair.pairId, personId, input.muted));
        muted = input.muted;
        await d.say(msg(muted ? "pair-chat-muted" : "pair-chat-unmuted"));
        continue;
      }
      const relayed = await d.run(`relay-${round}`, () => relay(ctx, pair.pairId, personId, input.text, requestKey));
      if (relayed.ended) {
        await d.say(msg("pair-chat-ended"), { buttons: [[menuAction.button(msg("button-menu"))]] });
        return;
      }
      // A Cancel afterwards says the messages went, once however many did.
      if (!delivered) d.noteSaved(msg("pair-chat-saved"));
      delivered = true;
      await d.say([
        msg("pair-chat-delivered", { to }),
        ...(relayed.masked ? [msg("pair-chat-masked-note")] : []),
        ...(relayed.heldTillMorning ? [msg("pair-chat-held-till-morning")] : []),
      ]);
    }
  },
};
