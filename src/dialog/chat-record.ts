/**
 * A chat's state while its holder handles its updates: the flow it is in and the screen it shows, as
 * the lease's take read them. Changed in memory by the update's work, and written by the holder with
 * the update's processed mark in one statement (InboxPort.settle); the holder's copy is the truth for
 * as long as it holds the chat, so the next update in hand starts from it without a read.
 */
export class ChatRecord<Flow = unknown, Screen = unknown> {
  private flowChanged = false;
  private screenChanged = false;

  constructor(private current: { flow: Flow | undefined; screen: Screen | undefined }) {}

  get flow(): Flow | undefined {
    return this.current.flow;
  }

  get screen(): Screen | undefined {
    return this.current.screen;
  }

  /** Keeps the flow's state (undefined: the chat is in no flow), written when the update is settled. */
  setFlow(flow: Flow | undefined): void {
    this.current.flow = flow;
    this.flowChanged = true;
  }

  /** Keeps the screen (undefined: no message whose buttons answer), written when the update is settled. */
  setScreen(screen: Screen | undefined): void {
    this.current.screen = screen;
    this.screenChanged = true;
  }

  /** What changed since the last settlement, to be written with it; the record counts as unchanged after. */
  takeChanges(): { flow?: { value: Flow | undefined }; screen?: { value: Screen | undefined } } {
    const changes = {
      ...(this.flowChanged ? { flow: { value: this.current.flow } } : {}),
      ...(this.screenChanged ? { screen: { value: this.current.screen } } : {}),
    };
    this.flowChanged = false;
    this.screenChanged = false;
    return changes;
  }
}
