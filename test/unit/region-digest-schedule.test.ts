import { describe, expect, it } from "vitest";
import { schoolYearOf, schoolYearStart } from "#root/domain/region.ts";
import { dueRegionDigestMonth, monthPeriod, schoolYearMonths } from "#root/domain/region-digest.ts";

const MOSCOW = "Europe/Moscow";
const VLADIVOSTOK = "Asia/Vladivostok";

describe("the school year of a day", () => {
  it("starts on 1 September", () => {
    expect(schoolYearOf("2026-08-31")).toBe(2025);
    expect(schoolYearOf("2026-09-01")).toBe(2026);
    expect(schoolYearOf("2027-01-15")).toBe(2026);
    expect(schoolYearStart(2026)).toBe("2026-09-01");
  });
});

describe("the territory's monthly digest", () => {
  it("is due for the month just ended from 09:00 on the first, in the territory's zone", () => {
    // 06:00 UTC is 09:00 in Moscow.
    expect(dueRegionDigestMonth(new Date("2026-12-01T05:59:00Z"), MOSCOW, null)).toBeUndefined();
    expect(dueRegionDigestMonth(new Date("2026-12-01T06:00:00Z"), MOSCOW, null)).toBe("2026-11-01");
    // In Vladivostok (UTC+10) the first of December 09:00 came at 23:00 UTC on 30 November.
    expect(dueRegionDigestMonth(new Date("2026-11-30T23:00:00Z"), VLADIVOSTOK, null)).toBe("2026-11-01");
    // Still 30 November in Moscow (23:00): October is the month just ended there.
    expect(dueRegionDigestMonth(new Date("2026-11-30T20:00:00Z"), MOSCOW, "2026-09-01")).toBe("2026-10-01");
  });

  it("goes out once, and a bot back after months away sends only the latest", () => {
    expect(dueRegionDigestMonth(new Date("2026-12-20T12:00:00Z"), MOSCOW, "2026-11-01")).toBeUndefined();
    expect(dueRegionDigestMonth(new Date("2027-03-02T12:00:00Z"), MOSCOW, "2026-11-01")).toBe("2027-02-01");
    expect(dueRegionDigestMonth(new Date("2027-01-01T06:00:00Z"), MOSCOW, "2026-11-01")).toBe("2026-12-01");
  });

  it("covers its month, and the school year up to it for the chart", () => {
    expect(monthPeriod("2027-02-01")).toEqual({ from: "2027-02-01", to: "2027-02-28" });
    expect(schoolYearMonths("2027-02-01")).toEqual(["2026-09-01", "2026-10-01", "2026-11-01", "2026-12-01", "2027-01-01", "2027-02-01"]);
    expect(schoolYearMonths("2026-09-01")).toEqual(["2026-09-01"]);
  });
});
