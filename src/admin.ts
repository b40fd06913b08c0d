import { parseArgs } from "node:util";
import { Api } from "grammy";
import { createOrganisation } from "./admin/create-organisation.ts";
import { ConfigError, loadConfig, loadDotEnv } from "./config.ts";
import { openDatabase } from "./db/connection.ts";
import { migrateToLatest } from "./db/migrator.ts";
import { createRepositories } from "./db/repositories/index.ts";

const USAGE = `Usage:
  npm run admin -- create-org "<name>" --timezone <IANA zone> [--json]

Creates an organisation and prints a one-time invite for its first coordinator
(a t.me link for Telegram, a vk.me link for VK, a max.ru link for MAX, and the payload itself).`;

async function telegramUsername(config: ReturnType<typeof loadConfig>): Promise<string | undefined> {
  if (!config.telegram) return undefined;
  if (config.telegram.username) return config.telegram.username;
  const api = new Api(config.telegram.token, config.telegram.apiRoot ? { apiRoot: config.telegram.apiRoot } : undefined);
  return (await api.getMe()).username;
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { timezone: { type: "string" }, json: { type: "boolean", default: false }, help: { type: "boolean", default: false } },
  });
  const [command, name] = positionals;
  if (values.help || command !== "create-org" || !name || !values.timezone) {
    console.error(USAGE);
    process.exit(values.help ? 0 : 64);
  }
  loadDotEnv();
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(database.db);
    const created = await createOrganisation(createRepositories(database.db), name, values.timezone);
    const username = await telegramUsername(config).catch(() => undefined);
    const links = {
      telegram: username ? `https://t.me/${username}?start=${created.payload}` : null,
      vk: config.vk ? `https://vk.me/${config.vk.screenName}?ref=${created.payload}` : null,
      max: config.max ? `https://max.ru/${config.max.username}?start=${created.payload}` : null,
    };
    if (values.json) {
      console.log(JSON.stringify({ ...created, links }));
      return;
    }
    console.log(`Organisation #${created.orgId} "${created.name}" (${created.timezone}) is created.`);
    console.log("One-time coordinator invite (valid 7 days; send it only to the coordinator):");
    console.log(`  Telegram: ${links.telegram ?? "(set TELEGRAM_BOT_TOKEN or TELEGRAM_BOT_USERNAME to get the link)"}`);
    console.log(`  VK:       ${links.vk ?? "(set VK_GROUP_TOKEN and VK_GROUP_ID to get the link)"}`);
    console.log(`  MAX:      ${links.max ?? "(set MAX_BOT_TOKEN and MAX_BOT_USERNAME to get the link)"}`);
    console.log(`  Payload:  ${created.payload}  (Telegram: /start ${created.payload})`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
  process.exit(1);
});
