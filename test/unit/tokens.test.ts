import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  isPlausibleToken,
  isWellFormedToken,
  LINK_CODE_LENGTH,
  normaliseLinkCode,
  TOKEN_POLICY,
  tokenExpiry,
} from "#root/domain/tokens.ts";
import { hashToken, newLinkCode, newToken } from "#root/tokens.ts";

/** What Telegram accepts in a /start payload: up to 64 characters of A-Z a-z 0-9 _ -. */
const TELEGRAM_START_PAYLOAD = /^[A-Za-z0-9_-]{1,64}$/;

const MINUTE = 60 * 1000;
const DAY = 24 * 60 * MINUTE;

describe("newToken", () => {
  it("is 22 base64url characters carrying 16 random bytes", () => {
    const token = newToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(Buffer.from(token, "base64url")).toHaveLength(16);
    expect(Buffer.from(token, "base64url").toString("base64url")).toBe(token);
  });

  it("fits Telegram's start payload and VK's ref", () => {
    for (let i = 0; i < 200; i += 1) {
      const token = newToken();
      expect(token).toMatch(TELEGRAM_START_PAYLOAD);
      expect(isWellFormedToken(token)).toBe(true);
      expect(isPlausibleToken(token)).toBe(true);
    }
  });

  it("does not repeat and uses every bit", () => {
    const tokens = Array.from({ length: 2000 }, () => newToken());
    expect(new Set(tokens).size).toBe(tokens.length);
    // Over 2000 tokens every one of the 128 bits takes both values.
    let ones = Buffer.alloc(16);
    let zeros = Buffer.alloc(16);
    for (const token of tokens) {
      const bytes = Buffer.from(token, "base64url");
      ones = Buffer.from(ones.map((byte, i) => byte | bytes[i]!));
      zeros = Buffer.from(zeros.map((byte, i) => byte | (~bytes[i]! & 0xff)));
    }
    expect(ones.every((byte) => byte === 0xff)).toBe(true);
    expect(zeros.every((byte) => byte === 0xff)).toBe(true);
  });
});

describe("hashToken", () => {
  it("is the SHA-256 of the token, never the token itself", () => {
    const token = newToken();
    const hash = hashToken(token);
    expect(hash).toHaveLength(32);
    expect(hash.equals(createHash("sha256").update(token).digest())).toBe(true);
    expect(hash.toString("utf8")).not.toContain(token);
  });

  it("is stable for a token and differs between tokens", () => {
    const token = newToken();
    expect(hashToken(token).equals(hashToken(token))).toBe(true);
    expect(hashToken(token).equals(hashToken(newToken()))).toBe(false);
    expect(hashToken("ABCDEFGH").equals(hashToken("abcdefgh"))).toBe(false);
  });
});

describe("tokenExpiry", () => {
  const now = new Date("2026-03-01T10:00:00Z");

  it.each([
    ["coordinator", 7 * DAY, 1],
    ["mentee", 60 * DAY, 500],
    ["mentor", 60 * DAY, 200],
    ["consent", 30 * DAY, 1],
    ["link", 15 * MINUTE, 1],
  ] as const)("%s links live %i ms and allow %i uses", (purpose, ttl, uses) => {
    expect(tokenExpiry(purpose, now).getTime() - now.getTime()).toBe(ttl);
    expect(TOKEN_POLICY[purpose].uses).toBe(uses);
  });

  it("does not change the time it was given", () => {
    const before = now.getTime();
    tokenExpiry("consent", now);
    expect(now.getTime()).toBe(before);
  });
});

describe("isWellFormedToken and isPlausibleToken", () => {
  it.each([
    "",
    "short",
    "A".repeat(21),
    "A".repeat(23),
    "abcdefghijklmnopqrstu=",
    "abcdefghijklmnopqrst/+",
    "абвгдеёжзийклмнопрсту1",
    "abcdefghijk mnopqrstuv",
    "abcdefghijklmnopqrstuv\n",
    "' OR 1=1 --aaaaaaaaaaaa",
    "A".repeat(5000),
  ])("refuse %j", (payload) => {
    expect(isWellFormedToken(payload)).toBe(false);
    expect(isPlausibleToken(payload)).toBe(false);
  });

  it("accept canonical link codes but not their typed variants", () => {
    const code = newLinkCode();
    expect(isWellFormedToken(code)).toBe(false);
    expect(isPlausibleToken(code)).toBe(true);
    expect(isPlausibleToken(code.toLowerCase())).toBe(code.toLowerCase() === code);
    expect(isPlausibleToken(`${code.slice(0, 4)}-${code.slice(4)}`)).toBe(false);
    expect(isPlausibleToken("ABCDEFG0")).toBe(false);
  });

  it("never throw and never accept a payload outside the token alphabet", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 100 }), (payload) => {
        const plausible = isPlausibleToken(payload);
        if (plausible) expect(payload).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(isWellFormedToken(payload)).toBe(/^[A-Za-z0-9_-]{22}$/.test(payload));
      }),
    );
  });
});

describe("link codes", () => {
  it("are 8 upper-case characters without look-alikes", () => {
    const codes = Array.from({ length: 1000 }, () => newLinkCode());
    for (const code of codes) {
      expect(code).toHaveLength(LINK_CODE_LENGTH);
      expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
      expect(normaliseLinkCode(code)).toBe(code);
    }
    // 32 letters in use: after 8000 characters each of them has appeared.
    expect(new Set(codes.join("")).size).toBe(32);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("are read back whatever the spaces, dashes and case", () => {
    expect(normaliseLinkCode("ABCD2345")).toBe("ABCD2345");
    expect(normaliseLinkCode("abcd2345")).toBe("ABCD2345");
    expect(normaliseLinkCode("abcd-2345")).toBe("ABCD2345");
    expect(normaliseLinkCode("  ab cd 23 45 ")).toBe("ABCD2345");
    expect(normaliseLinkCode("AB-CD\t23-45\n")).toBe("ABCD2345");
  });

  it.each([
    ["a zero", "ABCD0345"],
    ["a letter O", "ABCDO345"],
    ["a one", "ABCD1345"],
    ["a letter I", "ABCDI345"],
    ["too short", "ABCD234"],
    ["too long", "ABCD23456"],
    ["Cyrillic look-alikes", "АВСЕ2345"],
    ["punctuation", "ABCD.345"],
    ["nothing", ""],
  ])("refuse %s", (_what, typed) => {
    expect(normaliseLinkCode(typed)).toBeUndefined();
  });

  it("normalise to a canonical code or nothing, for any input", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (typed) => {
        const code = normaliseLinkCode(typed);
        if (code !== undefined) {
          expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
          expect(normaliseLinkCode(code)).toBe(code);
        }
      }),
    );
  });
});
