# "I need help from an adult" reports: how coordinators handle them (issue 18).

help-reports-day = { $day } { $month }
help-reports-in-work = 🛠
help-reports-closed = ✅
help-reports-legend = Open: { $open }. 🆕 — nobody has opened it yet, ✔️ — read, 🛠 — in work, ✅ — closed.
help-reports-legend-open-only = Open ones only: { $open }. 🆕 — nobody has opened it yet, ✔️ — read, 🛠 — in work.
help-reports-none-open = No open reports: all of them are closed. 👍
button-help-reports-open = 🔎 Open ones only
button-help-reports-all = 📋 All reports
button-help-reports-export = 📤 Export to Excel

help-report-status = Status: { $status }
help-report-status-new = 🆕 new, nobody has taken it yet
help-report-status-in-work = 🛠 in work
help-report-status-closed = ✅ closed
help-report-taken-by = Taken by: { $name } ({ $date })
help-report-note =
    🔒 Note (only coordinators see it) — { $name }, { $date }:
    { $text }
help-report-answer =
    ✉️ Answer sent — { $name }, { $date }:
    { $text }
help-report-answer-erased = ✉️ Answer sent on { $date }. Its text was erased with the person's data.
help-report-closed = Closed: { $name } ({ $date })
help-report-traces-erased = The person's data was erased at their request: the note and the answer's text went with it. The report's text is kept.

button-help-report-take = 🙋 Take it
button-help-report-answer = ✉️ Answer
button-help-report-note = 🔒 Note
button-help-report-note-edit = 🔒 Change the note
button-help-report-close = ✅ Close
button-help-report-close-yes = ✅ Yes, close it

help-report-taken-done = 🛠 The report is in your hands now. The other coordinators will see that you took it.
help-report-already-taken = This report has already been taken: { $name } is on it. Here it is as it stands.
help-report-already-closed = This report is already closed: { $name }, { $date }. Here it is as it stands.
help-report-already-answered = This report has already been answered: { $name }, { $date }. A second answer is not sent.
help-report-reporter-gone = There is nobody to send an answer to: the data of the person who wrote the report was erased.

help-report-note-current =
    The note now reads:
    { $text }
help-report-note-question = Write the note: only coordinators see it, it never goes to the person who wrote. Up to { $max ->
        [one] { $max } character
       *[other] { $max } characters
    }. A new note replaces the old one.
help-report-note-saved = 🔒 The note is saved.
help-report-text-too-long = That's { $length ->
        [one] { $length } character
       *[other] { $length } characters
    }, and { $max } is the most. Please shorten it: your text is still in the chat above, to copy and edit.

help-report-answer-question-mentee = Write your answer to the mentee. Only the person who wrote the report gets it, in their messenger, through the bot. Up to { $max ->
        [one] { $max } character
       *[other] { $max } characters
    }.
help-report-answer-question-parent = Write your answer to the parent. Only the person who wrote the report gets it, in their messenger, through the bot. Up to { $max ->
        [one] { $max } character
       *[other] { $max } characters
    }.
help-report-answer-preview =
    This is what the person who wrote will get:

    { $text }

    Send it? To change the text, tap "Change".
help-report-answer-sent = ✉️ The answer is on its way to the person who wrote. Children get no messages at night: if it is night now, a child gets it in the morning.
help-report-answer-not-sent =
    Your answer was not sent. Here is its text, so that nothing is lost:

    { $text }

help-report-close-confirm = Close the report? The answer has been sent.
help-report-close-confirm-unanswered = Close the report without an answer? That's fine too — for instance, if you have already talked to the family.
help-report-closed-done = ✅ The report is closed.

help-report-escalation =
    ⏰ An "I need help from an adult" report has waited a day and nobody has opened it yet — { $org }
    { $who }, { $date }

    Please open it: the person who wrote is waiting for an adult to respond.

help-reports-export-sheet = Reports
help-reports-export-title = "I need help from an adult" reports as of { $date }
help-reports-column-date = Date
help-reports-column-who = Written by
help-reports-column-text = Report
help-reports-column-status = Status
help-reports-column-read = Read
help-reports-column-taken = Taken by
help-reports-column-note = Coordinator's note
help-reports-column-answer = Answer
help-reports-column-answered = Answer sent
help-reports-column-closed = Closed
help-reports-cell-yes = yes
help-reports-cell-no = no
help-reports-cell-erased = (erased with the person's data)
help-reports-export-ready = 📤 Reports for the safeguarding file: { $count ->
        [one] { $count } report
       *[other] { $count } reports
    }. The file is confidential: keep it with the personal files.

help-report-read-mentee = 👀 The coordinator has read your message of { $date }. An adult from the school will get in touch with you.
help-report-read-parent = 👀 The programme coordinator has read your message of { $date }. The school will get in touch with you.
help-report-answer-to-mentee =
    ✉️ The coordinator has answered your message of { $date } ({ $org }):

    { $text }

    If you want to add something, tap "🆘 I need help from an adult" in the menu.
help-report-answer-to-parent =
    ✉️ The programme coordinator has answered your message of { $date } ({ $org }):

    { $text }

    If you want to add something, tap "✉️ Write to the coordinator" in the menu.

help-report-own = 📨 Your message to the coordinator of { $date }: { $status }
help-report-own-sent = sent, the coordinator has not opened it yet
help-report-own-read = the coordinator has read it
help-report-own-answered = the coordinator has answered
help-report-own-answered-closed = the coordinator has answered, the matter is closed
help-report-own-closed = the coordinator has read it, the matter is closed
