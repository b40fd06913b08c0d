/**
 * The real bot, `src/main.ts`, as a child process (Node with tsx's loader, as `npm start` runs it),
 * for tests of what happens to the process itself: signals, restarts.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const MAIN = fileURLToPath(new URL("src/main.ts", pathToFileURL(ROOT)));
const TSX_LOADER = pathToFileURL(fileURLToPath(new URL("node_modules/tsx/dist/loader.mjs", pathToFileURL(ROOT)))).href;

export interface BotProcess {
  readonly pid: number;
  /** What the process wrote (its JSON log lines), for failure messages. */
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  /** Sends SIGTERM and resolves with the exit code; a process still running after `graceMs` is killed. */
  terminate(graceMs?: number): Promise<number | null>;
}

/**
 * Starts the bot with exactly `env` (plus PATH), in `cwd` (where a `.env` would be read: give it an
 * empty folder so nobody's local settings leak in).
 */
export function startBotProcess(env: Record<string, string>, cwd: string): BotProcess {
  const child: ChildProcess = spawn(process.execPath, ["--import", TSX_LOADER, MAIN], {
    cwd,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    pid: child.pid!,
    output: () => output,
    exited,
    async terminate(graceMs = 60_000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      try {
        return await exited;
      } finally {
        clearTimeout(killer);
      }
    },
  };
}
