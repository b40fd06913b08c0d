import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { FluentBundle, type FluentFunction, FluentResource, type FluentValue, type FluentVariable } from "@fluent/bundle";
import type { FormOfAddress } from "#root/domain/address.ts";
import { declineName, type GrammaticalCase, nameGender } from "./person-names.ts";

export const LOCALES = ["ru", "en"] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return value === "ru" || value === "en";
}

/**
 * How the bot speaks to the reader in Russian: «ты» to children (and to a mentee whose adult age is
 * not known), «вы» to adults and to a reader the bot does not know yet. Messages choose with
 * `{ $address -> [ty] … *[vy] … }`; the translator fills `$address` in for every message.
 */
export type Address = FormOfAddress;

/** Who a message is rendered for: their language and how to address them. */
export interface Reader {
  locale: Locale;
  address: Address;
}

/** A reader the bot knows nothing about yet (before registration, a command menu): «вы». */
export function anyReader(locale: Locale): Reader {
  return { locale, address: "vy" };
}

/** The locale to greet a new chat in, from the client's language tag. */
export function localeFromLanguageCode(code: string | undefined | null, fallback: Locale): Locale {
  if (!code) return fallback;
  const primary = code.toLowerCase().split(/[-_]/)[0];
  return isLocale(primary) ? primary : fallback;
}

/**
 * A message to be rendered later, in the recipient's language: flows and the outbox keep messages
 * in this form, so a parent reading in English gets English even when the child wrote in Russian.
 */
export interface Msg {
  key: string;
  args?: Record<string, string | number | Msg | undefined>;
}

export function msg(key: string, args?: Msg["args"]): Msg {
  return args ? { key, args } : { key };
}

/** The files of one locale, relative to the locales folder: `<locale>.ftl`, then `<locale>/*.ftl` by name. */
export async function localeFiles(directory: string, locale: Locale): Promise<string[]> {
  const parts = await readdir(join(directory, locale)).catch(() => [] as string[]);
  return [
    `${locale}.ftl`,
    ...parts
      .filter((name) => name.endsWith(".ftl"))
      .sort()
      .map((name) => `${locale}/${name}`),
  ];
}

const CASES: Record<string, GrammaticalCase> = {
  GENITIVE: "genitive",
  DATIVE: "dative",
  ACCUSATIVE: "accusative",
  INSTRUMENTAL: "instrumental",
  PREPOSITIONAL: "prepositional",
};

function text(value: FluentValue | undefined): string {
  return typeof value === "string" ? value : value === undefined ? "" : String(value.valueOf());
}

/**
 * Functions the .ftl files call on person names: `{ GENITIVE($child) }` declines a Russian name
 * («у Маши Ивановой»), `{ GENDER($name) -> [female] … [male] … *[other] … }` agrees a verb with the
 * person when the name tells the gender. English names are left as they are.
 */
function nameFunctions(locale: Locale): Record<string, FluentFunction> {
  const functions: Record<string, FluentFunction> = {
    GENDER: ([name]) => nameGender(text(name)) ?? "other",
  };
  for (const [fn, grammaticalCase] of Object.entries(CASES)) {
    functions[fn] = locale === "ru" ? ([name]) => declineName(text(name), grammaticalCase) : ([name]) => text(name);
  }
  return functions;
}

const DEFAULT_DIR = fileURLToPath(new URL("../../locales/", import.meta.url));

export class Translator {
  private constructor(
    private readonly bundles: Map<Locale, FluentBundle>,
    private readonly fallback: Locale,
  ) {}

  /**
   * Loads locales/<locale>.ftl and then every locales/<locale>/*.ftl (one file per area of the bot, in
   * name order) for every supported locale; a syntax error or a key defined twice stops the start.
   */
  static async load(fallback: Locale = "ru", directory = DEFAULT_DIR): Promise<Translator> {
    const bundles = new Map<Locale, FluentBundle>();
    for (const locale of LOCALES) {
      // Isolation marks would show up as stray characters in messenger clients.
      const bundle = new FluentBundle(locale, { useIsolating: false, functions: nameFunctions(locale) });
      for (const file of await localeFiles(directory, locale)) {
        const errors = bundle.addResource(new FluentResource(await readFile(join(directory, file), "utf8")));
        if (errors.length > 0) throw new Error(`locales/${file}: ${errors.map(String).join("; ")}`);
      }
      bundles.set(locale, bundle);
    }
    return new Translator(bundles, fallback);
  }

  has(locale: Locale, key: string): boolean {
    return this.bundles.get(locale)?.hasMessage(key) ?? false;
  }

  keys(locale: Locale): string[] {
    const bundle = this.bundles.get(locale);
    return bundle ? [...(bundle as unknown as { _messages: Map<string, unknown> })._messages.keys()] : [];
  }

  /** The message for a reader (a bare locale is a reader the bot does not know yet: «вы»). */
  render(reader: Reader | Locale, message: Msg): string {
    const { locale, address } = typeof reader === "string" ? anyReader(reader) : reader;
    const bundle = this.bundles.get(locale)?.hasMessage(message.key) ? this.bundles.get(locale) : this.bundles.get(this.fallback);
    const pattern = bundle?.getMessage(message.key)?.value;
    if (!bundle || !pattern) return message.key;
    const args: Record<string, FluentVariable> = { address };
    for (const [name, value] of Object.entries(message.args ?? {})) {
      if (value === undefined) continue;
      args[name] = typeof value === "object" ? this.render({ locale, address }, value) : value;
    }
    return bundle.formatPattern(pattern, args);
  }

  t(reader: Reader | Locale, key: string, args?: Msg["args"]): string {
    return this.render(reader, msg(key, args));
  }
}
