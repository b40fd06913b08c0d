import type { Repositories } from "#root/db/repositories/index.ts";
import { calendarDate } from "#root/domain/cycle.ts";
import type { AdminReport } from "./report.ts";

/** Every organisation: its zone, when it was created, who takes part and its open cycle. */
export async function listOrganisations(repos: Repositories): Promise<AdminReport> {
  const organisations = await repos.organisations.overview();
  const document = {
    organisations: organisations.map((org) => ({
      id: org.id,
      name: org.name,
      timezone: org.timezone,
      createdAt: org.createdAt.toISOString(),
      coordinators: org.coordinators,
      participants: { mentees: org.mentees, mentors: org.mentors },
      openCycle: org.openCycle,
    })),
  };
  if (organisations.length === 0) {
    return { document, lines: ['No organisations yet: npm run admin -- create-org "<name>" --timezone <zone> creates one.'], ok: true };
  }
  const lines = organisations.flatMap((org) => {
    const cycle = org.openCycle
      ? `open cycle #${org.openCycle.id} "${org.openCycle.name}" (${org.openCycle.stage}, ${org.openCycle.startsOn} – ${org.openCycle.endsOn})`
      : "no open cycle";
    return [
      `#${org.id} "${org.name}" (${org.timezone}), created ${calendarDate(org.createdAt, org.timezone)}`,
      `    ${org.coordinators} coordinators, ${org.mentees} mentees, ${org.mentors} mentors; ${cycle}`,
    ];
  });
  return { document, lines, ok: true };
}
