import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defineAction, digits, idField, oneOf, pageField } from "#root/dialog/actions.ts";
import { FEATURES, FLOWS, flowRouter } from "#root/flows/router.ts";
import { msg } from "#root/i18n/translator.ts";
import { unpackButton } from "#root/messaging/buttons.ts";

/** What the router starts for a payload, as the runtime sees a press. */
function pressed(payload: string) {
  const button = unpackButton(payload);
  if (!button || button === "outdated" || button.kind !== "action") throw new Error(`not an action payload: ${payload}`);
  return flowRouter.action(button.action, button.arg);
}

describe("typed actions", () => {
  const tick = defineAction({ name: "probe-tick", flow: "probe", fields: { meetingId: idField, answer: oneOf(["held", "missed"]) } });
  const propose = defineAction({ name: "probe-propose", flow: "probe", optional: { pairId: idField, replacesId: idField } });
  const page = defineAction({ name: "probe-page", flow: "probe", fields: { page: pageField }, fallback: { page: 0 } });
  const bare = defineAction({ name: "probe-bare", flow: "probe" });

  it("packs the fields in order after the name, and reads them back", () => {
    expect(tick.payload({ meetingId: 42, answer: "held" })).toBe("1:a:probe-tick:42.held");
    expect(tick.route("42.held")).toEqual({ flow: "probe", args: { meetingId: 42, answer: "held" } });
    expect(bare.payload()).toBe("1:a:probe-bare");
    expect(bare.route(undefined)).toEqual({ flow: "probe", args: {} });
    expect(tick.button(msg("button-menu"), { meetingId: 1, answer: "missed" })).toEqual({
      label: msg("button-menu"),
      payload: "1:a:probe-tick:1.missed",
    });
  });

  it("leaves trailing optional fields out, and refuses a later one without the earlier", () => {
    expect(propose.payload()).toBe("1:a:probe-propose");
    expect(propose.payload({ pairId: 7 })).toBe("1:a:probe-propose:7");
    expect(propose.payload({ pairId: 7, replacesId: 9 })).toBe("1:a:probe-propose:7.9");
    expect(propose.route("7.9")).toEqual({ flow: "probe", args: { pairId: 7, replacesId: 9 } });
    expect(propose.route(undefined)).toEqual({ flow: "probe", args: {} });
    expect(() => propose.payload({ replacesId: 9 })).toThrow(/replacesId without pairId/);
  });

  it("starts nothing for a payload it could not have made: forged, damaged, too long or too short", () => {
    for (const arg of [undefined, "42", "42.held.x", "x.held", "42.eaten", "1e3.held", "-1.held", `${"9".repeat(16)}.held`, "42.HELD"]) {
      expect(tick.route(arg)).toBeUndefined();
    }
    expect(bare.route("1")).toBeUndefined();
    expect(propose.route("7.x")).toBeUndefined();
  });

  it("opens the fallback for a damaged list button, as old page buttons did", () => {
    expect(page.route("abc")).toEqual({ flow: "probe", args: { page: 0 } });
    expect(page.route(undefined)).toEqual({ flow: "probe", args: { page: 0 } });
    expect(page.route("3")).toEqual({ flow: "probe", args: { page: 3 } });
  });

  it("round-trips any ids and keeps every payload within Telegram's 64 bytes", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999_999_999 }), fc.constantFrom("held", "missed" as const), (meetingId, answer) => {
        const payload = tick.payload({ meetingId, answer });
        expect(Buffer.byteLength(payload)).toBeLessThanOrEqual(64);
        const button = unpackButton(payload);
        expect(button).toMatchObject({ kind: "action", action: "probe-tick" });
        expect(tick.route(button !== "outdated" && button?.kind === "action" ? button.arg : undefined)).toEqual({
          flow: "probe",
          args: { meetingId, answer },
        });
      }),
    );
    expect(digits(6).read("1234567")).toBeUndefined();
  });
});

describe("the router, a list of features", () => {
  it("has one flow for every action and command, and no name twice", () => {
    const flows = new Set(FLOWS.map((flow) => flow.name));
    expect(flows.size).toBe(FLOWS.length);
    const actions = FEATURES.flatMap((feature) => feature.actions.map((action) => action.name));
    expect(new Set(actions).size).toBe(actions.length);
    for (const feature of FEATURES) {
      for (const action of feature.actions) expect(flows, action.name).toContain(action.flow);
      for (const [command, start] of Object.entries(feature.commands ?? {})) expect(flows, command).toContain(start("").flow);
    }
  });

  it("routes today's buttons to their flows with typed arguments", () => {
    expect(pressed("1:a:meeting-tick:42.moved")).toEqual({ flow: "meeting-tick", args: { meetingId: 42, answer: "moved" } });
    expect(pressed("1:a:meeting-propose:5.9")).toEqual({ flow: "meeting-propose", args: { pairId: 5, replacesId: 9 } });
    expect(pressed("1:a:plan-ms:77")).toEqual({ flow: "plan-milestone", args: { milestoneId: 77 } });
    expect(pressed("1:a:base:mentor.2")).toEqual({ flow: "base", args: { role: "mentor", page: 2 } });
    expect(pressed("1:a:base:teacher.2")).toEqual({ flow: "base", args: { role: "mentee", page: 0 } });
    expect(pressed("1:a:consent-review:3.14.accept")).toEqual({
      flow: "consent-review",
      args: { orgId: 3, consentId: 14, verdict: "accept" },
    });
    expect(pressed("1:a:final-event-reply:8.not_coming")).toEqual({
      flow: "final-event-reply",
      args: { eventId: 8, answer: "not_coming" },
    });
    expect(pressed("1:a:help-reports")).toEqual({ flow: "help-reports", args: {} });
    expect(pressed("1:a:menu")).toEqual({ flow: "menu", args: {} });
  });

  it("starts nothing for forged arguments", () => {
    expect(pressed("1:a:survey:NaN")).toBeUndefined();
    expect(pressed("1:a:check-in")).toBeUndefined();
    expect(pressed("1:a:meeting-tick:42.exploded")).toBeUndefined();
    expect(pressed("1:a:consent-review:3.14.maybe")).toBeUndefined();
    expect(pressed("1:a:menu:extra")).toBeUndefined();
    expect(flowRouter.action("no-such-action", undefined)).toBeUndefined();
  });
});
