import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { FluentBundle, FluentResource, type FluentVariable } from "@fluent/bundle";

export const LOCALES = ["ru", "en"] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return value === "ru" || value === "en";
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

const DEFAULT_DIR = fileURLToPath(new URL("../../locales/", import.meta.url));

export class Translator {
  private constructor(
    private readonly bundles: Map<Locale, FluentBundle>,
    private readonly fallback: Locale,
  ) {}

  /** Loads locales/<locale>.ftl for every supported locale; a syntax error stops the start. */
  static async load(fallback: Locale = "ru", directory = DEFAULT_DIR): Promise<Translator> {
    const bundles = new Map<Locale, FluentBundle>();
    for (const locale of LOCALES) {
      const source = await readFile(`${directory}/${locale}.ftl`, "utf8");
      // Isolation marks would show up as stray characters in messenger clients.
      const bundle = new FluentBundle(locale, { useIsolating: false });
      const errors = bundle.addResource(new FluentResource(source));
      if (errors.length > 0) throw new Error(`locales/${locale}.ftl: ${errors.map(String).join("; ")}`);
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

  render(locale: Locale, message: Msg): string {
    const bundle = this.bundles.get(locale)?.hasMessage(message.key)
      ? this.bundles.get(locale)
      : this.bundles.get(this.fallback);
    const pattern = bundle?.getMessage(message.key)?.value;
    if (!bundle || !pattern) return message.key;
    const args: Record<string, FluentVariable> = {};
    for (const [name, value] of Object.entries(message.args ?? {})) {
      if (value === undefined) continue;
      args[name] = typeof value === "object" ? this.render(locale, value) : value;
    }
    return bundle.formatPattern(pattern, args);
  }

  t(locale: Locale, key: string, args?: Msg["args"]): string {
    return this.render(locale, msg(key, args));
  }
}
