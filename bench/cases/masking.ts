import { findContacts, maskContacts } from "#root/domain/contact-masking.ts";
import { MESSAGES_WITH_CONTACTS, ORDINARY_MESSAGES, unmark } from "../../test/fixtures/contact-masking-corpus.ts";
import { type BenchCase, type Figure, median, percentile, progress } from "../figure.ts";

/**
 * Contact masking in the pair chat (issue 18) over the corpus the unit test uses: recall (a message
 * counts as caught when every character of every marked contact is hidden), the share of ordinary
 * messages that came back changed, and the time per message. Issue targets: recall at least 95 %,
 * false positives at most 2 %, a 4,000-character message well under a millisecond.
 */

const ROUNDS = 200;
const LONG_ROUNDS = 300;

function microseconds(text: string, rounds: number): number[] {
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    maskContacts(text);
    times.push((performance.now() - started) * 1000);
  }
  return times;
}

const masking: BenchCase = {
  name: "masking",
  async run(): Promise<Figure[]> {
    const positives = MESSAGES_WITH_CONTACTS.map((message) => ({ ...unmark(message.marked), kinds: message.kinds }));
    let caught = 0;
    let kindsRight = 0;
    for (const message of positives) {
      const spans = findContacts(message.text);
      const hidden = message.contacts.every((contact) => spans.some((span) => span.start <= contact.start && span.end >= contact.end));
      if (hidden) caught++;
      else progress(`missed: ${message.text}`);
      const masked = [...maskContacts(message.text).masked].sort().join();
      if (masked === [...message.kinds].sort().join()) kindsRight++;
    }
    const changed = ORDINARY_MESSAGES.filter((text) => maskContacts(text).text !== text);
    for (const text of changed) progress(`changed: ${text}`);

    const corpus = [...positives.map((message) => message.text), ...ORDINARY_MESSAGES];
    for (const text of corpus) microseconds(text, 20); // warm-up: compile the patterns and the loops
    const perMessage = corpus.map((text) => median(microseconds(text, ROUNDS)));
    const long = corpus.join(" ").slice(0, 4_000);
    microseconds(long, 50);
    const longTimes = microseconds(long, LONG_ROUNDS);
    const hostile = "8 ".repeat(2_000);
    microseconds(hostile, 50);
    const hostileTimes = microseconds(hostile, LONG_ROUNDS);
    progress(`${positives.length} messages with contacts, ${ORDINARY_MESSAGES.length} ordinary; ${ROUNDS} rounds each`);

    const figure = (metric: string, value: number, unit: string): Figure => ({ case: "masking", metric, value, unit });
    return [
      figure("messages with contacts", positives.length, "messages"),
      figure("ordinary messages", ORDINARY_MESSAGES.length, "messages"),
      figure("recall (every contact hidden)", (100 * caught) / positives.length, "%"),
      figure("kinds reported right", (100 * kindsRight) / positives.length, "%"),
      figure("false positives (ordinary changed)", (100 * changed.length) / ORDINARY_MESSAGES.length, "%"),
      figure("median time per corpus message", median(perMessage), "µs"),
      figure("slowest corpus message (median of its rounds)", Math.max(...perMessage), "µs"),
      figure("4,000-character message: median", median(longTimes), "µs"),
      figure("4,000-character message: p95", percentile(longTimes, 95), "µs"),
      figure("4,000 characters of '8 8 8…': median", median(hostileTimes), "µs"),
    ];
  },
};

export default masking;
