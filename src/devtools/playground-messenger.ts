import { createServer as createNetServer } from "node:net";

/**
 * What the playground needs of an emulated messenger: a way to write and press as a person, and
 * what the bot sent, in order. Telegram (telegram-test-api) and MAX (the local MAX API double) each
 * implement it; the terminal part is the same for both.
 */

export interface PlaygroundPerson {
  name: string;
  userId: number;
  firstName: string;
}

export interface ShownButton {
  label: string;
  data?: string;
  url?: string;
}

export interface BotMessage {
  /** Unique among the messages of this run. */
  id: number;
  /** How many times the bot turned it into a new screen: each one is shown again. */
  version: number;
  /** The user whose chat it went to. */
  userId: number;
  text: string;
  buttons: ShownButton[][];
  file?: { filename: string; bytes: Uint8Array };
}

export interface EmulatedMessenger {
  /** The messenger's name, for the guide ("Telegram", "MAX"). */
  readonly title: string;
  /** The host of its start links (t.me, max.ru): `/open` follows those. */
  readonly linkHost: string;
  /** The variables that point the app at the emulation (the app's HTTP port is `httpPort`). */
  environment(httpPort: number): Record<string, string>;
  /** Once the app is up (some emulations need its address). */
  started(): Promise<void>;
  send(person: PlaygroundPerson, text: string): Promise<void>;
  /** Opens the bot through a start link's payload, as following the link does. */
  open(person: PlaygroundPerson, payload: string): Promise<void>;
  press(person: PlaygroundPerson, message: BotMessage, button: ShownButton): Promise<void>;
  /** Everything the bot sent so far, in order. */
  messages(): BotMessage[];
  /** Resolves once every update sent so far has reached the app; false after a while. */
  delivered(): Promise<boolean>;
  /** Calls `listener` when the bot sends something; returns what stops it. */
  onMessage(listener: () => void): () => void;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port"))));
    });
  });
}
