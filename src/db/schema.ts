import type { ColumnType, Generated, Insertable, Selectable } from "kysely";
import type { CheckInAnswer } from "#root/domain/attention.ts";
import type { ConsentDecision } from "#root/domain/consent.ts";
import type { CalendarDate, CycleStage } from "#root/domain/cycle.ts";
import type { AnnouncementAudience } from "#root/domain/entities/announcement.ts";
import type { CheckInRespondent } from "#root/domain/entities/check-in.ts";
import type { ConsentGiverKind, ConsentReview } from "#root/domain/entities/consent.ts";
import type { HelpReporterRole, HelpReportStatus } from "#root/domain/entities/help-report.ts";
import type { PairStatus } from "#root/domain/entities/pair.ts";
import type { EventKind, FinalEventAnswer, GuestRole } from "#root/domain/final-event.ts";
import type { InteractionVariant } from "#root/domain/interaction-variants.ts";
import type { IntroductionAttendance } from "#root/domain/introduction.ts";
import type { MeetingState } from "#root/domain/meetings.ts";
import type { MenteeSituation, ReviewState } from "#root/domain/mentor-review.ts";
import type { PlanStatus } from "#root/domain/plan.ts";
import type { Platform } from "#root/domain/platform.ts";
import type { Direction, MentoringForm, MentorKind, ParticipantStatus, Role } from "#root/domain/programme.ts";
import type { TerritoryJoinDecision, TerritoryKind } from "#root/domain/region.ts";
import type { RosterStudent } from "#root/domain/roster.ts";
import type { SurveyAudience, SurveyMoment } from "#root/domain/surveys.ts";
import type { Locale } from "#root/i18n/translator.ts";

/**
 * Every table, as migrations/ create it. bigint ids are parsed to numbers by the connection.
 * A text column the database CHECKs against a list of values has the domain's union of those values,
 * so a select returns it typed. Columns of directions, forms and situations are not CHECKed by the
 * database: only the domain's values are written to them (the flows parse every answer into one).
 */
export interface Database {
  organisations: OrganisationTable;
  people: PersonTable;
  accounts: AccountTable;
  participants: ParticipantTable;
  roster_imports: RosterImportTable;
  roster_students: RosterStudentTable;
  mentee_profiles: MenteeProfileTable;
  mentor_profiles: MentorProfileTable;
  invites: InviteTable;
  consents: ConsentTable;
  inbox: InboxTable;
  chat_states: ChatStateTable;
  outbox: OutboxTable;
  cycles: CycleTable;
  mentee_situations: MenteeSituationTable;
  pairs: PairTable;
  pair_mentees: PairMenteeTable;
  announcements: AnnouncementTable;
  help_reports: HelpReportTable;
  plans: PlanTable;
  plan_milestones: PlanMilestoneTable;
  meetings: MeetingTable;
  check_ins: CheckInTable;
  check_in_answers: CheckInAnswerTable;
  pair_alerts: PairAlertTable;
  digests: DigestTable;
  surveys: SurveyTable;
  survey_answers: SurveyAnswerTable;
  final_events: FinalEventTable;
  final_event_guests: FinalEventGuestTable;
  final_event_replies: FinalEventReplyTable;
  introduction_pairs: IntroductionPairTable;
  pair_messages: PairMessageTable;
  pair_chat_members: PairChatMemberTable;
  territories: TerritoryTable;
  territory_coordinators: TerritoryCoordinatorTable;
  territory_join_requests: TerritoryJoinRequestTable;
  organisation_enrolments: OrganisationEnrolmentTable;
  territory_digests: TerritoryDigestTable;
}

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** A column with a default: optional when inserting. */
type WithDefault<T> = ColumnType<T, T | undefined, T>;
/**
 * A CHECKed column read as the domain's union but inserted from any text (the CHECK still refuses
 * other values): test seeds insert participants and meetings from plain strings
 * (test/unit/digest-queries.test.ts, test/e2e/{check-ins,closing,digest}.test.ts).
 */
