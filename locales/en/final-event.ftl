## The cycle's final event: announced by a coordinator, invitations, "I'll come" / "I can't" answers

## The coordinator announces

final-event-no-cycle = There is no open programme cycle right now. The final event is announced at the end of a cycle, at the "closing" stage.
final-event-not-yet =
    The final event is announced at the "closing" stage of the cycle. The stage now: { $stage }.
    The cycle ends on { $end }. Once the programme moves to closing, this button appears on the "📋 Programme" screen, and then we invite everyone.
final-event-intro =
    🎉 Let's announce the final event of the cycle "{ $cycle }".
    The invitation goes to the mentees, their mentors, the parents who gave consent and the other coordinators: { $count } in all.
    I'll ask for the date, the time, the place and a description, then show you the whole invitation.
final-event-date-question = On what day? Press a button or type a date: 25.05, "in 2 weeks", "on Friday".
final-event-time-question = { $date }. What time does it start? Press a button or type a time, for example 16:30.
final-event-place-question = Where does it take place? Type the address or the hall (up to { $max ->
        [one] { $max } character
       *[other] { $max } characters
    }).
final-event-place-too-long = The place is long: { $length ->
        [one] { $length } character
       *[other] { $length } characters
    }, and { $max } fit. Keep the address or the hall's name; details can go in the description.
final-event-description-question =
    Tell people what will happen: the programme, what to bring, whether families are welcome. Up to { $max ->
        [one] { $max } character
       *[other] { $max } characters
    }.
    The first line becomes the event's title in calendars.
final-event-description-too-long = The text is long: { $length ->
        [one] { $length } character
       *[other] { $length } characters
    }, and { $max } fit in the invitation. Please shorten it to the essentials: what happens, when to come and what to bring.
final-event-preview =
    Check the invitation. It goes to: { $count }.

    🎉 The final event of the mentoring programme, { $org }
    📅 { $when }
    📍 { $place }

    { $description }

    Send the invitations?
button-final-event-send = 📤 Send invitations
button-final-event-change = ✏️ Change
button-final-event-keep-place = 📍 { $place }
button-final-event-keep-description = 📝 Keep the description
final-event-start-passed = That time passed while we were writing the invitation. Let's choose the day and the time again; the place and the description can stay as they were with one press.
final-event-sent = 📤 Invitations queued: { $count }. I don't write to children from 21:00 to 8:00: at that time theirs wait until the morning. Answers show up here: press "🔄 Refresh".
final-event-taken = Another coordinator has already announced this cycle's final event, so yours was not sent. Here it is:
final-event-moved = The programme's cycle changed while you were writing, so nothing was sent. Open the final event again.

## The coordinator's event screen

final-event-details =
    🎉 The final event of the cycle "{ $cycle }"
    📅 { $when }
    📍 { $place }

    { $description }
final-event-counts =
    Invited: { $invited }
    ✅ Coming: { $coming }
    ❌ Can't come: { $notComing }
    ⏳ Not answered yet: { $waiting }
final-event-counts-role = { $role }: { $invited } invited, { $coming } coming, { $notComing } can't, { $waiting } not answered
final-event-line-next =
    { $line }
    { $next }
final-event-role-mentee = 🧒 Mentees
final-event-role-mentor = 🧑‍🏫 Mentors
final-event-role-parent = 👪 Parents
final-event-role-coordinator = 📋 Coordinators
button-final-event-refresh = 🔄 Refresh

## The invitation

final-event-invitation-mentee =
    🎉 You're invited to a celebration: the final event of the mentoring programme!
    { $org }

    📅 { $when }
    📍 { $place }

    { $description }

    Will you come? Press a button so we know how many guests to expect. Open the file and the party appears in your calendar.
final-event-invitation =
    🎉 You are invited to the final event of the mentoring programme.
    { $org }

    📅 { $when }
    📍 { $place }

    { $description }

    Will you come? Please answer with a button: it helps the organisers prepare. The file adds the event to your calendar.
button-final-event-coming = ✅ I'll come
button-final-event-not-coming = ❌ I can't

