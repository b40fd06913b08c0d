import { spawn } from "node:child_process";
import { access, constants, readdir } from "node:fs/promises";
import { delimiter, join } from "node:path";
import { AdminError } from "./report.ts";

/** Debian and Ubuntu keep each version's client tools here and put only wrappers on PATH (if any). */
const DEBIAN_POSTGRES_ROOT = "/usr/lib/postgresql";

async function isExecutable(path: string): Promise<boolean> {
  return access(path, constants.X_OK).then(
    () => true,
    () => false,
  );
}

/** The path of pg_dump or pg_restore: from PATH, else the newest version installed the Debian way. */
export async function findPostgresTool(name: "pg_dump" | "pg_restore", path = process.env.PATH ?? ""): Promise<string> {
  for (const folder of path.split(delimiter).filter(Boolean)) {
    if (await isExecutable(join(folder, name))) return join(folder, name);
  }
  const versions = (await readdir(DEBIAN_POSTGRES_ROOT).catch(() => [] as string[]))
    .filter((version) => /^\d+$/.test(version))
    .sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const candidate = join(DEBIAN_POSTGRES_ROOT, version, "bin", name);
    if (await isExecutable(candidate)) return candidate;
  }
  throw new AdminError(
    `${name} is not installed: install PostgreSQL's client tools of the server's major version or newer ` +
      "(Debian/Ubuntu: apt-get install postgresql-client-<version>; Alpine: apk add postgresql<version>-client) and run again.",
  );
}

/**
 * The server's URL without its password, and the password for PGPASSWORD: a password on the command
 * line would show in every process listing of the machine.
 */
export function connectionForTools(databaseUrl: string): { url: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = "";
  return { url: url.toString(), env: password ? { ...process.env, PGPASSWORD: password } : { ...process.env } };
}

/** Runs a PostgreSQL tool to its end; a non-zero exit becomes an AdminError with what the tool said. */
export function runPostgresTool(tool: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ["ignore", "ignore", "pipe"] });
    let said = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      said += chunk;
    });
    child.on("error", (error) => reject(new AdminError(`${tool} could not start: ${error.message}`)));
    child.on("close", (code, signal) => {
      if (code === 0) resolve();
      else reject(new AdminError(`${tool} failed (${signal ?? `exit code ${code}`}):\n${said.trim()}`));
    });
  });
}
