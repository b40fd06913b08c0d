/**
 * Inbound flood control on every messenger: a child hammering a button costs the database at most
 * what the chat's token bucket allows (FLOOD_BURST at once, FLOOD_RATE a second after), the presses
 * over it are answered kindly and dropped, and nothing that matters is lost: a text typed amid the
 * flood is answered, ordinary fast ticking of a multi-select is never refused, and the button works
 * again a moment later. test/unit/flood-guard.test.ts covers the bucket itself.
 */
import { describe, expect, it } from "vitest";
import { loadConfig } from "#root/config.ts";
import type { Platform } from "#root/messaging/messenger.ts";
import { type ChatMessage, type ChatUser, vkChatUser } from "../support/chat-user.ts";
import { waitUntil } from "../support/faults/waiting.ts";
import { idSequence, issueInvite, label, ruChild } from "../support/journeys.ts";
import { useTestStack } from "../support/stack.ts";

/** The app's own limits, as it runs with nothing set (10 at once, 2 a second). */
const LIMITS = loadConfig({}).flood;
const BURST = LIMITS.burst;
const PER_SECOND = LIMITS.perSecond;

const stack = useTestStack({ flood: LIMITS });
const nextId = idSequence(70_000);
const HAMMERED = 30;

const DIRECTIONS = ["studies", "additional_education", "projects", "career", "civic"];
const directionsPrompt = () => ruChild("register-mentee-directions");
const tooFast = () => ruChild("toast-too-fast");

/** A 16-year-old student registers up to the directions question (a multi-select), on a fresh organisation. */
async function upToDirections(user: ChatUser): Promise<void> {
  const { orgId } = await stack.createOrganisation(`Школа № ${user.userId}`);
  await user.open(await issueInvite(stack, orgId, "mentee"));
  await user.waitFor(ruChild("register-mentee-name"));
  await user.send("Оля Зуева");
  await user.waitFor(ruChild("register-mentee-age"));
  await user.send("16");
  await user.waitFor(ruChild("register-mentee-grade"));
  await user.send("10А");
  await user.waitFor(directionsPrompt());
}

/** The directions question as the chat shows it now (the latest copy, after edits). */
const directionsShown = (user: ChatUser): ChatMessage | undefined =>
  user
    .messages()
    .filter((m) => m.text.startsWith(directionsPrompt()))
    .at(-1);
const selectedShown = (user: ChatUser): string[] =>
  (directionsShown(user)?.buttons.flat() ?? [])
    .map((b) => b.label)
    .filter((text) => DIRECTIONS.some((d) => text === ruChild("choice-selected", { label: ruChild(`direction-${d}`) })));

/** The updates of a chat the inbox took after `afterId`, by kind: what they cost the database. */
async function storedSince(
  platform: Platform,
  chatId: string,
  afterId: number,
): Promise<{ presses: number; texts: number; lastId: number }> {
  const rows = await stack.database.db
    .selectFrom("inbox")
    .select(["id", "incoming"])
    .where("platform", "=", platform)
    .where("chat_id", "=", chatId)
    .where("id", ">", afterId)
    .execute();
  const kinds = rows.map((row) => (typeof row.incoming === "string" ? JSON.parse(row.incoming) : row.incoming).event.kind as string);
  return {
    presses: kinds.filter((kind) => kind === "button").length,
    texts: kinds.filter((kind) => kind === "text").length,
    lastId: Math.max(afterId, ...rows.map((row) => Number(row.id))),
  };
}

/**
 * The flood: `HAMMERED` presses of one direction as fast as the client sends them, a question typed
 * in the middle. Returns what the inbox took and how many presses the limit allows in the time it
 * lasted on the app's clock. `refusedShown`: the presses the person saw refused (Telegram's polling
 * bot takes the presses from its Bot API server a moment after they were sent: the test waits until
 * every press is either stored or refused).
 */
