## The introduction of mentors and mentees (stage 5): the coordinator schedules it, pairs and parents answer, the coordinator ticks which pairs came

## audience: adult

button-introduction = 🤝 Introduction
button-introduction-new = 📅 Schedule an introduction
button-introduction-refresh = 🔄 Refresh
button-introduction-attendance = ✅ Tick who came
button-introduction-attendance-on = ✅ Who came { $date }
button-introduction-attendance-at = ✅ Who came { $date } at { $time }
button-introduction-all-pairs = For all pairs ({ $pairs })
button-introduction-some-pairs = Choose pairs
button-introduction-send = 📤 Send the invitations
introduction-no-cycle = There is no open programme cycle now. The introduction is scheduled once pairs are published.
introduction-no-pairs = The introduction is scheduled once pairs are published. First form and publish the pairs with «🤝 Form pairs and groups» on the «📋 Programme» screen.
introduction-not-now = A new introduction is scheduled while the pairs are starting their work. The stage now: { $stage }.
introduction-none =
    🤝 The introduction of mentors and mentees is not scheduled yet.
    At the meeting the pairs get to know each other, and parents meet the mentors. You can gather all pairs at one meeting or schedule a separate one for some of them.
introduction-waiting = Pairs without an introduction: { $pairs }. You can schedule a meeting for them.
introduction-all-invited = Every published pair is already invited to an introduction.
introduction-details =
    🤝 Introduction — cycle «{ $cycle }»
    📅 { $when }
    📍 { $place }
    Pairs: { $pairs }
introduction-attendance-line = Pairs that came: { $held } of { $pairs }. Did not come: { $missed }. Not ticked: { $open }.
introduction-pairs-question = Schedule the introduction for all pairs without one, or only for some?
introduction-pairs-choose = Tick the pairs to invite to this meeting.
introduction-pair = { $mentor } — { $mentees }
introduction-intro =
    🤝 Let's schedule the introduction of cycle «{ $cycle }».
    The mentors and mentees of these pairs and the parents who gave consent will be invited — { $count } in all.
    I'll ask the date, time, place and description, then show you the whole invitation.
introduction-description-question =
    What will happen at the meeting? For example: pairs meet, a talk about the programme, parents' questions. Up to { $max } { $max ->
        [one] character
       *[other] characters
    }.
    The first line becomes the event's title in calendars.
introduction-preview =
    Check the invitation. It goes to: { $count }.

    🤝 Introduction of mentors and mentees — { $org }
    📅 { $when }
    📍 { $place }

    { $description }

    Send the invitations?
introduction-sent = 📤 Invitations queued: { $count }. I don't write to children between 21:00 and 8:00 — their invitations wait until the morning. Answers will appear here: press «🔄 Refresh».
introduction-taken = While you were writing, another coordinator already invited these pairs, so your invitation was not sent.
introduction-moved = While you were writing, the programme cycle changed, so nothing was sent.
introduction-start-passed = While we were writing the invitation, that time has passed. Let's pick the day and time again — the place and description are one tap away.
introduction-not-found = This introduction was not found or was called off. Open the introduction screen again.
introduction-attendance-not-yet = The introduction starts { $when }. You can tick which pairs came once it has begun.
introduction-attendance-question =
    Which pairs came to the introduction { $when }?
    Tick the pairs that came and press «Done» — the others are recorded as not come.
introduction-attendance-saved = ✅ Recorded: pairs that came — { $held } of { $pairs }.

## The invitation

# audience: child
introduction-invitation-mentee =
    🤝 You're invited to meet your mentor!
    { $org }

    📅 { $when }
    📍 { $place }

    { $description }

    Will you come? Press a button so we know whom to expect. Open the file to add the meeting to your calendar.
# audience: any
introduction-invitation =
    🤝 You're invited to the introduction of mentors and mentees of the mentoring programme.
    { $org }

    📅 { $when }
    📍 { $place }

    { $description }

    Will you come? Answer with a button — it helps the organisers prepare. The file adds the meeting to your calendar.

## The monitoring report

## audience: adult

introduction-report-held = Introduction held (pairs that came, of all): { $held } of { $pairs }

## Changing and calling off an introduction

## audience: adult

button-introduction-edit = ✏️ Change the introduction
button-introduction-cancel = ❌ Call the introduction off
button-introduction-edit-on = ✏️ Change { $date }
button-introduction-cancel-on = ❌ Call off { $date }
button-introduction-edit-at = ✏️ Change { $date } at { $time }
button-introduction-cancel-at = ❌ Call off { $date } at { $time }
introduction-change-intro =
    ✏️ Let's change the introduction. I'll ask the date, time, place and description again; the old place and description are one press away.
    If the time changes, the answers are cleared and I'll ask everyone invited again.
introduction-change-preview =
    Check what the people invited ({ $count }) will get:

    ✏️ The introduction of mentors and mentees has changed, { $org }
    📅 { $when }
    📍 { $place }

    { $description }

    Send the changes?
button-introduction-send-changes = 📤 Send the changes
introduction-change-sent = ✏️ The changes went to the people invited: { $count }. Their answers still stand.
introduction-change-sent-ask-again = ✏️ The changes went to the people invited: { $count }. The time changed, so their answers were cleared and they will answer again.
introduction-change-stale = While you were writing, another coordinator changed or called off this introduction, so your changes were not sent. Here it is now:
introduction-change-begun = This introduction has already begun: it can no longer be changed or called off. You can tick which pairs came on the introduction screen.
introduction-cancel-confirm = Call off the introduction on { $when }? The people invited ({ $count }) will be told.
introduction-cancel-kept = All right, the introduction stays.
introduction-cancel-done = The introduction is called off. The people invited ({ $count }) will be told. You can schedule a new introduction for its pairs.

## To the people invited: changes and calling off

introduction-changed-mentee =
    ✏️ Something changed about meeting your mentor!
    { $org }

    📅 { $when }
    📍 { $place }

    { $description }

    The file below updates it in your calendar. If you already answered, your answer is still the same: you can change it with the buttons.
introduction-changed =
    ✏️ The introduction of mentors and mentees has changed.
    { $org }

    📅 { $when }
    📍 { $place }

    { $description }

    The file below updates it in your calendar. If you already answered, your answer still stands: you can change it with the buttons.
introduction-changed-time-mentee =
    ✏️ Meeting your mentor has moved to another time!
    { $org }

    📅 { $when }
    📍 { $place }

    { $description }

    The file below updates it in your calendar. Can you come at the new time? Press a button.
introduction-changed-time =
    ✏️ The introduction of mentors and mentees has moved.
    { $org }

    📅 { $when }
    📍 { $place }

    { $description }

    The file below updates it in your calendar. Can you come at the new time? Please answer with a button.
introduction-cancelled-mentee =
    😔 Meeting your mentor on { $when } has been called off.
    { $org }
    The file below takes it out of your calendar. If a new one is planned, I'll send you an invitation.
introduction-cancelled =
    The introduction of mentors and mentees on { $when } has been called off.
    { $org }
    The file below takes it out of your calendar. If a new one is planned, I'll send an invitation.

## Answers to the invitation's buttons

introduction-reply-cancelled = This introduction was called off. If a new one is planned, I'll send an invitation.
introduction-reply-past = The introduction on { $when } has already begun or passed, so no answer is needed any more. Thank you!
introduction-reply-not-invited = This invitation to an introduction is not for this account: the button may come from someone else's message. If you are expecting an invitation to an introduction, please ask the programme coordinator.
