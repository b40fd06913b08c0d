import { describe, expect, it } from "vitest";
import { FloodGuard, type FloodVerdict } from "#root/dialog/flood-guard.ts";
import type { Incoming, IncomingEvent, Platform } from "#root/messaging/messenger.ts";

/** A clock the test moves by hand: the guard reads nothing else. */
function manualClock(startMs = 1_000_000) {
  let now = startMs;
  return { nowMs: () => now, advance: (ms: number) => (now += ms) };
}

let updates = 0;
function update(event: IncomingEvent, chatId = "1", platform: Platform = "telegram"): Incoming {
  updates += 1;
  return { updateKey: `${platform}:${updates}`, platform, chatId, userId: chatId, sentAt: "2026-12-01T09:00:00Z", event };
}
const press = (chatId?: string, platform?: Platform) => update({ kind: "button", payload: "1:p:ab:1", answerId: "q" }, chatId, platform);
const text = (chatId?: string) => update({ kind: "text", text: "привет" }, chatId);

/** How many of `count` presses of a chat the guard lets through, as they come at one instant. */
function admittedOf(guard: FloodGuard, count: number, chatId?: string, platform?: Platform): number {
  let admitted = 0;
  for (let i = 0; i < count; i += 1) if (guard.admit(press(chatId, platform)).admitted) admitted += 1;
  return admitted;
}

