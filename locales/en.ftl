# Nastavnik — the bot's texts in English. Keys are grouped by flow and mirror ru.ftl.
# Children from 10 read these: short sentences, friendly, no jargon.

## Common words

plain = { $text }
platform-telegram = Telegram
platform-vk = VK
platform-max = MAX
role-coordinator = coordinator
role-mentee = mentee
role-mentor = mentor
role-parent = parent
status-awaiting_consent = ⏳ waiting for a parent's consent
status-active = ✅ taking part
status-declined = ⛔ a parent did not consent
status-withdrawn = ⛔ consent withdrawn
status-left = deleted their data
status-mentor-pending = ⏳ waiting for the coordinator's approval
status-mentor-declined = ⛔ not approved by the coordinator
status-parent-active = ✅ consent given
status-parent-declined = ⛔ consent not given
status-parent-withdrawn = ⛔ consent withdrawn

direction-studies = 📚 Studies
direction-additional_education = 🎨 Clubs and activities
direction-projects = 🛠 Projects
direction-career = 🧭 Choosing a career
direction-civic = 🤝 Volunteering

mentor-kind-teacher = Teacher
mentor-kind-student = Older student
mentor-kind-university_student = University or college student
mentor-kind-adult = Adult specialist or employer

list-0 = —
list-1 = { $d0 }
list-2 = { $d0 }, { $d1 }
list-3 = { $d0 }, { $d1 }, { $d2 }
list-4 = { $d0 }, { $d1 }, { $d2 }, { $d3 }
list-5 = { $d0 }, { $d1 }, { $d2 }, { $d3 }, { $d4 }

choice-selected = ✅ { $label }
choice-unselected = ▫️ { $label }
choose-many-hint = Tap the buttons to pick. When you are done, tap "Done". You can also type the numbers, like: 1 3
language-question = Which language do you prefer? / На каком языке тебе удобнее?
language-ru = Русский
language-en = English
language-saved = Done, I'll speak English now.

## Buttons

button-back = ⬅️ Back
button-cancel = ✖️ Cancel
button-done = Done
button-save = 💾 All correct, save
button-menu = 🏠 Menu
button-help = ❓ Help
button-language = 🌐 Language
button-profile = 👤 My profile
button-invite-links = 🔗 Invite links
button-base-mentees = 🧒 Mentees
button-base-mentors = 🧑‍🏫 Mentors
button-invite-coordinator = ➕ Add a coordinator
button-parent-consents = 📝 My consents
button-new-consent-link = 🔁 New link for my parent
button-consent-agree = ✅ I agree
button-consent-decline = ❌ I do not agree
button-withdraw-for = Withdraw consent: { $child }
button-keep-all = Change nothing
button-withdraw-yes = Yes, withdraw
button-withdraw-no = No, keep it
button-delete-me = 🗑 Delete my data
button-delete-yes = Yes, delete everything
button-delete-no = No, keep it
button-previous = ⬅️ Previous
button-next = Next ➡️

## Errors and hints

error-empty = That looks empty. Please answer in words.
error-too-long = That is too long. Please keep it under { $max ->
        [one] { $max } character
       *[other] { $max } characters
    }.
error-name-letters = A name can only have letters, spaces and hyphens. For example: Masha Ivanova.
error-age-number = Type your age as a number (like 13) or your birth year (like 2012).
error-mentee-age = The programme is for students from { $min } to { $max }. Please check the number.
error-mentor-age = A mentor should be from { $min } to { $max ->
        [one] { $max } year
       *[other] { $max } years
    } old. Please check the number.
error-grade = Type your class as a number and a letter if there is one: 7, 7B or 10A. At college, type for example "1 course".
error-capacity = Type a number from 1 to { $max }.
error-timezone = I don't know that time zone. Example: Europe/Moscow.
error-use-buttons = Please pick an answer with a button below.
error-choose-at-least = Pick at least { $min }.
error-unsupported = I can only read text and buttons. I can't read stickers, photos or voice messages yet 🙂
error-button-stale = That button is from an old message. Here is where we are:
error-button-unknown = I don't know that button. Here is where we are:
error-unknown-command = I don't know the command /{ $command }. See /help for the list.
error-generic = Oops, something went wrong. We are looking into it. Please try again a bit later or open /menu.
error-busy-wait = Wait a minute, please: I've hit a small delay. Your message won't be lost; I'll answer as soon as I can.
error-not-handled = Sorry, I could not handle one of your latest messages: the server was unavailable for too long. Please send it again or open /menu.
error-coordinators-only = Only the programme's coordinators can do this.
flow-cancelled = OK, cancelled. Nothing was saved.
flow-cancelled-kept = OK, cancelled. What was already done is saved:
nothing-to-cancel = There is nothing to cancel right now.
flow-in-progress = Let's finish what we started first, or tap "Cancel".
flow-restarted = Sorry, I was updated and couldn't continue from the same place. Let's start this step again.
help-in-flow = Answer the question below. If you changed your mind, tap "Cancel" or type /cancel.

## Telegram's command menu (the hints next to /commands)

command-start = Let's begin
command-menu = Main menu
command-profile = My profile
command-reminders = Reminders on or off
command-language = Change language
command-help = Help
command-link = Link accounts
command-delete_me = Delete my data
command-cancel = Cancel this step

