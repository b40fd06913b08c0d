import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ADULT_AGE,
  ageThisYear,
  type ConsentRecordView,
  type ConsentRequirement,
  consentRequired,
  consentState,
  OWN_CONSENT_AGE,
} from "#root/domain/consent.ts";

const parentOnly: ConsentRequirement = { parent: true, self: false };
const both: ConsentRequirement = { parent: true, self: true };
const selfOnly: ConsentRequirement = { parent: false, self: true };

const parentGranted: ConsentRecordView = { giver: "parent", decision: "granted", withdrawn: false };
const parentDeclined: ConsentRecordView = { giver: "parent", decision: "declined", withdrawn: false };
const parentWithdrawn: ConsentRecordView = { giver: "parent", decision: "granted", withdrawn: true };
const selfGranted: ConsentRecordView = { giver: "self", decision: "granted", withdrawn: false };
const selfDeclined: ConsentRecordView = { giver: "self", decision: "declined", withdrawn: false };
const selfWithdrawn: ConsentRecordView = { giver: "self", decision: "granted", withdrawn: true };

describe("consentRequired", () => {
  it.each([
    [10, parentOnly],
    [13, parentOnly],
    [14, both],
    [15, both],
    [17, both],
    [18, selfOnly],
    [19, selfOnly],
    [45, selfOnly],
  ])("at %i asks %o", (age, expected) => {
    expect(consentRequired(age)).toEqual(expected);
  });

  it("uses the thresholds of the civil code: own consent from 14, adult at 18", () => {
    expect(OWN_CONSENT_AGE).toBe(14);
    expect(ADULT_AGE).toBe(18);
  });

  it("never leaves a minor without a parent's consent, nor anybody with no consent at all", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 120 }), (age) => {
        const required = consentRequired(age);
        expect(required.parent).toBe(age < 18);
        expect(required.self).toBe(age >= 14);
        expect(required.parent || required.self).toBe(true);
      }),
    );
  });
});

describe("consentState", () => {
  it.each<[string, ConsentRequirement, ConsentRecordView[], string]>([
    ["a child with nothing yet", parentOnly, [], "waiting"],
    ["a child whose parent agreed", parentOnly, [parentGranted], "granted"],
    ["a child whose parent refused", parentOnly, [parentDeclined], "declined"],
    ["a child whose parent withdrew", parentOnly, [parentWithdrawn], "withdrawn"],
    ["a child: their own answer does not count", parentOnly, [selfGranted], "waiting"],
    ["a child: their own refusal does not count either", parentOnly, [selfDeclined, parentGranted], "granted"],
    ["a teenager who agreed, parent not yet", both, [selfGranted], "waiting"],
    ["a teenager whose parent agreed, own answer missing", both, [parentGranted], "waiting"],
    ["a teenager with both", both, [selfGranted, parentGranted], "granted"],
    ["a teenager whose parent refused", both, [selfGranted, parentDeclined], "declined"],
    ["a teenager who refused, parent agreed", both, [selfDeclined, parentGranted], "declined"],
    ["a teenager whose parent withdrew", both, [selfGranted, parentWithdrawn], "withdrawn"],
    ["a teenager who withdrew", both, [selfWithdrawn, parentGranted], "withdrawn"],
    ["withdrawal outweighs a refusal", both, [selfDeclined, parentWithdrawn], "withdrawn"],
    ["an adult with nothing yet", selfOnly, [], "waiting"],
    ["an adult who agreed", selfOnly, [selfGranted], "granted"],
    ["an adult who refused", selfOnly, [selfDeclined], "declined"],
    ["an adult who withdrew", selfOnly, [selfWithdrawn], "withdrawn"],
    ["an adult: a parent's answer does not count", selfOnly, [parentDeclined], "waiting"],
    ["an adult: a parent's withdrawal does not count", selfOnly, [selfGranted, parentWithdrawn], "granted"],
    ["nobody needed", { parent: false, self: false }, [parentDeclined], "not_needed"],
  ])("%s", (_name, requirement, latest, expected) => {
    expect(consentState(requirement, latest)).toBe(expected);
  });

  it("is granted only when every required giver granted and nobody withdrew", () => {
    const record = fc.record({
      giver: fc.constantFrom<"parent" | "self">("parent", "self"),
      decision: fc.constantFrom<"granted" | "declined">("granted", "declined"),
      withdrawn: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.integer({ min: 10, max: 60 }), fc.array(record, { maxLength: 2 }), (age, latest) => {
        const required = consentRequired(age);
        const relevant = latest.filter((entry) => (entry.giver === "parent" ? required.parent : required.self));
        const grantedBy = (giver: "parent" | "self") =>
          relevant.some((entry) => entry.giver === giver && entry.decision === "granted" && !entry.withdrawn);
        const expectGranted =
          relevant.every((entry) => entry.decision === "granted" && !entry.withdrawn) &&
          (!required.parent || grantedBy("parent")) &&
          (!required.self || grantedBy("self"));
        expect(consentState(required, latest) === "granted").toBe(expectGranted);
      }),
    );
  });
});

describe("ageThisYear", () => {
  it("is the age reached on this year's birthday", () => {
    expect(ageThisYear(2012, new Date("2026-01-01T00:00:00Z"))).toBe(14);
    expect(ageThisYear(2012, new Date("2026-12-31T23:59:59Z"))).toBe(14);
    expect(ageThisYear(2008, new Date("2026-06-15T12:00:00Z"))).toBe(18);
  });

  it("counts the year in UTC", () => {
    // 31 December 23:30 UTC is already 1 January in Moscow, but the stored instant is UTC.
    expect(ageThisYear(2012, new Date("2025-12-31T23:30:00Z"))).toBe(13);
    expect(ageThisYear(2012, new Date("2026-01-01T00:30:00+03:00"))).toBe(13);
  });
});
