import { randomUUID } from "node:crypto";
import type { PairChatFile, PairChatFileKind } from "#root/db/repositories/pair-chat.ts";
import type { WorkingPair } from "#root/db/repositories/pairs.ts";
import type { FlowContext, FlowDefinition } from "#root/dialog/flow.ts";
import { ADULT_AGE, ageThisYear } from "#root/domain/consent.ts";
import type { Parsed } from "#root/domain/parsers.ts";
import { isQuietTime } from "#root/domain/quiet-hours.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import type { MessageSpec } from "#root/messaging/message-spec.ts";
import type { IncomingMedia } from "#root/messaging/messenger.ts";
import { pictureMimeType } from "#root/messaging/pictures.ts";
import { choosePair } from "../common/pair.ts";
import { meetingWhen, participantsOf, stacked } from "../meetings/wording.ts";
import { menuAction } from "../self-service/actions.ts";
import { pairChatAction } from "./actions.ts";
import { raiseConcern } from "./concerns.ts";
import { screenMessage, shownBody } from "./safeguards.ts";

/** The longest message the chat passes on (what the pair's record keeps). */
export const PAIR_CHAT_MAX_LENGTH = 2_000;
/** The largest photo or file the chat passes on, in MB (Telegram lets a bot fetch no more than 20 anyway). */
export const PAIR_CHAT_MAX_FILE_MB = 10;
const MAX_FILE_BYTES = PAIR_CHAT_MAX_FILE_MB * 1024 * 1024;

/** The messages shown when the chat opens: enough to pick up the thread, few enough for one screen. */
const HISTORY = 8;

const DONE = "chat.done";
const MUTE = "chat.mute";
const UNMUTE = "chat.unmute";

type ChatInput =
  | { kind: "done" }
  | { kind: "mute"; muted: boolean }
  /** A text, or a photo or a file with its caption (maybe empty). */
  | { kind: "message"; text: string; media?: IncomingMedia };

function parseChatInput(text: string): Parsed<ChatInput> {
  if (text === DONE) return { ok: true, value: { kind: "done" } };
  if (text === MUTE || text === UNMUTE) return { ok: true, value: { kind: "mute", muted: text === MUTE } };
  const trimmed = text.trim();
  if (trimmed.length === 0) return { ok: false, error: "pair-chat-empty" };
  if (Array.from(trimmed).length > PAIR_CHAT_MAX_LENGTH)
    return { ok: false, error: "pair-chat-too-long", args: { max: PAIR_CHAT_MAX_LENGTH } };
  return { ok: true, value: { kind: "message", text: trimmed } };
}

/** A photo or a file: refused at once when the platform tells it is over the limit, else fetched when relayed. */
function parseChatMedia(media: IncomingMedia, caption: string | undefined): Parsed<ChatInput> {
  if (media.size !== undefined && media.size > MAX_FILE_BYTES)
    return { ok: false, error: "pair-chat-file-too-large", args: { max: PAIR_CHAT_MAX_FILE_MB } };
  const text = (caption ?? "").trim();
  if (Array.from(text).length > PAIR_CHAT_MAX_LENGTH)
    return { ok: false, error: "pair-chat-too-long", args: { max: PAIR_CHAT_MAX_LENGTH } };
  return { ok: true, value: { kind: "message", text, media } };
}

/** How a photo or a file shows in a line of text (the history, the coordinator's log): «📷 фото», «📎 файл plan.pdf». */
export function fileLabel(file: { kind: PairChatFileKind; filename: string }): Msg {
  return file.kind === "photo" ? msg("pair-chat-file-photo") : msg("pair-chat-file-document", { name: file.filename });
}

/** A message as one line of the chat's record: its text, its file, or both. */
export function messageText(body: string, file: { kind: PairChatFileKind; filename: string } | undefined): Msg | string {
  if (!file) return shownBody(body);
  return body === "" ? fileLabel(file) : msg("pair-chat-file-with-caption", { file: fileLabel(file), text: shownBody(body) });
}

/** The fetched photo or file as the chat keeps and passes it: a name and a type even when the platform told none. */
function keptFile(media: IncomingMedia, content: Uint8Array, servedType: string | undefined): PairChatFile {
  if (media.type === "photo") {
    const mimeType = pictureMimeType(content);
    return { kind: "photo", filename: mimeType === "image/jpeg" ? "photo.jpg" : "photo.png", mimeType, content };
  }
  // File servers often answer a generic type: what the platform said of the file comes first, then
  // what its name says (VK and MAX tell no type), then what the server answered.
  const filename = (media.filename ?? "").trim().slice(0, 255) || "file";
  const served = servedType?.split(";")[0]?.trim();
  const byName = TYPES_BY_EXTENSION[filename.split(".").pop()?.toLowerCase() ?? ""];
  const mimeType = media.mimeType ?? byName ?? (served && served !== "application/octet-stream" ? served : "application/octet-stream");
  return { kind: "document", filename, mimeType, content };
}