async function hammer(
  user: ChatUser,
  typed: string,
  refusedShown: () => number,
): Promise<{ presses: number; texts: number; allowed: number }> {
  // Calm for a minute: the chat's bucket is full again, whatever the registration spent.
  stack.clock.advance(60_000);
  const before = await storedSince(user.platform, user.chatId, 0);
  const startedAt = stack.clock.now().getTime();
  const career = label(ruChild("direction-career"));
  const presses = Array.from({ length: HAMMERED }, (_, at) =>
    at === HAMMERED / 2 ? Promise.all([user.press(career), user.send(typed)]) : user.press(career),
  );
  await Promise.all(presses);
  await waitUntil(
    "every press is stored or refused",
    async () => (await storedSince(user.platform, user.chatId, before.lastId)).presses + refusedShown() >= HAMMERED,
    10_000,
  );
  await stack.settle();
  const seconds = (stack.clock.now().getTime() - startedAt) / 1000;
  const stored = await storedSince(user.platform, user.chatId, before.lastId);
  return { ...stored, allowed: Math.floor(BURST + PER_SECOND * seconds) };
}

describe.each(["telegram", "vk", "max"] as const)("flood control on %s", (platform) => {
  it("a button hammered 30 times costs at most the limit; the rest get a kind toast; the text amid them is answered", async () => {
    const child = stack.user(platform, nextId(), "Оля");
    await upToDirections(child);

    // Ordinary fast use: every option ticked at once, right after the registration's typed answers.
    await Promise.all(DIRECTIONS.map((d) => child.press(label(ruChild(`direction-${d}`)))));
    await stack.settle();
    await waitUntil("every direction is ticked", () => selectedShown(child).length === DIRECTIONS.length, 5_000);
    expect(child.toasts().filter((toast) => toast === tooFast())).toEqual([]);

    const refusedInToasts = () => child.toasts().filter((toast) => toast === tooFast()).length;
    const flood = await hammer(child, "А можно всё сразу?", refusedInToasts);
    // The inbox took the text and the bucket's worth of presses: a full one, plus what it earned
    // meanwhile (the text spent a token of it when one was left, and passed anyway when none was).
    expect(flood.texts).toBe(1);
    expect(flood.presses + flood.texts).toBeGreaterThanOrEqual(BURST);
    expect(flood.presses).toBeLessThanOrEqual(flood.allowed);
    // Every press was answered: the handled ones quietly, the others with the kind toast.
    expect(refusedInToasts()).toBe(HAMMERED - flood.presses);
    // The text was read and answered in the flow (a multi-select asks for its buttons).
    await child.waitFor(ruChild("error-use-buttons"));
    // The flow handled each stored press: career toggled that many times from ticked.
    const careerTicked = selectedShown(child).includes(ruChild("choice-selected", { label: ruChild("direction-career") }));
    expect(careerTicked).toBe(flood.presses % 2 === 0);

    // A moment later the buttons work again, and the registration goes on.
    stack.clock.advance(5_000);
    await child.press(ruChild("button-done"));
    await child.waitFor(ruChild("register-mentee-goals"));
  });
});

describe("flood control on VK's text keyboards", () => {
  it("a button hammered 30 times gets one kind message, not thirty, and the text amid them is answered", async () => {
    const child = vkChatUser(stack.vkUser(nextId(), { callbackButtons: false }));
    await upToDirections(child);
    await child.press(label(ruChild("direction-projects")));
    await waitUntil("projects is ticked", () => selectedShown(child).length === 1, 5_000);
    // A text keyboard cannot be edited: every handled press shows the question again, below.
    const questionsShown = () => child.messages().filter((m) => m.text.startsWith(directionsPrompt())).length;
    const shownBefore = questionsShown();

    // A VK webhook call is answered once its update is stored or refused: nothing comes late.
    const flood = await hammer(child, "А можно всё сразу?", () => HAMMERED);
    expect(flood.texts).toBe(1);
    expect(flood.presses + flood.texts).toBeGreaterThanOrEqual(BURST);
    expect(flood.presses).toBeLessThanOrEqual(flood.allowed);
    expect(child.messages().filter((m) => m.text === ruChild("notice-too-fast"))).toHaveLength(1);
    expect(child.toasts()).toEqual([]);
    await child.waitFor(ruChild("error-use-buttons"));
    expect(questionsShown() - shownBefore).toBe(flood.presses);

    stack.clock.advance(5_000);
    await child.press(ruChild("button-done"));
    await child.waitFor(ruChild("register-mentee-goals"));
  });
});
