import type { HttpResponse, HttpRoute } from "./route.ts";

/** A probe answers within a few seconds whatever hangs: an orchestrator waiting on it learns nothing. */
const PROBE_TIMEOUT_MS = 2_000;

/** True when the check answers true within PROBE_TIMEOUT_MS; false when it fails, answers false or takes longer. */
export function withinProbeTime(check: Promise<boolean>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS);
  });
  return Promise.race([check.catch(() => false), late]).finally(() => clearTimeout(timer));
}

/** `GET /livez`: answered while the event loop turns, whatever the database, Redis or the messengers do. */
export const livenessRoute: HttpRoute = {
  method: "GET",
  path: "/livez",
  async handle() {
    return json(200, { alive: true });
  },
};

export interface ReadinessChecks {
  /** A statement reaches the database. */
  database(): Promise<boolean>;
  /** The newest migration this code knows is applied. */
  migrations(): Promise<boolean>;
  /** Redis answers; undefined when none is configured. */
  redis?(): Promise<boolean>;
  /** False until start-up has reached every messenger or given up on those it could not. */
  started(): boolean;
  /** Each configured messenger and whether the bot serves it. */
  platforms(): Record<string, "connecting" | "connected" | "unreachable">;
}

/**
 * `GET /readyz`: 200 while the process can take updates: the database answers, its migrations are
 * applied, start-up is over and at least one messenger is connected. What the bot serves on without
 * (Redis: each process books its own sending slots; a messenger that could not be reached, or was lost
 * after it connected: the others go on, and it is tried again in the background) is named in `degraded` and keeps the answer 200, since
 * an orchestrator that took this replica out would stop the platforms that work as well.
 */
export function readinessRoute(checks: ReadinessChecks): HttpRoute {
  return {
    method: "GET",
    path: "/readyz",
    async handle() {
      const [database, migrations, redis] = await Promise.all([
        withinProbeTime(checks.database()),
        withinProbeTime(checks.migrations()),
        checks.redis ? withinProbeTime(checks.redis()) : Promise.resolve("not configured" as const),
      ]);
      const started = checks.started();
      const platforms = checks.platforms();
      const states = Object.values(platforms);
      const ready = database && migrations && started && states.includes("connected");
      const degraded = [
        ...(redis === false ? ["redis"] : []),
        ...Object.entries(platforms)
          .filter(([, state]) => state !== "connected")
          .map(([platform]) => platform),
      ];
      return json(ready ? 200 : 503, { ready, started, degraded, checks: { database, migrations, redis, platforms } });
    },
  };
}

function json(status: number, body: unknown): HttpResponse {
  return { status, body: JSON.stringify(body), headers: { "content-type": "application/json" } };
}