/** The types of the files a pair most often passes, by their names' endings. */
const TYPES_BY_EXTENSION: Record<string, string> = {
  pdf: "application/pdf",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xls: "application/vnd.ms-excel",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ppt: "application/vnd.ms-powerpoint",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  odt: "application/vnd.oasis.opendocument.text",
  txt: "text/plain",
  rtf: "application/rtf",
  zip: "application/zip",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
};
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

/** A message as it reaches the others: who wrote it, the text (a photo's or a file's caption), the file, and the way back. */
export function relayedMessage(pair: WorkingPair, authorPersonId: number, body: string, masked: boolean, file?: PairChatFile): MessageSpec {
  return {
    text: [
      msg("pair-chat-relayed", { from: author(pair, authorPersonId), text: messageText(body, file) }),
      ...(masked ? [msg("pair-chat-masked-note")] : []),
    ],
    buttons: [[pairChatAction.button(msg("button-pair-chat-reply"), { pairId: pair.pairId })]],
    ...(file?.kind === "photo" ? { image: { filename: file.filename, content: file.content } } : {}),
    ...(file?.kind === "document" ? { document: { filename: file.filename, mimeType: file.mimeType, content: file.content } } : {}),
  };
}

interface Opening {
  introduced: boolean;
  muted: boolean;
  history: Array<{ mine: boolean; name: string | null; body: string; at: string; file?: { kind: PairChatFileKind; filename: string } }>;
}

/** What a relayed message came to, recorded for the replay. */
type Relayed =
  | { ended: true }
  /** The photo or file could not be fetched: over the limit (the platform did not tell its size before), or unreachable. */
  | { ended: false; refused: "too-large" | "failed" }
  | {
      ended: false;
      masked: boolean;
      /** A minor it goes to gets it at 08:00: it is their quiet hours now. */
      heldTillMorning: boolean;
    };

/**
 * Passes one message on. A photo or a file is fetched from the author's messenger here, inside the
 * flow's recorded step, and only what came of it is recorded: the bytes go to the pair's record and
 * the outbox, never into the replay log.
 */
async function relay(
  ctx: FlowContext,
  pairId: number,
  personId: number,
  input: { text: string; media?: IncomingMedia },
  requestKey: string,
): Promise<Relayed> {
  // The pair is read again: it may have ended, or someone left it, while the person was typing.
  const pair = (await ctx.repos.pairs.working({ pairId }))[0];
  if (!pair || !participantsOf(pair).some((member) => member.personId === personId)) return { ended: true };
  let file: PairChatFile | undefined;
  if (input.media) {
    const fetched = await ctx.download(input.media, MAX_FILE_BYTES);
    if (!fetched.ok) return { ended: false, refused: fetched.reason };
    file = keptFile(input.media, fetched.content, fetched.mimeType);
  }
  const screened = await screenMessage(input.text);
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
    ...(file ? { file } : {}),
  });
  const memberships = await ctx.repos.pairChat.memberships(pairId);
  const partners = partnersOf(pair, personId);
  const message = relayedMessage(pair, personId, screened.body, screened.masked.length > 0, file);
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
          ...(message.file ? { file: message.file } : {}),
        })),
      };
    });
    if (!opening.introduced) await d.say(msg("pair-chat-intro", { to, hidden: msg("pair-chat-hidden-contact") }));
    if (opening.history.length > 0) {
      const lines = opening.history.map((entry) =>
        msg("pair-chat-history-line", {
          when: meetingWhen(new Date(entry.at), pair.timeZone),
          who: entry.mine ? msg("pair-chat-me") : msg("plain", { text: entry.name ?? "—" }),
          text: messageText(entry.body, entry.file),
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
        media: { parse: parseChatMedia, unsupported: msg("pair-chat-unsupported", { max: PAIR_CHAT_MAX_FILE_MB }) },
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
      const relayed = await d.run(`relay-${round}`, () => relay(ctx, pair.pairId, personId, input, requestKey));
      if (relayed.ended) {
        await d.say(msg("pair-chat-ended"), { buttons: [[menuAction.button(msg("button-menu"))]] });
        return;
      }
      if ("refused" in relayed) {
        await d.say(
          relayed.refused === "too-large" ? msg("pair-chat-file-too-large", { max: PAIR_CHAT_MAX_FILE_MB }) : msg("pair-chat-file-failed"),
        );
        continue;
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
