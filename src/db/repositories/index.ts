import type { Kysely } from "kysely";
import type { Database } from "../schema.ts";
import { AccountsRepository } from "./accounts.ts";
import { ConsentsRepository } from "./consents.ts";
import { InboxRepository } from "./inbox.ts";
import { InvitesRepository } from "./invites.ts";
import { OrganisationsRepository } from "./organisations.ts";
import { OutboxRepository } from "./outbox.ts";
import { PeopleRepository } from "./people.ts";

export interface Repositories {
  accounts: AccountsRepository;
  consents: ConsentsRepository;
  inbox: InboxRepository;
  invites: InvitesRepository;
  organisations: OrganisationsRepository;
  outbox: OutboxRepository;
  people: PeopleRepository;
}

export function createRepositories(db: Kysely<Database>): Repositories {
  return {
    accounts: new AccountsRepository(db),
    consents: new ConsentsRepository(db),
    inbox: new InboxRepository(db),
    invites: new InvitesRepository(db),
    organisations: new OrganisationsRepository(db),
    outbox: new OutboxRepository(db),
    people: new PeopleRepository(db),
  };
}
