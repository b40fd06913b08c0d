/**
 * The messengers a benchmark case can play its people through (`npm run bench -- --messenger NAME`):
 *   telegram  updates POSTed to /telegram/webhook with X-Telegram-Bot-Api-Secret-Token, replies through
 *             a fake Bot API (./fake-bot-api.ts); the default.
 *   max       updates POSTed to /max/webhook with X-Max-Bot-Api-Secret by the MAX Bot API double
 *             (src/devtools/emulated-max.ts), to which the bot subscribed itself; replies through it.
 */

export const BENCH_MESSENGERS = ["telegram", "max"] as const;
export type BenchMessenger = (typeof BENCH_MESSENGERS)[number];
export const DEFAULT_MESSENGER: BenchMessenger = "telegram";

export function isBenchMessenger(name: string): name is BenchMessenger {
  return (BENCH_MESSENGERS as readonly string[]).includes(name);
}

/** How the figures name a messenger and what its API server refuses. */
export const MESSENGER_LABELS: Record<BenchMessenger, { name: string; refusals: string }> = {
  telegram: {
    name: "Telegram, webhook",
    refusals: "Bot API 400 (text > 4,096, callback_data > 64 B, edit of a missing or unchanged message)",
  },
  max: { name: "MAX, webhook", refusals: "MAX API refusals (text > 4,000, keyboard over MAX's limits, unknown callback…)" },
};
