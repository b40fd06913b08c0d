/**
 * The regional level end to end (issue 20) on Telegram, VK and MAX: a regional methodologist joins by
 * the region's invite and adds two municipalities; one school asks to join by a municipality's link
 * and is approved from the notice, two more are attached as `npm run admin -- attach-org` does; the
 * first school enters its number of students and runs its cycle to the monitoring report, the second
 * has three pairs (a small cell), the third no cycle. After the hourly count the methodologist's
 * screen, the region's report (XLSX and DOCX) and the monthly digest show the figures the repository
 * gives under the aggregates-only role, small cells as «<5», and no path shows a person's name.
 */
import { describe, expect, it } from "vitest";
import { inTerritory } from "#root/db/scope.ts";
import { type RegionIndicators, schoolYearOf } from "#root/domain/region.ts";
import { addDays, addMonths, endOfMonth } from "#root/domain/typed-dates.ts";
import { regionScreenMessage } from "#root/flows/region/index.ts";
import { countedAtMsg } from "#root/flows/region/indicators.ts";
import { reportPeriod } from "#root/flows/region/report.ts";
import { schoolYearLabel } from "#root/flows/territories/enrolment.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import { packAction } from "#root/messaging/buttons.ts";
import type { Platform } from "#root/messaging/messenger.ts";
import { appToday, moscowInstant } from "../support/calendar.ts";
import { linkFor, payloadOf } from "../support/chat-user.ts";
import { allDelivered, filesTo, photosTo, runJobsAt, shownDate } from "../support/cycle-journey.ts";
import { docxText } from "../support/docx.ts";
import { labels, payloadOfButton, registerCoordinator, ru, translator } from "../support/journeys.ts";
import { startWorkingPair } from "../support/pairs.ts";
import { meeting, pair, participant, plan, survey } from "../support/region-seed.ts";
import { useTestStack } from "../support/stack.ts";
import { readWorkbook, sheetNamed, sheetRows, workbookText } from "../support/workbook.ts";

const stack = useTestStack();
const METHODOLOGIST = "Ольга Викторовна Белова";
const DAY = 86_400_000;
const PLATFORMS = ["telegram", "vk", "max"] as const;

/** The rendering of a message as a Russian adult reads it. */
const render = (message: Msg) => translator.render({ locale: "ru", address: "vy" }, message);

