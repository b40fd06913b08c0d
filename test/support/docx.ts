/**
 * Reads a Word document (DOCX) back for the tests: a DOCX is a ZIP archive, and its text lives in
 * word/document.xml. A small reader over node's zlib (the central directory, then each entry, stored
 * or deflated) keeps the tests free of another ZIP library.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inflateRawSync } from "node:zlib";

/** The files of a ZIP archive by name. */
export function unzip(bytes: Uint8Array): Map<string, Buffer> {
  const zip = Buffer.from(bytes);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error("Not a ZIP archive: no end of the central directory");
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let index = 0; index < count; index += 1) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error("A broken central directory");
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString("utf8");
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + compressed);
    files.set(name, method === 0 ? Buffer.from(data) : inflateRawSync(data));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** The XML of the document's body (word/document.xml). */
function documentXml(bytes: Uint8Array): string {
  const xml = unzip(bytes).get("word/document.xml")?.toString("utf8");
  if (!xml) throw new Error("No word/document.xml in the DOCX");
  return xml;
}

/** The paragraphs of a piece of document XML as text; a line break inside a paragraph becomes "\n". */
function paragraphsOf(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((paragraph) =>
    [...paragraph[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g)]
      .map((match) => (match[0] === "<w:br/>" ? "\n" : match[1]!))
      .join("")
      .replace(/&(amp|lt|gt|quot|apos);/g, (_, entity: string) => ENTITIES[entity]!),
  );
}

/** The document's paragraphs as text, in order (a table cell's paragraphs too, each on its own). */
export function docxParagraphs(bytes: Uint8Array): string[] {
  return paragraphsOf(documentXml(bytes));
}

/** The document's whole text, paragraphs on their own lines. */
export function docxText(bytes: Uint8Array): string {
  return docxParagraphs(bytes).join("\n");
}

/** The rows of the document's tables, each row its cells' text (a cell's paragraphs joined by "\n"). */
export function docxTableRows(bytes: Uint8Array): string[][] {
  return [...documentXml(bytes).matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((row) =>
    [...row[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((cell) => paragraphsOf(cell[0]).join("\n")),
  );
}

/** LibreOffice's command, when the machine has it (Debian's `libreoffice-writer-nogui`); undefined otherwise. */
export function libreOffice(): string | undefined {
  for (const command of ["soffice", "libreoffice"]) {
    try {
      execFileSync("which", [command], { stdio: "pipe" });
      return command;
    } catch {
      // not on this machine
    }
  }
  return undefined;
}

/**
 * The document's text as LibreOffice reads it (`soffice --headless --convert-to txt`): proof that it
 * opens cleanly there. Throws when the conversion makes no text file, so it cannot pass silently.
 */
export function textByLibreOffice(command: string, bytes: Uint8Array): string {
  const folder = mkdtempSync(join(tmpdir(), "docx-"));
  try {
    const input = join(folder, "document.docx");
    writeFileSync(input, bytes);
    execFileSync(command, ["--headless", "--convert-to", "txt:Text (encoded):UTF8", "--outdir", folder, input], {
      stdio: "pipe",
      timeout: 120_000,
      env: { ...process.env, HOME: folder },
    });
    return readFileSync(join(folder, "document.txt"), "utf8");
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
