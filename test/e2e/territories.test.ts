/**
 * The regional level (issue 20) on Telegram, VK and MAX: a regional methodologist joins by a
 * territory's invite, adds a municipality and takes its link for schools; a school's coordinator asks
 * to join, the methodologist approves from the notice and the school hears of it; another school is
 * refused; a stale Approve is told what was decided; the school enters its number of students aged
 * 10–19. Nothing the methodologist is shown names a participant.
 */
import { describe, expect, it } from "vitest";
import { calendarDate } from "#root/domain/cycle.ts";
import { schoolYearOf } from "#root/domain/region.ts";
import { MAX_ENROLMENT } from "#root/domain/territories.ts";
import { schoolYearLabel } from "#root/flows/territories/enrolment.ts";
import { packAction } from "#root/messaging/buttons.ts";
import type { Platform } from "#root/messaging/messenger.ts";
import { type ChatUser, linkFor, payloadOf } from "../support/chat-user.ts";
import { labels, payloadOfButton, registerCoordinator, ru } from "../support/journeys.ts";
import { startWorkingPair } from "../support/pairs.ts";
import { useTestStack } from "../support/stack.ts";

const stack = useTestStack();

/** A mentee of the first school, named so that any trace of her in a message is unmistakable. */
const MENTEE_NAME = "Евлампия Кондратьевна Пржевальская";
const METHODOLOGIST = "Ольга Викторовна Белова";

/** A participant of the school, straight into the database: the journey is not about her registration. */
async function seedMentee(orgId: number, fullName: string): Promise<void> {
  const person = await stack.database.db
    .insertInto("people")
    .values({ full_name: fullName, birth_year: 2013 })
    .returning("id")
    .executeTakeFirstOrThrow();
  await stack.database.db
    .insertInto("participants")
    .values({ org_id: orgId, person_id: person.id, role: "mentee", status: "active" })
    .execute();
}

async function territoryOf(orgId: number): Promise<number | null> {
  const row = await stack.database.db.selectFrom("organisations").select("territory_id").where("id", "=", orgId).executeTakeFirstOrThrow();
  return row.territory_id;
}

/** The start payload of a message's link on the person's own messenger. */
const startPayload = (user: ChatUser, message: Parameters<typeof linkFor>[0]): string => payloadOf(linkFor(message, user.platform));