describe.each(PLATFORMS)("the regional level on %s", (platform: Platform) => {
  const base = { telegram: 884_000, vk: 884_500, max: 885_000 }[platform];

  it("a methodologist sees a region of two municipalities and three schools in aggregates, on the screen, in the report and in the digest", async () => {
    // Each messenger's run has its own month, later than the last one's: the hourly count and the
    // monthly digest then come afresh, and the seeded days lie well inside the month and school year.
    const anchorDay = `${addMonths(appToday(stack), 1).slice(0, 7)}-15`;
    stack.clock.set(moscowInstant(anchorDay, "12:00"));
    const daysAgo = (days: number) => new Date(stack.clock.now().getTime() - days * DAY).toISOString();
    const year = Number(anchorDay.slice(0, 4));

    // The region, as `npm run admin -- create-territory` makes it; the methodologist joins by its invite.
    const created = await stack.app.repos.territories.create({ kind: "region", name: `Тверская обл. (${platform})` });
    if (!created.ok) throw new Error(created.reason);
    const region = created.territory;
    const invite = await stack.app.repos.invites.issue({ purpose: "territory", territoryId: region.id, now: stack.clock.now() });
    const methodologist = stack.user(platform, base, "Ольга");
    await methodologist.open(invite);
    await methodologist.waitFor(ru("territory-name-question"));
    await methodologist.send(METHODOLOGIST);
    await methodologist.waitFor(ru("territory-title-region", { name: region.name, municipalities: 0, organisations: 0 }));

    // Two municipalities, added in the bot.
    const municipalityNames = ["Тверь", "Ржев"].map((name) => `${name} (${platform})`);
    for (const [count, name] of municipalityNames.entries()) {
      await methodologist.pressPayload(packAction("terr-munis", String(region.id)));
      await methodologist.waitFor(ru("territory-municipalities-title", { name: region.name, count }));
      await methodologist.press(ru("territory-button-add-municipality"));
      await methodologist.waitFor(ru("territory-add-municipality-name", { region: region.name }));
      await methodologist.send(name);
      await methodologist.waitFor(ru("territory-municipality-added", { name, region: region.name }));
    }
    const municipalities = await stack.app.repos.territories.municipalities(region.id);
    const [tver, rzhev] = municipalityNames.map((name) => municipalities.find((entry) => entry.name === name)!);

    // School A: a pair at work through the real flows, five more pairs as the flows store them.
    const schoolA = await startWorkingPair(stack, platform, base + 10, {
      mentorName: "Ирина Сергеевна Волкова",
      menteeName: "Петя Соколов",
    });
    await methodologist.pressPayload(packAction("territory", String(tver!.id)));
    await methodologist.waitFor(ru("territory-title-municipality", { name: tver!.name, region: region.name, organisations: 0 }));
    await methodologist.press(ru("territory-button-join-link"));
    const joinLinks = await methodologist.waitFor(ru("territory-join-links", { name: tver!.name }));
    const joinPayload = payloadOf(linkFor(joinLinks, platform));
    const coordinatorA = schoolA.coordinator;
    await coordinatorA.user.open(joinPayload);
    await coordinatorA.user.waitFor(ru("territory-join-confirm", { org: coordinatorA.orgName, territory: tver!.name }));
    await coordinatorA.user.press(ru("territory-button-send-request"));
    await stack.settle();
    const notice = await methodologist.waitFor(ru("territory-request-notice", { org: coordinatorA.orgName, territory: tver!.name }));
    await methodologist.pressPayload(payloadOfButton(notice, ru("territory-button-approve")));
    await methodologist.waitFor(ru("territory-request-approved", { org: coordinatorA.orgName, territory: tver!.name }));

    const db = stack.database.db;
    const orgA = schoolA.orgId;
    const extraPairs: number[] = [];
    for (let number = 0; number < 5; number += 1) {
      const mentor = await participant(db, orgA, "mentor", 1985);
      const mentee = await participant(db, orgA, "mentee", year - 14);
      const pairId = await pair(db, {
        orgId: orgA,
        cycleId: schoolA.cycleId,
        mentor,
        mentees: [mentee],
        form: "teacher_student",
        direction: "projects",
        publishedAt: daysAgo(10),
      });
      extraPairs.push(pairId);
      await meeting(db, pairId, orgA, daysAgo(5), "held");
      await meeting(db, pairId, orgA, daysAgo(3), "held");
      await plan(db, pairId, orgA, [daysAgo(4)]);
      const spec = { orgId: orgA, cycleId: schoolA.cycleId, pairId, personId: mentee.personId, audience: "mentee" as const };
      await survey(db, { ...spec, moment: "start" }, daysAgo(9), { confidence: 5 });
      await survey(db, { ...spec, moment: "end" }, daysAgo(2), { confidence: 8, satisfaction: 8 });
    }
    const fixtureSurvey = {
      orgId: orgA,
      cycleId: schoolA.cycleId,
      pairId: schoolA.pairId,
      personId: schoolA.menteePersonId,
      audience: "mentee" as const,
    };
    await survey(db, { ...fixtureSurvey, moment: "start" }, daysAgo(1), { confidence: 5 });
    await survey(db, { ...fixtureSurvey, moment: "end" }, daysAgo(1), { confidence: 8, satisfaction: 8 });

    // School A's coordinator enters the number of students aged 10–19 (in the bot) and closes the cycle to its monitoring report.
    const yearLabel = schoolYearLabel(schoolYearOf(anchorDay));
    await coordinatorA.user.pressPayload(packAction("enrolment"));
    await coordinatorA.user.waitFor(ru("enrolment-question-missing", { org: coordinatorA.orgName, year: yearLabel }));
    await coordinatorA.user.send("40");
    await coordinatorA.user.waitFor(ru("enrolment-saved", { org: coordinatorA.orgName, year: yearLabel, students: 40 }));
    await stack.app.repos.closing.begin(schoolA.cycleId, stack.clock.now());
    await coordinatorA.user.pressPayload(packAction("monitoring-report"));
    await coordinatorA.user.waitFor(ru("closing-report-workbook"));

    // Schools B and C, attached as the admin command does; B has three pairs, C no cycle.
    const schoolB = await registerCoordinator(stack, platform, base + 30, `Лицей № ${base + 30}`);
    const schoolC = await registerCoordinator(stack, platform, base + 40, `Гимназия № ${base + 40}`);
    await stack.app.repos.territories.attachOrganisation(schoolB.orgId, rzhev!.id);
    await stack.app.repos.territories.attachOrganisation(schoolC.orgId, rzhev!.id);
    const cycleB = await stack.app.repos.cycles.open({
      orgId: schoolB.orgId,
      name: "2026/27",
      startsOn: addDays(anchorDay, -20),
      endsOn: addDays(anchorDay, 200),
      forms: ["adult_student"],
      directions: ["career"],
      createdBy: (
        await stack.database.db.selectFrom("participants").select("person_id").where("org_id", "=", schoolB.orgId).executeTakeFirstOrThrow()
      ).person_id,
    });
    await stack.app.repos.cycles.setStage(cycleB!.id, "working");
    for (let number = 0; number < 3; number += 1) {
      const pairId = await pair(db, {
        orgId: schoolB.orgId,
        cycleId: cycleB!.id,
        mentor: await participant(db, schoolB.orgId, "mentor", 1980),
        mentees: [await participant(db, schoolB.orgId, "mentee", year - 12)],
        form: "adult_student",
        direction: "career",
        publishedAt: daysAgo(10),
      });
      await meeting(db, pairId, schoolB.orgId, daysAgo(4), "held");
    }

    // The hourly count; the figures as the aggregates-only role reads them.
    await runJobsAt(stack, new Date(stack.clock.now().getTime() + 60 * 60_000));
    const today = appToday(stack);
    const schoolYear = reportPeriod("school-year", today);
    const indicators = (await inTerritory(db, region.id, (repos) => repos.region.indicators(schoolYear))) as RegionIndicators;
    const figuresOf = (orgId: number) => indicators.organisations.find((organisation) => organisation.orgId === orgId)!.figures;
    expect(figuresOf(orgA)).toMatchObject({
      participants10to19: 6,
      students10to19: 40,
      pairs: 6,
      meetingsHeld: 10,
      plansCompleted: 5,
      satisfaction: { mean: 8, respondents: 6 },
      growth: { mean: 3, respondents: 6 },
    });
    expect(figuresOf(schoolB.orgId)).toMatchObject({ pairs: null, participants10to19: null, meetingsHeld: null, students10to19: null });
    expect(figuresOf(schoolC.orgId)).toMatchObject({ pairs: 0, withOpenCycle: 0 });
    expect(indicators.total).toMatchObject({ organisations: 3, withOpenCycle: 2, pairs: 9 });

    // The screen: what the repository gave, rendered for the reader, with «<5» for school B.
    await methodologist.pressPayload(packAction("territory", String(region.id)));
    const territoryScreen = await methodologist.waitFor(
      ru("territory-title-region", { name: region.name, municipalities: 2, organisations: 3 }),
    );
    expect(labels(territoryScreen)).toContain(ru("region-button-figures"));
    await methodologist.press(ru("region-button-figures"));
    const expectedScreen = [
      ...regionScreenMessage({ indicators, locale: "ru", translate: render }).text,
      countedAtMsg(indicators.countedAt!, region.timezone, "ru"),
    ]
      .map(render)
      .join("\n\n");
    const screen = await methodologist.waitFor(expectedScreen);
    expect(screen.text).toContain("<5");
    expect(screen.text).toContain(coordinatorA.orgName);
    expect(labels(screen)).toEqual([ru("region-button-report"), ru("region-button-refresh"), ru("region-button-territory")]);

    // The report for the school year: the Word document and the workbook.
    await methodologist.press(ru("region-button-report"));
    await methodologist.waitFor(ru("region-report-which-period"));
    await methodologist.send("когда-нибудь");
    await methodologist.waitFor(`${ru("error-use-buttons")}\n\n${ru("region-report-which-period")}`);
    await methodologist.press(ru("region-report-period-school-year"));
    await methodologist.waitFor(ru("region-report-workbook"), 60_000);
    await allDelivered(stack);
    const files = filesTo(stack, methodologist);
    const document = files.find((file) => file.filename.endsWith(".docx"))!;
    const workbook = files.find((file) => file.filename.endsWith(".xlsx"))!;
    expect(document.filename).toBe(`region-${region.id}-${schoolYear.from}-${schoolYear.to}.docx`);
    const documentText = docxText(document.bytes);
    expect(documentText).toContain(region.name);
    expect(documentText).toContain(coordinatorA.orgName);
    expect(documentText).toContain("«<5» — меньше пяти человек");
    const book = await readWorkbook(workbook.bytes);
    const organisations = sheetRows(sheetNamed(book, render(msg("region-sheet-organisations"))));
    const header = organisations.find((row) => row.includes(render(msg("region-column-organisation"))))!;
    const rowOf = (name: string) => organisations.find((row) => row.includes(name))!;
    const column = (key: string) => header.indexOf(render(msg(key)));
    expect(rowOf(coordinatorA.orgName)[column("region-figure-pairs")]).toBe(6);
    expect(rowOf(coordinatorA.orgName)[column("region-figure-meetings")]).toBe(10);
    expect(rowOf(schoolB.orgName)[column("region-figure-pairs")]).toBe("<5");

    // The monthly digest on the first of next month, once, with its chart.
    const photosBefore = photosTo(methodologist).length;
    const firstOfNextMonth = `${addMonths(anchorDay, 1).slice(0, 7)}-01`;
    await runJobsAt(stack, moscowInstant(firstOfNextMonth, "09:05"));
    // The month of the anchor day, as the digest's title names it (Telegram sends the chart apart when the text is longer than a caption).
    const digestTitle = render(
      msg("region-digest-title", {
        territory: region.name,
        from: shownDate(`${anchorDay.slice(0, 7)}-01`),
        to: shownDate(endOfMonth(anchorDay)),
      }),
    );
    const digests = () => methodologist.messages().filter((message) => message.text.startsWith(digestTitle.split("\n")[0]!.slice(0, 20)));
    expect(digests().map((message) => message.text.split("\n")[0])).toEqual([digestTitle]);
    expect(photosTo(methodologist).length).toBe(photosBefore + 1);
    await runJobsAt(stack, moscowInstant(firstOfNextMonth, "09:35"));
    expect(digests()).toHaveLength(1);

    // A button for another territory, and a school's coordinator on the region's figures, are refused.
    await coordinatorA.user.pressPayload(packAction("region", String(region.id)));
    await coordinatorA.user.waitFor(ru("territory-coordinators-only"));

    // Nothing the methodologist was shown names a person of the schools.
    const seen = [
      ...methodologist.messages().map((message) => [message.text, ...labels(message)].join("\n")),
      documentText,
      workbookText(book),
    ].join("\n");
    for (const name of [schoolA.menteeName, schoolA.mentorName, coordinatorA.name, schoolB.name, schoolC.name, "Соколов", "Волкова"]) {
      expect(seen).not.toContain(name);
    }
  });
});
