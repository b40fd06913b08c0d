import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PAYLOAD_VERSION, packAction, packPromptAnswer, unpackButton } from "#root/messaging/buttons.ts";

const SAFE_CHAR = fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-");
const safePart = (maxLength: number) => fc.string({ unit: SAFE_CHAR, minLength: 1, maxLength });

describe("packing buttons", () => {
  it("writes short versioned payloads", () => {
    expect(PAYLOAD_VERSION).toBe("1");
    expect(packPromptAnswer("q3", "yes")).toBe("1:p:q3:yes");
    expect(packAction("menu")).toBe("1:a:menu");
    expect(packAction("base", 2)).toBe("1:a:base:2");
    expect(packAction("withdraw", "c-17")).toBe("1:a:withdraw:c-17");
  });

  it("round-trips prompt answers and actions", () => {
    expect(unpackButton(packPromptAnswer("q3", "additional_education"))).toEqual({
      kind: "prompt",
      tag: "q3",
      value: "additional_education",
    });
    expect(unpackButton(packAction("menu"))).toEqual({ kind: "action", action: "menu" });
    expect(unpackButton(packAction("base-page", 12))).toEqual({ kind: "action", action: "base-page", arg: "12" });
  });

  it("keeps every payload within Telegram's 64 bytes", () => {
    const tag = "t".repeat(20);
    const longest = packPromptAnswer(tag, "v".repeat(64 - "1:p::".length - tag.length));
    expect(Buffer.byteLength(longest)).toBe(64);
    expect(() => packPromptAnswer(tag, "v".repeat(64 - "1:p::".length - tag.length + 1))).toThrow(/64 bytes/);
    expect(() => packAction("a".repeat(61))).toThrow(/64 bytes/);
    expect(packAction("a".repeat(60))).toHaveLength(64);
    expect(() => packAction("withdraw", "9".repeat(60))).toThrow(/64 bytes/);
  });

  it.each([
    ["Cyrillic", "да"],
    ["a space", "two words"],
    ["a colon", "a:b"],
    ["an emoji", "ok👍"],
    ["JSON", '{"a":1}'],
    ["nothing", ""],
  ])("refuses %s in any part", (_what, part) => {
    expect(() => packPromptAnswer("q1", part)).toThrow(/\[A-Za-z0-9_.-\]\+/);
    expect(() => packPromptAnswer(part, "yes")).toThrow(/\[A-Za-z0-9_.-\]\+/);
    expect(() => packAction(part)).toThrow(/\[A-Za-z0-9_.-\]\+/);
    expect(() => packAction("menu", part)).toThrow(/\[A-Za-z0-9_.-\]\+/);
  });

  it("any packed prompt answer unpacks to itself", () => {
    fc.assert(
      fc.property(safePart(20), safePart(39), (tag, value) => {
        expect(unpackButton(packPromptAnswer(tag, value))).toEqual({ kind: "prompt", tag, value });
      }),
    );
  });

  it("any packed action unpacks to itself", () => {
    fc.assert(
      fc.property(safePart(30), fc.option(safePart(28), { nil: undefined }), (action, arg) => {
        const expected = arg === undefined ? { kind: "action", action } : { kind: "action", action, arg };
        expect(unpackButton(packAction(action, arg))).toEqual(expected);
      }),
    );
  });
});

/** Strings shaped like payloads (version, kind, parts), valid or not, up to 64 characters. */
const payloadLike = fc
  .tuple(
    fc.constantFrom("1", "2", "01", "x", ""),
    fc.constantFrom("p", "a", "x", ""),
    fc.array(fc.oneof(safePart(12), fc.constantFrom("", "да", " ", "a b")), { maxLength: 3 }),
  )
  .map(([version, kind, parts]) => [version, kind, ...parts].join(":").slice(0, 64));

describe("unpacking buttons", () => {
  it.each([
    "",
    "1",
    "1:",
    "1:p",
    "1:p:q1",
    "1:p:q1:",
    "1:p::yes",
    "1:p:q1:yes:extra",
    "1:p:q1:да",
    "1:p:q 1:yes",
    "1:a",
    "1:a:",
    "1:a:menu:",
    "1:a:menu:1:2",
    "1:a:мен",
    "1:x:menu",
    "1:P:q1:yes",
    "v1:a:menu",
    "a:menu",
    "menu",
    "-1:a:menu",
    "1.0:a:menu",
    '{"cmd":"menu"}',
    "null",
    "1:a:menu\n",
    `1:a:${"m".repeat(300)}`,
  ])("refuses the forged or garbled %j", (payload) => {
    expect(unpackButton(payload)).toBeUndefined();
  });

  it.each(["0:a:menu", "2:p:q1:yes", "7:a:anything:at:all", "12", "99:garbage"])(
    "recognises %j as a button of another version",
    (payload) => {
      expect(unpackButton(payload)).toBe("outdated");
    },
  );

  it("never throws, whatever comes back from a client", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: "binary", maxLength: 80 }), payloadLike), (payload) => {
        const unpacked = unpackButton(payload);
        expect(unpacked === undefined || unpacked === "outdated" || typeof unpacked === "object").toBe(true);
        if (typeof unpacked === "object") {
          // Whatever is accepted could have been packed: the same payload comes out again.
          const repacked =
            unpacked.kind === "prompt" ? packPromptAnswer(unpacked.tag, unpacked.value) : packAction(unpacked.action, unpacked.arg);
          expect(repacked).toBe(payload);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("never accepts a payload with characters outside the safe set", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (payload) => {
        const unpacked = unpackButton(payload);
        if (typeof unpacked === "object") expect(payload).toMatch(/^[A-Za-z0-9_.:-]+$/);
      }),
    );
  });
});
