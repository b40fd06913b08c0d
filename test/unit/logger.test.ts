/**
 * What a log collector reads of every line: the level by name, an ISO time, which service and
 * version wrote it, and during an update's work the update's ids (never its text).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createLogger, withLogContext, withoutLogContext } from "#root/logger.ts";
import { logCapture } from "../support/log-capture.ts";

const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };

function capturedLogger(level = "debug") {
  const { stream, lines } = logCapture();
  const logger = createLogger({ level, pretty: false, destination: stream });
  const parsed = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines, parsed };
}

describe("the app's log lines", () => {
  it("name their level, carry an ISO time, the service and its version", () => {
    const { logger, parsed } = capturedLogger();
    logger.debug("debugging");
    logger.info({ job: "digest" }, "job done");
    logger.warn("careful");
    logger.error({ err: new Error("boom") }, "failed");
    logger.child({ platform: "vk" }).fatal("gone");

    const lines = parsed();
    expect(lines.map((line) => line.level)).toEqual(["debug", "info", "warn", "error", "fatal"]);
    for (const line of lines) {
      expect(line).toMatchObject({ service: "nastavnik", version, pid: process.pid, hostname: expect.any(String) });
      expect(line.time).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/));
      expect(new Date(line.time as string).toISOString()).toBe(line.time);
    }
    expect(lines[1]).toMatchObject({ msg: "job done", job: "digest" });
    expect(lines[3]?.err).toMatchObject({ type: "Error", message: "boom" });
  });

  it("still print a private field as redacted", () => {
    const { logger, lines } = capturedLogger();
    logger.info({ text: "Секрет Маши", nested: { name: "Маша" } }, "received");
    expect(lines.join("")).not.toContain("Маш");
    expect(lines.join("")).toContain("[redacted]");
  });

  it("carry the update's ids on every line of its work, once, and not after it", async () => {
    const { logger, lines, parsed } = capturedLogger();
    const child = logger.child({ chatId: "42", flow: "register" });
    let later: Promise<void> | undefined;
    await withLogContext({ platform: "telegram", updateKey: "telegram:1001", chatId: "42" }, async () => {
      logger.info("taken up");
      await new Promise((resolve) => setTimeout(resolve, 1));
      child.warn("deep inside the flow");
      logger.info({ updateKey: "explicit" }, "the call's own field wins");
      withoutLogContext(() => logger.info("a delivery round the update kicked"));
      later = new Promise((resolve) => setTimeout(resolve, 5)).then(() => logger.info("a timer that outlived the update"));
    });
    logger.info("between updates");
    await later;

    const [taken, deep, explicit, round, timer, between] = parsed();
    expect(taken).toMatchObject({ platform: "telegram", updateKey: "telegram:1001", chatId: "42" });
    expect(deep).toMatchObject({ platform: "telegram", updateKey: "telegram:1001", chatId: "42", flow: "register" });
    // The child's own chatId is printed once: no duplicate key in the JSON.
    expect(lines[1]?.match(/"chatId"/g)).toHaveLength(1);
    expect(explicit).toMatchObject({ updateKey: "explicit", chatId: "42" });
    for (const line of [round, timer, between]) {
      expect(line).not.toHaveProperty("updateKey");
      expect(line).not.toHaveProperty("chatId");
    }
  });

  it("keep two updates' ids apart when their work interleaves", async () => {
    const { logger, parsed } = capturedLogger();
    const work = (updateKey: string, chatId: string, pause: number) =>
      withLogContext({ platform: "max", updateKey, chatId }, async () => {
        logger.info("start");
        await new Promise((resolve) => setTimeout(resolve, pause));
        logger.info("end");
      });
    await Promise.all([work("max:1", "1", 10), work("max:2", "2", 1)]);
    for (const line of parsed()) expect(line.updateKey).toBe(`max:${line.chatId}`);
    expect(parsed()).toHaveLength(4);
  });
});