## The bot's description (its Telegram profile: a parent who opens a forwarded link sees it, for one)

bot-description =
    Nastavnik is the bot of a school mentoring programme (the target model of the Russian Ministry of Education).
    It serves students aged 10–19, their mentors (teachers, older students, university students, specialists) and coordinators: joining through a school's link, the work plan, meetings, questions on how things go.
    A child's data is used only with a parent's consent, which can be withdrawn at any time.
    If someone forwarded you a link, open it: the bot explains who asks and what for.
bot-short-description = A school mentoring programme: students, mentors, coordinators. Children's data only with a parent's consent.

## Menu and help

welcome-new =
    Hi! I'm Nastavnik, the bot of the school and college mentoring programme. 👋
    To join, open the link the programme's coordinator gave you. No link? Ask the coordinator or your class teacher.
menu-unregistered =
    You are not registered in the programme yet.
    To join, open the link from the programme's coordinator.
menu-title = 🏠 Menu. { $name }, what shall we do?
menu-membership = • { $org }: { $role } — { $status }
consent-waiting-short = Until your parent answers, only the coordinator can see your form.
help-text =
    I help run the mentoring programme: I introduce mentors and students, remind about meetings and help the coordinator.

    Commands:
    /menu — main menu
    /profile — my profile: see and change it
    /reminders — turn reminders on or off
    /language — change the language
    /link — connect your messengers: Telegram, VK, MAX
    /delete_me — delete my data
    /cancel — cancel what was started
    /help — this help
help-coordinator =
    For coordinators:
    • "Programme" — the cycle, mentor selection, mentees' situations, announcements, forming pairs and groups, documents;
    • "Invite links" — links for mentees and mentors;
    • "Mentees" and "Mentors" — lists with consent status;
    • "Add a coordinator" — a one-time link for a colleague;
    • "Reports" — confidential "I need help from an adult" messages from mentees and parents.

## Invites

invite-unknown = This link doesn't work. Check that you copied all of it, or ask the coordinator for a new one.
invite-expired = This link has expired. A new one comes from whoever sent it: the programme coordinator, or, for a parent's link, the child ("New link for my parent" in their menu).
invite-used_up = This link has already been used or was replaced by a newer one. A new one comes from whoever sent it: the programme coordinator, or, for a parent's link, the child ("New link for my parent" in their menu).
register-already = You are already registered in this programme. Open /menu.
error-grade-age = Your age and class don't match: { $age } and { $grade }. Type your class again, or press "Back" if the age is wrong.
register-age-kept-child = You told me your age before: { $age }. I'll keep it, and the coordinator will know you typed a different one now. If it is wrong, tell the coordinator.
register-age-kept-adult = You gave your age before: { $age }. I'll keep it and let the coordinator know a different one was typed now. If it is wrong, please tell the coordinator.
register-mentor-too-young = You can become a mentor from { $min }, and your profile says you are younger. If your age there is wrong, tell the coordinator. Meanwhile you can take part as a mentee 🙂
age-conflict-coordinator = ⚠️ { $name } registered as { $role } and gave the age { $typed }, but earlier { $known }. I kept the earlier age: consent and the rules for children follow it. Please check with the participant which one is right.
invite-links-mentee = 🧒 Link for mentees ({ $org }). Forward it to the students:
invite-links-mentor = 🧑‍🏫 Link for mentors ({ $org }). Forward it to the mentors:
invite-links-coordinator = ➕ One-time link for a second coordinator ({ $org }). Send it only to your colleague; it works for 7 days:
invite-links-note = The links work for 60 days. I make new ones each time; the old ones keep working too, until you revoke them.
button-invite-links-revoke = 🚫 Revoke the links
invite-links-revoke-confirm = Revoke every open link for mentees and mentors of "{ $org }"? Nobody will be able to register with them. Those already registered stay in the programme, and you can get new links under "Invite links".
button-invite-links-revoke-yes = Yes, revoke
button-invite-links-revoke-no = No, keep them
invite-links-revoked = { $count ->
        [0] There were no open links: nothing to revoke.
        [one] { $count } link revoked. Nobody can register with it any more.
       *[other] { $count } links revoked. Nobody can register with them any more.
    }

## Mentee registration

register-mentee-welcome =
    Hi! This is the mentoring programme of { $org }. 👋
    Answer a few questions; it takes a couple of minutes. You can always go back with the "Back" button.
register-mentee-name = What's your name? Type your first and last name.
register-mentee-age = How old are you? You can type your birth year instead.
register-mentee-grade = What class are you in? For example: 7B.
register-mentee-directions = What are you interested in? Pick one or more.
register-mentee-goals = What would you like help with? Use your own words, like "get better at maths" or "choose a career".
register-mentee-summary =
    Please check:
    Name: { $name }
    Age: { $age }
    Class: { $grade }
    Interests: { $directions }
    I'd like help with: { $goals }
register-mentee-done = Hooray, { $name }, you are in the { $org } programme! 🎉 The coordinator will find you a mentor soon.
register-mentee-saved-needs-parent = Thank you, { $name }! Your form is saved. One step left: we need your parent's consent.

