import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findContacts, HIDDEN_CONTACT_MARK, maskContacts, textAroundMarks } from "#root/domain/contact-masking.ts";
import { shownBody } from "#root/flows/pair-chat/safeguards.ts";
import { msg, Translator } from "#root/i18n/translator.ts";
import { MESSAGES_WITH_CONTACTS, ORDINARY_MESSAGES, unmark } from "../fixtures/contact-masking-corpus.ts";

/** Digits left after dropping what people put between them: seven in a row would still be a phone. */
function longestDigitRun(text: string): number {
  const digits = text.replace(/[\s\-–—().+/_*]/g, "").match(/\d+/g) ?? [];
  return Math.max(0, ...digits.map((run) => run.length));
}

describe("maskContacts on messages with contacts", () => {
  it.each(MESSAGES_WITH_CONTACTS.map((message) => [message.marked, message] as const))("hides every contact in %s", (_, message) => {
    const { text, contacts } = unmark(message.marked);
    const result = maskContacts(text);

    // Every character of every contact is inside something that was hidden.
    const spans = findContacts(text);
    for (const contact of contacts) {
      expect(
        spans.some((span) => span.start <= contact.start && span.end >= contact.end),
        `"${contact.text}" left visible`,
      ).toBe(true);
    }
    // And the delivered text carries none of it.
    for (const contact of contacts) {
      expect(result.text).not.toContain(contact.text);
      const name = contact.text.match(/[A-Za-z][\w.]*[A-Za-z0-9_]/)?.[0];
      if (name && name.length >= 3 && !/^(?:https?|www|tg)$/i.test(name))
        expect(result.text.toLowerCase()).not.toContain(name.toLowerCase());
    }
    expect(longestDigitRun(result.text)).toBeLessThan(7);
    expect(result.text).not.toMatch(/(?<![\p{L}\p{N}])@\s?[a-z]/iu);
    expect([...result.masked].sort()).toEqual([...message.kinds].sort());
    expect(result.text.split(HIDDEN_CONTACT_MARK).length - 1).toBeGreaterThanOrEqual(1);
  });

  it("keeps the words around a contact", () => {
    expect(maskContacts("Мой номер +7 (912) 345-67-89, звоните после шести").text).toBe(
      `Мой номер ${HIDDEN_CONTACT_MARK}, звоните после шести`,
    );
    expect(maskContacts("мой ник в телеге ivan_petrov, пиши").text).toBe(`мой ник в телеге ${HIDDEN_CONTACT_MARK}, пиши`);
    expect(maskContacts("почта ivan собака mail точка ru.").text).toBe(`почта ${HIDDEN_CONTACT_MARK}.`);
  });

  it("cuts a masked message at its marks, so each reader can be shown the mark in their language", () => {
    const masked = maskContacts("тг @ivan_petrov, тел 89123456789").text;
    expect(textAroundMarks(masked)).toEqual(["тг ", ", тел ", ""]);
    expect(textAroundMarks("без контактов")).toEqual(["без контактов"]);
  });

  it("shows the mark in the reader's language, the Russian one by default", async () => {
    const translator = await Translator.load("ru");
    const shown = shownBody(maskContacts("Мой номер 89123456789, или @ivan_petrov").text);
    expect(translator.render("en", msg("pair-chat-relayed", { from: "Petya", text: shown }))).toBe(
      "💬 A message from Petya:\nМой номер [contact hidden], или [contact hidden]",
    );
    expect(translator.render("ru", msg("pair-chat-relayed", { from: "Пети", text: shown }))).toBe(
      `💬 Сообщение от Пети:\nМой номер ${HIDDEN_CONTACT_MARK}, или ${HIDDEN_CONTACT_MARK}`,
    );
    expect(shownBody("без контактов")).toBe("без контактов");
  });

  it("uses the placeholder the caller chooses, per kind", () => {
    const result = maskContacts("тг @ivan_petrov, тел 89123456789, ivan@mail.ru, t.me/ivan_petrov", (kind) => `<${kind}>`);
    expect(result.text).toBe("тг <handle>, тел <phone>, <email>, <link>");
    expect(result.masked).toEqual(["handle", "phone", "email", "link"]);
    expect(maskContacts("звони 89123456789", "***").text).toBe("звони ***");
  });
});

describe("maskContacts on ordinary messages", () => {
  it.each(ORDINARY_MESSAGES.map((text) => [text]))("leaves %s untouched", (text) => {
    expect(maskContacts(text)).toEqual({ text, masked: [] });
  });
});

