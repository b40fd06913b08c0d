import { defineAction, idField, oneOf } from "#root/dialog/actions.ts";

/** The buttons of parents who know: the parent's screen and switch, the child's and the coordinator's choice. */
export const parentChildrenAction = defineAction({ name: "parent-children", flow: "parent-children" });
/** The parent's own switch, to the state the button names (a second press of a stale button changes nothing). */
export const parentNoticesAction = defineAction({
  name: "parent-notices",
  flow: "parent-notices",
  fields: { to: oneOf(["on", "off"]) },
});
/** A teenager's choice whether their parents hear of their meetings. */
export const parentsToldAction = defineAction({ name: "parents-told", flow: "parents-told" });
/** A coordinator sets that choice for a participant of their organisation. */
export const parentsToldCoordinatorAction = defineAction({
  name: "parents-told-set",
  flow: "parents-told-set",
  optional: { participantId: idField },
});

export const PARENTS_ACTIONS = [parentChildrenAction, parentNoticesAction, parentsToldAction, parentsToldCoordinatorAction];