## Mentor registration

register-mentor-welcome =
    Hello! This is the mentoring programme of { $org }.
    A few questions about you, about three minutes. The "Back" button returns to the previous question.
register-mentor-name = What is your name? Last and first name.
register-mentor-kind = Who are you in the programme?
register-mentor-age = How old are you? You can give your birth year instead.
register-mentor-directions = In which directions can you help? Pick one or more.
register-mentor-offer = What can you help with? For example: "preparing for a physics olympiad", "a robotics project".
register-mentor-capacity = How many mentees can you take? A number from 1 to 10.
register-mentor-availability = When are you usually free to meet? For example: "Tuesday and Thursday after 4 pm".
register-mentor-summary =
    Please check your form:
    Name: { $name }
    Who you are: { $kind }
    Age: { $age }
    Directions: { $directions }
    I can help with: { $offer }
    Mentees: { $capacity }
    Free to meet: { $availability }
register-mentor-done = Thank you, { $name }! You are registered as a mentor in the { $org } programme. The coordinator will contact you here.
register-mentor-saved-needs-parent = Thank you, { $name }! Your form is saved. As you are under 18, we need a parent's consent.

## Coordinator registration

register-coordinator-welcome = Hello! You were invited as a coordinator of the { $org } mentoring programme.
register-coordinator-name = What is your name? Full name, please.
register-coordinator-done = Done, { $name }: you coordinate the { $org } programme. Your coordinator menu is below.

## Consent

consent-text-2026-11 =
    📄 Consent to take part in the mentoring programme and to the processing of personal data (version 2026-11)

    The school runs a mentoring programme following the target model of the Russian Ministry of Education (letter No. MR-42/02 of 23.01.2020).
    What we keep: first and last name, age (birth year), class, interests and what help is wanted, and the chat with the bot in Telegram or VK.
    Why: to find a mentor, arrange meetings and see how the programme goes.
    Who sees it: the programme's coordinator; a mentor sees the name, class and interests once the coordinator forms a pair.
    We do not keep addresses, marks or health details, and we do not give the child's contacts to the mentor.
    The data is kept on servers in Russia until the programme ends and is deleted on request.
    Consent can be withdrawn at any time with the "My consents" button: participation then stops and the data is deleted.

consent-text-2026-12 =
    📄 Consent to take part in the mentoring programme and to the processing of personal data (version 2026-12)

    The school runs a mentoring programme following the target model of the Russian Ministry of Education (letter No. MR-42/02 of 23.01.2020).
    What we keep: first and last name, age (birth year), class, interests and what help is wanted, and the chat with the bot in Telegram, VK or MAX.
    Why: to find a mentor, arrange meetings and see how the programme goes.
    Who sees it: the programme's coordinator; a mentor sees the name, class and interests once the coordinator forms a pair.
    We do not keep addresses, marks or health details, and we do not give the child's contacts to the mentor.
    The data is kept on servers in Russia until the programme ends and is deleted on request.
    Consent can be withdrawn at any time with the "My consents" button: participation then stops and the data is deleted.
consent-text-mentor-2026-12 =
    📄 A mentor's consent to take part in the mentoring programme and to the processing of personal data (version 2026-12)

    The school runs a mentoring programme following the target model of the Russian Ministry of Education (letter No. MR-42/02 of 23.01.2020).
    What we keep about a mentor: first and last name, age (birth year), their part in the programme (teacher, student, university student, adult specialist), directions, what help they offer, how many mentees they take and when they are free to meet, and the chat with the bot in Telegram, VK or MAX.
    Why: so that the coordinator can select and, where needed, train mentors, form pairs and groups, list them in the order fixing the pairs, help arrange meetings and see how the programme goes.
    Who sees it: the programme's coordinator; mentees and their parents see the mentor's name once the coordinator forms a pair.
    For an adult mentor the coordinator records that the certificate of no criminal record was checked (article 351.1 of the Labour Code); the bot does not keep the certificate itself.
    Contacts of mentors and mentees are not passed to each other: they talk within the programme.
    The data is kept on servers in Russia until the programme ends and is deleted on request.
    Consent can be withdrawn at any time: a mentor with the /delete_me command, the parent of an under-18 mentor with the "My consents" button. Participation then stops and the data is deleted.
