## The coordinator's weekly digest (Mondays at 09:00, and the "Weekly digest" button)

digest-title = 📊 Programme digest for “{ $org }”, week { $from } – { $to }. In brackets: the change from the week before.
digest-title-so-far = 📊 Programme digest for “{ $org }” from { $from } to today ({ $to }). In brackets: the change from the same days last week.
digest-figures =
    👥 Pairs and groups meeting: { $pairsActive } ({ $pairsActiveChange })
    💤 Not met for two weeks or more: { $pairsQuiet } ({ $pairsQuietChange })
    ✅ Meetings held: { $meetingsHeld } ({ $meetingsHeldChange })
    ❌ Meetings missed: { $meetingsMissed } ({ $meetingsMissedChange })
    📅 Meetings set for the next 7 days: { $meetingsPlanned } ({ $meetingsPlannedChange })
    🏁 Plan milestones done: { $milestonesDone } ({ $milestonesDoneChange })
    ⏰ Milestones overdue: { $milestonesOverdue } ({ $milestonesOverdueChange })
    🆘 “Stuck” answers: { $stuckCheckIns } ({ $stuckCheckInsChange })
    ✍️ Waiting for a parent's consent: { $consentsPending } ({ $consentsPendingChange })
digest-attention-none = 👍 No warning signs: the pairs are meeting and nobody is stuck on a milestone.
digest-attention-title = 👀 Who needs attention first (pairs and groups in all: { $count }):
digest-attention-1 =
    { $title }
    { $l1 }
digest-attention-2 =
    { $title }
    { $l1 }
    { $l2 }
digest-attention-3 =
    { $title }
    { $l1 }
    { $l2 }
    { $l3 }
digest-attention-4 =
    { $title }
    { $l1 }
    { $l2 }
    { $l3 }
    { $l4 }
digest-attention-5 =
    { $title }
    { $l1 }
    { $l2 }
    { $l3 }
    { $l4 }
    { $l5 }
digest-attention-line = { $number }. { $pair }: { $reasons }
digest-pair = { $mentor } and { $mentees }
digest-pair-alone = { $mentor } (no mentees left in the pair)
digest-reason-missed-in-a-row = two meetings in a row did not take place
digest-reason-no-meeting = no meeting for { $days } { $days ->
    [one] day
   *[other] days
    } (since { $since })
digest-reason-stuck = stuck on the milestone “{ $milestone }”
digest-reason-overdue = milestones overdue: { $count }
digest-chart-legend = 📈 The picture shows the cycle's weeks: 🟩 meetings held and 🟥 missed (left scale), 🔵 the blue line: milestones done so far, the grey dashed line: all milestones in the plans (right scale).
digest-no-cycle = The digest will be ready once the cycle's pairs are at work: there is nothing to count yet.

## Labels on the digest's picture: what each colour means and what the axes show
digest-chart-held = Meetings held
digest-chart-missed = Meetings missed
digest-chart-done = Milestones done so far
digest-chart-planned = Milestones in all plans
digest-chart-axis-weeks = Weeks of the cycle (Monday's date)
digest-chart-axis-meetings = Meetings a week
digest-chart-axis-milestones = Plan milestones
