# Check-ins: how the plan goes, every few days; alerts to the coordinators about pairs.

check-ins-ask-mentee =
    Hi! 👋 Tell me how your plan is going. Your mentor: { $mentor }.
    Press the button and answer a few short questions. It takes a minute.
check-ins-ask-mentor =
    📋 Time to check the plan: { $mentees }.
    Press the button and mark how the current steps are going. It takes a minute.
check-ins-plan-missing =
    📋 Time to check how things are going: { $mentees }. But the plan has no steps yet.
    Please write the plan: a goal and steps with dates.
check-ins-button-answer = ✍️ Answer
check-ins-button-plan = 📝 Write the plan

check-ins-not-yours = This check-in is someone else's, so you cannot answer it. 🙂
check-ins-already-answered = This check-in is already answered. Thank you! 🙌
check-ins-stale = This check-in is old: a new one has come. Please answer that one. 🙂
check-ins-pair-over = This pair is no longer in the programme. No need to answer.
check-ins-nothing-now = Every step of the plan is done, nothing to ask. Great work! 🎉

check-ins-intro-mentee = Let's go through the plan. Steps: { $count }. Press one button for each.
check-ins-intro-mentor = Let's go through the current steps of the plan ({ $count }). Press one button for each.
check-ins-question-mentee =
    Step { $number } of { $count }: “{ $title }”
    Due: { $due }
    How is this step going for you?
check-ins-question-mentor =
    Step { $number } of { $count }: “{ $title }”
    Due: { $due }
    How is this step going?
check-ins-due = { $date }
check-ins-due-passed = { $date } (already passed)
check-ins-button-done = ✅ Done
check-ins-button-on-track = 👍 On track
check-ins-button-stuck = 😕 Stuck
check-ins-why-mentee = What is in the way? Write a few words (up to { $max ->
        [one] { $max } character
       *[other] { $max } characters
    }).
check-ins-why-mentor = What is in the way? A few words for the coordinator (up to { $max ->
        [one] { $max } character
       *[other] { $max } characters
    }).
check-ins-reason-too-long = That is very long 🙂 Please keep it short: up to { $max ->
        [one] { $max } character
       *[other] { $max } characters
    }.

check-ins-thanks-mentee = Thank you! I saved your answers. 🙌
check-ins-thanks-mentor = Thank you! Your answers are saved.
check-ins-thanks-stuck-mentee = Thank you! I told the coordinator that something is hard. They will help you. 🤝
check-ins-thanks-stuck-mentor = Thank you! The coordinator will hear about the difficulty and get in touch.
check-ins-marked-done = Marked as done in the plan: { $count }.

check-ins-pair = mentor { $mentor } — { $mentees } (“{ $org }”)
check-ins-who-mentor = Mentor { $name }
check-ins-who-mentee = Mentee { $name }
check-ins-alert-stuck =
    ⚠️ A pair needs help: { $pair }.
    { $who } says a step is stuck, “{ $title }”: “{ $reason }”
check-ins-alert-missed =
    ⚠️ A pair needs attention: { $pair }.
    Two meetings in a row did not happen.
check-ins-alert-quiet =
    ⚠️ A pair needs attention: { $pair }.
    No meeting for { $days } { $days ->
        [one] day
       *[other] days
    }.
