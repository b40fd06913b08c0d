import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isProtectedMinor, isQuietTime, nextAllowedSend, type QuietHoursRecipient } from "#root/domain/quiet-hours.ts";
import { wallClock } from "#root/domain/typed-dates.ts";

const MOSCOW = "Europe/Moscow";
const BERLIN = "Europe/Berlin";
const at = (iso: string) => new Date(iso);

describe("nextAllowedSend", () => {
  it.each([
    ["2026-05-13T05:00:00Z", "08:00: sent", "2026-05-13T05:00:00Z"],
    ["2026-05-13T17:59:59Z", "20:59:59: sent", "2026-05-13T17:59:59Z"],
    ["2026-05-13T18:00:00Z", "21:00: waits for tomorrow 08:00", "2026-05-14T05:00:00Z"],
    ["2026-05-13T20:30:00Z", "23:30: waits for tomorrow 08:00", "2026-05-14T05:00:00Z"],
    ["2026-05-13T21:00:00Z", "00:00: waits for this morning", "2026-05-14T05:00:00Z"],
    ["2026-05-14T00:00:00Z", "03:00: waits for this morning", "2026-05-14T05:00:00Z"],
    ["2026-05-14T04:59:00Z", "07:59: waits a minute", "2026-05-14T05:00:00Z"],
    ["2026-12-31T19:00:00Z", "22:00 on New Year's Eve: waits for 1 January", "2027-01-01T05:00:00Z"],
  ])("for a minor in Moscow, %s (%s) -> %s", (instant, _what, expected) => {
    expect(nextAllowedSend(at(instant), MOSCOW, true).toISOString()).toBe(new Date(expected).toISOString());
  });

  it("sends to an adult at any hour", () => {
    const night = at("2026-05-13T23:00:00Z");
    expect(nextAllowedSend(night, MOSCOW, false)).toBe(night);
  });

  it("lets an urgent alert through at night", () => {
    const night = at("2026-05-13T23:00:00Z");
    expect(nextAllowedSend(night, MOSCOW, true, { urgent: true })).toBe(night);
  });

  it("reads the night on the organisation's clock", () => {
    // 18:30 UTC is 21:30 in Moscow but 04:30 next morning in Vladivostok.
    const instant = at("2026-05-13T18:30:00Z");
    expect(nextAllowedSend(instant, MOSCOW, true).toISOString()).toBe("2026-05-14T05:00:00.000Z");
    expect(nextAllowedSend(instant, "Asia/Vladivostok", true).toISOString()).toBe("2026-05-13T22:00:00.000Z");
    expect(nextAllowedSend(instant, "UTC", true)).toBe(instant);
  });

  it("wakes at 08:00 local on the night clocks go forward or back", () => {
    // 22:00 CET on 28 March; next morning is summer time (UTC+2).
    expect(nextAllowedSend(at("2026-03-28T21:00:00Z"), BERLIN, true).toISOString()).toBe("2026-03-29T06:00:00.000Z");
    // 22:00 CEST on 24 October; next morning is winter time (UTC+1).
    expect(nextAllowedSend(at("2026-10-24T20:00:00Z"), BERLIN, true).toISOString()).toBe("2026-10-25T07:00:00.000Z");
    // 02:30 CET, the hour that is repeated: still this morning's 08:00.
    expect(nextAllowedSend(at("2026-10-25T01:30:00Z"), BERLIN, true).toISOString()).toBe("2026-10-25T07:00:00.000Z");
  });

  it("never sends to a minor in quiet hours, never earlier than planned, and waits at most one night", () => {
    fc.assert(
      fc.property(
        fc.date({ min: at("2020-01-01T00:00:00Z"), max: at("2040-01-01T00:00:00Z"), noInvalidDate: true }),
        fc.constantFrom(MOSCOW, BERLIN, "America/New_York", "Asia/Kamchatka", "Australia/Lord_Howe"),
        (instant, zone) => {
          const send = nextAllowedSend(instant, zone, true);
          expect(isQuietTime(send, zone)).toBe(false);
          expect(send.getTime()).toBeGreaterThanOrEqual(instant.getTime());
          expect(send.getTime() - instant.getTime()).toBeLessThanOrEqual(12 * 3_600_000);
          if (send.getTime() !== instant.getTime()) expect(wallClock(send, zone)).toMatchObject({ hour: 8, minute: 0, second: 0 });
          else expect(isQuietTime(instant, zone)).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("isProtectedMinor", () => {
  const today = at("2026-11-10T12:00:00Z");
  it.each<[QuietHoursRecipient, boolean, string]>([
    [{ birthYear: 2014, roles: ["mentee"] }, true, "a child of 12"],
    [{ birthYear: 2009, roles: ["mentor"] }, true, "an older student turning 17 this year"],
    [{ birthYear: 2008, roles: ["mentor"] }, false, "an older student turning 18 this year"],
    [{ birthYear: null, roles: ["mentee"] }, true, "a mentee of unknown age"],
    [{ birthYear: null, roles: ["parent"] }, false, "a parent of unknown age"],
    [{ birthYear: null, roles: [] }, false, "someone who takes no part"],
    [{ birthYear: null, roles: ["coordinator", "mentee"] }, false, "a coordinator"],
    [{ birthYear: 2012, roles: ["coordinator"] }, false, "a coordinator, whatever the birth year"],
  ])("%o -> %s (%s)", (recipient, expected, _who) => {
    expect(isProtectedMinor(recipient, today)).toBe(expected);
  });
});
