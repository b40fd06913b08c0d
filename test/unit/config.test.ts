import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.ts";

const TOKEN = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ";

describe("loadConfig", () => {
  it("runs with nothing set: embedded database, in-memory state, Russian, port 8080", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      logLevel: "info",
      logPretty: false,
      httpPort: 8080,
      dataDir: "./data",
      defaultLocale: "ru",
    });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
    expect(config.telegram).toBeUndefined();
    expect(config.vk).toBeUndefined();
  });

  it("holds each chat to 10 updates at once and 2 a second after, unless told otherwise", () => {
    expect(loadConfig({}).flood).toEqual({ burst: 10, perSecond: 2 });
    expect(loadConfig({ FLOOD_BURST: "20", FLOOD_RATE: "0.5" }).flood).toEqual({ burst: 20, perSecond: 0.5 });
    expect(() => loadConfig({ FLOOD_BURST: "0" })).toThrow(/FLOOD_BURST/);
    expect(() => loadConfig({ FLOOD_RATE: "0" })).toThrow(/FLOOD_RATE/);
  });

  it("tries to reach each messenger for two minutes at start unless told otherwise, in seconds", () => {
    expect(loadConfig({}).platformConnectTimeoutMs).toBe(120_000);
    expect(loadConfig({ PLATFORM_CONNECT_TIMEOUT: "2.5" }).platformConnectTimeoutMs).toBe(2_500);
    expect(() => loadConfig({ PLATFORM_CONNECT_TIMEOUT: "0" })).toThrow(/PLATFORM_CONNECT_TIMEOUT/);
    expect(() => loadConfig({ PLATFORM_CONNECT_TIMEOUT: "soon" })).toThrow(/PLATFORM_CONNECT_TIMEOUT/);
  });

  it("prepares repeated statements on PostgreSQL unless told off (a PgBouncer in transaction mode)", () => {
    expect(loadConfig({}).preparedStatements).toBe(true);
    expect(loadConfig({ DATABASE_PREPARED_STATEMENTS: "off" }).preparedStatements).toBe(false);
    expect(() => loadConfig({ DATABASE_PREPARED_STATEMENTS: "no" })).toThrow(/DATABASE_PREPARED_STATEMENTS/);
  });

  it("treats an empty variable as unset", () => {
    expect(loadConfig({ DATABASE_URL: "", TELEGRAM_BOT_TOKEN: "  " }).databaseUrl).toBeUndefined();
  });

  it("names the wrong variable in the error", () => {
    expect(() => loadConfig({ DATABASE_URL: "mysql://db/x" })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: "mysql://db/x" })).toThrow(/DATABASE_URL: must be a URL starting with postgres:\/\//);
    expect(() => loadConfig({ HTTP_PORT: "eighty" })).toThrow(/HTTP_PORT/);
  });

  it("names every wrong variable at once", () => {
    let message = "";
    try {
      loadConfig({ LOG_LEVEL: "loud", REDIS_URL: "http://cache" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/LOG_LEVEL/);
    expect(message).toMatch(/REDIS_URL/);
  });

  it("rejects a Telegram webhook URL without a secret", () => {
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: "https://bot.example.org/telegram" })).toThrow(
      /TELEGRAM_WEBHOOK_SECRET: is required when TELEGRAM_WEBHOOK_URL is set/,
    );
  });

  it("assembles a Telegram webhook with its secret", () => {
    const config = loadConfig({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_WEBHOOK_URL: "https://bot.example.org/telegram",
      TELEGRAM_WEBHOOK_SECRET: "s3cret-s3cret-s3cret",
    });
    expect(config.telegram?.webhook).toEqual({
      url: "https://bot.example.org/telegram",
      secret: "s3cret-s3cret-s3cret",
    });
  });

  it("rejects a malformed bot token", () => {
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: "not-a-token" })).toThrow(/TELEGRAM_BOT_TOKEN: looks wrong/);
  });

  it("requires the VK group id with a VK token, and the Callback API secret and code together", () => {
    expect(() => loadConfig({ VK_GROUP_TOKEN: "vk1.a.token" })).toThrow(/VK_GROUP_ID/);
    expect(() => loadConfig({ VK_GROUP_TOKEN: "vk1.a.token", VK_GROUP_ID: "42", VK_CALLBACK_SECRET: "a-long-enough-secret" })).toThrow(
      /VK_CONFIRMATION_CODE/,
    );
    expect(loadConfig({ VK_GROUP_TOKEN: "vk1.a.token", VK_GROUP_ID: "42" }).vk).toMatchObject({
      groupId: 42,
      screenName: "club42",
    });
  });

  it("refuses webhook secrets short enough to guess", () => {
    const vk = { VK_GROUP_TOKEN: "vk1.a.token", VK_GROUP_ID: "42", VK_CONFIRMATION_CODE: "abc123" };
    expect(() => loadConfig({ ...vk, VK_CALLBACK_SECRET: "short-secret" })).toThrow(/VK_CALLBACK_SECRET: must be 16–50 characters/);
    expect(() => loadConfig({ ...vk, VK_CALLBACK_SECRET: "x".repeat(51) })).toThrow(/VK_CALLBACK_SECRET/);
    expect(loadConfig({ ...vk, VK_CALLBACK_SECRET: "sixteen-chars-ok" }).vk?.callback).toEqual({
      secret: "sixteen-chars-ok",
      confirmationCode: "abc123",
    });
    expect(() =>
      loadConfig({ TELEGRAM_WEBHOOK_URL: "https://bot.example/telegram/webhook", TELEGRAM_WEBHOOK_SECRET: "too-short" }),
    ).toThrow(/TELEGRAM_WEBHOOK_SECRET: must be 16–256/);
  });
});
