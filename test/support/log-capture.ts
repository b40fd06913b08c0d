import { Writable } from "node:stream";

/** A stream the app's logger writes JSON lines to, kept for a test to read (`lines`). */
export function logCapture(): { stream: Writable; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString("utf8"));
      done();
    },
  });
  return { stream, lines };
}
