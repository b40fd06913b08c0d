/**
 * Button payloads. A payload comes back from the client, so it is parsed, never trusted: a version
 * prefix tells old buttons from today's, and every action is re-checked by the flow it starts.
 *
 *   1:p:<prompt tag>:<value>   an answer to the question with that tag (stale when the tag is not current)
 *   1:a:<action>[:<arg>]       a menu action that starts a flow
 *
 * Telegram allows 64 bytes of callback_data and VK 255 characters of payload JSON: packing checks
 * the tighter limit.
 */

export const PAYLOAD_VERSION = "1";
const MAX_PAYLOAD_BYTES = 64;
const SAFE = /^[A-Za-z0-9_.-]+$/;

export type ButtonPayload = { kind: "prompt"; tag: string; value: string } | { kind: "action"; action: string; arg?: string };

function checked(payload: string): string {
  if (Buffer.byteLength(payload, "utf8") > MAX_PAYLOAD_BYTES) {
    throw new Error(`Button payload over ${MAX_PAYLOAD_BYTES} bytes: ${payload}`);
  }
  return payload;
}

function assertSafe(part: string, what: string): void {
  if (!SAFE.test(part)) throw new Error(`Button ${what} must be [A-Za-z0-9_.-]+: ${part}`);
}

export function packPromptAnswer(tag: string, value: string): string {
  assertSafe(tag, "tag");
  assertSafe(value, "value");
  return checked(`${PAYLOAD_VERSION}:p:${tag}:${value}`);
}

export function packAction(action: string, arg?: string | number): string {
  assertSafe(action, "action");
  if (arg !== undefined) assertSafe(String(arg), "argument");
  return checked(arg === undefined ? `${PAYLOAD_VERSION}:a:${action}` : `${PAYLOAD_VERSION}:a:${action}:${arg}`);
}

/** The payload's meaning, `"outdated"` for a button of an earlier version, undefined for garbage. */
export function unpackButton(payload: string): ButtonPayload | "outdated" | undefined {
  if (payload.length > 255) return undefined;
  const parts = payload.split(":");
  const [version, kind, first, second] = parts;
  if (version !== PAYLOAD_VERSION) return /^\d+$/.test(version ?? "") ? "outdated" : undefined;
  if (kind === "p" && parts.length === 4 && first && second && SAFE.test(first) && SAFE.test(second)) {
    return { kind: "prompt", tag: first, value: second };
  }
  if (kind === "a" && first && SAFE.test(first) && (parts.length === 3 || (parts.length === 4 && second && SAFE.test(second)))) {
    return second === undefined ? { kind: "action", action: first } : { kind: "action", action: first, arg: second };
  }
  return undefined;
}
