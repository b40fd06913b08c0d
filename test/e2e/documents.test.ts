import { describe, expect, it } from "vitest";
import { formatCalendarDate } from "#root/domain/cycle.ts";
import { packAction } from "#root/messaging/buttons.ts";
import type { Platform } from "#root/messaging/messenger.ts";
import { appToday } from "../support/calendar.ts";
import type { ChatUser } from "../support/chat-user.ts";
import { expectUploadShownBefore, filesTo, pressOn } from "../support/cycle-journey.ts";
import { docxTableRows, docxText } from "../support/docx.ts";
import { EMOJI, idSequence, ru } from "../support/journeys.ts";
import { startWorkingPair } from "../support/pairs.ts";
import type { TestStack } from "../support/stack.ts";
import { useTestStack } from "../support/stack.ts";

/** The Word file of this name once it reached the chat (on VK it follows its message a moment later), as bytes. */
async function docxNamed(stack: TestStack, user: ChatUser, filename: string): Promise<Buffer> {
  await expect.poll(() => filesTo(stack, user).filter((file) => file.filename === filename).length, { timeout: 8_000 }).toBe(1);
  const bytes = filesTo(stack, user).find((file) => file.filename === filename)!.bytes;
  expect(docxText(bytes)).not.toMatch(EMOJI);
  return bytes;
}