describe.each(["telegram", "vk", "max"] as const)("territories on %s", (platform: Platform) => {
  const base = { telegram: 880_000, vk: 880_500, max: 881_000 }[platform];
  const regionName = `Тверская обл. ${platform}`;
  const municipalityName = `Городской округ Тверь ${platform}`;

  it("a methodologist joins, adds a municipality, approves one school and refuses another; the school enters its students aged 10–19", async () => {
    const created = await stack.app.repos.territories.create({ kind: "region", name: regionName });
    if (!created.ok) throw new Error(created.reason);
    const region = created.territory;
    const invite = await stack.app.repos.invites.issue({ purpose: "territory", territoryId: region.id, now: stack.clock.now() });

    // The methodologist joins by the invite and gives a name.
    const methodologist = stack.user(platform, base, "Ольга");
    await methodologist.open(invite);
    await methodologist.waitFor(ru("territory-welcome", { name: region.name }));
    await methodologist.waitFor(ru("territory-name-question"));
    await methodologist.send(METHODOLOGIST);
    await methodologist.waitFor(ru("territory-joined", { name: METHODOLOGIST, territory: region.name }));
    const screen = await methodologist.waitFor(ru("territory-title-region", { name: region.name, municipalities: 0, organisations: 0 }));
    expect(labels(screen)).toEqual([
      ru("territory-button-municipalities"),
      ru("territory-button-organisations"),
      ru("territory-button-requests"),
      ru("territory-button-join-link"),
      ru("territory-button-invite"),
      ru("region-button-figures"),
      ru("region-button-report"),
      ru("button-menu"),
    ]);
    // The invite was for one person.
    const latecomer = stack.user(platform, base + 1, "Пётр");
    await latecomer.open(invite);
    await latecomer.waitFor(ru("invite-territory-used_up"));

    // The main menu shows the territory.
    await methodologist.send("/menu");
    const menu = await methodologist.waitFor(ru("menu-title", { name: METHODOLOGIST }));
    expect(menu.text).toContain(ru("menu-territory-region", { name: region.name }));
    expect(labels(menu)).toContain(ru("button-territory", { name: region.name }));

    // A municipality by name (a taken name is asked again), then its link for schools.
    await methodologist.press(ru("button-territory", { name: region.name }));
    await methodologist.waitFor(ru("territory-title-region", { name: region.name, municipalities: 0, organisations: 0 }));
    await methodologist.press(ru("territory-button-municipalities"));
    await methodologist.waitFor(ru("territory-municipalities-title", { name: region.name, count: 0 }));
    await methodologist.press(ru("territory-button-add-municipality"));
    await methodologist.waitFor(ru("territory-add-municipality-name", { region: region.name }));
    await methodologist.send(municipalityName);
    await methodologist.waitFor(ru("territory-municipality-added", { name: municipalityName, region: region.name }));
    const municipality = (await stack.app.repos.territories.municipalities(region.id)).find((entry) => entry.name === municipalityName);
    expect(municipality).toBeDefined();
    await methodologist.press(ru("territory-button-municipalities"));
    const listed = await methodologist.waitFor(ru("territory-municipalities-title", { name: region.name, count: 1 }));
    expect(listed.text).toContain(ru("territory-municipality-line", { name: municipalityName, organisations: 0 }));
    await methodologist.press(ru("territory-button-add-municipality"));
    await methodologist.waitFor(ru("territory-add-municipality-name", { region: region.name }));
    await methodologist.send(municipalityName.toUpperCase());
    await methodologist.waitFor(ru("territory-municipality-exists", { name: municipalityName.toUpperCase() }));
    await methodologist.send("/cancel");
    await methodologist.pressPayload(packAction("territory", String(municipality!.id)));
    const municipalityScreen = await methodologist.waitFor(
      ru("territory-title-municipality", { name: municipalityName, region: region.name, organisations: 0 }),
    );
    expect(labels(municipalityScreen)).not.toContain(ru("territory-button-municipalities"));
    expect(labels(municipalityScreen)).toContain(ru("territory-button-back", { name: region.name }));
    await methodologist.press(ru("territory-button-join-link"));
    const joinLinks = await methodologist.waitFor(ru("territory-join-links", { name: municipalityName }));
    const joinPayload = startPayload(methodologist, joinLinks);
    expect(await stack.app.repos.invites.find(joinPayload, stack.clock.now())).toMatchObject({
      ok: true,
      invite: { purpose: "territory-join", territoryId: municipality!.id },
    });

    // Someone who coordinates no school is told what the link is for.
    const stranger = stack.user(platform, base + 2, "Лёва");
    await stranger.open(joinPayload);
    await stranger.waitFor(ru("territory-join-for-coordinators", { name: municipalityName }));

    // The first school asks to join; a second request is not taken while the first waits.
    const school = await registerCoordinator(stack, platform, base + 10, `Школа № ${base + 10}`);
    await seedMentee(school.orgId, MENTEE_NAME);
    const askToJoin = async (user: ChatUser, org: string) => {
      await user.open(joinPayload);
      await user.waitFor(ru("territory-join-confirm", { org, territory: municipalityName }));
      await user.press(ru("territory-button-send-request"));
    };
    await askToJoin(school.user, school.orgName);
    await school.user.waitFor(ru("territory-join-sent", { org: school.orgName, territory: municipalityName }));
    await askToJoin(school.user, school.orgName);
    await school.user.waitFor(ru("territory-join-open", { org: school.orgName }));

    // The methodologist approves from the notice; the school is attached and told.
    await stack.settle();
    const notice = await methodologist.waitFor(ru("territory-request-notice", { org: school.orgName, territory: municipalityName }));
    const approve = payloadOfButton(notice, ru("territory-button-approve"));
    expect(await territoryOf(school.orgId)).toBeNull();
    await methodologist.pressPayload(approve);
    await methodologist.waitFor(ru("territory-request-approved", { org: school.orgName, territory: municipalityName }));
    expect(await territoryOf(school.orgId)).toBe(municipality!.id);
    await stack.settle();
    await school.user.waitFor(ru("territory-request-approved-school", { org: school.orgName, territory: municipalityName }));
    // The same notice's button again: the decision stands and is told.
    await methodologist.pressPayload(approve);
    await methodologist.waitFor(ru("territory-request-already-approved", { org: school.orgName }));
    // The school asking again once it belongs there.
    await askToJoin(school.user, school.orgName);
    await school.user.waitFor(ru("territory-join-attached", { org: school.orgName, territory: municipalityName }));

    // A second school is refused; it stays outside and is told; its stale Approve changes nothing.
    const other = await registerCoordinator(stack, platform, base + 20, `Лицей № ${base + 20}`);
    await askToJoin(other.user, other.orgName);
    await other.user.waitFor(ru("territory-join-sent", { org: other.orgName, territory: municipalityName }));
    await stack.settle();
    const otherNotice = await methodologist.waitFor(ru("territory-request-notice", { org: other.orgName, territory: municipalityName }));
    await methodologist.pressPayload(payloadOfButton(otherNotice, ru("territory-button-refuse")));
    await methodologist.waitFor(ru("territory-request-refused", { org: other.orgName, territory: municipalityName }));
    await stack.settle();
    await other.user.waitFor(ru("territory-request-refused-school", { org: other.orgName, territory: municipalityName }));
    await methodologist.pressPayload(payloadOfButton(otherNotice, ru("territory-button-approve")));
    await methodologist.waitFor(ru("territory-request-already-refused"));
    expect(await territoryOf(other.orgId)).toBeNull();
    // A school's coordinator cannot decide requests.
    await other.user.pressPayload(approve);
    await other.user.waitFor(ru("territory-coordinators-only"));

    // The region's organisations, by municipality: the school's name, nobody's.
    await methodologist.pressPayload(packAction("terr-orgs", String(region.id)));
    const organisations = await methodologist.waitFor(ru("territory-organisations-title", { name: region.name, count: 1 }));
    expect(organisations.text).toContain(ru("territory-organisations-in", { municipality: municipalityName, names: school.orgName }));
    await methodologist.pressPayload(packAction("terr-requests"));
    await methodologist.waitFor(ru("territory-requests-none"));

    // The school's coordinator: the programme screen asks for the figure; one bad answer, then a good one.
    const schoolYear = schoolYearOf(calendarDate(stack.clock.now(), "Europe/Moscow"));
    const year = schoolYearLabel(schoolYear);
    await school.user.pressPayload(packAction("programme"));
    const programme = await school.user.waitFor(ru("programme-no-cycle", { org: school.orgName }));
    expect(programme.text).toContain(ru("enrolment-missing", { year }));
    await school.user.press(ru("button-enrolment"));
    const question = ru("enrolment-question-missing", { org: school.orgName, year });
    await school.user.waitFor(question);
    await school.user.send("примерно шестьсот");
    await school.user.waitFor(`${ru("error-enrolment", { max: MAX_ENROLMENT })}\n\n${question}`);
    await school.user.send("640");
    await school.user.waitFor(ru("enrolment-saved", { org: school.orgName, year, students: 640 }));
    const stored = await stack.database.db
      .selectFrom("organisation_enrolments")
      .select(["school_year", "students_10_19"])
      .where("org_id", "=", school.orgId)
      .execute();
    expect(stored).toEqual([{ school_year: schoolYear, students_10_19: 640 }]);
    await school.user.pressPayload(packAction("programme"));
    const after = await school.user.waitFor(ru("enrolment-line", { year, students: 640 }));
    expect(after.text).not.toContain(ru("enrolment-missing", { year }));
    // A school outside any territory is not nagged for the figure.
    await other.user.pressPayload(packAction("programme"));
    const outside = await other.user.waitFor(ru("programme-no-cycle", { org: other.orgName }));
    expect(outside.text).not.toContain(ru("enrolment-missing", { year }));

    // Everything the methodologist was shown: plenty of it, the schools by name, and no participant.
    const seen = methodologist.messages().map((message) => [message.text, ...labels(message)].join("\n"));
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.some((text) => text.includes(school.orgName))).toBe(true);
    for (const name of [MENTEE_NAME, "Пржевальск", school.name, other.name]) {
      expect(seen.filter((text) => text.includes(name))).toEqual([]);
    }
  });
});

