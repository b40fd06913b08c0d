/**
 * Russian that fits the reader (issue 15), over the messengers' emulators: a parent reads her child's
 * name declined, a teacher who mentors is spoken to with «вы» and a student with «ты», also in the
 * same shared messages (the language question, "use the buttons").
 */

import { describe, expect, it } from "vitest";
import {
  idSequence,
  issueInvite,
  menteeForm,
  mentorForm,
  otherPlatform,
  registerCoordinator,
  registerMentee,
  registerMentor,
} from "../support/journeys.ts";
import { useTestStack } from "../support/stack.ts";

const stack = useTestStack();
const nextId = idSequence(91_000);

describe.each(["telegram", "vk", "max"] as const)("Russian that fits the reader on %s", (platform) => {
  it("asks the parent for consent to the participation of the child, her name declined", async () => {
    const coordinator = await registerCoordinator(stack, platform, nextId());
    const child = stack.user(platform, nextId());
    const invite = { payload: await issueInvite(stack, coordinator.orgId, "mentee"), orgName: coordinator.orgName };
    const { parentPayloads } = await registerMentee(child, invite, menteeForm("Маша Иванова", 12));
    const parent = stack.user(otherPlatform(platform), nextId());
    await parent.open(parentPayloads![otherPlatform(platform)]);
    await parent.waitFor("Фамилия, имя и отчество законного представителя");
    await parent.send("Иванова Ольга Сергеевна");
    const question = await parent.waitFor("Вы даёте согласие на участие Маши Ивановой в программе");
    expect(question.text).not.toContain("Маша Иванова");
  });

  it("speaks to a teacher who mentors with «вы» and to a student with «ты», in the same messages", async () => {
    const coordinator = await registerCoordinator(stack, platform, nextId());
    const teacher = stack.user(platform, nextId());
    await registerMentor(
      teacher,
      { payload: await issueInvite(stack, coordinator.orgId, "mentor"), orgName: coordinator.orgName },
      mentorForm("Петров Игорь Николаевич", "teacher", 34),
    );
    const student = stack.user(platform, nextId());
    await registerMentee(
      student,
      { payload: await issueInvite(stack, coordinator.orgId, "mentee"), orgName: coordinator.orgName },
      menteeForm("Петя Смирнов", 15),
    );

    await teacher.send("/language");
    await teacher.waitFor("На каком языке вам удобнее?");
    await teacher.send("по-китайски");
    const teacherTold = await teacher.waitFor("Пожалуйста, выберите ответ кнопкой ниже.");
    expect(teacherTold.text).not.toMatch(/выбери |тебе/);

    await student.send("/language");
    await student.waitFor("На каком языке тебе удобнее?");
    await student.send("по-китайски");
    const studentTold = await student.waitFor("Пожалуйста, выбери ответ кнопкой ниже.");
    expect(studentTold.text).not.toMatch(/выберите|вам /);

    // The teacher's /delete_me asks with «вы» (a 41-year-old teacher was asked «Удалить все твои данные?»).
    await teacher.send("/cancel");
    await teacher.send("/delete_me");
    await teacher.waitFor("Удалить все ваши данные? Вы выйдете из программы");
    await student.send("/cancel");
    await student.send("/delete_me");
    await student.waitFor("Удалить все твои данные? Ты выйдешь из программы");
  });
});
