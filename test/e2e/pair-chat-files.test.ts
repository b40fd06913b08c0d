/**
 * Photos and files in the pair's chat, end to end, with the mentor and the mentee on two different
 * messengers: the user sends them the way their platform delivers them (Telegram's photo sizes and
 * Document behind getFile, VK's photo sizes and doc URLs, MAX's image and file attachments), the bot
 * fetches them and the other side receives the same bytes as a photo or as a file, with who wrote it
 * and the reply button. A caption is masked and read for concern words like a text; a sticker or a
 * voice message, and a file over the limit, are refused kindly; the history and the coordinator's log
 * name them; erasing the author takes the files away.
 */
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { HIDDEN_CONTACT_MARK } from "#root/domain/contact-masking.ts";
import { PAIR_CHAT_MAX_FILE_MB } from "#root/flows/pair-chat/chat.ts";
import { eventually } from "../support/calendar.ts";
import type { ChatMessage, ChatUser } from "../support/chat-user.ts";
import { pressOn, received } from "../support/cycle-journey.ts";
import { ru, ruChild } from "../support/journeys.ts";
import { CHAT_MESSENGERS, MENTEE, MENTOR, openChat, pairsAt12 } from "../support/pair-chat.ts";
import { samplePng } from "../support/png.ts";
import { useTestStack } from "../support/stack.ts";

const stack = useTestStack();

const FILE_NAME = "план-проекта.pdf";

/** The first message to `user` carrying a file called `filename` (on MAX a file comes in its own message, after the text). */
async function documentArrived(user: ChatUser, filename: string): Promise<ChatMessage | undefined> {
  return eventually(
    () => user.messages().find((message) => message.document?.filename === filename),
    (found) => found !== undefined,
  );
}

async function keptFiles(pairId: number) {
  return stack.database.db
    .selectFrom("pair_messages")
    .select(["body", "file_kind", "file_name", "file_mime_type", "file_content"])
    .where("pair_id", "=", pairId)
    .orderBy("id")
    .execute();
}