describe("a working cycle's programme screen of a school in a territory", () => {
  it("holds VK's ten buttons: the missing figure takes the situations' place, until it is entered", async () => {
    const fixture = await startWorkingPair(stack, "telegram", 882_000);
    const created = await stack.app.repos.territories.create({ kind: "region", name: "Псковская обл." });
    if (!created.ok) throw new Error(created.reason);
    await stack.app.repos.territories.attachOrganisation(fixture.orgId, created.territory.id);
    const coordinator = fixture.coordinator.user;
    const year = schoolYearLabel(schoolYearOf(calendarDate(stack.clock.now(), "Europe/Moscow")));

    await coordinator.pressPayload(packAction("programme"));
    const missing = await coordinator.waitFor(ru("enrolment-missing", { year }));
    expect(missing.text).toContain(ru("stage-working"));
    expect(labels(missing)).toContain(ru("button-enrolment"));
    expect(labels(missing)).not.toContain(ru("button-situations"));
    expect(missing.buttons.flat().length).toBeLessThanOrEqual(10);
    expect(missing.buttons.length).toBeLessThanOrEqual(6);

    await coordinator.press(ru("button-enrolment"));
    await coordinator.waitFor(ru("enrolment-question-missing", { org: fixture.coordinator.orgName, year }));
    await coordinator.send("1 200");
    await coordinator.waitFor(ru("enrolment-saved", { org: fixture.coordinator.orgName, year, students: 1200 }));
    await coordinator.pressPayload(packAction("programme"));
    const entered = await coordinator.waitFor(ru("enrolment-line", { year, students: 1200 }));
    expect(labels(entered)).toContain(ru("button-situations"));
    expect(labels(entered)).not.toContain(ru("button-enrolment"));
    expect(entered.buttons.flat().length).toBeLessThanOrEqual(10);
  });
});
