/** A messenger the bot lives in, as accounts, consents and help reports record it. */
export type Platform = "telegram" | "vk" | "max";

export const PLATFORMS: readonly Platform[] = ["telegram", "vk", "max"];