describe.each(CHAT_MESSENGERS)("photos and files in the pair's chat, mentor on %s, mentee on %s", (mentorPlatform, menteePlatform) => {
  const pairAt12 = pairsAt12(stack, mentorPlatform, menteePlatform, { telegram: 871_000, vk: 872_000, max: 873_000 }[mentorPlatform]);

  it("passes a photo and a file to the other messenger, masks the caption, refuses what it cannot pass, and names them in the record", async () => {
    const f = await pairAt12();
    const { mentor, mentee } = f;
    const toMentor = ruChild("pair-chat-to-mentor", { name: MENTOR });
    const fromMentee = ru("pair-chat-from-mentee", { name: MENTEE });
    await openChat(stack, mentee, MENTEE);
    await mentee.waitFor(ruChild("pair-chat-prompt", { to: toMentor }));

    // A photo with a caption holding a phone number: the photo arrives as a photo, the number masked.
    const photo = Buffer.from(samplePng(40, 30));
    await mentee.sendPhoto(photo, "Вот схема проекта! Звоните +7 912 345-67-89");
    const relayedPhoto = await mentor.waitFor(ru("pair-chat-relayed", { from: fromMentee, text: "" }).trimEnd());
    expect(relayedPhoto.text).toContain(ru("pair-chat-file-photo"));
    expect(relayedPhoto.text).toContain("Вот схема проекта!");
    expect(relayedPhoto.text).toContain(HIDDEN_CONTACT_MARK);
    expect(relayedPhoto.text).not.toMatch(/912|345|67-89/);
    expect(relayedPhoto.photo?.equals(photo)).toBe(true);
    expect(relayedPhoto.buttons.flat().map((button) => button.label)).toContain(ru("button-pair-chat-reply"));
    await mentee.waitFor(ruChild("pair-chat-delivered", { to: toMentor }));

    // A file without a caption arrives as a file, with its name and the same bytes.
    const pdf = Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(48 * 1024)]);
    await mentee.sendDocument(FILE_NAME, pdf);
    const relayedFile = await mentor.waitFor(ru("pair-chat-file-document", { name: FILE_NAME }));
    expect(relayedFile.text).toContain(ru("pair-chat-relayed", { from: fromMentee, text: "" }).trimEnd());
    const file = await documentArrived(mentor, FILE_NAME);
    expect(file?.document?.bytes.equals(pdf)).toBe(true);
    expect(file?.photo).toBeUndefined();
    await mentee.waitFor(ruChild("pair-chat-delivered", { to: toMentor }));

    // A sticker and a voice message are not passed on: said kindly, in a child's words.
    await mentee.sendSticker();
    await mentee.waitFor(ruChild("pair-chat-unsupported", { max: PAIR_CHAT_MAX_FILE_MB }));
    await mentee.sendVoice();
    await mentee.waitFor(ruChild("pair-chat-unsupported", { max: PAIR_CHAT_MAX_FILE_MB }));

    // A file over the limit is refused before it is fetched.
    await mentee.sendDocument("видео-с-урока.zip", Buffer.alloc(PAIR_CHAT_MAX_FILE_MB * 1024 * 1024 + 1, 7));
    await mentee.waitFor(ruChild("pair-chat-file-too-large", { max: PAIR_CHAT_MAX_FILE_MB }));

    // A concern word in a caption alerts the coordinator like a text.
    await mentee.sendPhoto(photo, "Меня травят в классе, вот что мне пишут");
    const alert = await f.coordinator.user.waitFor(ru("pair-chat-concern-bullying"));
    await stack.settle();

    // The pair's record keeps the files (the caption masked); the refused ones left no trace.
    const kept = await keptFiles(f.pairId);
    expect(kept.map((row) => [row.file_kind, row.file_name])).toEqual([
      ["photo", "photo.png"],
      ["document", FILE_NAME],
      ["photo", "photo.png"],
    ]);
    expect(Buffer.from(kept[0]!.file_content!).equals(photo)).toBe(true);
    expect(Buffer.from(kept[1]!.file_content!).equals(pdf)).toBe(true);
    expect(kept[0]!.body).not.toMatch(/912/);
    expect(kept[1]!.body).toBe("");
    expect(kept[1]!.file_mime_type).toBe("application/pdf");
    expect(received(mentor, "видео-с-урока")).toHaveLength(0);

    // The mentor answers with the button: the history names the photo and the file.
    await pressOn(mentor, relayedPhoto, ru("button-pair-chat-reply"));
    const history = await mentor.waitFor(ru("pair-chat-history-title"));
    expect(history.text).toContain(
      ru("pair-chat-file-with-caption", { file: ru("pair-chat-file-photo"), text: "Вот схема проекта!" }).trimEnd(),
    );
    expect(history.text).toContain(ru("pair-chat-file-document", { name: FILE_NAME }));

    // The coordinator's log names them too, and shows no bytes.
    await pressOn(f.coordinator.user, alert, ru("button-pair-chat-log"));
    const log = await f.coordinator.user.waitFor(
      ru("pair-chat-log-title", { pair: ru("check-ins-pair", { mentor: MENTOR, mentees: MENTEE, org: f.coordinator.orgName }), count: 3 }),
    );
    expect(log.text).toContain(ru("pair-chat-file-document", { name: FILE_NAME }));
    expect(log.text).toContain(ru("pair-chat-file-photo"));
    expect(log.photo).toBeUndefined();
    expect(log.document).toBeUndefined();
  });

  it("takes the files away with their author's data", async () => {
    const f = await pairAt12();
    const { mentor, mentee } = f;
    await openChat(stack, mentee, MENTEE);
    const photo = Buffer.from(samplePng(20, 20));
    await mentee.sendPhoto(photo);
    await mentor.waitFor(ru("pair-chat-file-photo"));
    await stack.settle();
    const before = await sql<{
      count: number;
    }>`SELECT count(*)::int AS count FROM outbox WHERE dedup_key LIKE 'pair-chat:%' AND person_id = ${f.mentorPersonId}`.execute(
      stack.database.db,
    );
    expect(before.rows[0]!.count).toBe(1);
    await mentee.send("/cancel");
    await mentee.send("/delete_me");
    await mentee.waitFor(ruChild("delete-confirm"));
    await mentee.press(ruChild("button-delete-yes"));
    await mentee.waitFor(ruChild("delete-done"));
    await stack.settle();
    expect(await keptFiles(f.pairId)).toEqual([]);
    const after = await sql<{
      count: number;
    }>`SELECT count(*)::int AS count FROM outbox WHERE dedup_key LIKE 'pair-chat:%' AND person_id = ${f.mentorPersonId}`.execute(
      stack.database.db,
    );
    expect(after.rows[0]!.count).toBe(0);
  });
});
