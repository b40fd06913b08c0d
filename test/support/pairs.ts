/**
 * A pair at work for the tests of stage 6 (plans, meetings, check-ins, digests): the people register
 * through the real flows on one messenger; the steps that issue 3's tests already cover (approving
 * the mentor, opening the cycle, matching and publishing) are done in the database.
 */
import type { WorkingPair } from "#root/db/repositories/pairs.ts";
import type { MentoringForm, MentorKind } from "#root/domain/programme.ts";
import type { Platform } from "#root/messaging/messenger.ts";
import type { ChatUser } from "./chat-user.ts";
import {
  type Coordinator,
  issueInvite,
  menteeForm,
  mentorForm,
  parentDecides,
  participantByName,
  registerCoordinator,
  registerMentee,
  registerMentor,
} from "./journeys.ts";
import type { TestStack } from "./stack.ts";

export interface WorkingPairFixture {
  coordinator: Coordinator;
  mentor: ChatUser;
  mentee: ChatUser;
  parent: ChatUser;
  mentorName: string;
  menteeName: string;
  orgId: number;
  cycleId: number;
  pairId: number;
  pair: WorkingPair;
  mentorPersonId: number;
  menteePersonId: number;
  parentPersonId: number;
}

/**
 * A coordinator, an adult teacher mentor and a 15-year-old mentee (own consent and a parent's) in one
 * organisation, paired in a cycle at work. `firstId` starts a block of four user ids on the messenger,
 * five when the mentor is under 18 (their parent consents from the fifth); the mentee's parent may
 * be on another messenger (`parentPlatform`), with the fourth id there.
 */
export async function startWorkingPair(
  stack: TestStack,
  platform: Platform,
  firstId: number,
  options: {
    mentorName?: string;
    menteeName?: string;
    menteeAge?: number;
    mentor?: { kind: MentorKind; age: number };
    form?: MentoringForm;
    /** The messenger of the mentee (and by default their parent), when not the coordinator's and the mentor's. */
    menteePlatform?: Platform;
    /** The mentee's parent consents from this messenger (the mentee's by default). */
    parentPlatform?: Platform;
  } = {},
): Promise<WorkingPairFixture> {
  const coordinator = await registerCoordinator(stack, platform, firstId);
  const mentorName = options.mentorName ?? "Ирина Сергеевна Волкова";
  const menteeName = options.menteeName ?? "Петя Соколов";
  const menteeAge = options.menteeAge ?? 15;
  const mentor = stack.user(platform, firstId + 1, "Ирина");
  const menteePlatform = options.menteePlatform ?? platform;
  const mentee = stack.user(menteePlatform, firstId + 2, "Петя");
  const parentPlatform = options.parentPlatform ?? menteePlatform;
  const parent = stack.user(parentPlatform, firstId + 3, "Ольга");

  const mentorKind: { kind: MentorKind; age: number } = options.mentor ?? { kind: "teacher", age: 35 };
  const form = options.form ?? "teacher_student";
  const asMentor = await registerMentor(
    mentor,
    { payload: await issueInvite(stack, coordinator.orgId, "mentor"), orgName: coordinator.orgName },
    mentorForm(mentorName, mentorKind.kind, mentorKind.age),
  );
  if (asMentor.parentPayloads) {
    await parentDecides(stack.user(platform, firstId + 4), asMentor.parentPayloads[platform], "Анна Викторовна Орлова", "agree", {
      name: mentorName,
      age: mentorKind.age,
      orgName: coordinator.orgName,
      role: "mentor",
    });
  }
  const registered = await registerMentee(
    mentee,
    { payload: await issueInvite(stack, coordinator.orgId, "mentee"), orgName: coordinator.orgName },
    menteeForm(menteeName, menteeAge),
  );
  if (registered.parentPayloads) {
    await parentDecides(parent, registered.parentPayloads[parentPlatform], "Ольга Петровна Соколова", "agree", {
      name: menteeName,
      age: menteeAge,
      orgName: coordinator.orgName,
    });
  }
  await stack.settle();

  const { repos } = stack.app;
  const mentorRow = (await participantByName(stack, coordinator.orgId, mentorName, "mentor"))!;
  const menteeRow = (await participantByName(stack, coordinator.orgId, menteeName, "mentee"))!;
  const coordinatorRow = (await participantByName(stack, coordinator.orgId, coordinator.name, "coordinator"))!;
  const parentRow = await stack.database.db
    .selectFrom("consents")
    .select("giver_person_id")
    .where("participant_id", "=", menteeRow.participantId)
    .where("giver", "=", "parent")
    .executeTakeFirst();
  const now = stack.clock.now();
  await repos.mentors.review(mentorRow.participantId, { review: "approved", reason: null, by: coordinatorRow.personId, at: now });
  const today = now.toISOString().slice(0, 10);
  const cycle = await repos.cycles.open({
    orgId: coordinator.orgId,
    name: "2026/27",
    startsOn: today,
    endsOn: `${Number(today.slice(0, 4)) + 1}-06-30`,
    forms: [form],
    directions: ["projects"],
    createdBy: coordinatorRow.personId,
  });
  if (!cycle) throw new Error("The organisation already has a cycle open");
  await repos.pairs.saveDraft(coordinator.orgId, cycle.id, [
    {
      mentorId: mentorRow.participantId,
      form,
      direction: "projects",
      members: [{ menteeId: menteeRow.participantId, score: 10, why: null, pinned: true }],
    },
  ]);
  await repos.pairs.publish(cycle.id, now);
  await repos.cycles.setStage(cycle.id, "working");
  const [pair] = await repos.pairs.working({ personId: menteeRow.personId });
  if (!pair) throw new Error("The pair is not at work");
  return {
    coordinator,
    mentor,
    mentee,
    parent,
    mentorName,
    menteeName,
    orgId: coordinator.orgId,
    cycleId: cycle.id,
    pairId: pair.pairId,
    pair,
    mentorPersonId: mentorRow.personId,
    menteePersonId: menteeRow.personId,
    parentPersonId: parentRow?.giver_person_id ?? 0,
  };
}

/**
 * Another published pair of the working pair's mentor, in the same cycle, form and direction, whose
 * mentee (a new person) has no chat: for tests that watch the mentor's or the coordinator's side of a
 * mentor with several pairs.
 */
export async function anotherPairOfTheMentor(
  stack: TestStack,
  f: Pick<WorkingPairFixture, "orgId" | "cycleId" | "pairId">,
  mentee: { name: string; birthYear: number },
): Promise<number> {
  const { db } = stack.database;
  const first = await db.selectFrom("pairs").selectAll().where("id", "=", f.pairId).executeTakeFirstOrThrow();
  const person = await db
    .insertInto("people")
    .values({ full_name: mentee.name, birth_year: mentee.birthYear })
    .returning("id")
    .executeTakeFirstOrThrow();
  const participant = await db
    .insertInto("participants")
    .values({ org_id: f.orgId, person_id: person.id, role: "mentee", status: "active" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const pair = await db
    .insertInto("pairs")
    .values({
      org_id: f.orgId,
      cycle_id: f.cycleId,
      mentor_participant_id: first.mentor_participant_id,
      form: first.form,
      direction: first.direction,
      status: "published",
      published_at: stack.clock.now(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("pair_mentees")
    .values({ pair_id: pair.id, mentee_participant_id: participant.id, org_id: f.orgId, cycle_id: f.cycleId })
    .execute();
  return pair.id;
}
