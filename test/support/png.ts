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
