import type { Msg } from "#root/i18n/translator.ts";
import { packAction } from "#root/messaging/buttons.ts";
import type { SpecButton } from "#root/messaging/message-spec.ts";
import type { ActionRoute, FlowStart } from "./flow.ts";

/**
 * Typed actions: one declaration per menu button gives the button, the route to the flow it starts,
 * and the parsed arguments, as the grammY template's `createCallbackData` does. An argument travels
 * as its fields joined by "." after the action's name (`1:a:meeting-tick:42.held`); it comes back
 * from the client, so it is read, never trusted: a payload the action could not have made starts
 * nothing (the runtime answers it as an unknown button).
 *
 *   export const meetingTick = defineAction({
 *     name: "meeting-tick",
 *     flow: "meeting-tick",
 *     fields: { meetingId: idField, answer: oneOf(TICK_ANSWERS) },
 *   });
 *   meetingTick.button(msg("button-meeting-held"), { meetingId: 42, answer: "held" });
 *   export const meetingTickFlow: FlowDefinition<ActionArgs<typeof meetingTick>> = { … };
 */

/** How one field of an argument is written into a payload and read back. */
export interface ArgField<T> {
  read(text: string): T | undefined;
  write(value: T): string;
}

/** A whole number of at most `length` digits (ids, pages, versions): a forged one never reaches the database as NaN. */
export function digits(length: number): ArgField<number> {
  const pattern = new RegExp(`^\\d{1,${length}}$`);
  return { read: (text) => (pattern.test(text) ? Number(text) : undefined), write: String };
}

/** A database id. */
export const idField = digits(15);
/** A page of a list. */
export const pageField = digits(4);

/** One of a few words (an answer, a role). */
export function oneOf<const T extends string>(values: readonly T[]): ArgField<T> {
  return { read: (text) => values.find((value) => value === text), write: (value) => value };
}

type Fields = Record<string, ArgField<unknown>>;
type FieldValue<F> = F extends ArgField<infer T> ? T : never;
type Simplify<T> = { [K in keyof T]: T[K] } & {};
type ArgsOf<Required extends Fields, Optional extends Fields> = Simplify<
  { [K in keyof Required]: FieldValue<Required[K]> } & { [K in keyof Optional]?: FieldValue<Optional[K]> }
>;

export interface ActionSpec<Required extends Fields, Optional extends Fields, Fallback> {
  /** The name in the payload: [A-Za-z0-9_.-], short (Telegram allows 64 bytes for the whole payload). */
  name: string;
  /** The flow a press starts, with the parsed fields as its arguments. */
  flow: string;
  /** Fields every button of the action carries, in payload order. */
  fields?: Required;
  /** Fields a button may carry after the required ones, in order (a later one only with the earlier). */
  optional?: Optional;
  /**
   * The arguments of a press whose payload does not read (a list's page from an old or damaged button):
   * without it, such a press starts nothing.
   */
  fallback?: Fallback;
}

export interface Action<Args> {
  readonly name: string;
  readonly flow: string;
  /** A button's payload. */
  payload(...args: ArgsParameter<Args>): string;
  /** A button in a message: in a flow's `d.say`, a job's outbox message or a notice. */
  button(label: Msg, ...args: ArgsParameter<Args>): SpecButton;
  /** The flow a press starts, or undefined when this action could not have made the payload. */
  route: ActionRoute;
}

/** Arguments may be left out when the action has no required field. */
type ArgsParameter<Args> = object extends Args ? [args?: Args] : [args: Args];

/** What the flow started by an action receives. */
export type ActionArgs<A> =
  A extends Action<infer Args> ? (A extends { fallback: infer F } ? (F extends Args ? Args : Args | F) : Args) : never;

export function defineAction<
  Required extends Fields = Record<never, never>,
  Optional extends Fields = Record<never, never>,
  Fallback = never,
>(
  spec: ActionSpec<Required, Optional, Fallback>,
): Action<ArgsOf<Required, Optional>> & ([Fallback] extends [never] ? unknown : { fallback: Fallback }) {
  const required = Object.entries(spec.fields ?? {}) as Array<[string, ArgField<unknown>]>;
  const optional = Object.entries(spec.optional ?? {}) as Array<[string, ArgField<unknown>]>;

  const packArgs = (args: Record<string, unknown> = {}): string | undefined => {
    const parts = required.map(([key, field]) => {
      if (args[key] === undefined) throw new Error(`Action ${spec.name} needs ${key}`);
      return field.write(args[key]);
    });
    let skipped: string | undefined;
    for (const [key, field] of optional) {
      if (args[key] === undefined) {
        skipped ??= key;
        continue;
      }
      if (skipped) throw new Error(`Action ${spec.name}: ${key} without ${skipped}`);
      parts.push(field.write(args[key]));
    }
    return parts.length > 0 ? parts.join(".") : undefined;
  };

  const read = (arg: string | undefined): Record<string, unknown> | undefined => {
    const parts = arg === undefined ? [] : arg.split(".");
    if (parts.length < required.length || parts.length > required.length + optional.length) return undefined;
    const args: Record<string, unknown> = {};
    for (const [index, [key, field]] of [...required, ...optional].entries()) {
      if (index >= parts.length) break;
      const value = field.read(parts[index]!);
      if (value === undefined) return undefined;
      args[key] = value;
    }
    return args;
  };

  const action = {
    name: spec.name,
    flow: spec.flow,
    payload: (args?: Record<string, unknown>) => packAction(spec.name, packArgs(args)),
    button: (label: Msg, args?: Record<string, unknown>): SpecButton => ({ label, payload: packAction(spec.name, packArgs(args)) }),
    route: (arg: string | undefined): FlowStart | undefined => {
      const args = read(arg) ?? spec.fallback;
      return args === undefined ? undefined : { flow: spec.flow, args };
    },
    ...(spec.fallback !== undefined ? { fallback: spec.fallback } : {}),
  };
  return action as unknown as Action<ArgsOf<Required, Optional>> & ([Fallback] extends [never] ? unknown : { fallback: Fallback });
}
