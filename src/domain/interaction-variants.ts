import type { MenteeSituation } from "./mentor-review.ts";
import type { MentoringForm } from "./programme.ts";

/**
 * Interaction variants of the student–student form (MR-42/02): a high achiever with a struggling
 * student (успевающий–неуспевающий), an active leader with a passive or detached student
 * (лидер–пассивный), and peers exchanging skills (равный–равному). Other forms have no variant.
 */

export const INTERACTION_VARIANTS = ["successful_struggling", "leader_passive", "peer_to_peer"] as const;
export type InteractionVariant = (typeof INTERACTION_VARIANTS)[number];

/** Whether pairs of this form take an interaction variant (only student–student ones do). */
export function hasInteractionVariant(form: MentoringForm): boolean {
  return form === "student_student";
}

/** Whether a stored value is one of the variants. */
export function isInteractionVariant(value: string): value is InteractionVariant {
  return (INTERACTION_VARIANTS as readonly string[]).includes(value);
}

/**
 * The variant one mentee's situations point to: struggling with studies first, then disoriented or
 * detached; none of these (special needs alone included) means peers.
 */
export function variantForSituations(situations: readonly MenteeSituation[]): InteractionVariant {
  if (situations.includes("struggling")) return "successful_struggling";
  if (situations.includes("disoriented") || situations.includes("detached")) return "leader_passive";
  return "peer_to_peer";
}

/**
 * The suggested variant of a student–student pair or group from each mentee's situations: the one
 * most mentees point to, a tie going to the variant listed first (the more targeted help).
 */
export function suggestVariant(members: ReadonlyArray<readonly MenteeSituation[]>): InteractionVariant {
  const votes = new Map<InteractionVariant, number>();
  for (const situations of members) {
    const variant = variantForSituations(situations);
    votes.set(variant, (votes.get(variant) ?? 0) + 1);
  }
  let best: InteractionVariant = "peer_to_peer";
  let most = 0;
  for (const variant of INTERACTION_VARIANTS) {
    const count = votes.get(variant) ?? 0;
    if (count > most) [best, most] = [variant, count];
  }
  return best;
}

/** How many pairs and groups have each variant; forms without a variant are not counted. */
export function pairsByVariant(pairs: ReadonlyArray<{ variant?: InteractionVariant | null }>): Record<InteractionVariant, number> {
  const counts: Record<InteractionVariant, number> = { successful_struggling: 0, leader_passive: 0, peer_to_peer: 0 };
  for (const pair of pairs) if (pair.variant) counts[pair.variant] += 1;
  return counts;
}