consent-self-question-teen = You are 14 or older, so we need your own consent too (and then your parent's). Do you agree to take part on these terms?
consent-self-question-adult = Do you agree to take part in the programme and to the processing of your personal data on these terms?
consent-self-declined = OK. Without consent you can't take part, so I saved nothing. If you change your mind, open the coordinator's link again.
consent-link-instructions = Please forward the next message to your mum, dad or another legal guardian. They open the link and answer right in the chat. 👇
consent-link-for-parent = Hello! Your child has registered in the school mentoring programme. We need your consent: please open the link (one-time, valid for 30 days):
consent-link-line = { $platform }: { $url }
consent-link-open = Open in { $platform }
consent-waiting = ⏳ Waiting for your parent's answer. I'll message you as soon as they answer. Until then, only the coordinator can see your form.
consent-link-not-needed = No parent's consent is needed right now.
consent-link-is-for-parent = This link is for your parent: forward it to them. You don't need to open it yourself 🙂
consent-request-intro =
    Hello! The { $org } mentoring programme asks for your consent.
    Who asks: { $child }, aged { $age }, wants to take part as a { $role }.
    The consent text is below. Please read it.
consent-parent-name = What is your name? The full name of the legal guardian.
consent-parent-question = Do you consent to { $child } taking part in the programme and to the processing of personal data?
consent-granted-parent = Thank you! Your consent is recorded: { $child } takes part in the programme. You can see or withdraw it under "My consents".
consent-declined-parent = Understood, your refusal is recorded: { $child } will not take part and the data will not be used. If you change your mind, your child can send a new link.
consent-granted-child = 🎉 Your parent gave consent! You are now a full member of the programme. The coordinator will find you a mentor soon.
consent-granted-mentor = 🎉 Your parent gave consent! You are now in the programme as a mentor. The coordinator will look at your profile, approve it and pair you with mentees — I'll write to you when that happens.
consent-declined-child = Your parent has not given consent yet, so you can't take part. If you agree together later, tap "New link for my parent" in the menu.
consent-granted-coordinator = ✅ A parent ({ $parent }) gave consent: { $child } now takes part in the programme.
consent-declined-coordinator = ⛔ A parent ({ $parent }) did not consent: { $child } does not take part in the programme.
consent-giver-minor = This link is for a parent. Only an adult legal representative can give consent, and you are under 18. If it was sent to you by mistake, just close it 🙂
consent-giver-mentee = This link is for a parent. You take part in the programme yourself, so you can't give consent for another student. If it was sent to you by mistake, send it back 🙂
consent-review-parent = Thank you, your answer is recorded. Someone else answered such a link before and declined, so the coordinator will check the consent first and write to you with the decision.
consent-review-coordinator =
    ⚠️ A consent needs checking.
    Participant: { $child }.
    Earlier a parent ({ $previous }) declined, and now someone else has given consent: { $parent }.
    Make sure this is a legal representative (for example, call the parent), then accept or reject the consent. Until you decide, { $child } does not take part in the programme.
button-consent-review-accept = ✅ Accept the consent
button-consent-review-reject = ❌ Reject
consent-review-accepted = ✅ Consent accepted: { $child } takes part in the programme. I have told the participant and the parent.
consent-review-rejected = Consent rejected: { $child } does not take part in the programme. I have told the person who gave it.
consent-review-gone = This consent has already been decided: nothing to do.
retention-declined-erased = A parent did not give consent, and { $days ->
        [one] { $days } day
       *[other] { $days } days
    } have passed since, so I have deleted your profile. If you and your parent agree after all, ask the coordinator for a new invitation link.
retention-waiting-erased = A parent never answered the request for consent, and { $days ->
        [one] { $days } day
       *[other] { $days } days
    } have passed, so I have deleted your profile. If you want to take part, ask the coordinator for a new invitation link.
consent-review-accepted-parent = ✅ The coordinator has checked your consent: { $child } takes part in the programme. You can see or withdraw it under "My consents".
consent-review-rejected-parent = The coordinator did not confirm your consent, so { $child } does not take part in the programme. If this is a mistake, please contact the school's coordinator.
parent-consents-none = You have no consents in force.
parent-consents-title = 📝 Your consents:
parent-consents-line = • { $child } — { $org }, given { $date } via { $platform } (text version { $version })
parent-consents-question = Would you like to withdraw a consent?
withdraw-confirm = Withdraw consent for { $child }? Participation stops at once and all of the child's data is deleted. This can't be undone.
withdrawn-parent = Consent withdrawn. Participation has stopped and the child's data is deleted.
withdraw-already = This consent has already been withdrawn or is not available.
withdrawn-child = Your parent withdrew their consent, so your part in the programme has ended and your data is deleted. If you want to come back, ask the coordinator for a new link.
withdrawn-coordinator = ⛔ A parent withdrew consent for participant No. { $number }. Participation has stopped and their data is deleted.

## Profile

profile-none = There is no profile yet: register with the coordinator's link first.
profile-person =
    👤 Profile
    Name: { $name }
    Age: { $age }
    Language: { $language }
    Messengers: { $messengers }
profile-mentee =
    As a mentee:
    Class: { $grade }
    Interests: { $directions }
    I'd like help with: { $goals }
profile-mentor =
    As a mentor:
    Who: { $kind }
    Directions: { $directions }
    I can help with: { $offer }
    Mentees: { $capacity }
    Free to meet: { $availability }
profile-what-to-change = What would you like to change?
profile-name-question = What's your name? Type your first and last name.
profile-field-name = Name
profile-field-grade = Class
profile-field-directions = Interests
profile-field-mentor-directions = Mentor directions
profile-field-goals = Help wanted
profile-field-offer = Help offered
profile-field-capacity = Number of mentees
profile-field-availability = Free to meet
profile-saved = Saved ✅

## Deleting data

delete-nothing = Nothing about you is saved, so there is nothing to delete.
delete-confirm = Delete all your data? You will leave the programme, and the data can't be brought back.
delete-kept = OK, I won't delete anything.
delete-done = Done: your data is deleted. If you want to come back, ask the coordinator for a new link. Bye! 👋
deleted-coordinator = Participant No. { $number } ({ $role }) deleted their data and left the programme.

## Delivery (coordinators)

unreachable-coordinator = The bot can no longer reach { $name } ({ $role }): they blocked the bot on every messenger. Please contact them another way. Once they write to the bot again, messages will reach them as usual.

## Participant bases (coordinators)

base-mentee-title = 🧒 Mentees — { $org }: { $total } (page { $page } of { $pages })
base-mentor-title = 🧑‍🏫 Mentors — { $org }: { $total } (page { $page } of { $pages })
base-mentee-empty = No students have registered yet. Send them an invite link.
base-mentor-empty = No mentors have registered yet. Send them an invite link.
base-line-mentee = { $number }. { $name }, aged { $age }, { $detail } — { $status }
    { "   " }Interests: { $directions } · { $messengers }
base-line-mentor = { $number }. { $name }, aged { $age }, { $detail } — { $status }
    { "   " }Directions: { $directions } · { $messengers }

## Linking Telegram and VK

link-register-first = Register in the programme first, then connect your messengers.
link-code =
    🔗 Your one-time code: { $code }
    In the other messenger, send the bot: /link { $code }
    The code works for 15 minutes. Or open the link:
link-done = Done: your messengers are connected. I'll write to the one you used last.
link-unknown = There is no such code. Check the letters and digits, or get a new one with /link.
link-expired = The code has expired (it works for 15 minutes). Get a new one with /link.
link-used_up = This code has already been used. Get a new one with /link.
link-same = These messengers are already connected 🙂
link-conflict = This messenger already has a separate registration of yours, so they can't be connected. Delete one of them (/delete_me) or ask the coordinator.

## Programme: cycle, forms, directions (coordinators)

form-teacher_student = Teacher — student
form-student_student = Student — student
form-university_student_student = University student — student
form-adult_student = Adult (employer) — student
stage-matching = forming pairs and groups
stage-working = pairs and groups at work
stage-closing = closing the cycle
stage-archived = archived
picker-page = { $prompt } (page { $page } of { $pages })
button-programme = 📋 Programme
button-open-cycle = ➕ Open a programme cycle
button-org-forms = 🧩 Mentoring forms
button-match = 🤝 Form pairs and groups
button-export = 📄 Documents
button-review-mentors = 🧑‍🏫 Mentor selection
button-situations = 🔸 Mentees' situations
button-announce = 📣 Announcement
programme-no-cycle = 📋 The { $org } mentoring programme. No cycle is open yet: open one to form pairs.
programme-cycle =
    📋 Cycle "{ $name }": { $start } — { $end }
    Stage: { $stage }
    Directions: { $directions }
programme-forms = Forms: { $forms }
programme-counts =
    Mentees: ready to match — { $menteesReady }, waiting for consent — { $menteesWaiting }
    Mentors: approved — { $mentorsApproved } (places left — { $placesLeft }), waiting for a decision — { $mentorsNotApproved }
    Pairs and groups published: { $units } (mentees in them — { $paired })
cycle-already-open = The organisation's programme cycle is still running. A new one can be opened once it is finished.
cycle-name = What shall we call the cycle? For example: "Mentoring 2026/27".
cycle-start = When does the cycle start? For example: 01.12 or 01.12.2026 (today is { $today }).
cycle-end = When does the cycle end? For example: 31.05.2027.
cycle-forms = Which mentoring forms will the cycle use?
cycle-directions = Which directions will the cycle cover?
cycle-summary =
    Please check:
    Name: { $name }
    Dates: { $start } — { $end }
    Forms: { $forms }
    Directions: { $directions }
    Plan check-ins: { $checkIns }
cycle-check-ins = How often should I ask the pairs how their plan is going? The mentor and the mentees get a short question with buttons.
cycle-check-ins-every = { $days ->
        [7] once a week
        [14] every two weeks
        [30] once a month
       *[other] every { $days ->
        [one] { $days } day
       *[other] { $days } days
    }
    }
cycle-opened = The cycle "{ $name }" is open. You can now select mentors and form pairs.
org-forms-question = Which mentoring forms does your organisation use?
org-forms-saved = Saved. The organisation's forms: { $forms }
error-date-format = I couldn't read that date. For example: 25.12, 25.12.2026, today, tomorrow or "on Friday".
error-deadline-format = I couldn't read that deadline. For example: 20.01, "by Friday", "by 20 January" or "by the end of January".
error-date-impossible = There is no such date. Please check the day and the month.
error-date-past = That date has passed. Give today's or a later date.
error-cycle-end-before-start = The cycle must end after it starts.
error-cycle-too-long = A cycle can't last longer than two years.

## Announcements

audience-mentees = 🧒 All mentees
audience-mentors = 🧑‍🏫 All mentors
audience-parents = 👪 All parents
announce-audience = Who should get the announcement?
announce-text = Write the announcement (up to { $max ->
        [one] { $max } character
       *[other] { $max } characters
    }).
announce-preview = This is how recipients will see it ({ $audience }: { $count }):
announcement =
    📣 { $org }:
    { $text }
announce-confirm = Send it?
button-send = 📤 Send
button-edit-text = ✏️ Change the text
announce-queued = The announcement is queued for { $count ->
        [one] { $count } recipient
       *[other] { $count } recipients
    }. I send it within the messengers' limits.
button-announce-status = 🔄 How many delivered
announce-progress = Recipients: { $recipients }. Delivered: { $delivered }, failed: { $failed }, still queued: { $waiting }.
announce-unknown = There is no such announcement.

## Mentor selection

review-pick = Choose a mentor (⏳ waiting for a decision, ✅ approved, ⛔ declined):
review-list-item = { $mark } { $name } — { $kind }
review-card =
    🧑‍🏫 { $name }, { $age }
    Who: { $kind }
    Directions: { $directions }
    Can help with: { $offer }
    Mentees: { $capacity }
    Free to meet: { $availability }
    Taking part: { $status }
    Decision: { $review } ({ $reason })
    Certificate of no criminal record: { $recordCheck }
    Training: { $training }
review-pending = ⏳ waiting for a decision
review-approved = ✅ approved
review-declined = ⛔ declined
review-done-approved = ✅ Approved: { $name }. The mentor has been told.
review-done-declined = ⛔ Declined: { $name }. The mentor has been told the reason.
record-check-done = ✅ checked
record-check-missing = ❗ not checked
record-check-not-needed = not required (a student)
training-done = ✅ done
training-missing = not done
review-what-next = What would you like to do?
button-record-check = 📄 Certificate checked
button-approve = ✅ Approve
button-decline = ⛔ Decline
button-training-done = 🎓 Training done
button-training-undo = ↩️ Remove the training mark
button-to-list = ⬅️ Back to the list
saved-record-check = • certificate of no criminal record checked: { $name }
saved-mentor-approved = • mentor approved: { $name }
saved-mentor-declined = • mentor declined: { $name }
saved-training-done = • training marked: { $name }
saved-training-undone = • training mark removed: { $name }
record-check-confirm = Do you confirm that { $name }'s certificate of no criminal record was checked (Labour Code art. 351.1)? The confirmation is recorded with your name and the time.
button-record-check-yes = Yes, it was checked
button-record-check-no = No
review-needs-record-check = An adult mentor can be approved only after the certificate of no criminal record is checked (Labour Code art. 351.1). Press "Certificate checked" first.
review-not-active = This mentor can't take part yet (no consent, or they left the programme).
review-decline-reason = Why do you decline? The mentor will see this reason.
review-approved-mentor = ✅ The coordinator of the { $org } programme approved you as a mentor. We will find you mentees soon.
review-declined-mentor = The coordinator of the { $org } programme has not approved you as a mentor for now. Reason: { $reason }

## Mentees' situations (coordinators only)

situation-struggling = Struggling with studies
situation-disoriented = Socially or value disoriented
situation-detached = Detached
situation-special_needs = Special educational needs
situations-pick = Whose situation do you want to mark? Only coordinators see these marks.
situations-item = { $marked }{ $name } ({ $grade })
situations-choose = Mark the situation of { $name }. Only coordinators see it: not the child, not the parent, not the mentor.
situations-none = nothing marked
situations-saved = Saved: { $name } — { $situations }.

## Forming pairs and groups

match-no-cycle = Open a programme cycle first.
match-cycle-closing = This cycle is already closing: no new pairs are formed in it. Archive it and open a new cycle: everyone moves to it without registering again.
match-draft-title = 🤝 Draft: pairs and groups — { $units }, mentees in them — { $paired }.
match-unit-pair = 👤 Pair: { $mentor } — { $mentees } · { $form } · { $direction }
match-unit-group = 👥 Group: { $mentor } — { $mentees } · { $form } · { $direction }
match-member-why = { "   " }{ $mentee }: { $why }
match-why-directions = shared directions: { $directions }
match-why-words = the request matches: { $words }
match-why-availability = the mentor gave times to meet
match-why-pinned = pinned by the coordinator
match-why-none = nothing in particular in common
match-unmatched-title = Without a pair: { $count }
match-unmatched-line = • { $name } — { $reason }
match-free-mentors = Mentors with places left: { $list }
match-pin-refused = Could not pin { $mentee } to { $mentor }: { $reason }
match-not-ready = Not in matching yet: mentees without consent — { $mentees }, mentors not approved — { $mentors }.
unmatched-no_allowed_mentor = no suitable mentor
unmatched-mentors_full = suitable mentors have no places left
unmatched-not_ready = not ready for matching yet
unmatched-other_organisation = from another organisation or cycle
unmatched-form_not_allowed = this mentoring form is not used in the cycle
unmatched-mentor_not_older = a mentor must be older than the mentee
unmatched-earlier_pair = this pair already worked together in an earlier cycle
unmatched-no_capacity = the mentor has no places left
match-what-next = What next?
button-publish = 📢 Publish
button-pin = 📌 Pin a pair by hand
button-swap = 🔁 Swap two mentees
button-remove = ➖ Remove from the draft
button-later = 💾 Come back later
match-pick-mentor = Choose a mentor:
match-pick-mentee = Whom to pin to them?
match-pick-remove = Whom to remove from the draft?
match-pick-swap-first = Whom to swap?
match-pick-swap-second = Swap with whom?
match-kept-draft = The draft is saved. Come back to it with "Form pairs and groups".
match-publish-confirm = Publish { $units ->
        [one] { $units } pair or group
       *[other] { $units } pairs and groups
    }? Every mentor, mentee and parent will get a message.
button-publish-yes = Yes, publish
button-back-to-draft = ⬅️ Back to the draft
match-published = Published pairs and groups: { $units }. Everyone has been told. The order is under "Documents".
published-mentor-name = { $name } ({ $kind })
published-mentor-pair = 🤝 The { $org } programme: your mentee is { $mentees }. Form: { $form }. Direction: { $direction }.
published-mentor-group = 🤝 The { $org } programme: your group of mentees is { $mentees }. Form: { $form }. Direction: { $direction }.
published-intro-meeting-mentor = The first step is an introductory meeting with your mentees within a week, at school or with the coordinator present. The bot does not share personal contacts: arrange things through the coordinator and the programme.
published-mentee = 🎉 You have a mentor: { $mentor }. Direction: { $direction }.
published-intro-meeting-mentee = Your first meeting to get to know each other will be soon, at school; the coordinator will tell you when. You don't need to give anyone your phone number or address.
published-parent = The { $org } programme: { $child } now has a mentor, { $mentor }. Direction: { $direction }. The first meeting takes place at school.

## Documents

export-what = Which document should I prepare? The order, the regulations, the road map and the consent register come as Word (DOCX) files to sign and file; the order's list of pairs also as XLSX and CSV, the bases as XLSX.
export-order = 📄 Order on pairs and groups
export-mentors = 🧑‍🏫 Base of mentors
export-mentees = 🧒 Base of mentees
export-order-empty = No pairs or groups are published yet, so there is nothing to put in the order.
export-order-ready = The order fixing mentoring pairs and groups: { $pairs ->
        [one] { $pairs } row
       *[other] { $pairs } rows
    }.
export-order-csv = The same as CSV, for any spreadsheet.
export-base-ready = Done: { $count ->
        [one] { $count } row
       *[other] { $count } rows
    }.
order-sheet = Order
order-title = ORDER fixing mentoring pairs (groups)
order-date = dated { $date }
order-preamble = In accordance with the target model of student mentoring (letter of the Ministry of Education of Russia of 23.01.2020 No. MR-42/02) and the mentoring programme "{ $cycle }", I ORDER: 1. To fix the mentoring pairs (groups) for the period from { $start } to { $end } as listed.
order-column-mentor = Mentor
order-column-form = Mentoring form
order-column-direction = Direction
order-column-mentee = Mentee
order-column-grade = Class
order-control = 2. The coordinator of the mentoring programme is to oversee this order.
order-signature = Head of the organisation ____________________ / ____________________ /
export-mentees-sheet = Mentees
export-mentees-title = Base of mentees as of { $date }
export-mentors-sheet = Mentors
export-mentors-title = Base of mentors as of { $date }
base-column-name = Full name
base-column-age = Age
base-column-grade = Class
base-column-directions = Directions
base-column-consent = Consent
base-column-kind = Who
base-column-capacity = Places
base-column-review = Selection
base-column-record-check = Certificate checked
base-column-training = Training

## Dates, times and meetings (input checks)

error-time-format = Write the time like this: 16:30 or "at 4pm".
error-time-impossible = There is no such time. Check the hours and minutes.
error-time-past = That time has already passed today. Pick a later time.
error-time-missing = At what time? Write it, for example 16:30.
error-datetime-format = Write a date and a time, for example "25.12 16:30" or "tomorrow at 15:00".
error-meeting-length = A meeting can last from { $min } to { $max ->
        [one] { $max } minute
       *[other] { $max } minutes
    }.
error-meeting-past = This meeting is in the past. Pick a time in the future.
error-meeting-overlap = There is another meeting at that time. Pick another time.
error-meeting-not-started = The meeting has not ended yet: you can tick it off afterwards.
error-meeting-closed = Nothing more can be done with this meeting: { $state }.
error-meeting-already-accepted = This meeting has already been accepted.
error-meeting-not-agreed = The meeting has not been agreed yet.
quick-date-tomorrow = Tomorrow, { $date }
quick-date-in-week = In a week, { $date }
quick-date-in-two-weeks = In 2 weeks, { $date }
quick-date-end-of-month = End of the month, { $date }

## "I need help from an adult": a confidential report to the coordinator

button-need-help = 🆘 I need help from an adult
button-need-help-parent = ✉️ Write to the coordinator
need-help-intro-mentee =
    🆘 If something is wrong — someone is hurting you, you feel scared or uncomfortable, or things aren't going well with your mentor — write about it here.
    Only the programme's coordinator will read your message: the adult at school who looks after mentoring. Your mentor won't see it. Nobody else will see it.
    If you are in danger right now, call 112. Children's helpline (free): 8-800-2000-122.
need-help-intro-parent =
    🆘 Here you can tell the programme's coordinator, in confidence, that something is wrong with the mentoring pair.
    Only the programme's coordinator will read it: neither the mentor nor other participants will see it.
    If your child is in danger right now, call 112.
need-help-which-org = Which school or college is this about?
need-help-which-child = Which of your children is this about?
need-help-about-whom = Who is this about?
need-help-about-me = About me
need-help-question-mentee = What happened? Write it in your own words, however you can. Short is fine.
need-help-question-parent = What happened? Please describe the situation in your own words.
need-help-too-long = That's very long — more than { $max ->
        [one] { $max } character
       *[other] { $max } characters
    }. Please write the most important part more briefly: the coordinator will ask about the rest.
