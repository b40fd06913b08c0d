import type { Kysely } from "kysely";
import type { Database } from "../schema.ts";
import { AccountsRepository } from "./accounts.ts";
import { AnnouncementsRepository } from "./announcements.ts";
import { CheckInsRepository } from "./check-ins.ts";
import { ClosingRepository } from "./closing.ts";
import { ConsentsRepository } from "./consents.ts";
import { CyclesRepository } from "./cycles.ts";
import { DigestsRepository } from "./digests.ts";
import { FinalEventsRepository } from "./final-events.ts";
import { HelpReportsRepository } from "./help-reports.ts";
import { InboxRepository } from "./inbox.ts";
import { IntroductionsRepository } from "./introductions.ts";
import { InvitesRepository } from "./invites.ts";
import { MeetingsRepository } from "./meetings.ts";
import { MentorsRepository } from "./mentors.ts";
import { OrganisationsRepository } from "./organisations.ts";
import { OutboxRepository } from "./outbox.ts";
import { PairChatRepository } from "./pair-chat.ts";
import { PairsRepository } from "./pairs.ts";
import { ParentsRepository } from "./parents.ts";
import { PeopleRepository } from "./people.ts";
import { PlansRepository } from "./plans.ts";
import { RegionRepository } from "./region.ts";
import { RosterRepository } from "./roster.ts";
import { SurveysRepository } from "./surveys.ts";
import { TerritoriesRepository } from "./territories.ts";
import { TerritoryDigestsRepository } from "./territory-digests.ts";

export interface Repositories {
  accounts: AccountsRepository;
  announcements: AnnouncementsRepository;
  cycles: CyclesRepository;
  mentors: MentorsRepository;
  pairs: PairsRepository;
  parents: ParentsRepository;
  consents: ConsentsRepository;
  helpReports: HelpReportsRepository;
  inbox: InboxRepository;
  invites: InvitesRepository;
  organisations: OrganisationsRepository;
  outbox: OutboxRepository;
  pairChat: PairChatRepository;
  people: PeopleRepository;
  plans: PlansRepository;
  region: RegionRepository;
  roster: RosterRepository;
  meetings: MeetingsRepository;
  checkIns: CheckInsRepository;
  digests: DigestsRepository;
  surveys: SurveysRepository;
  closing: ClosingRepository;
  finalEvents: FinalEventsRepository;
  introductions: IntroductionsRepository;
  territories: TerritoriesRepository;
  territoryDigests: TerritoryDigestsRepository;
}

export function createRepositories(db: Kysely<Database>): Repositories {
  return {
    accounts: new AccountsRepository(db),
    announcements: new AnnouncementsRepository(db),
    cycles: new CyclesRepository(db),
    mentors: new MentorsRepository(db),
    pairs: new PairsRepository(db),
    parents: new ParentsRepository(db),
    consents: new ConsentsRepository(db),
    helpReports: new HelpReportsRepository(db),
    inbox: new InboxRepository(db),
    invites: new InvitesRepository(db),
    organisations: new OrganisationsRepository(db),
    outbox: new OutboxRepository(db),
    pairChat: new PairChatRepository(db),
    people: new PeopleRepository(db),
    plans: new PlansRepository(db),
    region: new RegionRepository(db),
    roster: new RosterRepository(db),
    meetings: new MeetingsRepository(db),
    checkIns: new CheckInsRepository(db),
    digests: new DigestsRepository(db),
    surveys: new SurveysRepository(db),
    closing: new ClosingRepository(db),
    finalEvents: new FinalEventsRepository(db),
    introductions: new IntroductionsRepository(db),
    territories: new TerritoriesRepository(db),
    territoryDigests: new TerritoryDigestsRepository(db),
  };
}
