import type { ActionRoute, Feature, FlowDefinition, FlowRouter, FlowStart } from "#root/dialog/flow.ts";
import { type Msg, msg } from "#root/i18n/translator.ts";
import { checkInsFeature } from "./check-ins/index.ts";
import { closingFeature } from "./closing/index.ts";
import { introductionFeature } from "./introduction/index.ts";
import { meetingsFeature } from "./meetings/index.ts";
import { pairChatFeature } from "./pair-chat/index.ts";
import { parentsFeature } from "./parents/index.ts";
import { planFeature } from "./plan/index.ts";
import { programmeFeature } from "./programme/index.ts";
import { regionFeature } from "./region/index.ts";
import { registrationFeature } from "./registration/index.ts";
import { rosterFeature } from "./roster/index.ts";
import { selfServiceFeature } from "./self-service/index.ts";
import { territoriesFeature } from "./territories/index.ts";

/** Every feature of the bot: their flows, buttons and commands make the router. */
export const FEATURES: Feature[] = [
  selfServiceFeature,
  registrationFeature,
  rosterFeature,
  programmeFeature,
  introductionFeature,
  planFeature,
  meetingsFeature,
  pairChatFeature,
  parentsFeature,
  checkInsFeature,
  closingFeature,
  territoriesFeature,
  regionFeature,
];

/** One name, one thing: two flows, buttons or commands of one name are a mistake found at start-up. */
function byName<T>(kind: string, entries: Array<[string, T]>): Map<string, T> {
  const map = new Map<string, T>();
  for (const [name, entry] of entries) {
    if (map.has(name)) throw new Error(`Two ${kind} named ${name}`);
    map.set(name, entry);
  }
  return map;
}

export const FLOWS: FlowDefinition[] = FEATURES.flatMap((feature) => feature.flows);
byName(
  "flows",
  FLOWS.map((flow) => [flow.name, flow]),
);

/** Menu buttons (packed as `1:a:<action>[:<arg>]`); each flow re-checks who may use it. */
const ACTIONS = byName<ActionRoute>(
  "actions",
  FEATURES.flatMap((feature) => feature.actions.map((action): [string, ActionRoute] => [action.name, action.route])),
);

/** Commands, as in the Telegram command menu; VK users type them the same way. */
const COMMANDS = byName<(args: string) => FlowStart>(
  "commands",
  FEATURES.flatMap((feature) => Object.entries(feature.commands ?? {})),
);

export const flowRouter: FlowRouter = {
  command: (command, args) => COMMANDS.get(command)?.(args),
  action: (action, arg) => ACTIONS.get(action)?.(arg),
  idle: () => ({ flow: "menu" }),
};

/** The commands a messenger lists in its menu (Telegram's "/" menu), in this order; /cancel is the runtime's own. */
export const COMMAND_MENU: ReadonlyArray<{ command: string; description: Msg }> = [
  { command: "start", description: msg("command-start") },
  { command: "menu", description: msg("command-menu") },
  { command: "profile", description: msg("command-profile") },
  { command: "reminders", description: msg("command-reminders") },
  { command: "language", description: msg("command-language") },
  { command: "help", description: msg("command-help") },
  { command: "link", description: msg("command-link") },
  { command: "delete_me", description: msg("command-delete_me") },
  { command: "cancel", description: msg("command-cancel") },
];