describe("maskContacts properties", () => {
  const corpus = [...MESSAGES_WITH_CONTACTS.map((message) => unmark(message.marked).text), ...ORDINARY_MESSAGES];

  it("is idempotent: masking a masked message changes nothing", () => {
    for (const text of corpus) {
      const once = maskContacts(text).text;
      expect(maskContacts(once)).toEqual({ text: once, masked: [] });
    }
  });

  it("is idempotent on messages stitched from the corpus", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...corpus), { minLength: 1, maxLength: 5 }),
        fc.constantFrom(" ", "\n", ". ", ", "),
        (parts, glue) => {
          const once = maskContacts(parts.join(glue)).text;
          expect(maskContacts(once).text).toBe(once);
        },
      ),
      // A fixed seed: CI runs this at any hour and must not fail on a draw no one has seen. The property
      // passed 20,000 runs for each of many random seeds and each glue before the seed was fixed; to
      // hunt for new counterexamples, run it locally without the seed and with more runs, then add what
      // it finds to the stitched regressions below. 2,000 runs take a few tenths of a second.
      { seed: 18_042_026, numRuns: 2_000 },
    );
  });

  // Counterexamples the stitched property found, with what masking must give for them.
  it.each([
    // An e-mail before ". " and digits: the pattern took "mail(dot)ru. 8" as the domain and then let it go.
    [
      "почта ivan(at)mail(dot)ru. 8 800 555 35 35 лол шучу, мой 8 912 000 11 22. Мой номер +7 (912) 345-67-89, звоните после шести",
      "почта <email>. <phone> лол шучу, мой <phone>. Мой номер <phone>, звоните после шести",
    ],
    ["ivan@gmail. Завтра в 5", "<email>. Завтра в 5"],
    ["ivan at ivan@mail.ru", "ivan at <email>"],
    // A name after an introducer followed by another contact, not by English.
    ["ник в тг — kotik ivan собака mail точка ru", "ник в тг — <handle> <email>"],
    ["тг: ivanpetrov https://m.vk.com/ivan_petrov", "тг: <handle> <link>"],
    ["ник в тг — kotik\nmy insta is ivan.p", "ник в тг — <handle>\nmy insta is <handle>"],
    // A word before a masked contact is not a handle because the contact is gone.
    ["я не сижу в тг, my number eight nine one two three four five six seven eight nine", "я не сижу в тг, my number <phone>"],
    ["мой логин ivan_2010 в дискорде, snapchat ivan_snap", "мой логин <handle> в дискорде, snapchat <handle>"],
    // Numbers of two sentences or clauses run together: the phone is the one that leaves no digits behind.
    [
      "Консультация 15.04 с 14:00 до 15:30 в кабинете 214. 89 12 34 56 78 9 это мой",
      "Консультация 15.04 с 14:00 до 15:30 в кабинете 214. <phone> это мой",
    ],
    ["кабинет 214 89 12 34 56 78 9", "кабинет 214 <phone>"],
    ["пиши в whatsapp +7 9123456789. 8 9 1 2 3 4 5 6 7 8 9 вот номер", "пиши в whatsapp <phone>. <phone> вот номер"],
    ["скайп ivan.petrov.83, восемь девятьсот двенадцать ноль ноль ноль одиннадцать двадцать два", "скайп <handle>, <phone>"],
    [
      "Параграф 14, вопросы 1-5 на стр. 87, восемь, девятьсот двенадцать, триста сорок пять, шестьдесят семь, восемьдесят девять это я",
      "Параграф 14, вопросы 1-5 на стр. 87, <phone> это я",
    ],
  ])("masks the stitched message %j", (text, expected) => {
    const once = maskContacts(text, (kind) => `<${kind}>`).text;
    expect(once).toBe(expected);
    expect(maskContacts(once, (kind) => `<${kind}>`).text).toBe(once);
  });

  it("splits dictated phones at the comma between them", () => {
    const first = "плюс семь девятьсот двенадцать триста сорок пять шестьдесят семь восемьдесят девять";
    const second = "восемь девятьсот двенадцать ноль ноль ноль одиннадцать двадцать два";
    const text = `записывай: ${first}, ${second}`;
    expect(findContacts(text).map((span) => text.slice(span.start, span.end))).toEqual([first, second]);
  });

  it("leaves text without digits, @, Latin letters or number words untouched", () => {
    const words = [
      "привет",
      "как",
      "дела",
      "урок",
      "в",
      "школе",
      "точка",
      "собака",
      "тг",
      "телега",
      "мой",
      "ник",
      "почта",
      "номер",
      "завтра",
    ];
    const glue = [" ", ", ", ". ", " — ", "!\n", ": ", " (", ") "];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...words), fc.constantFrom(...glue)), { maxLength: 30 }), (pieces) => {
        const text = pieces.map(([word, separator]) => word + separator).join("");
        expect(maskContacts(text)).toEqual({ text, masked: [] });
      }),
    );
  });

  it("is deterministic", () => {
    for (const text of corpus) expect(maskContacts(text)).toEqual(maskContacts(text));
  });

  it("stays fast on long and hostile messages (no catastrophic backtracking)", () => {
    const hostile = [
      corpus.join(" ").slice(0, 4_000),
      "8 ".repeat(2_000),
      "a".repeat(4_000),
      "a.".repeat(2_000),
      "a собака ".repeat(450),
      "тг ".repeat(1_300),
      "@".repeat(4_000),
      "t.me/".repeat(800),
      "восемь ".repeat(570),
      "ivan@mail.".repeat(400),
    ];
    for (const text of hostile) {
      maskContacts(text);
      const times = Array.from({ length: 5 }, () => {
        const started = performance.now();
        maskContacts(text);
        return performance.now() - started;
      }).sort((a, b) => a - b);
      // Under a millisecond is the target (see the bench); backtracking gone wrong takes seconds, and a
      // busy CI machine gets twenty times the target on the median of five runs.
      expect(times[2], text.slice(0, 20)).toBeLessThan(20);
    }
  });
});
