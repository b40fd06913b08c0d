import { existsSync } from "node:fs";
import { Resvg, renderAsync, type ResvgRenderOptions } from "@resvg/resvg-js";

/** Pictures the bot sends (the digest's chart, the monitoring report's chart) are drawn as SVG and sent as PNG. */

export const PNG_MIME = "image/png";

/*
 * DejaVu Sans (fonts-dejavu-core in the image) is read from its file alone when it is there: the
 * drawing looks the same everywhere, and resvg, which parses its fonts again for every picture, spends
 * a third of a chart's time on one font file instead of scanning the font folders. Elsewhere (a
 * developer's machine) the system's fonts are loaded instead. Regular weight only: a bold file would
 * cost as much again.
 */
const DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
const FONT: ResvgRenderOptions["font"] = existsSync(DEJAVU)
  ? { loadSystemFonts: false, fontFiles: [DEJAVU], defaultFontFamily: "DejaVu Sans" }
  : { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans", sansSerifFamily: "DejaVu Sans" };

/** An SVG picture as PNG bytes, at the size the SVG declares. */
export function svgToPng(svg: string): Uint8Array {
  const png = new Resvg(svg, { font: FONT, fitTo: { mode: "original" } }).render().asPng();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}

/**
 * The same, drawn on libuv's thread pool: a batch of digests drawn on Monday morning must not stop
 * the bot from answering its chats meanwhile.
 */
export async function svgToPngAsync(svg: string): Promise<Uint8Array> {
  const png = (await renderAsync(svg, { font: FONT, fitTo: { mode: "original" } })).asPng();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}

/** Text for an SVG text node or attribute: the five characters XML reserves, escaped. */
export function svgText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}
