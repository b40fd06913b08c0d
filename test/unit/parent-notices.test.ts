import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { childChoosesParentsTold, parentsToldOfMeetings, parentsToldRule, parentToldOfMeeting } from "#root/domain/parent-notices.ts";

describe("parentsToldOfMeetings: the rule by age", () => {
  it.each([
    // age, nobody chose, chose yes, chose no
    [7, true, true, false],
    [12, true, true, false],
    [13, true, true, false],
    [14, false, true, false],
    [15, false, true, false],
    [17, false, true, false],
    [18, false, false, false],
    [19, false, false, false],
    [40, false, false, false],
  ])("at %i: %s when nobody chose, %s when chosen so, %s when chosen not to", (age, unset, yes, no) => {
    expect(parentsToldOfMeetings(age, null)).toBe(unset);
    expect(parentsToldOfMeetings(age, true)).toBe(yes);
    expect(parentsToldOfMeetings(age, false)).toBe(no);
  });

  it("names who decides: by default under 14, by choice from 14 to 17, never from 18", () => {
    expect([13, 14, 17, 18].map(parentsToldRule)).toEqual(["by-default", "if-chosen", "if-chosen", "never"]);
  });

  it("never tells an adult's parents, whatever was chosen", () => {
    fc.assert(
      fc.property(fc.integer({ min: 18, max: 100 }), fc.constantFrom(true, false, null), (age, choice) => {
        expect(parentsToldOfMeetings(age, choice)).toBe(false);
      }),
    );
  });

  it("lets only a teenager of 14–17 switch it themself", () => {
    expect([10, 13, 14, 15, 17, 18, 30].filter(childChoosesParentsTold)).toEqual([14, 15, 17]);
  });
});

describe("parentToldOfMeeting: one parent, one child, today", () => {
  const today = new Date("2026-11-20T09:00:00Z");

  it("counts the age this calendar year from the stored birth year", () => {
    // Born 2013: 13 this year, told by default; born 2012: 14 this year, told only if chosen.
    expect(parentToldOfMeeting({ birthYear: 2013, choice: null, parentWantsNotices: true }, today)).toBe(true);
    expect(parentToldOfMeeting({ birthYear: 2012, choice: null, parentWantsNotices: true }, today)).toBe(false);
    expect(parentToldOfMeeting({ birthYear: 2012, choice: true, parentWantsNotices: true }, today)).toBe(true);
    // The same child born 2009 is 17 in 2026 and 18 in 2027.
    expect(parentToldOfMeeting({ birthYear: 2009, choice: true, parentWantsNotices: true }, today)).toBe(true);
    expect(parentToldOfMeeting({ birthYear: 2009, choice: true, parentWantsNotices: true }, new Date("2027-01-01T00:00:00Z"))).toBe(false);
  });

  it("tells nothing to a parent who turned the notices off", () => {
    expect(parentToldOfMeeting({ birthYear: 2016, choice: null, parentWantsNotices: false }, today)).toBe(false);
    expect(parentToldOfMeeting({ birthYear: 2011, choice: true, parentWantsNotices: false }, today)).toBe(false);
  });

  it("does not take a child of unknown age for a minor", () => {
    expect(parentToldOfMeeting({ birthYear: null, choice: true, parentWantsNotices: true }, today)).toBe(false);
  });
});
