import { inflateSync } from "node:zlib";
import QRCode from "qrcode";
import { expect } from "vitest";
import { svgToPng } from "#root/documents/rasterise.ts";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The size a PNG declares in its first chunk, after checking that it is a PNG whose first chunk is IHDR. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  expect(Buffer.from(bytes.subarray(12, 16)).toString("ascii")).toBe("IHDR");
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** A small real PNG (a white rectangle of this size), for tests that send a picture. */
export function samplePng(width = 8, height = 6): Uint8Array {
  return svgToPng(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="${width}" height="${height}" fill="#ffffff"/></svg>`,
  );
}

/**
 * A QR code drawn as a PNG, read back as its modules ("1" dark, "0" light, a line per row), from
 * the centre of each module: the PNG must be 1-bit greyscale, unfiltered (as src/documents/qr-png.ts
 * writes it), with `margin` light modules around the code.
 */
export function qrModulesOfPng(bytes: Uint8Array, margin: number): string {
  const { width, height } = pngSize(bytes);
  const png = Buffer.from(bytes);
  expect([png[24], png[25]]).toEqual([1, 0]);
  const data: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    if (png.toString("ascii", at + 4, at + 8) === "IDAT") data.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = Math.ceil(width / 8) + 1;
  const dark = (x: number, y: number) => {
    expect(raw[y * stride]).toBe(0);
    return (raw[y * stride + 1 + (x >> 3)]! & (0x80 >> (x & 7))) === 0;
  };
  // The code starts `margin` light modules from the top: the first row with a dark pixel gives the module's size.
  let top = 0;
  while (top < height && !Array.from({ length: width }, (_, x) => dark(x, top)).some(Boolean)) top += 1;
  const scale = top / margin;
  const size = width / scale - 2 * margin;
  expect(Number.isInteger(size)).toBe(true);
  const rows: string[] = [];
  for (let row = 0; row < size; row += 1) {
    let line = "";
    for (let column = 0; column < size; column += 1)
      line += dark(Math.floor((column + margin + 0.5) * scale), Math.floor((row + margin + 0.5) * scale)) ? "1" : "0";
    rows.push(line);
  }
  return rows.join("\n");
}

/** The modules of the QR code of a text as the qrcode package computes them (error correction M). */
export function qrModulesOf(text: string): string {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const rows: string[] = [];
  for (let row = 0; row < modules.size; row += 1) {
    let line = "";
    for (let column = 0; column < modules.size; column += 1) line += modules.get(row, column) ? "1" : "0";
    rows.push(line);
  }
  return rows.join("\n");
}