## Answers

final-event-answer-coming = "I'll come"
final-event-answer-not-coming = "I can't"
final-event-reply-coming-mentee = 🎉 Hooray! I've noted that you're coming. See you { $when }, at { $place }.
final-event-reply-not-coming-mentee = What a pity! I've noted it. If your plans change, press "✅ I'll come".
final-event-reply-coming = ✅ Thank you! Noted: you're coming. See you { $when }, at { $place }.
final-event-reply-not-coming = Thank you for letting us know. Noted: you can't come. If your plans change, press "✅ I'll come".
final-event-reply-changed-mentee = 🔁 I've changed your answer.
final-event-reply-changed = 🔁 Your answer is changed.
final-event-reply-same-mentee = You've already answered { $answer }: it's all noted!
final-event-reply-same = You have already answered { $answer }: it's noted.
final-event-reply-past = The event on { $when } has already begun or passed, so no answer is needed any more. Thank you!
final-event-reply-not-invited = This invitation is not for this account: the button may come from someone else's message. If you are expecting an invitation to the final event, please ask the programme coordinator.

## Changing and calling off

button-final-event-edit = ✏️ Change the event
button-final-event-cancel = ❌ Call the event off
final-event-change-intro =
    ✏️ Let's change the final event. I'll ask the date, time, place and description again; the old place and description are one press away.
    If the time changes, the guests' answers are cleared and I'll ask them again.
final-event-change-preview =
    Check what the guests ({ $count }) will get:

    ✏️ The final event has changed, { $org }
    📅 { $when }
    📍 { $place }

    { $description }

    Send the changes?
button-final-event-send-changes = 📤 Send the changes
final-event-change-sent = ✏️ The changes went to the guests: { $count }. Their answers still stand.
final-event-change-sent-ask-again = ✏️ The changes went to the guests: { $count }. The time changed, so their answers were cleared and they will answer again.
final-event-change-stale = While you were writing, another coordinator changed or called off the event, so your changes were not sent. Here it is now:
final-event-change-none = The final event has not been announced yet: there is nothing to change.
final-event-change-begun = The event has already begun: it can no longer be changed or called off.
final-event-cancel-confirm = Call off the final event on { $when }? The guests ({ $count }) will be told.
button-final-event-cancel-confirm = ❌ Yes, call it off
button-final-event-cancel-keep = Keep it
final-event-cancel-kept = All right, the event stays.
final-event-cancel-done = The event is called off. The guests ({ $count }) will be told. You can announce a new one with "🎉 Final event".

## To guests: changes and calling off

final-event-changed-mentee =
    ✏️ Something changed about the mentoring programme's celebration!
    { $org }

    📅 { $when }
    📍 { $place }

    { $description }

    The file below updates it in your calendar. If you already answered, your answer is still the same: you can change it with the buttons.
final-event-changed =
    ✏️ The final event of the mentoring programme has changed.
    { $org }

    📅 { $when }
    📍 { $place }

    { $description }

    The file below updates it in your calendar. If you already answered, your answer still stands: you can change it with the buttons.
final-event-changed-time-mentee =
    ✏️ The mentoring programme's celebration has moved to another time!
    { $org }

    📅 { $when }
    📍 { $place }

    { $description }

    The file below updates it in your calendar. Can you come at the new time? Press a button.
final-event-changed-time =
    ✏️ The final event of the mentoring programme has moved.
    { $org }

    📅 { $when }
    📍 { $place }

    { $description }

    The file below updates it in your calendar. Can you come at the new time? Please answer with a button.
final-event-cancelled-mentee =
    😔 The mentoring programme's celebration on { $when } has been called off.
    { $org }
    The file below takes it out of your calendar. If a new one is planned, I'll send you an invitation.
final-event-cancelled =
    The final event of the mentoring programme on { $when } has been called off.
    { $org }
    The file below takes it out of your calendar. If a new one is planned, I'll send an invitation.
final-event-reply-cancelled = This event was called off. If a new one is planned, I'll send an invitation.
