## Meetings of a pair or group: invitations, answers, calendar files, reminders, the tick afterwards

meetings-weekday-1 = Mon
meetings-weekday-2 = Tue
meetings-weekday-3 = Wed
meetings-weekday-4 = Thu
meetings-weekday-5 = Fri
meetings-weekday-6 = Sat
meetings-weekday-7 = Sun
meetings-month-1 = Jan
meetings-month-2 = Feb
meetings-month-3 = Mar
meetings-month-4 = Apr
meetings-month-5 = May
meetings-month-6 = Jun
meetings-month-7 = Jul
meetings-month-8 = Aug
meetings-month-9 = Sep
meetings-month-10 = Oct
meetings-month-11 = Nov
meetings-month-12 = Dec
meetings-when = { $weekday } { $day } { $month }, { $time }

## The meetings screen

meetings-which-pair = Who is the meeting with? Choose the pair or group.
meetings-title = 📅 Meetings — { $pair }
meetings-upcoming =
    Coming up:
    { $lines }
meetings-upcoming-none = No meetings coming up yet. Press “📅 Propose a meeting” to choose a day and time.
meetings-recent =
    Recent:
    { $lines }
meetings-line = • { $when } · { $minutes } min · { $place } — { $state }
meetings-line-note = { $line } · 📝 “{ $note }”
meetings-line-next =
    { $line }
    { $next }
meetings-state-proposed = ⏳ waiting for an answer
meetings-state-your-answer = 💬 waiting for your answer
meetings-state-accepted = ✅ agreed
meetings-state-declined = ✖️ called off
meetings-state-rescheduled = 🔁 another time proposed
meetings-state-held = ✔️ took place
meetings-state-missed = ❌ did not take place
meetings-state-moved = 🔁 moved
button-meeting-propose = 📅 Propose a meeting
button-meeting-answer = 💬 Answer: { $when }
button-meeting-cancel = ✖️ Call off: { $when }

## Proposing

meetings-propose-intro = Let's propose a meeting. The invitation goes to: { $to }. We'll choose the day, the time, how long it lasts and where; then I'll show you all of it.
meetings-date-question = Which day? Press a button or type a date: 25.12, “tomorrow”, “Friday”.
meetings-time-question = { $date }. What time? Press a button or type a time, for example 16:30.
meetings-length-question = How long will the meeting last? Press a button or type the minutes, from { $min } to { $max }.
meetings-length-button = { $minutes } min
meetings-place-question = Where do you meet? Type a room or an address. For a video call, send the link or press “💻 Online”.
button-meeting-online = 💻 Online
button-meeting-same-place = 📍 { $place }
meetings-place-online = online
meetings-preview =
    Check the invitation. It goes to: { $to }

    📅 { $when }
    ⏱ { $minutes } min
    📍 { $place }

    Send it?
button-meeting-change = ✏️ Change
meetings-overlap = There is already another meeting at that time, yours or the other person's. Let's choose another time.
meetings-sent = 📤 The invitation for { $when } is sent to: { $to }. I'll tell you when they answer.
meetings-proposal =
    📅 { $who } proposes a meeting:
    { $when }, { $minutes } min
    📍 { $place }

    Does it suit you?
meetings-counter-proposal =
    🔁 { $who } can't make { $old } and proposes another time:
    { $when }, { $minutes } min
    📍 { $place }

    Does it suit you?
button-meeting-accept = ✅ Suits me
button-meeting-decline = ✖️ I can't
button-meeting-another-time = 🔁 Another time
meetings-another-time-intro = { $when } doesn't suit you, so let's propose another time. The invitation goes to: { $to }.

## Answers

meetings-accepted-you =
    ✅ Agreed! Meeting with: { $with }
    📅 { $when }, { $minutes } min
    📍 { $place }

    Open the file to add the meeting to your calendar. I'll remind you a day and an hour before.
meetings-accepted-notice =
    ✅ Agreed! { $who } answered “Suits me”.
    📅 { $when }, { $minutes } min
    📍 { $place }

    Open the file to add the meeting to your calendar. I'll remind you a day and an hour before.
meetings-declined-you = All right, I'll pass on that this time doesn't suit you. The invitation came from: { $to }. You can propose another time right away.
meetings-declined-notice = ✖️ { $who } can't meet on { $when }. You can propose another time.
meetings-not-yours = This button is about a meeting you are not part of (or the pair has finished).
meetings-own-proposal = This is your own invitation. The answer comes from: { $to }. I'll tell you when they answer.
meetings-answer-by-other = This invitation is answered by: { $to }.
meetings-already-answered = This invitation has been answered already: { $state }. All meetings are on the “📅 Meetings” screen.
meetings-already-answered-short = This invitation was answered while you were choosing a time. Have a look at the “📅 Meetings” screen.
meetings-too-late = The time of the meeting, { $when }, has passed, so the invitation can't be answered. Propose a new time.

## Calling off

