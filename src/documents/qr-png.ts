import { crc32, deflateSync } from "node:zlib";
import QRCode from "qrcode";

/**
 * A QR code as a black-and-white PNG of one bit per pixel, written directly from the code's modules.
 * The qrcode package's own PNG renderer draws 32-bit pixels and took ~10 ms a code: a class list's
 * sheet has a code per student and messenger (3,000 students on three messengers: 9,000 codes).
 */

/** The quiet zone around the code, in modules (one is enough for phone cameras on a white page). */
export const QR_MARGIN = 1;

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const tail = Buffer.alloc(4);
  tail.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, tail]);
}

/** The PNG of a link's QR code (error correction M), `scale` pixels a module. */
export function qrPng(text: string, scale: number): Buffer {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const side = (modules.size + 2 * QR_MARGIN) * scale;
  const stride = Math.ceil(side / 8);
  // Each row: its filter byte (0, none), then the pixels, 1 bit each, 1 white and 0 black.
  const raw = Buffer.alloc((stride + 1) * side, 0);
  for (let y = 0; y < side; y += 1) {
    const row = y * (stride + 1);
    for (let x = 0; x < side; x += 1) {
      const moduleRow = Math.floor(y / scale) - QR_MARGIN;
      const moduleColumn = Math.floor(x / scale) - QR_MARGIN;
      const inside = moduleRow >= 0 && moduleColumn >= 0 && moduleRow < modules.size && moduleColumn < modules.size;
      const dark = inside && modules.get(moduleRow, moduleColumn) === 1;
      if (!dark) raw[row + 1 + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 1; // bit depth
  header[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", new Uint8Array()),
  ]);
}
