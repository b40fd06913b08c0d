## Class list import (flows/roster): for coordinators.
## audience: adult

button-roster-import = 📥 Upload a class list
button-roster-back = 👥 Mentee base
button-roster-template = 📄 XLSX template
button-roster-create = ✅ Create { $count ->
        [one] { $count } invitation
       *[other] { $count } invitations
    }
button-roster-cancel = ✖️ Cancel

status-invited = 📨 invited from a class list

base-mentee-invited = 📨 { $count ->
        [one] { $count } more student was invited from a class list and has
       *[other] { $count } more students were invited from class lists and have
    } not come yet: listed last, not counted among the mentees.
invite-links-revoke-confirm-roster = Revoke every open link for mentees and mentors of "{ $org }"? Nobody will be able to register with them. Those already registered stay in the programme, and you can get new links under "Invite links".
    Personal links from class lists stop working too, and { $count ->
        [one] { $count } student who has not opened their link yet is
       *[other] { $count } students who have not opened their links yet are
    } removed from the base. Upload the class list again to give them new links.
roster-unclaimed-erased = { $count ->
        [one] { $count } student invited from a class list was
       *[other] { $count } students invited from class lists were
    } removed from the base: they had not opened their links. Upload the class list again and I will make new links.

roster-intro = 📥 Send the class list as an XLSX or CSV file (up to { $max ->
        [one] { $max } MB
       *[other] { $max } MB
    }).
    Columns: full name, class, birth year or date; optionally the parent's name. The headers go in one row among the first 10 rows.
    I will check every row and show what I understood and what I cannot take. Students are created only after you confirm, each with a personal link.
roster-send-again = Send the corrected file or another list.
roster-send-file = Send an XLSX or CSV file with the class list. For a sample, press "XLSX template".
roster-not-a-list = This does not look like a list: an XLSX or CSV file is needed.
roster-too-large = The file is over { $max ->
        [one] { $max } MB
       *[other] { $max } MB
    }. Split the list into parts.
roster-file-failed = Could not get the file from the messenger. Please send it again.
roster-unreadable = Cannot read the file. Save it as XLSX or CSV and send it again.
roster-no-header = No column headers found. One of the first 10 rows should have "Full name", "Class" and "Date of birth" (or "Birth year"), as in the template.
roster-empty = The file has no rows with students.
roster-too-many = One file takes at most { $max ->
        [one] { $max } row
       *[other] { $max } rows
    }. Split the list into parts.

roster-template-sheet = Class list
roster-template-name = Full name
roster-template-grade = Class
roster-template-birth = Date of birth
roster-template-parent = Parent's full name
roster-template-example-name = Maria Ivanova
roster-template-example-grade = 7B
roster-template-example-birth = 15.03.2013
roster-template-example-parent = Olga Ivanova
roster-template-ready = The class list template: fill it in and send it to me.

roster-understood = ✅ Understood { $count ->
        [one] { $count } student
       *[other] { $count } students
    } in { $classes ->
        [one] { $classes } class
       *[other] { $classes } classes
    }:
roster-class-line = • { $grade }: { $count ->
        [one] { $count } student
       *[other] { $count } students
    }
roster-refused-title = ⚠️ Not taken: { $count ->
        [one] { $count } row
       *[other] { $count } rows
    }:
roster-refused-line = • row { $row }: { $reason }
roster-refused-more = …and { $count ->
        [one] { $count } more row
       *[other] { $count } more rows
    }.
roster-refused-no-name = no name
roster-refused-name = the name "{ $name }" has more than letters
roster-refused-short-name = "{ $name }": at least a surname and a first name are needed
roster-refused-no-grade = no class
roster-refused-grade = unclear class "{ $grade }"
roster-refused-no-birth = no date or year of birth
roster-refused-birth = unclear date of birth "{ $birth }"
roster-refused-age = age { $age }: the programme takes students aged { $min } to { $max }
roster-refused-grade-age = class { $grade } does not fit the age ({ $age })
roster-refused-parent = the parent's name "{ $name }" has more than letters
roster-refused-twice = repeats row { $first }
roster-refused-known = { $name } is already in the programme

roster-nothing = Nothing to take: correct the file and upload it again.
roster-confirm = Create invitations for { $count ->
        [one] { $count } student
       *[other] { $count } students
    }? Each gets a personal link: they open it and confirm it is them.
roster-cancelled = Cancelled: nobody was created.
roster-already-created = This list was uploaded already: its invitations exist.
roster-saved = invitations for students ({ $count })
roster-created = ✅ Done: { $count ->
        [one] { $count } invitation
       *[other] { $count } invitations
    }. Below { $classes ->
        [one] is the file of links for the class teacher
       *[other] are the files of links, one for each of the { $classes } classes: forward each class teacher their file
    }. Each link is personal and works once.
roster-sheet-ready = 📄 Class { $grade }: { $count ->
        [one] { $count } student
       *[other] { $count } students
    }

roster-sheet-title = Students' personal links, class { $grade }: { $org }
roster-sheet-note = Give each student their line. The student points the phone's camera at the QR code of the messenger they use (or opens the link under it) and confirms it is them. Each link works once.
roster-sheet-number = No.
roster-sheet-name = Student
roster-sheet-messenger = { $messenger }: QR code and link

## A student opens their personal link.
## audience: child

roster-claim-question = 👋 Hi! Is this you: { $name }, class { $grade }, { $org }?
button-roster-claim-me = ✅ Yes, it's me
button-roster-claim-not-me = ❌ No, not me
roster-claim-not-me = All right. This link is for another student. Ask your class teacher for your own link.
