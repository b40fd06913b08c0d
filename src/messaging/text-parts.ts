/** Breaks we prefer to cut at, best first. */
const BREAKS = ["\n\n", "\n", " "];

/**
 * Splits a text into parts of at most `limit` UTF-16 units (never more characters than the
 * messenger counts), cutting at a paragraph, then a line, then a word boundary when one lies in the
 * second half of the window, so that no part is needlessly short; else hard, never between the
 * halves of a surrogate pair.
 */
export function splitText(text: string, limit: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const cut = cutPoint(rest, limit);
    const part = rest.slice(0, cut).trimEnd();
    if (part.length > 0) parts.push(part);
    rest = rest.slice(cut).replace(/^\s+/, "");
  }
  if (rest.length > 0 || parts.length === 0) parts.push(rest);
  return parts;
}

function cutPoint(text: string, limit: number): number {
  const window = text.slice(0, limit + 1);
  for (const mark of BREAKS) {
    const at = window.lastIndexOf(mark);
    if (at >= limit / 2 && at <= limit) return at;
  }
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}
