import { Api } from "grammy";
import type { Config } from "#root/config.ts";

/** An invite's start link on each messenger; null where the messenger is not configured. */
export interface StartLinks {
  telegram: string | null;
  vk: string | null;
  max: string | null;
}

async function telegramUsername(config: Config): Promise<string | undefined> {
  if (!config.telegram) return undefined;
  if (config.telegram.username) return config.telegram.username;
  const api = new Api(config.telegram.token, config.telegram.apiRoot ? { apiRoot: config.telegram.apiRoot } : undefined);
  return (await api.getMe()).username;
}

/** The links that open the bot with `payload`. Telegram's needs the bot's username: asked of Telegram when not configured. */
export async function startLinks(config: Config, payload: string): Promise<StartLinks> {
  // Without Telegram's answer the VK and MAX links are still worth printing.
  const username = await telegramUsername(config).catch(() => undefined);
  return {
    telegram: username ? `https://t.me/${username}?start=${payload}` : null,
    vk: config.vk ? `https://vk.me/${config.vk.screenName}?ref=${payload}` : null,
    max: config.max ? `https://max.ru/${config.max.username}?start=${payload}` : null,
  };
}

/** A one-time coordinator invite as an operator reads it. */
export function coordinatorInviteLines(links: StartLinks, payload: string): string[] {
  return ["One-time coordinator invite (valid 7 days; send it only to the coordinator):", ...linkLines(links, payload)];
}

/** An invite's links on each messenger and its payload, as an operator reads them. */
export function linkLines(links: StartLinks, payload: string): string[] {
  return [
    `  Telegram: ${links.telegram ?? "(set TELEGRAM_BOT_TOKEN or TELEGRAM_BOT_USERNAME to get the link)"}`,
    `  VK:       ${links.vk ?? "(set VK_GROUP_TOKEN and VK_GROUP_ID to get the link)"}`,
    `  MAX:      ${links.max ?? "(set MAX_BOT_TOKEN and MAX_BOT_USERNAME to get the link)"}`,
    `  Payload:  ${payload}  (Telegram: /start ${payload})`,
  ];
}