describe.each(["telegram", "vk", "max"] as const)("the coordinator's Word documents (on %s)", (platform: Platform) => {
  const nextId = idSequence({ telegram: 760_000, vk: 770_000, max: 780_000 }[platform]);
  const stack = useTestStack();

  it("sends the order, the regulations, the road map, the consent register, a pair's plan and the monitoring report as DOCX", async () => {
    const fixture = await startWorkingPair(stack, platform, nextId());
    nextId();
    nextId();
    nextId();
    nextId();
    const { coordinator, orgId, pairId, mentorName, menteeName } = fixture;
    const anna = coordinator.user;
    const today = appToday(stack);
    const shown = (date: string) => formatCalendarDate(date, "ru");
    const cycle = (await stack.app.repos.cycles.current(orgId))!;

    // The order: Word to sign, with the list as XLSX and CSV.
    await anna.pressPayload(packAction("export"));
    const what = await anna.waitFor(ru("export-what"));
    await pressOn(anna, what, ru("export-order"));
    const ready = await anna.waitFor(ru("export-order-ready", { pairs: 1 }));
    expectUploadShownBefore(anna, ready, "document");
    const order = await docxNamed(stack, anna, `prikaz-pary-${today}.docx`);
    const orderText = docxText(order);
    expect(orderText).toContain(coordinator.orgName);
    expect(orderText).toContain(ru("doc-order-subject"));
    expect(orderText).toContain(`«${cycle.name}» на период с ${shown(cycle.startsOn)} по ${shown(cycle.endsOn)}`);
    expect(orderText).toContain(ru("doc-order-point-responsible", { coordinator: coordinator.name }));
    expect(docxTableRows(order)).toContainEqual([
      "1",
      mentorName,
      expect.stringContaining(menteeName),
      ru("form-teacher_student"),
      ru("doc-direction-projects"),
    ]);
    await anna.waitFor(ru("doc-order-xlsx"));
    await anna.waitFor(ru("export-order-csv"));
    await expect
      .poll(() => filesTo(stack, anna).map((file) => file.filename))
      .toEqual(expect.arrayContaining([`prikaz-pary-${today}.xlsx`, `prikaz-pary-${today}.csv`]));

    // The regulations and the road map, filled from the cycle.
    await anna.pressPayload(packAction("export"));
    await pressOn(anna, await anna.waitFor(ru("export-what")), ru("doc-button-regulations"));
    await anna.waitFor(ru("doc-regulations-ready", { cycle: cycle.name }));
    const regulations = docxText(await docxNamed(stack, anna, `polozhenie-${today}.docx`));
    expect(regulations).toContain(
      ru("doc-regulations-subject", {
        org: coordinator.orgName,
        cycle: cycle.name,
        start: shown(cycle.startsOn),
        end: shown(cycle.endsOn),
      }),
    );
    expect(regulations).toContain(ru("doc-regulations-forms-2", { directions: ru("doc-direction-projects") }));

    await anna.pressPayload(packAction("export"));
    await pressOn(anna, await anna.waitFor(ru("export-what")), ru("doc-button-road-map"));
    await anna.waitFor(ru("doc-road-map-ready", { cycle: cycle.name }));
    const roadMap = await docxNamed(stack, anna, `dorozhnaya-karta-${today}.docx`);
    const stages = docxTableRows(roadMap).filter((row) => /^\d$/.test(row[0]!));
    expect(stages).toHaveLength(7);
    expect(stages[0]![3]).toMatch(new RegExp(`^с ${shown(cycle.startsOn).replace(/\./g, "\\.")} по `));
    expect(stages[6]![3]).toMatch(new RegExp(` по ${shown(cycle.endsOn).replace(/\./g, "\\.")}$`));

    // The consent register: the mentee's own consent and the parent's, the mentor's own.
    await anna.pressPayload(packAction("export"));
    await pressOn(anna, await anna.waitFor(ru("export-what")), ru("doc-button-consents"));
    await anna.waitFor(ru("doc-consents-ready", { count: 2 }));
    const register = docxTableRows(await docxNamed(stack, anna, `reestr-soglasiy-${today}.docx`));
    const channel = ru(`platform-${platform}`);
    const decisions = register.filter((row) => row.length === 8).map((row) => [row[2], row[3], row[4], row[6], row[7]]);
    expect(decisions).toEqual(
      expect.arrayContaining([
        [`${ru("doc-consent-giver-parent")}\nОльга Петровна Соколова`, ru("doc-consent-granted"), "2026-12", channel, "—"],
        [`${ru("doc-consent-giver-self")}\n${menteeName}`, ru("doc-consent-granted"), "2026-12", channel, "—"],
        [`${ru("doc-consent-giver-self")}\n${mentorName}`, ru("doc-consent-granted"), "2026-12", channel, "—"],
      ]),
    );

    // A pair's plan (ИПН) from the coordinator's view of it.
    const at = stack.clock.now();
    const planId = (await stack.app.repos.plans.create({
      pairId,
      orgId,
      goal: "Подготовить проект по биологии",
      status: "proposed",
      milestones: [{ title: "Выбрать тему", dueOn: cycle.endsOn, evidence: "тема утверждена" }],
      at,
    }))!;
    await stack.app.repos.plans.agree(planId, 1, fixture.menteePersonId, at);
    await anna.pressPayload(packAction("plans", 0));
    const plans = await anna.waitFor(`📝 Планы пар — ${coordinator.orgName}`);
    await pressOn(anna, plans, ru("button-plans-open", { number: 1, mentor: mentorName }));
    const view = await anna.waitFor("Подготовить проект по биологии");
    await pressOn(anna, view, ru("doc-button-plan"));
    await anna.waitFor(ru("doc-plan-ready"));
    const plan = await docxNamed(stack, anna, `ipn-para-${pairId}-${today}.docx`);
    expect(docxText(plan)).toContain("Подготовить проект по биологии");
    const planRows = docxTableRows(plan);
    expect(planRows).toContainEqual(["1", "Выбрать тему", shown(cycle.endsOn), "тема утверждена", ru("doc-plan-not-done")]);
    expect(planRows).toContainEqual([ru("doc-plan-status"), ru("doc-plan-status-agreed", { date: shown(today) })]);
    // The mentee is 15: their parent signs too.
    expect(planRows.map((row) => row[0])).toContain(ru("doc-signer-parent-of", { child: menteeName }));

    // The monitoring report as DOCX beside its workbook.
    await stack.app.repos.cycles.setStage(cycle.id, "closing");
    await anna.pressPayload(packAction("monitoring-report"));
    await anna.waitFor(ru("doc-monitoring-ready"));
    await anna.waitFor(ru("closing-report-workbook"));
    const report = await docxNamed(stack, anna, `monitoring-${today}.docx`);
    expect(docxText(report)).toContain(ru("doc-monitoring-heading"));
    expect(docxTableRows(report)).toContainEqual([ru("closing-figure-pairs"), "1"]);
    expect(docxTableRows(report).some((row) => row[1] === mentorName && row[2]!.includes(menteeName))).toBe(true);
  });
});