need-help-preview-mentee =
    This is what the coordinator will get:

    { $text }

    Send it? If you want to fix something, tap "Change".
need-help-preview-parent =
    This is what the coordinator will get:

    { $text }

    Send it? To correct the text, tap "Change".
button-need-help-change = ✏️ Change
need-help-sent-mentee = ✅ Sent. The coordinator has your message. An adult from school will get in touch with you. You did the right thing by telling.
need-help-sent-parent = ✅ Your message has been passed to the programme's coordinator. You will be contacted through the school.
need-help-nothing =
    Mentees and their parents can write to the coordinator here. If you need help, talk to your class teacher or the school psychologist.
    If you are in danger right now, call 112.
help-alert =
    🆘 Urgent: an "I need help from an adult" report — { $org }
    { $who }

    { $text }

    This is confidential: do not forward it to the mentor. Get in touch with the family through the school.
help-from-mentee = From the mentee: { $name }
help-from-parent = From a parent: { $name } (child: { $child })
help-name-erased = (data deleted)
button-help-reports = 📥 Reports
button-help-report-open = 📄 Open the report
help-reports-title = 📥 "I need help from an adult" reports — { $org }. Total: { $total }, new: { $unseen }. Page { $page } of { $pages }.
help-reports-line = { $mark } { $number }. { $date } — { $who }: "{ $preview }"
help-reports-new = 🆕
help-reports-seen = ✔️
button-help-report = { $mark } { $number } · { $date }
help-reports-empty = No reports yet. When a mentee taps "🆘 I need help from an adult" or a parent taps "✉️ Write to the coordinator", I'll send the report to you at once, at any time.
help-report-view =
    🆘 Report of { $date }
    { $who }
    Written on: { $platform }

    { $text }
