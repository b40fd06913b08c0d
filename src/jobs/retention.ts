import { AWAITING_CONSENT_KEEP_DAYS, DECLINED_KEEP_DAYS, DELIVERED_MESSAGES_KEEP_DAYS } from "#root/domain/consent.ts";
import { msg } from "#root/i18n/translator.ts";
import type { Job } from "./job.ts";

const DAY_MS = 86_400_000;

/**
 * Erases what has no consent behind it any more: a child whose parent declined, after
 * DECLINED_KEEP_DAYS (the family may still agree), and a profile that waited for a parent's answer
 * for AWAITING_CONSENT_KEEP_DAYS. The consent records stay as proof; the person's chats are told
 * why, without a word of what was erased. Messages delivered DELIVERED_MESSAGES_KEEP_DAYS ago go too.
 * Students invited from a class list whose personal link expired unopened are erased as well: the
 * list's data of a minor was kept only for that link (they have no chat to tell).
 */
export const retentionJob: Job = {
  name: "retention",
  // Daily at 02:40 UTC (05:40 in Moscow), before anyone is awake to be surprised.
  schedule: "40 2 * * *",
  async run({ repos, forgetChat }, now) {
    const lapsed = await repos.people.lapsedWithoutConsent(
      new Date(now.getTime() - DECLINED_KEEP_DAYS * DAY_MS),
      new Date(now.getTime() - AWAITING_CONSENT_KEEP_DAYS * DAY_MS),
    );
    for (const { personId, reason } of lapsed) {
      // Erasing twice (two replicas at once) changes nothing; the notices are keyed per account.
      const accounts = await repos.people.erase(personId, "left", now);
      for (const account of accounts) {
        await forgetChat(account.platform, account.chatId);
        const notice =
          reason === "declined"
            ? msg("retention-declined-erased", { days: DECLINED_KEEP_DAYS })
            : msg("retention-waiting-erased", { days: AWAITING_CONSENT_KEEP_DAYS });
        await repos.outbox.enqueue([
          {
            to: { accountId: account.accountId },
            message: { text: [notice] },
            dedupKey: `retention:${personId}:account:${account.accountId}`,
            dueAt: now,
          },
        ]);
      }
    }
    const unclaimed = await repos.roster.eraseUnclaimed(now);
    const pruned = await repos.outbox.pruneDelivered(new Date(now.getTime() - DELIVERED_MESSAGES_KEEP_DAYS * DAY_MS));
    return lapsed.length + unclaimed + pruned;
  },
};