meetings-cancel-question = Call off the meeting on { $when }? I'll tell: { $to }.
meetings-withdraw-question = Withdraw the invitation for { $when }? I'll tell: { $to }.
button-meeting-cancel-yes = Yes, call it off
button-meeting-cancel-no = No, keep it
meetings-cancel-kept = All right, nothing changes.
meetings-cancelled-you = ✖️ The meeting on { $when } is called off. Open the file to remove it from your calendar.
meetings-withdrawn-you = The invitation for { $when } is withdrawn.
meetings-cancelled-notice = ✖️ { $who } called off the meeting on { $when }. Open the file to remove it from your calendar.
meetings-withdrawn-notice = ✖️ { $who } withdrew the invitation for { $when }. No need to answer it.
meetings-cancel-too-late = This meeting can't be called off any more: { $state }.
meetings-cancel-not-yours = This invitation was sent to you: you can answer it, but not call it off. Now: { $state }.

## Reminders

meetings-reminder-day = ⏰ Meeting tomorrow: { $when }, 📍 { $place }.
meetings-reminder-hour = ⏰ Meeting in an hour: { $when }, 📍 { $place }.

## After the meeting

meetings-follow-up = The meeting on { $when } ({ $place }) has ended. How did it go? Please tick it off.
button-meeting-held = ✅ Took place
button-meeting-missed = ❌ Didn't take place
button-meeting-moved = 🔁 Moved
meetings-note-question = Great! Write one line about the meeting: what you did, what you agreed on. Or press “Skip”.
button-meeting-skip = Skip
meetings-held-saved = ✔️ Noted: the meeting took place. Thank you!
meetings-note-saved = ✔️ Noted: the meeting took place. Note: “{ $note }”
meetings-missed-saved = Noted: the meeting didn't take place. You can propose a new one on the “📅 Meetings” screen.
meetings-moved-saved = Noted: the meeting was moved. Propose the new time with the button below.
button-meeting-propose-new-time = 📅 Propose the new time
meetings-tick-already = The meeting on { $when } is ticked off already: { $state }.
meetings-mentor-ticks = Only the mentor ticks off whether a meeting took place.

## Moving an agreed meeting

meetings-move-button = 📅 Move: { $when }
meetings-move-state-pending = ✅ agreed · 🔁 waiting for an answer about moving it
meeting-move-intro = Let's move the meeting on { $when } to another time. We'll choose the new day, time, how long it lasts and where. The question about the move goes to: { $to }. Until they answer, the meeting stays as it was.
meeting-move-same-length = ⏱ As before: { $minutes } min
meeting-move-preview =
    Check the move. The question goes to: { $to }

    Was: { $old }
    Will be:
    📅 { $when }
    ⏱ { $minutes } min
    📍 { $place }

    Send it?
meeting-move-unchanged = That is the same time and place as now. Choose another day or time.
meeting-move-sent = 📤 I asked about moving the meeting on { $old } to { $when }. The answer comes from: { $to }. Until they answer, the meeting stays as it was.
meeting-move-proposal =
    🔁 { $who } asks to move the meeting on { $old } to another time:
    { $when }, { $minutes } min
    📍 { $place }

    Does it suit you? Until you answer, the meeting stays as it was.
meeting-move-counter =
    🔁 { $who } can't make { $old } and proposes moving the meeting on { $agreed } to another time:
    { $when }, { $minutes } min
    📍 { $place }

    Does it suit you? Until you answer, the meeting stays as it was: { $agreed }.
meeting-move-accepted-you =
    ✅ The meeting is moved! Meeting with: { $with }
    Was: { $old }
    Now: 📅 { $when }, { $minutes } min
    📍 { $place }

    Open the file and the meeting moves to the new time in your calendar. I'll remind you a day and an hour before.
meeting-move-accepted-notice =
    ✅ The meeting is moved! { $who } answered “Suits me”.
    Was: { $old }
    Now: 📅 { $when }, { $minutes } min
    📍 { $place }

    Open the file and the meeting moves to the new time in your calendar. I'll remind you a day and an hour before.
meeting-move-declined-you = All right, the meeting stays as it was: { $old }. I'll pass on that the new time doesn't suit you. The request to move it came from: { $to }.
meeting-move-declined-notice = ✖️ { $who } can't make { $when }. The meeting stays as it was: { $old }.
meeting-move-begun-answer = The meeting on { $old } has already begun, so it can't be moved. You can propose a new meeting on the “📅 Meetings” screen.
meeting-move-not-agreed = This meeting can't be moved any more: { $state }. All meetings are on the “📅 Meetings” screen.
meeting-move-begun = The meeting on { $when } has already begun, so it can't be moved.
meeting-move-pending = A move of this meeting is already proposed: to { $when }. The answer comes from: { $to }. Until they answer, a second move can't be proposed.
meeting-move-pending-yours = A move of this meeting is already proposed: to { $when }. It's waiting for your answer: press the button below.
meeting-move-gone = The meeting on { $when } was called off or moved while you were choosing a time. Have a look at the “📅 Meetings” screen.
