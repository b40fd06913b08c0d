import { type App, createApp } from "./app.ts";
import { type Config, ConfigError, loadConfig, loadDotEnv } from "./config.ts";
import { createLogger } from "./logger.ts";
import { NoPlatformReachableError, StartStoppedError } from "./platform-connection.ts";

async function main(): Promise<void> {
  let config: Config;
  try {
    loadDotEnv();
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  const logger = createLogger({ level: config.logLevel, pretty: config.logPretty });
  if (!config.telegram && !config.vk && !config.max) {
    console.error(
      [
        "Nastavnik has no messenger to serve: set TELEGRAM_BOT_TOKEN (from @BotFather), VK_GROUP_TOKEN with",
        "VK_GROUP_ID (community settings → API usage) and/or MAX_BOT_TOKEN with MAX_BOT_USERNAME (the MAX",
        "partner platform) in .env — see README.md.",
        "To try every flow in the terminal without any token, run: npm run playground",
      ].join("\n"),
    );
    process.exit(78);
  }
  // Signals are caught from the start: the HTTP server answers (and a deploy may stop us) before
  // createApp has returned, and Node's default would end the process with updates in hand.
  const starting = new AbortController();
  let stopping: string | undefined;
  let app: App | undefined;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = signal;
    logger.info({ signal }, "shutting down: finishing the updates in hand");
    // While starting, the start stops where it is (a messenger not reached yet is not waited for),
    // closes what it opened and finishes the updates it took; createApp then rejects and we exit 0.
    if (app) stop(app);
    else starting.abort();
  };
  const stop = (running: App) => {
    running
      .stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      });
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
  try {
    app = await createApp({ config, logger, signal: starting.signal });
  } catch (error) {
    if (error instanceof StartStoppedError) {
      logger.info({ signal: stopping }, "stopped before the start was over");
      process.exit(0);
    }
    if (error instanceof NoPlatformReachableError) {
      logger.fatal({ platforms: error.platforms }, error.message);
      // EX_UNAVAILABLE (sysexits.h): a service the bot needs cannot be reached; a restart policy tries again.
      process.exit(69);
    }
    throw error;
  }
  if (stopping) stop(app);
}

await main();
