## The individual mentoring plan: the pair's goal and milestones

plan-which-pair = Which pair's plan shall I open?
plan-none-mentee = Your mentor ({ $mentor }) is still writing your plan. I'll send it to you when it's ready.
plan-draft-mentee = Your mentor ({ $mentor }) has started your plan but hasn't sent it yet. I'll send it to you as soon as they do.

## Statuses of a plan and of its milestones
plan-status-draft = ✏️ draft (the mentees can't see it yet)
plan-status-proposed = 📨 waiting for the mentee to agree
plan-status-agreed = 🤝 agreed
plan-status-change_requested = 🔁 the mentee asked for a change
plan-state-done = ✅ done
plan-state-overdue = ⏰ overdue
plan-state-upcoming = 🔸 coming up

## The plan screen
plan-pair = Mentor: { $mentor }; mentees: { $mentees }
plan-view =
    📝 Mentoring plan
    { $pair }
    Status: { $status } · version { $version }

    🎯 Goal: { $goal }
plan-change-request-shown = 🔁 Change asked for: “{ $text }”
plan-no-milestones = No milestones yet.
plan-milestone-line =
    { $number }. { $title }
    📅 by { $date } · { $state }
plan-milestone-line-evidence =
    { $number }. { $title }
    📅 by { $date } · { $state }
    🔎 How we'll show it: { $evidence }
button-plan-agree = 🤝 I agree
button-plan-change = ✏️ Ask for a change
button-plan-send = 📤 Send to the mentee
button-plan-send-group = 📤 Send to the mentees
button-plan-milestone = 📌 Step { $number }
button-plan-goal = 🎯 Change the goal
button-plan-add = ➕ Add a milestone

## The mentor writes the plan
plan-draft-intro =
    Let's write your pair's plan: a shared goal and the milestones on the way to it. For each milestone: what to do, by when, and how the result will be shown.
    The mentee sees the plan once you send it, and can agree or ask for a change.
plan-draft-intro-group =
    Let's write your group's plan: a shared goal and the milestones on the way to it. For each milestone: what to do, by when, and how the result will be shown.
    The mentees see the plan once you send it, and can agree or ask for a change.
plan-ask-goal = 🎯 What is the goal of your work this cycle? For example: “Build and present a robotics project”. Up to 500 characters.
plan-ask-milestone = 📌 Milestone { $number }: what needs to be done? For example: “Choose the project topic”. Up to 300 characters.
plan-ask-due =
    📅 By when? Press a button or type a date: 25.12, “in 2 weeks”, “next Friday”.
    The cycle ends on { $end }.
plan-ask-evidence = 🔎 How will the result be shown? For example: “a talk in class”, “a certificate”. You can skip this. Up to 300 characters.
button-plan-skip = ⏭ Skip
plan-ask-more = Milestones so far: { $number }. Add another one? (Up to { $max }.)
plan-ask-more-full = Milestones so far: { $number }, the most a plan can have ({ $max }). Next, check the plan.
button-plan-more = ➕ Add a milestone
button-plan-enough = ✅ That's all
plan-preview =
    Check the plan before sending it.

    🎯 Goal: { $goal }
plan-draft-line = { $number }. { $title } — by { $date }
plan-draft-line-evidence =
    { $number }. { $title } — by { $date }
    🔎 { $evidence }
button-plan-keep-draft = 💾 Save, send later
plan-sent = 📤 The plan went to the mentee. I'll tell you when they agree or ask for a change.
plan-sent-group = 📤 The plan went to the mentees. I'll tell you when one of them agrees or asks for a change.
plan-kept-draft = 💾 The plan is saved as a draft. The mentees can't see it yet: press “Send” when you're ready.
plan-error-exists = This pair already has a plan (it seems it was written on another device). Here it is:

## Messages to mentees
plan-sent-notice = 📝 Your mentor ({ $mentor }) wrote your plan: a goal and milestones. Have a look and say if you agree.
plan-changed-notice = 📝 Your mentor ({ $mentor }) changed your plan. Have a look and say if you agree.
plan-done-by-mentor-notice = ✅ Your mentor ({ $mentor }) marked a step of the plan as done: “{ $title }”. Keep it up!

## The mentee agrees
plan-agreed = 🤝 Thank you! You agreed to the plan. I told your mentor.
plan-ask-change = ✏️ What would you like to change in the plan, and why? Write it in your own words, up to 1000 characters.
plan-change-sent = 📨 I passed your request on to your mentor. When they change the plan, I'll send it to you again.
plan-error-not-sent = The mentor hasn't sent this plan yet.
plan-error-changed-since = This plan has changed since then. Here is how it looks now:
plan-error-already-agreed = This plan is already agreed. Here it is:
plan-error-change-already-asked = You already asked for a change to this plan. Your mentor got it: wait for their answer.
plan-error-mentee-only = Only a mentee can agree to the plan or ask for a change.

## Messages to the mentor
plan-agreed-notice = 🤝 { $mentee } agreed to the plan.
plan-change-notice =
    ✏️ { $mentee } asks for a change to the plan:
    “{ $text }”
    Open the plan to change the goal or the milestones.
plan-done-by-mentee-notice = ✅ { $mentee } marked a step of the plan as done: “{ $title }”.

## Changing the plan
plan-goal-now = The goal now: “{ $goal }”. Write the new one.
plan-saved = 💾 Saved.
plan-saved-reopened = 💾 Saved. The plan changed, so I asked the mentees to look at it again and agree.
plan-error-mentor-only = Only the mentor can change the plan. You can agree to it, ask for a change or mark a step as done.
plan-error-already-sent = The plan has already been sent.
plan-error-full = The plan already has { $max ->
        [one] { $max } milestone
       *[other] { $max } milestones
    }: no room for more. You can change or remove one of them.
plan-error-unknown = There is no such plan: the button may be from an old message.
plan-error-milestone-gone = This milestone is no longer in the plan.
plan-error-after-cycle = That is after the cycle ends ({ $end }). Choose a date no later than that.
plan-milestone-what-mentor = What shall we do with this milestone?
plan-milestone-what-mentee = Is this step done? Then mark it: your mentor will see.
button-plan-edit-title = ✏️ What to do
button-plan-edit-date = 📅 Date
button-plan-edit-evidence = 🔎 How it's shown
button-plan-done = ✅ Done
button-plan-undone = ↩️ Not done yet
button-plan-remove = 🗑 Remove
button-plan-back = ⬅️ Back to the plan
plan-remove-sure = Remove milestone { $number } “{ $title }” from the plan?
button-plan-remove-yes = Yes, remove it
button-plan-remove-no = No, keep it
plan-milestone-removed = 🗑 Milestone { $number } is removed from the plan.
plan-milestone-removed-reopened = 🗑 Milestone { $number } is removed. The plan changed, so I asked the mentees to look at it again and agree.
plan-milestone-marked-done = ✅ Step { $number } is marked as done. Well done!
plan-milestone-marked-undone = ↩️ Step { $number } is back in progress.
plan-milestone-already-done = Step { $number } is already marked as done.
plan-milestone-already-undone = Step { $number } is not marked as done anyway.

## Pairs' plans for the coordinator
plans-title =
    📝 Pairs' plans — { $org }
    Pairs and groups at work: { $total } · with a plan: { $planned } · agreed: { $agreed } · with overdue milestones: { $overdue }
    Page { $page } of { $pages }
plans-line = { $number }. { $pair } — { $status }; milestones done: { $done } of { $total }
plans-line-overdue = { $number }. { $pair } — { $status }; milestones done: { $done } of { $total }; ⏰ overdue: { $overdue }
plans-line-none = { $number }. { $pair } — no plan yet
plans-empty = No pairs are at work now, so there are no plans. They appear once pairs are published.
button-plans-open = 📄 { $number }. { $mentor }
plan-view-unknown = There is no such pair in your organisation (or it is no longer at work).
plan-view-none = { $pair }: the mentor hasn't written a plan yet.
