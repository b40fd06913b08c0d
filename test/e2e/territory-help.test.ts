/**
 * What a regional methodologist reads on Telegram, VK and MAX beyond the territory's screen: /help
 * names their part (alone, or after a school coordinator's part for someone who is both), a school
 * coordinator's /help stays as it was, and a territory invite that no longer works says so in the
 * methodologists' terms, whether it is refused at the start or used up while its reader typed a name;
 * so does a territory's link for schools that no longer works, read by a school's coordinator.
 */
import { describe, expect, it } from "vitest";
import { TOKEN_POLICY } from "#root/domain/tokens.ts";
import type { Platform } from "#root/messaging/messenger.ts";
import { hashToken } from "#root/tokens.ts";
import type { ChatUser } from "../support/chat-user.ts";
import { HOUR } from "../support/cycle-journey.ts";
import { expireToken, labels, registerCoordinator, ru } from "../support/journeys.ts";
import { useTestStack } from "../support/stack.ts";

const stack = useTestStack();
const METHODOLOGIST = "Ольга Викторовна Белова";

/** The parts of one message as the bot joins them (src/messaging/message-spec.ts). */
const parts = (...texts: string[]): string => texts.join("\n\n");

async function createRegion(name: string) {
  const created = await stack.app.repos.territories.create({ kind: "region", name });
  if (!created.ok) throw new Error(created.reason);
  return created.territory;
}

function territoryInvite(territoryId: number): Promise<string> {
  return stack.app.repos.invites.issue({ purpose: "territory", territoryId, now: stack.clock.now() });
}

/** Someone the bot does not know joins the territory by its invite. */
async function joinAsMethodologist(user: ChatUser, invite: string, region: { id: number; name: string }): Promise<void> {
  await user.open(invite);
  await user.waitFor(ru("territory-name-question"));
  await user.send(METHODOLOGIST);
  await user.waitFor(ru("territory-joined", { name: METHODOLOGIST, territory: region.name }));
  await user.waitFor(ru("territory-title-region", { name: region.name, municipalities: 0, organisations: 0 }));
}

describe.each(["telegram", "vk", "max"] as const)("a methodologist's help and invites on %s", (platform: Platform) => {
  const base = { telegram: 893_000, vk: 893_500, max: 894_000 }[platform];

  it("/help names a methodologist's part; a school coordinator's is unchanged, and one who is both reads both", async () => {
    const region = await createRegion(`Псковская обл. (${platform})`);
    const methodologist = stack.user(platform, base, "Ольга");
    await joinAsMethodologist(methodologist, await territoryInvite(region.id), region);
    await methodologist.send("/help");
    const help = await methodologist.waitFor(ru("help-text"));
    expect(help.text).toBe(parts(ru("help-text"), ru("help-territory")));
    expect(labels(help)).toEqual([ru("button-menu")]);

    const coordinator = await registerCoordinator(stack, platform, base + 1);
    await coordinator.user.send("/help");
    const schoolHelp = await coordinator.user.waitFor(ru("help-text"));
    expect(schoolHelp.text).toBe(parts(ru("help-text"), ru("help-coordinator")));

    // The school's coordinator becomes a territory's coordinator too: a known person gives no name.
    await coordinator.user.open(await territoryInvite(region.id));
    await coordinator.user.waitFor(ru("territory-joined", { name: coordinator.name, territory: region.name }));
    await coordinator.user.send("/help");
    const bothHelp = await coordinator.user.waitFor(ru("help-text"));
    expect(bothHelp.text).toBe(parts(ru("help-text"), ru("help-coordinator"), ru("help-territory")));
  });

  it("a used, an expired and a used-up-while-answering territory invite are refused in a methodologist's terms", async () => {
    const region = await createRegion(`Новгородская обл. (${platform})`);
    const invite = await territoryInvite(region.id);
    await joinAsMethodologist(stack.user(platform, base + 10, "Ольга"), invite, region);

    const latecomer = stack.user(platform, base + 11, "Пётр");
    await latecomer.open(invite);
    const usedUp = await latecomer.waitFor(ru("invite-territory-used_up"));
    expect(usedUp.text).not.toContain(ru("invite-used_up"));

    const expired = await territoryInvite(region.id);
    await expireToken(stack, expired);
    await latecomer.open(expired);
    await latecomer.waitFor(ru("invite-territory-expired"));

    // Two colleagues open one invite; the second to give a name finds it taken by the first.
    const shared = await territoryInvite(region.id);
    const first = stack.user(platform, base + 12, "Мария");
    const second = stack.user(platform, base + 13, "Инна");
    await first.open(shared);
    await first.waitFor(ru("territory-name-question"));
    await second.open(shared);
    await second.waitFor(ru("territory-name-question"));
    await first.send("Мария Ивановна Орлова");
    await first.waitFor(ru("territory-joined", { name: "Мария Ивановна Орлова", territory: region.name }));
    await second.send("Инна Павловна Зайцева");
    const refused = await second.waitFor(ru("invite-territory-used_up"));
    expect(labels(refused)).toEqual([ru("button-menu")]);

    // A school's invite keeps the school's wording.
    const { payload: schoolInvite } = await stack.createOrganisation(`Школа с просроченной ссылкой (${platform})`);
    await expireToken(stack, schoolInvite);
    await latecomer.open(schoolInvite);
    await latecomer.waitFor(ru("invite-expired"));
  });

  it("a territory's link for schools that expired, or ran out, sends a school's coordinator to the territory's coordinator", async () => {
    const region = await createRegion(`Тульская обл. (${platform})`);
    const school = await registerCoordinator(stack, platform, base + 20);
    const link = await stack.app.repos.invites.issue({ purpose: "territory-join", territoryId: region.id, now: stack.clock.now() });

    // The link's 60 days run out while the coordinator makes up their mind to send the request.
    await school.user.open(link);
    await school.user.waitFor(ru("territory-join-confirm", { org: school.orgName, territory: region.name }));
    stack.clock.advance(TOKEN_POLICY["territory-join"].ttlMs + HOUR);
    await school.user.press(ru("territory-button-send-request"));
    const late = await school.user.waitFor(ru("territory-join-link-gone"));
    expect(late.text).not.toContain(ru("invite-expired"));
    expect(labels(late)).toEqual([ru("button-menu")]);

    // Opened again, the same link is refused at the start in the same terms.
    await school.user.open(link);
    const expired = await school.user.waitFor(ru("territory-join-link-gone"));
    expect(expired.text).not.toContain(ru("invite-expired"));

    // A link whose uses are all spent reads the same.
    const spent = await stack.app.repos.invites.issue({ purpose: "territory-join", territoryId: region.id, now: stack.clock.now() });
    await stack.database.db.updateTable("invites").set({ uses_left: 0 }).where("token_hash", "=", hashToken(spent)).execute();
    await school.user.open(spent);
    const usedUp = await school.user.waitFor(ru("territory-join-link-gone"));
    expect(usedUp.text).not.toContain(ru("invite-used_up"));
  });
});
