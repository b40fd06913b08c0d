import { randomBytes } from "node:crypto";
import { type MaxApiDouble, type MaxTestUser, startMaxApiDouble } from "./emulated-max.ts";
import type { BotMessage, EmulatedMessenger, PlaygroundPerson, ShownButton } from "./playground-messenger.ts";

/**
 * The playground's MAX: the local MAX Bot API double, with the bot on webhooks. Each update is
 * POSTed to the app and stored before the call returns, so nothing is in flight between lines.
 */

const BOT_NAME = "nastavnik_playground_bot";
const WEBHOOK_SECRET = randomBytes(24).toString("hex");
/** How often an interactive session looks for messages the bot sent by itself (the outbox). */
const WATCH_MS = 100;

export class MaxEmulation implements EmulatedMessenger {
  readonly title = "MAX";
  readonly linkHost = "max.ru";
  private readonly users = new Map<number, MaxTestUser>();

  private constructor(private readonly double: MaxApiDouble) {}

  static async start(): Promise<MaxEmulation> {
    return new MaxEmulation(await startMaxApiDouble({ botUsername: BOT_NAME }));
  }

  environment(httpPort: number): Record<string, string> {
    return {
      MAX_BOT_TOKEN: this.double.token,
      MAX_BOT_USERNAME: BOT_NAME,
      MAX_API_BASE_URL: this.double.baseUrl,
      MAX_WEBHOOK_URL: `http://127.0.0.1:${httpPort}/max/webhook`,
      MAX_WEBHOOK_SECRET: WEBHOOK_SECRET,
    };
  }

  async started(): Promise<void> {}

  send(person: PlaygroundPerson, text: string): Promise<void> {
    return this.user(person).send(text);
  }

  open(person: PlaygroundPerson, payload: string): Promise<void> {
    return this.user(person).open(payload);
  }

  press(person: PlaygroundPerson, _message: BotMessage, button: ShownButton): Promise<void> {
    // The double presses the newest message that has the label: the one the person sees.
    return this.user(person).press(button.label);
  }

  messages(): BotMessage[] {
    return this.double.sent().map((message) => {
      // A picture is saved like a file: the terminal cannot show it.
      const file = message.file ?? message.image;
      return {
        id: message.id,
        version: message.version,
        userId: message.userId,
        text: message.text,
        buttons: (message.keyboard ?? []).map((row) =>
          row.map((button) => ({
            label: button.text,
            ...(button.payload !== undefined ? { data: button.payload } : {}),
            ...(button.url !== undefined ? { url: button.url } : {}),
          })),
        ),
        ...(file ? { file: { filename: file.filename, bytes: file.bytes } } : {}),
      };
    });
  }

  async delivered(): Promise<boolean> {
    return true;
  }

  onMessage(listener: () => void): () => void {
    let seen = this.double.sent().length;
    const watch = setInterval(() => {
      const now = this.double.sent().length;
      if (now !== seen) {
        seen = now;
        listener();
      }
    }, WATCH_MS);
    return () => clearInterval(watch);
  }

  stop(): Promise<void> {
    return this.double.stop();
  }

  private user(person: PlaygroundPerson): MaxTestUser {
    let user = this.users.get(person.userId);
    if (!user) {
      user = this.double.user({ userId: person.userId, firstName: person.firstName });
      this.users.set(person.userId, user);
    }
    return user;
  }
}
