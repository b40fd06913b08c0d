import { describe, expect, it } from "vitest";
import { formOfAddress } from "#root/domain/address.ts";
import { calledName, declineName, nameGender } from "#root/i18n/person-names.ts";
import { Translator } from "#root/i18n/translator.ts";

describe("person names", () => {
  it("decline a first name and surname in either order", () => {
    expect(declineName("Маша Иванова", "genitive")).toBe("Маши Ивановой");
    expect(declineName("Маша Иванова", "instrumental")).toBe("Машей Ивановой");
    expect(declineName("Иванова Маша", "dative")).toBe("Ивановой Маше");
    expect(declineName("Петров Игорь Николаевич", "genitive")).toBe("Петрова Игоря Николаевича");
    expect(declineName("Игорь Николаевич Петров", "dative")).toBe("Игорю Николаевичу Петрову");
    expect(declineName("Анна Римская-Корсакова", "accusative")).toBe("Анну Римскую-Корсакову");
    expect(declineName("Маша Иванова, Петя Смирнов и Оля", "instrumental")).toBe("Машей Ивановой, Петей Смирновым и Олей");
  });

  it("tell the gender from the patronymic, first name or surname, and leave it unknown when the name does not tell", () => {
    expect(nameGender("Маша Иванова")).toBe("female");
    expect(nameGender("Петров Игорь Николаевич")).toBe("male");
    expect(nameGender("Олег Сидоров")).toBe("male");
    expect(nameGender("Саша Ким")).toBeUndefined();
    expect(nameGender("Masha Ivanova")).toBeUndefined();
  });

  it("decline a name of unknown gender without misspelling it, and leave Latin names alone", () => {
    expect(declineName("Саша Ким", "genitive")).toBe("Саши Ким");
    expect(declineName("Женя", "instrumental")).toBe("Женей");
    expect(declineName("Masha Ivanova", "genitive")).toBe("Masha Ivanova");
    expect(declineName("—", "genitive")).toBe("—");
  });

  it("find the name to address a person by", () => {
    expect(calledName("Петров Игорь Николаевич")).toBe("Игорь Николаевич");
    expect(calledName("Маша Иванова")).toBe("Маша");
  });

  it("are declined by the Fluent functions in Russian and left as they are in English", async () => {
    const translator = await Translator.load();
    expect(translator.t({ locale: "ru", address: "vy" }, "plain", { text: "x" })).toBe("x");
    const bundle = translator as unknown as { bundles: Map<string, { _functions: Record<string, (a: unknown[]) => unknown> }> };
    expect(bundle.bundles.get("ru")!._functions.GENITIVE!(["Маша Иванова"])).toBe("Маши Ивановой");
    expect(bundle.bundles.get("en")!._functions.GENITIVE!(["Маша Иванова"])).toBe("Маша Иванова");
  });
});

describe("form of address", () => {
  const today = new Date("2026-10-01T12:00:00Z");
  it("is «ты» for children and for mentees of unknown age, «вы» for adults and strangers", () => {
    expect(formOfAddress({ birthYear: 2013, roles: ["mentee"] }, today)).toBe("ty");
    expect(formOfAddress({ birthYear: null, roles: ["mentee"] }, today)).toBe("ty");
    expect(formOfAddress({ birthYear: 2007, roles: ["mentee"] }, today)).toBe("vy");
    // An older student who mentors is still a child.
    expect(formOfAddress({ birthYear: 2010, roles: ["mentor"] }, today)).toBe("ty");
    expect(formOfAddress({ birthYear: 1992, roles: ["mentor"] }, today)).toBe("vy");
    expect(formOfAddress({ birthYear: null, roles: ["parent"] }, today)).toBe("vy");
    expect(formOfAddress({ birthYear: null, roles: ["coordinator"] }, today)).toBe("vy");
    expect(formOfAddress(undefined, today)).toBe("vy");
  });
});

describe("plurals by the number", () => {
  it("say «1 пару», «2 пары», «5 пар» in Russian and 1 pair, 5 pairs in English", async () => {
    const translator = await Translator.load();
    const confirm = (locale: "ru" | "en", units: number) => translator.t({ locale, address: "vy" }, "match-publish-confirm", { units });
    expect(confirm("ru", 1)).toContain("Опубликовать 1 пару или группу?");
    expect(confirm("ru", 2)).toContain("Опубликовать 2 пары и группы?");
    expect(confirm("ru", 5)).toContain("Опубликовать 5 пар и групп?");
    expect(confirm("ru", 21)).toContain("Опубликовать 21 пару или группу?");
    expect(confirm("en", 1)).toContain("Publish 1 pair or group?");
    expect(confirm("en", 5)).toContain("Publish 5 pairs and groups?");
  });
});
