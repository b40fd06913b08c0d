import { describe, expect, it } from "vitest";
import { packAction } from "#root/messaging/buttons.ts";
import type { Platform } from "#root/messaging/messenger.ts";
import { appToday } from "../support/calendar.ts";
import type { ChatUser } from "../support/chat-user.ts";
import { filesTo } from "../support/cycle-journey.ts";
import { docxTableRows } from "../support/docx.ts";
import {
  idSequence,
  issueInvite,
  menteeForm,
  mentorForm,
  parentDecides,
  participantByName,
  registerCoordinator,
  registerMentee,
  registerMentor,
  ru,
} from "../support/journeys.ts";
import { type TestStack, useTestStack } from "../support/stack.ts";
import { readWorkbook, workbookRows } from "../support/workbook.ts";

/** The file of this name once it reached the chat, as bytes. */
async function fileNamed(stack: TestStack, user: ChatUser, filename: string): Promise<Buffer> {
  await expect.poll(() => filesTo(stack, user).filter((file) => file.filename === filename).length, { timeout: 8_000 }).toBe(1);
  return filesTo(stack, user).find((file) => file.filename === filename)!.bytes;
}

describe.each(["telegram", "vk", "max"] as const)(
  "interaction variants of student–student pairs (coordinator on %s)",
  (platform: Platform) => {
    const nextId = idSequence({ telegram: 790_000, vk: 791_000, max: 792_000 }[platform]);
    const stack = useTestStack();

    it("suggests the variant from the mentee's situation, lets the coordinator change it, and the order and the monitoring report show it", async () => {
      const coordinator = await registerCoordinator(stack, platform, nextId(), `Школа вариантов ${platform}`);
      const { orgId, orgName, user: anna } = coordinator;
      const mentorName = "Глеб Андреевич Орлов";
      const menteeName = "Тимур Ахметов";
      await registerMentor(
        stack.user(platform, nextId(), "Глеб"),
        { payload: await issueInvite(stack, orgId, "mentor"), orgName },
        mentorForm(mentorName, "student", 18, { directions: ["projects"], offer: "Проекты по физике" }),
      );
      const timur = stack.user(platform, nextId(), "Тимур");
      const registered = await registerMentee(
        timur,
        { payload: await issueInvite(stack, orgId, "mentee"), orgName },
        menteeForm(menteeName, 15),
      );
      await parentDecides(stack.user(platform, nextId()), registered.parentPayloads![platform], "Ахметова Лейла Ринатовна", "agree", {
        name: menteeName,
        age: 15,
        orgName,
      });
      await stack.settle();

      // What issue 3's tests already cover is done in the database: the mentor approved, a
      // student–student cycle open, the mentee marked as detached by the coordinator.
      const { repos } = stack.app;
      const mentorRow = (await participantByName(stack, orgId, mentorName, "mentor"))!;
      const menteeRow = (await participantByName(stack, orgId, menteeName))!;
      const coordinatorRow = (await participantByName(stack, orgId, coordinator.name, "coordinator"))!;
      const now = stack.clock.now();
      await repos.mentors.review(mentorRow.participantId, { review: "approved", reason: null, by: coordinatorRow.personId, at: now });
      const today = appToday(stack);
      const cycle = (await repos.cycles.open({
        orgId,
        name: "Ученик — ученику",
        startsOn: today,
        endsOn: `${Number(today.slice(0, 4)) + 1}-05-31`,
        forms: ["student_student"],
        directions: ["projects"],
        createdBy: coordinatorRow.personId,
      }))!;
      await repos.pairs.setSituations(orgId, menteeRow.participantId, ["detached"], coordinatorRow.personId, now);

      // The draft shows the suggested variant: a detached student with an active leader.
      await anna.pressPayload(packAction("match"));
      const draft = await anna.waitFor(/Черновик: пар и групп — 1/);
      expect(draft.text).toContain(`${mentorName} — ${menteeName}`);
      expect(draft.text).toContain(ru("variant-draft-suggested", { variant: ru("variant-leader_passive") }));
      await anna.waitFor(ru("match-what-next"));

      // The coordinator makes it peer to peer.
      await anna.press(ru("variant-button-change"));
      await anna.waitFor(
        ru("variant-choose", {
          unit: `${mentorName} — ${menteeName}`,
          current: ru("variant-leader_passive"),
          suggested: ru("variant-leader_passive"),
        }),
      );
      await anna.press(ru("variant-peer_to_peer"));
      const changed = await anna.waitFor(/Черновик: пар и групп — 1/);
      expect(changed.text).toContain(ru("variant-draft-chosen", { variant: ru("variant-peer_to_peer") }));
      await anna.waitFor(ru("match-what-next"));
      await anna.press(ru("button-publish"));
      await anna.waitFor(ru("match-publish-confirm", { units: 1 }));
      await anna.press(ru("button-publish-yes"));
      await anna.waitFor(ru("match-published", { units: 1 }));
      const [published] = await repos.pairs.units(cycle.id, "published");
      expect(published).toMatchObject({ form: "student_student", variant: "peer_to_peer" });
      // The variant follows from the coordinator's situation marks: the mentee is never told it.
      await stack.settle();
      await timur.waitFor(new RegExp(`наставник: ${mentorName}`));
      expect(
        timur
          .messages()
          .some((message) => message.text.includes(ru("variant-peer_to_peer")) || message.text.includes(ru("variant-leader_passive"))),
      ).toBe(false);

      // The order: the Word file to sign and the workbook carry the variant.
      await anna.press(ru("button-export"));
      await anna.waitFor(ru("export-what"));
      await anna.press(ru("export-order"));
      await anna.waitFor(ru("export-order-ready", { pairs: 1 }));
      const order = await fileNamed(stack, anna, `prikaz-pary-${today}.docx`);
      expect(docxTableRows(order)).toContainEqual([
        "1",
        mentorName,
        expect.stringContaining(menteeName),
        ru("form-student_student"),
        ru("doc-direction-projects"),
        ru("variant-peer_to_peer"),
      ]);
      expect(docxTableRows(order)[0]).toContain(ru("variant-column"));
      const orderRows = await workbookRows(await readWorkbook(await fileNamed(stack, anna, `prikaz-pary-${today}.xlsx`)));
      const header = orderRows.find((row) => row[0] === "№")!;
      const line = orderRows.find((row) => row[0] === 1)!;
      expect(line[header.indexOf(ru("variant-column"))]).toBe(ru("variant-peer_to_peer"));
      expect(line).toContain(menteeName);

      // The monitoring report: pairs by variant, in the Word report and in the workbook.
      await repos.cycles.setStage(cycle.id, "closing");
      await anna.pressPayload(packAction("monitoring-report"));
      await anna.waitFor(ru("doc-monitoring-ready"));
      await anna.waitFor(ru("closing-report-workbook"));
      const report = docxTableRows(await fileNamed(stack, anna, `monitoring-${today}.docx`));
      expect(report).toContainEqual([ru("variant-peer_to_peer"), "1", "—", "0"]);
      expect(report).toContainEqual([ru("variant-leader_passive"), "0", "—", "0"]);
      const reportRows = await workbookRows(await readWorkbook(await fileNamed(stack, anna, `monitoring-${today}.xlsx`)));
      // No end questionnaire was answered: the satisfaction cell stays empty.
      expect(reportRows).toContainEqual([ru("variant-peer_to_peer"), 1, null, 0]);
      const pairHeader = reportRows.find((row) => row[0] === "№" && row.includes(ru("variant-column")))!;
      // Sheet 3, the pairs (sheet 2 has a row of the mentor too).
      const pairLine = reportRows.filter((row) => row[1] === mentorName && row[2] === menteeName).at(-1)!;
      expect(pairLine[pairHeader.indexOf(ru("variant-column"))]).toBe(ru("variant-peer_to_peer"));
    });
  },
);
