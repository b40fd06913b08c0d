/** The vocabulary of the target model of mentoring: roles, mentor kinds, forms and directions. */

export type Role = "coordinator" | "mentee" | "mentor" | "parent";

/** invited: created from a class list, waiting for the student to open their personal link (issue 19). */
export type ParticipantStatus = "invited" | "awaiting_consent" | "active" | "declined" | "withdrawn" | "left";

/**
 * Statuses of someone who joined the organisation (registered, or claimed their class-list link) and
 * is still on its base. An invited student has not joined: no figure, list, message or document of
 * participants counts them until they open their link; only the roster's own screens show them.
 */
export const JOINED_STATUSES = ["awaiting_consent", "active", "declined", "withdrawn"] as const satisfies readonly ParticipantStatus[];

/** Registered and taking part, or about to once a parent consents. */
export const REGISTERED_STATUSES = ["awaiting_consent", "active"] as const satisfies readonly ParticipantStatus[];

/** Whether a participation is registered and taking part or waiting for consent (REGISTERED_STATUSES). */
export function isRegistered(status: ParticipantStatus): boolean {
  return (REGISTERED_STATUSES as readonly ParticipantStatus[]).includes(status);
}

export const MENTOR_KINDS = ["teacher", "student", "university_student", "adult"] as const;
export type MentorKind = (typeof MENTOR_KINDS)[number];

export const DIRECTIONS = ["studies", "additional_education", "projects", "career", "civic"] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const MENTORING_FORMS = ["teacher_student", "student_student", "university_student_student", "adult_student"] as const;
export type MentoringForm = (typeof MENTORING_FORMS)[number];

/** The form a pair takes follows from who mentors. */
export function formOfMentor(kind: MentorKind): MentoringForm {
  switch (kind) {
    case "teacher":
      return "teacher_student";
    case "student":
      return "student_student";
    case "university_student":
      return "university_student_student";
    case "adult":
      return "adult_student";
  }
}

export function isDirection(value: string): value is Direction {
  return (DIRECTIONS as readonly string[]).includes(value);
}

export function isMentorKind(value: string): value is MentorKind {
  return (MENTOR_KINDS as readonly string[]).includes(value);
}

/** Mentee ages the programme serves (students aged 10–19). */
export const MENTEE_AGE = { min: 10, max: 19 } as const;
/** Mentors from 14 (an older student with a parent's consent) to 90. */
export const MENTOR_AGE = { min: 14, max: 90 } as const;

/** How many mentees one mentor may take at most. */
export const MAX_MENTOR_CAPACITY = 10;
