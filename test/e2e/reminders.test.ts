/**
 * Reminders off and on, on both messengers: from /reminders and from the profile; while they are
 * off, reminders planned for the person are dropped and other messages still arrive.
 */
import { describe, expect, it } from "vitest";
import { labels, ru } from "../support/journeys.ts";
import { startWorkingPair } from "../support/pairs.ts";
import { useTestStack } from "../support/stack.ts";

const stack = useTestStack();

describe.each(["telegram", "vk", "max"] as const)("reminders on %s", (platform) => {
  const firstId = { telegram: 890_000, vk: 890_100, max: 895_100 }[platform];

  it("a mentee turns reminders off; planned reminders are dropped, other messages arrive; the mentor's stay on", async () => {
    const pair = await startWorkingPair(stack, platform, firstId);
    const { mentee, mentor } = pair;

    // The menu of someone in a pair at work leads to the plan and the meetings.
    await mentee.send("/menu");
    const menu = await mentee.waitFor(ru("menu-title", { name: pair.menteeName }));
    expect(labels(menu)[0]).toBe(ru("button-plan"));
    expect(labels(menu)[1]).toBe(ru("button-meetings"));

    await mentee.send("/reminders");
    const asked = await mentee.waitFor(ru("reminders-now-on"));
    expect(labels(asked)).toEqual([ru("button-reminders-turn-off"), ru("button-reminders-keep-on"), ru("button-cancel")]);
    await mentee.send("да выключи");
    await mentee.waitFor(ru("reminders-now-on"));
    await mentee.press(ru("button-reminders-turn-off"));
    await mentee.waitFor(ru("reminders-turned-off"));
    await mentee.waitFor(ru("menu-title", { name: pair.menteeName }));

    const now = stack.clock.now();
    const reminder = (personId: number, name: string, isReminder: boolean) => ({
      dedupKey: `test-reminder:${platform}:${name}`,
      to: { personId },
      message: { text: [{ key: "plain", args: { text: name } }] },
      dueAt: now,
      reminder: isReminder,
    });
    await stack.app.repos.outbox.enqueue([
      reminder(pair.menteePersonId, `напоминание ученику ${platform}`, true),
      reminder(pair.menteePersonId, `не напоминание ${platform}`, false),
      reminder(pair.mentorPersonId, `напоминание наставнику ${platform}`, true),
    ]);
    await stack.settle();
    await mentee.waitFor(`не напоминание ${platform}`);
    await mentor.waitFor(`напоминание наставнику ${platform}`);
    expect(mentee.messages().map((message) => message.text)).not.toContain(`напоминание ученику ${platform}`);

    // Back on, from the profile.
    await mentee.send("/profile");
    await mentee.waitFor(ru("profile-reminders-off"));
    await mentee.waitFor(ru("profile-what-to-change"));
    await mentee.press(ru("profile-field-reminders"));
    await mentee.waitFor(ru("reminders-now-off"));
    await mentee.press(ru("button-reminders-turn-on"));
    await mentee.waitFor(ru("reminders-turned-on"));
    const person = await stack.database.db
      .selectFrom("people")
      .select("reminders_on")
      .where("id", "=", pair.menteePersonId)
      .executeTakeFirstOrThrow();
    expect(person.reminders_on).toBe(true);
  });
});
