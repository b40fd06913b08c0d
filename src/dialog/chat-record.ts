import type { SessionStore, StoreChange } from "./session-store.ts";

/**
 * A chat's state in the session store while one update is handled: the flow it is in and the screen
 * it shows. Both are read in one round trip when the update begins and written back in one when the
 * update's replies are out, so an update costs two store round trips whatever it changes.
 */
export class ChatRecord<Flow, Screen> {
  private readonly changed = new Map<string, unknown>();

  private constructor(
    private readonly store: SessionStore,
    private readonly keys: { flow: string; screen: string },
    private current: { flow: Flow | undefined; screen: Screen | undefined },
  ) {}

  static async load<Flow, Screen>(store: SessionStore, keys: { flow: string; screen: string }): Promise<ChatRecord<Flow, Screen>> {
    const [flow, screen] = await store.getMany([keys.flow, keys.screen]);
    return new ChatRecord<Flow, Screen>(store, keys, { flow: flow as Flow | undefined, screen: screen as Screen | undefined });
  }

  get flow(): Flow | undefined {
    return this.current.flow;
  }

  get screen(): Screen | undefined {
    return this.current.screen;
  }

  /** Keeps the flow's state (undefined: the chat is in no flow), written by the next commit. */
  setFlow(flow: Flow | undefined): void {
    this.current.flow = flow;
    this.changed.set(this.keys.flow, flow);
  }

  /** Keeps the screen (undefined: no message whose buttons answer), written by the next commit. */
  setScreen(screen: Screen | undefined): void {
    this.current.screen = screen;
    this.changed.set(this.keys.screen, screen);
  }

  /** Writes what changed since the last commit, in one round trip. */
  async commit(): Promise<void> {
    if (this.changed.size === 0) return;
    const changes: StoreChange[] = [...this.changed].map(([key, value]) => ({ key, value }));
    this.changed.clear();
    await this.store.write(changes);
  }
}
