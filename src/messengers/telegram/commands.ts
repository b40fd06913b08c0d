import type { BotCommand } from "grammy/types";

/** The command menu: Russian is the default for every client, English for English-language clients. */
export const COMMAND_MENUS: { languageCode?: "en"; commands: BotCommand[] }[] = [
  {
    commands: [
      { command: "start", description: "Начать" },
      { command: "menu", description: "Главное меню" },
      { command: "profile", description: "Мой профиль" },
      { command: "reminders", description: "Напоминания: включить или выключить" },
      { command: "language", description: "Сменить язык" },
      { command: "help", description: "Помощь" },
      { command: "link", description: "Связать аккаунты" },
      { command: "delete_me", description: "Удалить мои данные" },
      { command: "cancel", description: "Отменить действие" },
    ],
  },
  {
    languageCode: "en",
    commands: [
      { command: "start", description: "Let's begin" },
      { command: "menu", description: "Main menu" },
      { command: "profile", description: "My profile" },
      { command: "reminders", description: "Reminders on or off" },
      { command: "language", description: "Change language" },
      { command: "help", description: "Help" },
      { command: "link", description: "Link accounts" },
      { command: "delete_me", description: "Delete my data" },
      { command: "cancel", description: "Cancel this step" },
    ],
  },
];
