/**
 * Fault: sends that fail, on every messenger, while every log line of the app is kept. A failed
 * send's error carries what was sent (grammY's `payload`, vk-io's `params`): none of a message's
 * text, a person's name or what they wrote may reach the logs, while the logs still say what failed.
 */
import { describe, expect, it } from "vitest";
import { msg } from "#root/i18n/translator.ts";
import type { Platform } from "#root/messaging/messenger.ts";
import { waitUntil } from "../support/faults/waiting.ts";
import { issueInvite, menteeForm, otherPlatform, participantByName, registerCoordinator, registerMentee } from "../support/journeys.ts";
import { logCapture } from "../support/log-capture.ts";
import { useTestStack } from "../support/stack.ts";

const { stream: logTo, lines } = logCapture();
const stack = useTestStack({ logTo });

interface LogLine {
  msg: string;
  err?: Record<string, unknown>;
}
const parsed = (): LogLine[] => lines.map((line) => JSON.parse(line) as LogLine);

describe.each(["telegram", "vk"] as const)("the logs of failed sends on %s", (platform: Platform) => {
  const base = platform === "telegram" ? 900_700 : 900_710;

  it("say what failed and hold no message text, name or answer", async () => {
    const coordinator = await registerCoordinator(stack, otherPlatform(platform), base);
    const student = stack.user(platform, base + 1, "Дима");
    const name = platform === "telegram" ? "Дима Тайнов" : "Дина Тайнова";
    const goals = `Секретная цель номер ${base}`;
    await registerMentee(
      student,
      { payload: await issueInvite(stack, coordinator.orgId, "mentee"), orgName: coordinator.orgName },
      menteeForm(name, 18, { goals }),
    );
    const personId = (await participantByName(stack, coordinator.orgId, name))!.personId;
    await stack.settle();
    const secret = `Тайное послание для ${name}: ${goals}`;

    if (platform === "vk") {
      // A file whose upload VK refuses: vk-io's error echoes the request's parameters.
      stack.vkApi.failNext("docs.save", 15);
      const document = { filename: "report.txt", mimeType: "text/plain", content: Buffer.from(secret, "utf8") };
      await stack.app.outbox.send({ personId }, { text: [msg("plain", { text: secret })], document }, `privacy:${platform}:file`);
      await stack.settle();
      await waitUntil("the upload's failure is logged", () => parsed().some((line) => line.msg === "vk document upload failed"), 10_000);
    }
    // A user who blocked the bot: the platform refuses the text.
    if (platform === "telegram") stack.telegramServer.rules.block(base + 1);
    else stack.vkApi.block(base + 1);
    await stack.app.outbox.send({ personId }, { text: [msg("plain", { text: secret })] }, `privacy:${platform}:text`);
    await stack.settle();
    const account = () =>
      stack.database.db
        .selectFrom("accounts")
        .select("blocked_at")
        .where("platform", "=", platform)
        .where("external_id", "=", String(base + 1))
        .executeTakeFirstOrThrow();
    await waitUntil("the refusal is met", async () => (await account()).blocked_at !== null, 10_000);

    const failures = parsed().filter(
      (line) => line.msg === (platform === "telegram" ? "telegram send failed" : "vk document upload failed"),
    );
    expect(failures.length).toBeGreaterThan(0);
    // Still useful to whoever reads them: the kind of failure and the platform's own words.
    expect(failures[0]!.err).toMatchObject({ type: expect.any(String), message: expect.any(String) });
    const everything = lines.join("\n");
    for (const privateText of [name, goals, "Тайное послание", Buffer.from(secret).toString("base64")]) {
      expect(everything).not.toContain(privateText);
    }
    // Cyrillic may also be escaped in JSON: none of the name's letters in \u form either.
    expect(everything).not.toContain(JSON.stringify(name).slice(1, -1));
  });
});
