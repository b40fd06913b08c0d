/** Who an organisation's announcement goes to. */
export type AnnouncementAudience = "mentees" | "mentors" | "parents";
