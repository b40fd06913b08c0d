## Territories (flows/territories, flows/programme/enrolment): for regional methodologists and school coordinators.
## audience: adult

button-territory = 🗺 { $name }
button-territories = 🗺 Territories
menu-territory-region = • { $name }: region coordinator
menu-territory-municipality = • { $name }: municipality coordinator

territory-coordinators-only = Only a territory's coordinators can do this.
territory-which = Which territory shall I open?

help-territory =
    For territory coordinators (regional and municipal methodologists):
    • the territory's button in the menu (🗺) opens its screen: “Municipalities” (a region's) — the list and a new municipality, “Organisations” — the territory's schools and colleges, “Schools' requests” — approve or refuse them, “Link for schools” — with it schools' coordinators send a request, “Invite a colleague” — a one-time link for another coordinator;
    • “📊 Figures” — the territory's summary figures for the school year so far: coverage, pairs and groups, meetings, who needs support first;
    • “📑 Region's report” — the same figures for a period you choose (this school year, last month, last school year) as Word and Excel files;
    • on the 1st of every month I send a digest of the month before.
    You don't see participants' names: only summary figures, and very small ones are hidden.

territory-button-municipalities = 🏙 Municipalities
territory-button-organisations = 🏫 Organisations
territory-button-requests = 📨 Schools' requests
territory-button-join-link = 🔗 Link for schools
territory-button-invite = 👥 Invite a colleague
territory-button-back = ↩️ { $name }
territory-button-territory = 🗺 Territory
territory-button-add-municipality = ➕ Add a municipality
territory-button-open = 🗺 Open “{ $name }”
territory-button-send-request = 📨 Send the request
territory-button-approve = ✅ Approve
territory-button-refuse = ✖️ Refuse

territory-title-region =
    🗺 Region “{ $name }”
    { $municipalities ->
        [one] { $municipalities } municipality
       *[other] { $municipalities } municipalities
    }, { $organisations ->
        [one] { $organisations } organisation
       *[other] { $organisations } organisations
    } in the programme.
territory-title-municipality =
    🗺 Municipality “{ $name }” (region “{ $region }”)
    { $organisations ->
        [one] { $organisations } organisation
       *[other] { $organisations } organisations
    } in the programme.
territory-requests-waiting = 📨 Waiting for a decision: { $count ->
        [one] { $count } request
       *[other] { $count } requests
    }.

territory-lines = { $text }
territory-municipalities-title = 🏙 Municipalities of the region “{ $name }”: { $count }. Open one to get the link for its schools, or add a new one.
territory-municipality-line = • { $name } — { $organisations ->
        [one] { $organisations } organisation
       *[other] { $organisations } organisations
    }
territory-add-municipality-name = What is the municipality of the region “{ $region }” called? Type its name.
territory-municipality-exists = The region already has a municipality “{ $name }”. Type another name or press Cancel.
territory-municipality-added = Done: the municipality “{ $name }” is added to the region “{ $region }”. Its screen has the link for its schools.

territory-organisations-title = 🏫 Organisations of the territory “{ $name }”: { $count }.
territory-organisations-direct = Directly in the region: { $names }.
territory-organisations-in = • { $municipality }: { $names }.
territory-organisations-in-none = • { $municipality }: none yet.
territory-organisations-list = { $names }.
territory-organisations-none = No organisation has joined yet. Send schools' coordinators the link for schools: they send a request, you approve it.

territory-invite-links = 👥 A link for a colleague to coordinate the territory “{ $name }”. It works once, for 7 days: send it only to the person who will work with you.
territory-invite-note = Your colleague opens the link, gives their name and sees the territory's screen.
territory-join-links = 🔗 The link for the coordinators of the territory's schools “{ $name }”. A coordinator opens it and sends a request for their organisation.
territory-join-note = The link works for 60 days. You approve or refuse each request here in the bot: the “Schools' requests” button.

territory-welcome = Hello! You are invited to coordinate the territory “{ $name }” in the mentoring programme.
territory-name-question = What is your name? Full name, please.
territory-joined = Done, { $name }: you coordinate the territory “{ $territory }”. You will see its schools' programmes in summary figures, without participants' names.
territory-join-already = You already coordinate the territory “{ $name }”.
invite-territory-unknown = This invitation to the team of territory coordinators (regional and municipal methodologists) doesn't work. Check that you copied all of it, or ask whoever invited you for a new one.
invite-territory-expired = This invitation to the team of territory coordinators (regional and municipal methodologists) is no longer valid: the link has expired. Ask whoever invited you for a new one.
invite-territory-used_up = This invitation to the team of territory coordinators (regional and municipal methodologists) is no longer valid: the link works once, and it has been used or replaced by a newer one. Ask whoever invited you for a new one.

territory-join-for-coordinators = This link is for mentoring programme coordinators in schools: with it a school asks to join the territory “{ $name }”. If you are a coordinator, first join the bot with your school's invite.
territory-join-confirm = Send the request for “{ $org }” to join the territory “{ $territory }”? The territory's coordinators will see the school's programme in summary figures, without participants' names.
territory-join-which = Which of your organisations joins the territory “{ $territory }”? The territory's coordinators will see its programme in summary figures, without participants' names.
territory-join-sent = 📨 Request sent: “{ $org }” → “{ $territory }”. I will write when the territory's coordinator decides.
territory-join-open = “{ $org }” already has a request waiting for a decision. I will write when the coordinator decides; a new request can be sent after that.
territory-join-attached = “{ $org }” already belongs to the territory “{ $territory }”.
territory-join-link-gone = This link for the territory's schools no longer works. Ask the territory's coordinator (the regional or municipal methodologist who sent it) for a new one.
territory-request-notice = 📨 “{ $org }” asks to join the territory “{ $territory }”.

territory-requests-none = No requests are waiting for a decision.
territory-requests-title = 📨 Schools' requests: { $count }.
territory-request-line = “{ $org }” → “{ $territory }”
territory-requests-hint = An approved school appears among the territory's organisations.
territory-request-approved = ✅ Request approved: “{ $org }” is now in the territory “{ $territory }”.
territory-request-refused = The request of “{ $org }” is refused. The school will be told.
territory-request-already-approved = This request has already been approved: “{ $org }” is in the territory.
territory-request-already-refused = This request has already been refused.
territory-request-gone = This request no longer exists.
territory-request-approved-school = ✅ Request approved: “{ $org }” now belongs to the territory “{ $territory }”.
territory-request-refused-school = The request of “{ $org }” to join the territory “{ $territory }” was refused. If this is a mistake, contact the territory's coordinator.

button-enrolment = 🎒 Students aged 10–19
enrolment-line = 🎒 Students aged 10–19 in the school year { $year }: { $students }.
enrolment-missing = ⚠️ The organisation's number of students aged 10–19 for the school year { $year } is not entered. The territory needs it to count coverage: the “Students aged 10–19” button.
enrolment-question-missing = How many students aged 10 to 19 does “{ $org }” have in the school year { $year }? Type one number, for example: 640.
enrolment-question = Now entered: “{ $org }” has { $students ->
        [one] { $students } student
       *[other] { $students } students
    } aged 10–19 in the school year { $year }. Type the new number if it changed, or press Cancel.
enrolment-saved = Saved: “{ $org }” has { $students ->
        [one] { $students } student
       *[other] { $students } students
    } aged 10–19 in the school year { $year }.
error-enrolment = One whole number from 0 to { $max }, please, for example: 640.
