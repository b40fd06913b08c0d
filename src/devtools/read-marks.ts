/**
 * Development tooling, not part of the bot: how a test person "reads" the bot's messages. Several
 * replies can come as one message (texts join the question after them), and a message edited into a
 * new screen is new to read, so `waitFor` takes text from a message version up to the end of what it
 * matched: the next `waitFor` reads on from there, in the same message or a later one.
 */
export type TextMatch = string | RegExp | ((text: string) => boolean);

export class ReadMarks {
  /** How far each message version (`id:version`) has been read. */
  private readonly readUpTo = new Map<string, number>();

  /** Marks and answers true when the unread rest of this version matches. */
  take(id: number | string, version: number, text: string, match: TextMatch): boolean {
    const key = `${id}:${version}`;
    const from = this.readUpTo.get(key) ?? 0;
    const rest = text.slice(from);
    let end: number | undefined;
    if (typeof match === "function") end = from === 0 && match(text) ? text.length : undefined;
    else if (typeof match === "string") {
      const at = rest.indexOf(match);
      end = at === -1 ? undefined : from + at + match.length;
    } else {
      const found = new RegExp(match.source, match.flags.replace("g", "")).exec(rest);
      end = found ? from + found.index + found[0].length : undefined;
    }
    if (end === undefined) return false;
    this.readUpTo.set(key, Math.max(end, from + 1));
    return true;
  }

  /** Whether any of this version was read. */
  seen(id: number | string, version: number): boolean {
    return this.readUpTo.has(`${id}:${version}`);
  }
}
