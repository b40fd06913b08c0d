/**
 * Fault: the platforms deliver updates twice, at once and late, and out of order. Telegram re-sends
 * an update whose webhook call failed or timed out (same update_id), possibly after later ones; VK
 * re-posts an event it got no "ok" for (same event_id); MAX retries a webhook call it got no 200 for
 * (the same message mid, the same callback). Proves: each update is handled once wherever
 * its copies arrive (a toggle button pressed "twice" by a replay toggles once), a late replay of an
 * update already handled changes nothing, and a newer update arriving before an older one loses
 * neither. test/e2e/bad-input.test.ts covers a single replay and stale buttons.
 */
import { describe, expect, it } from "vitest";
import { waitUntil } from "../support/faults/waiting.ts";
import { UpdateIds, WebhookTelegramUser } from "../support/faults/webhook-user.ts";
import { issueInvite, label, ruChild } from "../support/journeys.ts";
import { useTestStack } from "../support/stack.ts";

const stack = useTestStack({ telegramWebhook: true });

/** Every person here registers as a 16-year-old student: «ты» throughout. */
const directionsPrompt = () => ruChild("register-mentee-directions");
const selected = (direction: string) => ruChild("choice-selected", { label: ruChild(`direction-${direction}`) });

describe("replayed and reordered updates", () => {
  it("Telegram: copies of an update_id, at once or after later updates, are handled once; a newer update first loses nothing", async () => {
    const { orgId } = await stack.createOrganisation("Школа № 13");
    const webhook = { url: () => stack.telegramWebhook!.url, secret: stack.telegramWebhook!.secret };
    const user = new WebhookTelegramUser(stack.telegramServer, webhook, new UpdateIds(5_000), { userId: 900_501, firstName: "Олег" });
    const count = (text: string) => user.count(text);

    await user.send(`/start ${await issueInvite(stack, orgId, "mentee")}`);
    await user.waitFor(ruChild("register-mentee-name"));

    // The same update three times at once (Telegram retrying a call that timed out).
    const name = user.text("Олег Фомин");
    expect(await Promise.all([user.post(name), user.post(name), user.post(name)])).toEqual([200, 200, 200]);
    await user.waitFor(ruChild("register-mentee-age"));

    // A newer update arrives before an older one: both are handled, neither twice.
    const age = user.text("16");
    const help = user.text("/help");
    await user.deliver(help);
    await user.waitFor(ruChild("help-in-flow"));
    await user.deliver(age);
    await user.waitFor(ruChild("register-mentee-grade"));
    // Late copies of both, after the conversation moved on, change nothing.
    await user.deliver(age);
    await user.deliver(help);
    await user.deliver(name);
    await user.send("1 курс");
    await user.waitFor(directionsPrompt());

    // A toggle pressed once but delivered three times toggles once.
    const press = user.press(label(ruChild("direction-career")));
    await Promise.all([user.deliver(press), user.deliver(press)]);
    await user.deliver(press);
    await stack.settle();
    const shown = user.messages().filter((m) => m.text.startsWith(directionsPrompt()));
    expect(
      shown
        .at(-1)!
        .buttons.flat()
        .map((b) => b.label),
    ).toContain(selected("career"));
    await user.deliver(user.press(ruChild("button-done")));
    await user.waitFor(ruChild("register-mentee-goals"));
    await stack.settle();

    expect(count(ruChild("register-mentee-age"))).toBe(2); // asked, and asked again below the help
    expect(count(ruChild("help-in-flow"))).toBe(1);
    expect(count(ruChild("register-mentee-grade"))).toBe(1);
    expect(count(directionsPrompt())).toBe(1); // asked once; the choice is marked in the same message
    expect(count(ruChild("register-mentee-goals"))).toBe(1);
    expect(count(ruChild("error-use-buttons")) + count(ruChild("error-button-stale")) + count(ruChild("error-generic"))).toBe(0);
  });

  it("VK: an event re-posted with its event_id, at once or later, is handled once", async () => {
    const { orgId } = await stack.createOrganisation("Школа № 14");
    const vk = stack.vkUser(900_511);
    const count = (text: string) => vk.messages().filter((m) => m.message.includes(text)).length;
    await vk.open(await issueInvite(stack, orgId, "mentee"));
    await vk.waitFor(ruChild("register-mentee-name"));

    const name = vk.textUpdate("Оля Зуева");
    const answers = await Promise.all([vk.deliver(name), vk.deliver(name), vk.deliver(name)]);
    expect(answers.map((a) => a.body)).toEqual(["ok", "ok", "ok"]);
    await vk.waitFor(ruChild("register-mentee-age"));
    await vk.send("16");
    await vk.waitFor(ruChild("register-mentee-grade"));
    await vk.deliver(name); // a late copy, after the conversation moved on
    await vk.send("1 курс");
    await vk.waitFor(directionsPrompt());
    await stack.settle();

    await vk.press(label(ruChild("direction-projects")));
    await Promise.all([vk.replayLast(), vk.replayLast()]);
    await stack.settle();
    const directionsShown = () => vk.messages().filter((m) => m.message.startsWith(directionsPrompt()));
    await waitUntil("the choice is shown", () =>
      (directionsShown().at(-1)?.keyboard?.buttons.flat() ?? []).some((b) => b.action.label === selected("projects")),
    );
    await stack.settle();
    const last = vk
      .messages()
      .filter((m) => m.message.startsWith(directionsPrompt()))
      .at(-1)!;
    expect(last.keyboard!.buttons.flat().map((b) => b.action.label)).toContain(selected("projects"));

    expect(count(ruChild("register-mentee-age"))).toBe(1);
    expect(count(ruChild("register-mentee-grade"))).toBe(1);
    expect(count(directionsPrompt())).toBe(1);
    expect(count(ruChild("error-use-buttons")) + count(ruChild("error-button-stale")) + count(ruChild("error-name-letters"))).toBe(0);
  });

  it("MAX: a message or a press delivered again, at once or later, is handled once", async () => {
    const { orgId } = await stack.createOrganisation("Школа № 15");
    const max = stack.maxUser(900_611, "Оля");
    const count = (text: string) => max.messages().filter((m) => m.text.includes(text)).length;
    await max.open(await issueInvite(stack, orgId, "mentee"));
    await max.waitFor(ruChild("register-mentee-name"));

    const name = max.textUpdate("Оля Зуева");
    await Promise.all([max.deliver(name), max.deliver(name), max.deliver(name)]);
    await max.waitFor(ruChild("register-mentee-age"));
    await max.send("16");
    await max.waitFor(ruChild("register-mentee-grade"));
    await max.deliver(name); // a late copy, after the conversation moved on
    await max.send("1 курс");
    await max.waitFor(directionsPrompt());
    await stack.settle();

    await max.press(label(ruChild("direction-projects")));
    await Promise.all([max.replayLast(), max.replayLast()]);
    await stack.settle();
    const directionsShown = () => max.messages().filter((m) => m.text.startsWith(directionsPrompt()));
    await waitUntil("the choice is shown", () =>
      (directionsShown().at(-1)?.keyboard?.flat() ?? []).some((button) => button.text === selected("projects")),
    );
    await stack.settle();
    const last = max
      .messages()
      .filter((m) => m.text.startsWith(directionsPrompt()))
      .at(-1)!;
    expect(last.keyboard!.flat().map((button) => button.text)).toContain(selected("projects"));

    expect(count(ruChild("register-mentee-age"))).toBe(1);
    expect(count(ruChild("register-mentee-grade"))).toBe(1);
    expect(count(directionsPrompt())).toBe(1);
    expect(count(ruChild("error-use-buttons")) + count(ruChild("error-button-stale")) + count(ruChild("error-name-letters"))).toBe(0);
  });
});
