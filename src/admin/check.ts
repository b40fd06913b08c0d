import { type Config, ConfigError, loadConfig } from "#root/config.ts";
import type { AdminReport } from "./report.ts";
import { type ProbeResult, probeDatabase, probeMax, probeRedis, probeTelegram, probeVk } from "./service-probes.ts";

function configurationSummary(config: Config): ProbeResult {
  const messengers = [config.telegram && "Telegram", config.vk && "VK", config.max && "MAX"].filter(Boolean);
  if (messengers.length === 0) {
    // The bot refuses to start without one (src/main.ts): a check must not call such a setup fine.
    return {
      service: "configuration",
      ok: false,
      detail: "no messenger to serve: set TELEGRAM_BOT_TOKEN, VK_GROUP_TOKEN with VK_GROUP_ID, and/or MAX_BOT_TOKEN with MAX_BOT_USERNAME",
    };
  }
  const database = config.databaseUrl ? "PostgreSQL (DATABASE_URL)" : `embedded PGlite in ${config.dataDir}`;
  const redis = config.redisUrl ? "Redis" : "no Redis (one replica only)";
  return { service: "configuration", ok: true, detail: `valid: ${database}, ${redis}, ${messengers.join(", ")}` };
}

/**
 * Validates the configuration with the bot's own loader, then reaches every configured service at
 * once, each within `timeoutMs`: what a deployer runs before starting the bot, or after changing a token.
 */
export async function checkConfiguration(env: Record<string, string | undefined>, timeoutMs: number): Promise<AdminReport> {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return report([{ service: "configuration", ok: false, detail: error.message.replace(/\n\s*/g, " ") }]);
  }
  const probes = await Promise.all([
    probeDatabase(config, timeoutMs),
    ...(config.redisUrl ? [probeRedis(config.redisUrl, timeoutMs)] : []),
    ...(config.telegram ? [probeTelegram(config.telegram, timeoutMs)] : []),
    ...(config.vk ? [probeVk(config.vk, timeoutMs)] : []),
    ...(config.max ? [probeMax(config.max, timeoutMs)] : []),
  ]);
  return report([configurationSummary(config), ...probes]);
}

function report(checks: ProbeResult[]): AdminReport {
  const ok = checks.every((check) => check.ok);
  const failed = checks.filter((check) => !check.ok).length;
  return {
    document: { ok, checks },
    lines: [
      ...checks.map((check) => `${check.ok ? "ok  " : "FAIL"}  ${check.service.padEnd(13)} ${check.detail}`),
      ok ? "Everything configured works." : `${failed} of ${checks.length} checks failed.`,
    ],
    ok,
  };
}