type InsertedAsText<T extends string, Insert extends string | undefined = string> = ColumnType<T, Insert, T>;

export interface OrganisationTable {
  id: Generated<number>;
  name: string;
  timezone: string;
  forms: WithDefault<MentoringForm[]>;
  created_at: CreatedAt;
  /** The municipality (or region) the organisation is attached to (migration 027). */
  territory_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface PersonTable {
  id: Generated<number>;
  full_name: string | null;
  birth_year: number | null;
  locale: WithDefault<Locale>;
  created_at: CreatedAt;
  erased_at: NullableTimestamp;
  reminders_on: ColumnType<boolean, boolean | undefined, boolean>;
  unreachable_reported_at: NullableTimestamp;
  /** The organisation a coordinator of several chose to work in. */
  current_org_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** A parent's own switch for the notices of their children's meetings (migration 022). */
  meeting_notices_on: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface AccountTable {
  id: Generated<number>;
  platform: Platform;
  external_id: string;
  chat_id: string;
  person_id: number | null;
  language_code: string | null;
  chosen_locale: Locale | null;
  callback_buttons: ColumnType<boolean, boolean | undefined, boolean>;
  blocked_at: NullableTimestamp;
  last_seen_at: ColumnType<Date, Date | string | undefined, Date | string>;
  created_at: CreatedAt;
}

export interface ParticipantTable {
  id: Generated<number>;
  org_id: number;
  person_id: number;
  role: InsertedAsText<Role>;
  status: InsertedAsText<ParticipantStatus>;
  /** When they registered: a student invited from a class list registers when they claim their link (set again then). */
  created_at: ColumnType<Date, Date | string | undefined, Date>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  /** Whether the parents hear of this participant's meetings; null: the rule's default by age (migration 022). */
  parents_told_of_meetings: ColumnType<boolean | null, boolean | null | undefined, boolean | null>;
  parents_told_set_by: ColumnType<number | null, number | null | undefined, number | null>;
  parents_told_set_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface MenteeProfileTable {
  participant_id: number;
  grade: string | null;
  directions: Direction[];
  goals: string | null;
}

export interface MentorProfileTable {
  participant_id: number;
  kind: MentorKind;
  directions: Direction[];
  offer: string | null;
  capacity: number;
  availability: string | null;
  review: WithDefault<ReviewState>;
  review_reason: string | null;
  reviewed_by: number | null;
  reviewed_at: NullableTimestamp;
  record_check_by: number | null;
  record_check_at: NullableTimestamp;
  trained_at: NullableTimestamp;
}

export interface InviteTable {
  id: Generated<number>;
  token_hash: Uint8Array;
  /** A TokenPurpose, left as text: test/e2e/registration.test.ts compares it with a string (InvitesRepository narrows it). */
  purpose: string;
  org_id: number | null;
  subject_participant_id: number | null;
  subject_person_id: number | null;
  /** The territory of a 'territory' or 'territory-join' invite (migration 027). */
  territory_id: ColumnType<number | null, number | null | undefined, number | null>;
  uses_left: number;
  expires_at: Timestamp;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface ConsentTable {
  id: Generated<number>;
  participant_id: number;
  giver: ConsentGiverKind;
  giver_person_id: number;
  text_version: string;
  decision: ConsentDecision;
  platform: Platform;
  decided_at: Timestamp;
  withdrawn_at: NullableTimestamp;
  /** A grant after another person's decline: pending until a coordinator accepts or rejects it. */
  review: ColumnType<ConsentReview | null, ConsentReview | null | undefined, ConsentReview | null>;
  reviewed_by: ColumnType<number | null, number | null | undefined, number | null>;
  reviewed_at: NullableTimestamp;
}

/** A chat's flow, screen and lease (migration 019): see InboxRepository. */
export interface ChatStateTable {
  platform: Platform;
  chat_id: string;
  flow: ColumnType<unknown, string | null | undefined, string | null>;
  screen: ColumnType<unknown, string | null | undefined, string | null>;
  holder: ColumnType<string | null, string | null | undefined, string | null>;
  held_until: NullableTimestamp;
  token: WithDefault<number>;
  waiting: WithDefault<number>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface InboxTable {
  id: Generated<number>;
  update_key: string;
  platform: Platform;
  chat_id: string;
  incoming: ColumnType<unknown, string, string>;
  received_at: CreatedAt;
  attempts: ColumnType<number, number | undefined, number>;
  processed_at: NullableTimestamp;
  /** Set when the update was given up after every retry: why (a dead letter for the operator). */
  dead_letter_reason: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface OutboxTable {
  id: Generated<number>;
  dedup_key: string;
  person_id: number | null;
  account_id: number | null;
  message: ColumnType<unknown, string, string>;
  due_at: ColumnType<Date, Date | string | undefined, Date | string>;
  /** When the message first became due: its place in the queue, whatever later put-backs do to `due_at`. */
  queued_at: ColumnType<Date, Date | string | undefined, Date | string>;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  sent_at: NullableTimestamp;
  failed_at: NullableTimestamp;
  created_at: CreatedAt;
  announcement_id: number | null;
  urgent: ColumnType<boolean, boolean | undefined, boolean>;
  /** What the message is about ("meeting:42"): pending messages of a topic can be withdrawn together. */
  topic: string | null;
  /** After this instant an undelivered message is dropped (a reminder for a meeting already begun). */
  expires_at: NullableTimestamp;
  /** Dropped for a person who turned reminders off. */
  reminder: ColumnType<boolean, boolean | undefined, boolean>;
  /** The organisation the message is about (a coordinator's scope sees only its own); none for a notice about the account. */
  org_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface CycleTable {
  id: Generated<number>;
  org_id: number;
  name: string;
  /** A calendar date, "YYYY-MM-DD". */
  starts_on: CalendarDate;
  ends_on: CalendarDate;
  forms: MentoringForm[];
  directions: Direction[];
  stage: WithDefault<CycleStage>;
  check_in_every_days: ColumnType<number, number | undefined, number>;
  closing_started_at: NullableTimestamp;
  archived_at: NullableTimestamp;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface MenteeSituationTable {
  participant_id: number;
  org_id: number;
  situations: MenteeSituation[];
  recorded_by: number;
  recorded_at: Timestamp;
}

export interface PairTable {
  id: Generated<number>;
  org_id: number;
  cycle_id: number;
  mentor_participant_id: number;
  form: MentoringForm;
  direction: Direction | null;
  /** The interaction variant of a student–student pair (migration 024); null for other forms. */
  variant: InteractionVariant | null;
  status: PairStatus;
  created_at: CreatedAt;
  published_at: NullableTimestamp;
  ended_at: NullableTimestamp;
}

export interface PairMenteeTable {
  pair_id: number;
  mentee_participant_id: number;
  org_id: number;
  cycle_id: number;
  score: ColumnType<number, number | undefined, number>;
  reason: ColumnType<unknown, string | undefined, string>;
  pinned: ColumnType<boolean, boolean | undefined, boolean>;
  ended_at: NullableTimestamp;
}

export interface AnnouncementTable {
  id: Generated<number>;
  org_id: number;
  audience: AnnouncementAudience;
  body: string;
  created_by: number;
  created_at: CreatedAt;
  recipients: number;
}

export type Person = Selectable<PersonTable>;
export type Account = Selectable<AccountTable>;
export type Participant = Selectable<ParticipantTable>;
export type NewOutboxRow = Insertable<OutboxTable>;

export interface HelpReportTable {
  id: Generated<number>;
  org_id: number;
  reporter_person_id: number;
  reporter_role: HelpReporterRole;
  child_participant_id: number | null;
  body: string;
  platform: Platform;
  created_at: CreatedAt;
  seen_by: number | null;
  seen_at: NullableTimestamp;
  /** The flow's key for this report: saving it again finds it instead of adding another. */
  request_key: ColumnType<string | null, string | null | undefined, string | null>;
  status: WithDefault<HelpReportStatus>;
  taken_by: ColumnType<number | null, number | null | undefined, number | null>;
  taken_at: NullableTimestamp;
  /** Coordinators only. */
  note: ColumnType<string | null, string | null | undefined, string | null>;
  noted_by: ColumnType<number | null, number | null | undefined, number | null>;
  noted_at: NullableTimestamp;
  /** Sent to the reporter. */
  answer: ColumnType<string | null, string | null | undefined, string | null>;
  answered_by: ColumnType<number | null, number | null | undefined, number | null>;
  answered_at: NullableTimestamp;
  closed_by: ColumnType<number | null, number | null | undefined, number | null>;
  closed_at: NullableTimestamp;
  /** When the unread report was alerted again (once). */
  escalated_at: NullableTimestamp;
  /** When the note and the answer were emptied with a person's data. */
  traces_erased_at: NullableTimestamp;
}

export interface PlanTable {
  id: Generated<number>;
  pair_id: number;
  org_id: number;
  goal: string;
  status: WithDefault<PlanStatus>;
  change_request: string | null;
  version: ColumnType<number, number | undefined, number>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  proposed_at: NullableTimestamp;
  agreed_at: NullableTimestamp;
  agreed_by: number | null;
}

export interface PlanMilestoneTable {
  id: Generated<number>;
  plan_id: number;
  org_id: number;
  position: number;
  title: string;
  /** A calendar date, "YYYY-MM-DD". */
  due_on: CalendarDate;
  evidence: string | null;
  done_at: NullableTimestamp;
  done_by: number | null;
  created_at: CreatedAt;
}

export interface MeetingTable {
  id: Generated<number>;
  pair_id: number;
  org_id: number;
  proposed_by: number | null;
  starts_at: Timestamp;
  minutes: number;
  place: string;
  online: ColumnType<boolean, boolean | undefined, boolean>;
  state: InsertedAsText<MeetingState, string | undefined>;
  replaces_id: number | null;
  sequence: ColumnType<number, number | undefined, number>;
  note: string | null;
  decided_by: number | null;
  decided_at: NullableTimestamp;
  follow_up_asked_at: NullableTimestamp;
  ticked_at: NullableTimestamp;
  created_at: CreatedAt;
}

export interface CheckInTable {
  id: Generated<number>;
  pair_id: number;
  org_id: number;
  person_id: number;
  respondent: CheckInRespondent;
  round: number;
  asked_at: Timestamp;
  answered_at: NullableTimestamp;
}

export interface CheckInAnswerTable {
  id: Generated<number>;
  check_in_id: number;
  milestone_id: number;
  org_id: number;
  answer: CheckInAnswer;
  reason: string | null;
  answered_at: Timestamp;
}

export interface PairAlertTable {
  id: Generated<number>;
  pair_id: number;
  org_id: number;
  reason: string;
  alert_key: string;
  created_at: Timestamp;
}

export interface PairMessageTable {
  id: Generated<number>;
  org_id: number;
  pair_id: number;
  author_person_id: number;
  /** As delivered: contacts masked. */
  body: string;
  masked: ColumnType<string[], string[] | undefined, string[]>;
  concerns: ColumnType<string[], string[] | undefined, string[]>;
  request_key: string;
  created_at: Timestamp;
  /** A photo or a file passed on with the message (its body is then the caption, maybe empty): all four or none. */
  file_kind: ColumnType<"photo" | "document" | null, "photo" | "document" | null | undefined, never>;
  file_name: ColumnType<string | null, string | null | undefined, never>;
  file_mime_type: ColumnType<string | null, string | null | undefined, never>;
  file_content: ColumnType<Uint8Array | null, Uint8Array | null | undefined, never>;
}

export interface PairChatMemberTable {
  pair_id: number;
  person_id: number;
  org_id: number;
  muted: ColumnType<boolean, boolean | undefined, boolean>;
  introduced_at: NullableTimestamp;
}

export interface DigestTable {
  org_id: number;
  /** The Monday of the week, "YYYY-MM-DD" in the organisation's zone. */
  week_of: CalendarDate;
  figures: ColumnType<unknown, string, string>;
  created_at: Timestamp;
}

export interface SurveyTable {
  id: Generated<number>;
  org_id: number;
  cycle_id: number;
  pair_id: number;
  person_id: number;
  audience: SurveyAudience;
  moment: SurveyMoment;
  version: number;
  sent_at: Timestamp;
  reminders_sent: ColumnType<number, number | undefined, number>;
  answered_at: NullableTimestamp;
}

export interface SurveyAnswerTable {
  survey_id: number;
  org_id: number;
  question_id: string;
  scale: number | null;
  choice: string | null;
  open_text: string | null;
  answered_at: Timestamp;
}

export interface FinalEventTable {
  id: Generated<number>;
  org_id: number;
  cycle_id: number;
  starts_at: Timestamp;
  place: string;
  description: string;
  created_by: number;
  created_at: CreatedAt;
  /** Raised by each change, so calendars replace their copy. */
  sequence: Generated<number>;
  cancelled_at: NullableTimestamp;
  /** A final event or an introduction (026). */
  kind: WithDefault<EventKind>;
}

/** The pairs an introduction is for, and whether each came (NULL until ticked). */
export interface IntroductionPairTable {
  event_id: number;
  pair_id: number;
  org_id: number;
  attendance: IntroductionAttendance | null;
  marked_by: number | null;
  marked_at: NullableTimestamp;
}

export interface FinalEventGuestTable {
  event_id: number;
  person_id: number;
  org_id: number;
  /** As invited. */
  role: GuestRole;
  invited_at: Timestamp;
}

export interface FinalEventReplyTable {
  event_id: number;
  person_id: number;
  org_id: number;
  answer: FinalEventAnswer;
  answered_at: Timestamp;
}

/** A checked class list waiting for confirmation (migration 025). */
export interface RosterImportTable {
  id: Generated<number>;
  org_id: number;
  created_by: number;
  students: ColumnType<RosterStudent[], string, string>;
  created_at: Date;
  confirmed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** A student created from a class list (migration 025). */
export interface RosterStudentTable {
  participant_id: number;
  org_id: number;
  import_id: number;
  parent_name: string | null;
  claimed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** Regions and municipalities (migration 027). */
export interface TerritoryTable {
  id: Generated<number>;
  kind: InsertedAsText<TerritoryKind>;
  name: string;
  parent_id: number | null;
  timezone: WithDefault<string>;
  created_at: CreatedAt;
}

export interface TerritoryCoordinatorTable {
  territory_id: number;
  person_id: number;
  joined_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface TerritoryJoinRequestTable {
  id: Generated<number>;
  territory_id: number;
  org_id: number;
  requested_by: number | null;
  requested_at: CreatedAt;
  decision: TerritoryJoinDecision | null;
  decided_by: number | null;
  decided_at: NullableTimestamp;
}

/** An organisation's number of students aged 10–19 for a school year: coverage's denominator. */
export interface OrganisationEnrolmentTable {
  org_id: number;
  school_year: number;
  students_10_19: number;
  recorded_by: number | null;
  recorded_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** A territory's monthly digest, claimed once (migration 029). */
export interface TerritoryDigestTable {
  territory_id: number;
  /** The month's first day. */
  month: CalendarDate;
  figures: ColumnType<unknown, string, string>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}
