/**
 * Development tooling, not part of the bot: how a test person reads the bot's messages. `waitFor`
 * takes the first match it has not read yet. A message read in part (several replies can come as one
 * message) is read on from where the last match ended while it is the latest one read; once a later
 * message was read, it counts as read. A message never looked at stays unread wherever it is (replies
 * and notifications may arrive in either order), and so does a message the bot turned into a new
 * screen (an edit that leaves buttons).
 */
export type TextMatch<T> = string | RegExp | ((message: T) => boolean);

export interface Readable {
  id: number | string;
  version: number;
  text: string;
}

export class ReadMarks {
  /** How far each message version (`id:version`) has been read. */
  private readonly readUpTo = new Map<string, number>();
  /** The highest version of each message read, in part or whole. */
  private readonly seenVersion = new Map<string, number>();
  private lastTaken: number | string | undefined;

  /** The first message (in the order given) whose unread text matches; marks it read up to the match. */
  take<T>(messages: T[], view: (message: T) => Readable, match: TextMatch<T>): T | undefined {
    const views = messages.map(view);
    const cursor =
      this.lastTaken === undefined
        ? 0
        : Math.max(
            0,
            views.findIndex((m) => m.id === this.lastTaken),
          );
    for (const [index, message] of views.entries()) {
      const seen = this.seenVersion.get(String(message.id));
      if (index < cursor && seen !== undefined && message.version <= seen) continue;
      const key = `${message.id}:${message.version}`;
      const from = this.readUpTo.get(key) ?? 0;
      const original = messages[index]!;
      const end = matchEnd(message.text, from, typeof match === "function" ? () => match(original) : match);
      if (end === undefined) continue;
      this.readUpTo.set(key, Math.max(end, from + 1));
      this.seenVersion.set(String(message.id), Math.max(message.version, seen ?? 0));
      this.lastTaken = message.id;
      return original;
    }
    return undefined;
  }

  /** Whether any of this version was read. */
  seen(id: number | string, version: number): boolean {
    return this.readUpTo.has(`${id}:${version}`);
  }
}

function matchEnd(text: string, from: number, match: string | RegExp | (() => boolean)): number | undefined {
  if (typeof match === "function") return from === 0 && match() ? text.length : undefined;
  const rest = text.slice(from);
  if (typeof match === "string") {
    const at = rest.indexOf(match);
    return at === -1 ? undefined : from + at + match.length;
  }
  const found = new RegExp(match.source, match.flags.replace("g", "")).exec(rest);
  return found ? from + found.index + found[0].length : undefined;
}
