import type { DownloadResult } from "#root/messaging/messenger.ts";

/** A file that does not arrive in this time is given up: the person is told to try again. */
const DOWNLOAD_TIMEOUT_MS = 60_000;

/**
 * GETs a file the platform serves by URL (Telegram's file path, VK's photo and document URLs, MAX's
 * attachment URL). A file over `maxBytes` is refused by its Content-Length before any of it is read,
 * or as soon as more than `maxBytes` have arrived when no length is told: a large file never sits whole
 * in memory.
 */
export async function downloadLimited(url: string, maxBytes: number, init: RequestInit = {}): Promise<DownloadResult> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  } catch (error) {
    return { ok: false, reason: "failed", error: error instanceof Error ? error.message : String(error) };
  }
  const mimeType = response.headers.get("content-type") ?? undefined;
  if (!response.ok || !response.body) {
    await response.body?.cancel().catch(() => undefined);
    return { ok: false, reason: "failed", error: `HTTP ${response.status}` };
  }
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body.cancel().catch(() => undefined);
    return { ok: false, reason: "too-large" };
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
      if (received > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, reason: "too-large" };
      }
      chunks.push(value);
    }
  } catch (error) {
    return { ok: false, reason: "failed", error: error instanceof Error ? error.message : String(error) };
  }
  return { ok: true, content: Buffer.concat(chunks), ...(mimeType ? { mimeType } : {}) };
}
