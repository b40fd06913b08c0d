import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type ConcernMatcher, combineConcernMatchers, parseConcernWordList } from "#root/domain/concern-words.ts";
import { LOCALES, type Locale } from "./translator.ts";

// The same folder the Translator reads; the lists are .txt so that the Fluent loader (*.ftl) skips them.
const DEFAULT_DIR = fileURLToPath(new URL("../../locales/", import.meta.url));
const FILE_NAME = "concern-words.txt";

/** The compiled word list of one locale, from locales/<locale>/concern-words.txt; a mistake in it throws. */
export async function loadConcernWordList(locale: Locale, directory = DEFAULT_DIR): Promise<ConcernMatcher> {
  const source = await readFile(join(directory, locale, FILE_NAME), "utf8");
  return parseConcernWordList(source, `locales/${locale}/${FILE_NAME}`);
}

/**
 * One matcher for every locale's list: a message is checked against all of them, since a Russian child
 * may well write in English (and the benign idioms of each list cancel hits of the others alike).
 */
export async function loadConcernMatcher(directory = DEFAULT_DIR): Promise<ConcernMatcher> {
  return combineConcernMatchers(await Promise.all(LOCALES.map((locale) => loadConcernWordList(locale, directory))));
}