describe("flood guard (a token bucket per chat)", () => {
  it("lets a calm chat's burst through at once, then refuses presses until tokens come back", () => {
    const clock = manualClock();
    const guard = new FloodGuard({ burst: 10, perSecond: 2 }, clock.nowMs);
    expect(admittedOf(guard, 30)).toBe(10);
    expect(guard.throttled).toBe(20);
  });

  it("refills at the rate, fractions included, and never above the burst", () => {
    const clock = manualClock();
    const guard = new FloodGuard({ burst: 10, perSecond: 2 }, clock.nowMs);
    admittedOf(guard, 10);
    clock.advance(250); // half a token
    expect(guard.admit(press()).admitted).toBe(false);
    clock.advance(250); // the other half
    expect(guard.admit(press()).admitted).toBe(true);
    expect(guard.admit(press()).admitted).toBe(false);
    clock.advance(1_500); // three tokens
    expect(admittedOf(guard, 5)).toBe(3);
    clock.advance(60 * 60 * 1000); // an hour earns a full bucket, not 7,200 presses
    expect(admittedOf(guard, 30)).toBe(10);
  });

  it("holds a steady hammering to the rate", () => {
    const clock = manualClock();
    const guard = new FloodGuard({ burst: 10, perSecond: 2 }, clock.nowMs);
    let admitted = 0;
    // Ten presses a second for a minute.
    for (let i = 0; i < 600; i += 1) {
      if (guard.admit(press()).admitted) admitted += 1;
      clock.advance(100);
    }
    expect(admitted).toBe(10 + 2 * 60 - 1);
  });

  it("keeps every chat's bucket apart, the same chat id on another messenger too", () => {
    const clock = manualClock();
    const guard = new FloodGuard({ burst: 3, perSecond: 1 }, clock.nowMs);
    expect(admittedOf(guard, 10, "1")).toBe(3);
    expect(admittedOf(guard, 10, "2")).toBe(3);
    expect(admittedOf(guard, 10, "1", "vk")).toBe(3);
    expect(admittedOf(guard, 10, "1", "max")).toBe(3);
    expect(guard.admit(press("1")).admitted).toBe(false);
    expect(guard.throttled).toBe(29);
  });

  it("never refuses typed texts, commands, start links or files: they pass and spend a token when there is one", () => {
    const clock = manualClock();
    const guard = new FloodGuard({ burst: 3, perSecond: 1 }, clock.nowMs);
    const kept: IncomingEvent[] = [
      { kind: "text", text: "привет" },
      { kind: "command", command: "help", args: "" },
      { kind: "command", command: "start", args: "invite123" },
      { kind: "unsupported", what: "document" },
      { kind: "unsupported", what: "sticker" },
    ];
    for (let round = 0; round < 10; round += 1) {
      for (const event of kept) expect(guard.admit(update(event)).admitted).toBe(true);
    }
    // The texts used the burst up: a press right after them waits like any press over the limit.
    expect(guard.admit(press()).admitted).toBe(false);
    clock.advance(1_000);
    expect(guard.admit(text()).admitted).toBe(true);
    expect(guard.admit(press()).admitted).toBe(false);
    expect(guard.throttled).toBe(2);
  });

  it("marks only the first refusal of a flood, until the chat has been calm long enough for a full bucket", () => {
    const clock = manualClock();
    const guard = new FloodGuard({ burst: 4, perSecond: 2 }, clock.nowMs);
    const refusals = (verdicts: FloodVerdict[]) => verdicts.filter((v) => !v.admitted).map((v) => (v.admitted ? "" : v.firstOfFlood));
    const burst = (count: number) => Array.from({ length: count }, () => guard.admit(press()));
    expect(refusals(burst(8))).toEqual([true, false, false, false]);
    // A token earned mid-flood lets one press through; the flood goes on, and is not announced again.
    clock.advance(500);
    expect(refusals(burst(3))).toEqual([false, false]);
    // Calm for two seconds: the bucket is full again, and a new flood is announced anew.
    clock.advance(2_000);
    expect(refusals(burst(6))).toEqual([true, false]);
  });

  it("earns nothing when the clock moves back", () => {
    const clock = manualClock();
    const guard = new FloodGuard({ burst: 2, perSecond: 1 }, clock.nowMs);
    expect(admittedOf(guard, 5)).toBe(2);
    clock.advance(-10_000);
    expect(admittedOf(guard, 1)).toBe(0);
    // From there the time runs on as usual.
    clock.advance(500);
    expect(admittedOf(guard, 1)).toBe(0);
    clock.advance(500);
    expect(admittedOf(guard, 5)).toBe(1);
  });

  it("keeps a flooding chat's bucket while calm chats are forgotten around it", () => {
    const clock = manualClock();
    const guard = new FloodGuard({ burst: 2, perSecond: 1 }, clock.nowMs);
    for (let chat = 100; chat < 1_100; chat += 1) guard.admit(press(String(chat)));
    clock.advance(1_500);
    expect(admittedOf(guard, 5, "1")).toBe(2);
    // Two seconds on, the calm chats are full again and swept; chat 1 has earned 0.6 of a token.
    clock.advance(600);
    expect(admittedOf(guard, 1, "100")).toBe(1);
    expect(admittedOf(guard, 1, "1")).toBe(0);
    clock.advance(400);
    expect(admittedOf(guard, 1, "1")).toBe(1);
  });

  it("takes back the token of an update the inbox could not store, so its retries cost the chat nothing", () => {
    const clock = manualClock();
    const guard = new FloodGuard({ burst: 3, perSecond: 1 }, clock.nowMs);
    const offered = press();
    for (let attempt = 0; attempt < 10; attempt += 1) {
      expect(guard.admit(offered).admitted).toBe(true);
      guard.giveBack(offered);
    }
    expect(admittedOf(guard, 5)).toBe(3);
    // Never above the burst.
    for (let attempt = 0; attempt < 4; attempt += 1) guard.giveBack(offered);
    expect(admittedOf(guard, 5)).toBe(3);
    // A text that passed on an empty bucket spent nothing: there is nothing to give back.
    expect(guard.admit(text())).toEqual({ admitted: true, tokenSpent: false });
  });

  it("refuses limits that would stop every chat", () => {
    expect(() => new FloodGuard({ burst: 0, perSecond: 2 }, () => 0)).toThrow(/burst/);
    expect(() => new FloodGuard({ burst: 10, perSecond: 0 }, () => 0)).toThrow(/rate/);
  });
});