help-report-unknown = There is no such report.

## Pairs at work (shared by plans, meetings and check-ins)
pair-title-mentor = { $names } ({ $org })
pair-title-mentee = Mentor: { $names } ({ $org })
pair-none = You have no pair yet. When the coordinator forms the pairs, your mentor or mentee will appear here.
pair-not-yours = This button is about a pair you are not in (or the pair has finished).
pair-which = Which pair?
button-plan = 📝 Plan
button-meetings = 📅 Meetings
button-plans = 📝 Pairs' plans
button-digest = 📊 This week's digest

## Reminders

reminders-now-on =
    🔔 Reminders are on: I remind you about meetings a day and an hour before and ask how the plan is going.
    Turn them off?
reminders-now-off =
    🔕 Reminders are off: I don't remind you about meetings or ask how the plan is going.
    Meeting invitations and the coordinator's messages still come. Turn reminders on?
button-reminders-turn-off = 🔕 Turn off
button-reminders-turn-on = 🔔 Turn on
button-reminders-keep-on = Keep them on
button-reminders-keep-off = Keep them off
reminders-turned-off = Done: reminders are off. You can turn them back on in your profile or with /reminders.
reminders-turned-on = Done: reminders are on 🔔
profile-reminders-on = 🔔 Reminders: on
profile-reminders-off = 🔕 Reminders: off
profile-field-reminders = 🔔 Reminders
pair-mentee-left = Your mentee has left the programme, and the pair has finished. The coordinator will tell you what comes next.
pair-mentee-left-group = One of your mentees has left the programme. The group goes on: { $names }.
pair-mentor-left = Your mentor has left the programme. The coordinator will find you a new mentor — we'll write when they do.
meeting-called-off-left-mentor = ❌ The meeting { $when } is called off: your mentee has left the programme. If it was in your calendar, open the file to remove it.
meeting-called-off-left-mentee = ❌ The meeting { $when } is called off: your mentor has left the programme. If it was in your calendar, open the file to remove it.

## Coordinator of several organisations

button-switch-organisation = 🏫 { $org } ⇄
switch-organisation-question = You are working in "{ $org }" now. Which organisation shall I open? The coordinator's screens (programme, bases, plans, digest, event) will show it until you switch again.
switch-organisation-done = Done: you are working in "{ $org }" now.
switch-organisation-only-one = You coordinate one organisation, "{ $org }": there is nothing to switch to.
programme-organisation = 🏫 { $org }

## Screens: a question answered with a button keeps the answer under it; an old button says so in a toast.
answer-given = Answer: { $answer }
list-join = { $head }, { $tail }
toast-button-stale = This button is out of date. The current ones are in the latest message.
toast-button-unknown = That button no longer exists. The current ones are in the latest message.
toast-too-fast = Not so fast 🙂 The buttons will work again in a second or two.
notice-too-fast = Not so fast 🙂 I skipped some of the presses: the buttons will work again in a second or two.
