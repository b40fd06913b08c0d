# Nastavnik — the bot's texts in English. Keys are grouped by flow and mirror ru.ftl.
# Children from 10 read these: short sentences, friendly, no jargon.

## Common words

plain = { $text }
platform-telegram = Telegram
platform-vk = VK
role-coordinator = coordinator
role-mentee = mentee
role-mentor = mentor
role-parent = parent
status-awaiting_consent = ⏳ waiting for a parent's consent
status-active = ✅ taking part
status-declined = ⛔ a parent did not consent
status-withdrawn = ⛔ consent withdrawn
status-left = deleted their data

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
error-too-long = That is too long. Please keep it under { $max } characters.
error-name-letters = A name can only have letters, spaces and hyphens. For example: Masha Ivanova.
error-age-number = Type your age as a number (like 13) or your birth year (like 2012).
error-mentee-age = The programme is for students from { $min } to { $max }. Please check the number.
error-mentor-age = A mentor should be from { $min } to { $max } years old. Please check the number.
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
error-coordinators-only = Only the programme's coordinators can do this.
flow-cancelled = OK, cancelled. Nothing was saved.
nothing-to-cancel = There is nothing to cancel right now.
flow-in-progress = Let's finish what we started first, or tap "Cancel".
flow-restarted = Sorry, I was updated and couldn't continue from the same place. Let's start this step again.
help-in-flow = Answer the question below. If you changed your mind, tap "Cancel" or type /cancel.

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
    /language — change the language
    /link — connect Telegram and VK
    /delete_me — delete my data
    /cancel — cancel what was started
    /help — this help
help-coordinator =
    For coordinators:
    • "Invite links" — links for mentees and mentors;
    • "Mentees" and "Mentors" — lists with consent status;
    • "Add a coordinator" — a one-time link for a colleague.

## Invites

invite-unknown = This link doesn't work. Check that you copied all of it, or ask the coordinator for a new one.
invite-expired = This link has expired. Ask the coordinator for a new one.
invite-used_up = This link has already been used. Ask the coordinator for a new one.
register-already = You are already registered in this programme. Open /menu.
invite-links-mentee = 🧒 Link for mentees ({ $org }). Forward it to the students:
invite-links-mentor = 🧑‍🏫 Link for mentors ({ $org }). Forward it to the mentors:
invite-links-coordinator = ➕ One-time link for a second coordinator ({ $org }). Send it only to your colleague; it works for 7 days:
invite-links-note = The links work for 60 days. I make new ones each time; the old ones keep working too.

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
consent-declined-child = Your parent has not given consent yet, so you can't take part. If you agree together later, tap "New link for my parent" in the menu.
consent-granted-coordinator = ✅ A parent ({ $parent }) gave consent: { $child } now takes part in the programme.
consent-declined-coordinator = ⛔ A parent ({ $parent }) did not consent: { $child } does not take part in the programme.
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

## Participant bases (coordinators)

base-mentee-title = 🧒 Mentees — { $org }: { $total } (page { $page } of { $pages })
base-mentor-title = 🧑‍🏫 Mentors — { $org }: { $total } (page { $page } of { $pages })
base-mentee-empty = No students have registered yet. Send them an invite link.
base-mentor-empty = No mentors have registered yet. Send them an invite link.
base-line-mentee = { $number }. { $name }, aged { $age }, class { $detail } — { $status }
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
