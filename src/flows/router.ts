import type { ActionRoute, FlowDefinition, FlowRouter } from "#root/dialog/flow.ts";
import { CHECK_IN_ACTIONS, CHECK_IN_FLOWS } from "./check-ins/check-in.ts";
import { DIGEST_ACTIONS, DIGEST_FLOWS } from "./check-ins/digest.ts";
import { helpReportFlow, helpReportsFlow, parseReportRef, parseReportsPage } from "./check-ins/help-reports.ts";
import { needHelpFlow } from "./check-ins/need-help.ts";
import { CLOSING_ACTIONS, CLOSING_FLOWS } from "./closing/closing.ts";
import { FINAL_EVENT_ACTIONS, FINAL_EVENT_FLOWS } from "./closing/final-event.ts";
import { SURVEY_ACTIONS, SURVEY_FLOWS } from "./closing/survey.ts";
import { MEETING_ACTIONS, MEETING_FLOWS } from "./meetings/meetings.ts";
import { PLAN_ACTIONS, PLAN_FLOWS } from "./plan/plan.ts";
import { announceFlow, announcementStatusFlow } from "./programme/announce.ts";
import { exportFlow } from "./programme/export.ts";
import { matchFlow } from "./programme/match.ts";
import { menteeSituationsFlow } from "./programme/mentee-situations.ts";
import { openCycleFlow, organisationFormsFlow } from "./programme/open-cycle.ts";
import { parseBasePage, participantBaseFlow } from "./programme/participant-base.ts";
import { programmeFlow } from "./programme/programme.ts";
import { reviewMentorsFlow } from "./programme/review-mentors.ts";
import { switchOrganisationFlow } from "./programme/switch-organisation.ts";
import { consentLinkFlow } from "./registration/consent-link.ts";
import { CONSENT_REVIEW_ACTIONS, consentReviewFlow } from "./registration/consent-review.ts";
import { registerCoordinatorFlow } from "./registration/coordinator.ts";
import { inviteCoordinatorFlow, inviteLinksFlow, revokeInviteLinksFlow } from "./registration/invite-links.ts";
import { registerMenteeFlow } from "./registration/mentee.ts";
import { registerMentorFlow } from "./registration/mentor.ts";
import { parentConsentFlow } from "./registration/parent-consent.ts";
import { parentConsentsFlow } from "./registration/parent-consents.ts";
import { startFlow } from "./registration/start.ts";
import { deleteMeFlow } from "./self-service/delete-me.ts";
import { languageFlow } from "./self-service/language.ts";
import { linkAccountsFlow } from "./self-service/link-accounts.ts";
import { helpFlow, menuFlow } from "./self-service/menu.ts";
import { profileFlow } from "./self-service/profile.ts";
import { remindersFlow } from "./self-service/reminders.ts";

export const FLOWS: FlowDefinition[] = [
  startFlow,
  menuFlow,
  helpFlow,
  languageFlow,
  registerMenteeFlow,
  registerMentorFlow,
  registerCoordinatorFlow,
  consentLinkFlow,
  parentConsentFlow,
  parentConsentsFlow,
  consentReviewFlow,
  profileFlow,
  deleteMeFlow,
  inviteLinksFlow,
  revokeInviteLinksFlow,
  inviteCoordinatorFlow,
  participantBaseFlow,
  linkAccountsFlow,
  programmeFlow,
  switchOrganisationFlow,
  openCycleFlow,
  organisationFormsFlow,
  announceFlow,
  announcementStatusFlow,
  reviewMentorsFlow,
  menteeSituationsFlow,
  matchFlow,
  exportFlow,
  needHelpFlow,
  helpReportsFlow,
  helpReportFlow,
  remindersFlow,
  ...PLAN_FLOWS,
  ...MEETING_FLOWS,
  ...CHECK_IN_FLOWS,
  ...DIGEST_FLOWS,
  ...SURVEY_FLOWS,
  ...CLOSING_FLOWS,
  ...FINAL_EVENT_FLOWS,
];

/** Commands, as in the Telegram command menu; VK users type them the same way. */
const COMMANDS: Record<string, (args: string) => { flow: string; args?: unknown }> = {
  start: (args) => ({ flow: "start", args: { payload: args || undefined } }),
  menu: () => ({ flow: "menu" }),
  help: () => ({ flow: "help" }),
  language: () => ({ flow: "language" }),
  profile: () => ({ flow: "profile" }),
  delete_me: () => ({ flow: "delete-me" }),
  link: (args) => ({ flow: "link-accounts", args: { code: args || undefined } }),
  reminders: () => ({ flow: "reminders" }),
};

/** Menu buttons (packed as `1:a:<action>[:<arg>]`); each flow re-checks who may use it. */
const ACTIONS: Record<string, ActionRoute> = {
  menu: () => ({ flow: "menu" }),
  help: () => ({ flow: "help" }),
  language: () => ({ flow: "language" }),
  profile: () => ({ flow: "profile" }),
  "delete-me": () => ({ flow: "delete-me" }),
  "consent-link": () => ({ flow: "consent-link" }),
  "parent-consents": () => ({ flow: "parent-consents" }),
  "invite-links": () => ({ flow: "invite-links" }),
  "invite-links-revoke": () => ({ flow: "invite-links-revoke" }),
  "invite-coordinator": () => ({ flow: "invite-coordinator" }),
  base: (arg) => ({ flow: "base", args: parseBasePage(arg) }),
  programme: () => ({ flow: "programme" }),
  "switch-organisation": () => ({ flow: "switch-organisation" }),
  "open-cycle": () => ({ flow: "open-cycle" }),
  "org-forms": () => ({ flow: "org-forms" }),
  announce: () => ({ flow: "announce" }),
  // A forged id that is not a number would reach the database as NaN: treat it as an unknown button.
  "announce-status": (arg) => (arg && /^\d{1,15}$/.test(arg) ? { flow: "announce-status", args: { id: Number(arg) } } : undefined),
  "review-mentors": () => ({ flow: "review-mentors" }),
  situations: () => ({ flow: "situations" }),
  match: () => ({ flow: "match" }),
  export: () => ({ flow: "export" }),
  "need-help": () => ({ flow: "need-help" }),
  reminders: () => ({ flow: "reminders" }),
  "help-reports": (arg) => ({ flow: "help-reports", args: parseReportsPage(arg) }),
  "help-report": (arg) => {
    const ref = parseReportRef(arg);
    return ref ? { flow: "help-report", args: ref } : undefined;
  },
  ...CONSENT_REVIEW_ACTIONS,
  ...PLAN_ACTIONS,
  ...MEETING_ACTIONS,
  ...CHECK_IN_ACTIONS,
  ...DIGEST_ACTIONS,
  ...SURVEY_ACTIONS,
  ...CLOSING_ACTIONS,
  ...FINAL_EVENT_ACTIONS,
};

export const flowRouter: FlowRouter = {
  command: (command, args) => COMMANDS[command]?.(args),
  action: (action, arg) => ACTIONS[action]?.(arg),
  idle: () => ({ flow: "menu" }),
};
