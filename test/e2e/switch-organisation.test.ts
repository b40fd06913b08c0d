/**
 * A coordinator of two organisations, on both messengers: they join the second through its invite,
 * the menu offers the switch, the programme screen follows the organisation chosen (and says which),
 * and the choice lasts. Refused politely: free text on the choice, the switch for someone who is not a
 * coordinator, and for a coordinator of one organisation.
 */
import { describe, expect, it } from "vitest";
import { packAction } from "#root/messaging/buttons.ts";
import type { Platform } from "#root/messaging/messenger.ts";
import { pressOn } from "../support/cycle-journey.ts";
import { labels, registerCoordinator, ru } from "../support/journeys.ts";
import { useTestStack } from "../support/stack.ts";

const stack = useTestStack();

describe.each(["telegram", "vk", "max"] as const)("a coordinator of two organisations on %s", (platform: Platform) => {
  const firstId = { telegram: 990_000, vk: 990_500, max: 995_500 }[platform];

  it("switches the organisation the coordinator's screens show, and keeps the choice", async () => {
    const first = await registerCoordinator(stack, platform, firstId, `Школа № ${firstId}`);
    const second = await stack.createOrganisation(`Гимназия № ${firstId}`);
    const user = first.user;
    const { name } = first;

    // The second organisation's coordinator invite, opened by the same person.
    await user.open(second.payload);
    await user.waitFor(ru("register-coordinator-welcome", { org: `Гимназия № ${firstId}` }));
    await user.waitFor(ru("register-coordinator-name"));
    await user.send(name);
    await user.waitFor(ru("register-coordinator-done", { name, org: `Гимназия № ${firstId}` }));
    const menu = await user.waitFor(ru("menu-title", { name }));
    // Organisations come in name order: the gymnasium is the one worked in until the coordinator switches.
    const switchButton = ru("button-switch-organisation", { org: `Гимназия № ${firstId}` });
    expect(labels(menu)).toContain(switchButton);
    await user.pressPayload(packAction("programme"));
    await user.waitFor(ru("programme-no-cycle", { org: `Гимназия № ${firstId}` }));

    await pressOn(user, menu, switchButton);
    const question = ru("switch-organisation-question", { org: `Гимназия № ${firstId}` });
    await user.waitFor(question);
    await user.send("в другую");
    await user.waitFor(`${ru("error-use-buttons")}\n\n${question}`);
    await user.press(`Школа № ${firstId}`);
    await user.waitFor(ru("switch-organisation-done", { org: `Школа № ${firstId}` }));

    await user.pressPayload(packAction("programme"));
    await user.waitFor(ru("programme-no-cycle", { org: `Школа № ${firstId}` }));
    const person = await stack.database.db.selectFrom("people").select("current_org_id").where("full_name", "=", name).execute();
    expect(person.map((row) => row.current_org_id)).toContain(first.orgId);

    // The choice lasts: the menu names the organisation worked in now.
    await user.pressPayload(packAction("menu"));
    const after = await user.waitFor(ru("menu-title", { name }));
    expect(labels(after)).toContain(ru("button-switch-organisation", { org: `Школа № ${firstId}` }));

    // Someone who is no coordinator pressing the switch, and a coordinator of one organisation.
    const stranger = stack.user(platform, firstId + 5, "Лёва");
    await stranger.pressPayload(packAction("switch-organisation"));
    await stranger.waitFor(ru("error-coordinators-only"));
    const single = await registerCoordinator(stack, platform, firstId + 10);
    await single.user.pressPayload(packAction("menu"));
    expect(labels(await single.user.waitFor(ru("menu-title", { name: single.name })))).not.toContain(
      ru("button-switch-organisation", { org: single.orgName }),
    );
    await single.user.pressPayload(packAction("switch-organisation"));
    await single.user.waitFor(ru("switch-organisation-only-one", { org: single.orgName }));
  });
});
