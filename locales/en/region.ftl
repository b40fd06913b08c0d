## What a territory's coordinator (a region's or a municipality's) sees: the screen of a period's figures, the monthly digest, the region's report (XLSX, DOCX)

region-screen-title = 🗺 { $territory }: mentoring from { $from } to { $to }
region-digest-title = 📊 { $territory }: the month from { $from } to { $to }
region-figures =
    🏫 Organisations: { $count }, with a cycle open: { $open } ({ $stages })
    👥 Coverage of students aged 10–19: { $coverage } (taking part: { $participants }, students: { $students }); the number of students entered by { $entered } of { $count } { $count ->
        [one] organisation
       *[other] organisations
    }
    🤝 Pairs and groups: { $pairs }
    • by form: { $forms }
    • by direction: { $directions }
    • “student–student” by variant: { $variants }
    📅 Meetings held: { $meetings }, per pair: { $perPair }
    🏁 Plans completed: { $plans }
    🆘 Pairs stuck: { $stuck }; with a warning: { $alerting }
    😊 Satisfaction: { $satisfaction } of 10 (answers: { $respondents }); 📈 growth in the questionnaires: { $growth }
region-stage-count = { $stage }: { $count }
region-breakdown-item = { $name }: { $count }
region-join = { $head }; { $next }
region-line-next =
    { $line }
    { $next }
region-municipalities-title = 🏙 Municipalities ({ $count }): organisations, coverage, pairs, meetings per pair, pairs stuck
region-municipality-line = • { $name }: { $count } { $count ->
        [one] organisation
       *[other] organisations
    }, with a cycle open: { $open }; coverage { $coverage }; pairs and groups: { $pairs }; meetings per pair: { $perPair }; stuck: { $stuck }
region-municipalities-more = …and { $count } { $count ->
        [one] more municipality
       *[other] more municipalities
    }: all of them are in the region's report.
region-support-title = 🆘 Who needs support first (organisations with a reason: { $count }):
region-support-line = { $number }. { $org }: { $reasons }
region-support-line-in = { $number }. { $org } ({ $municipality }): { $reasons }
region-support-more = …and { $count } { $count ->
        [one] more organisation
       *[other] more organisations
    }: the full list is in the region's report.
region-support-none = 👍 No reason for support: every organisation has a cycle open, and coverage, meetings and the participants' ratings are fine.
region-hidden-note = “<5”: fewer than five people; such figures are hidden so that nobody can be recognised, and they are not zero. “…”: a figure hidden so that a “<5” cannot be worked out by subtraction from the total.
region-reason-no-open-cycle = no mentoring cycle open
region-reason-no-enrolment = the number of students aged 10–19 not entered for the school year
region-reason-low-coverage = coverage { $coverage } against a target of { $target }
region-reason-stuck = pairs stuck: { $stuck } of { $pairs }
region-reason-alerting = pairs with a warning: { $alerting } of { $pairs }
region-reason-few-meetings = meetings per pair a month: { $perPair }, expected { $target } or more
region-reason-low-satisfaction = satisfaction { $mean } of 10 (threshold { $threshold })

## The monthly digest's picture: the months of the school year
region-chart-legend = 📈 The picture shows the months of the school year: 🔵 pairs and groups, 🟢 meetings held, 🟠 participants aged 10–19. A gap in a line: the figure is hidden, it is not zero (“<5”: fewer than five people; “…”: hidden so that a “<5” cannot be worked out).
region-chart-title = { $territory }: school year { $from }/{ $to }
region-chart-pairs = Pairs and groups
region-chart-meetings = Meetings held
region-chart-participants = Participants aged 10–19
region-chart-axis-months = Months of the school year
region-chart-axis-counts = Pairs, meetings, participants
region-chart-hidden = A gap: the figure is hidden, it is not zero (“<5”: fewer than five people; “…”: so that a “<5” cannot be worked out)

## The region's report (XLSX and DOCX)
region-report-title = The target model of mentoring: { $territory }
region-report-period = Period: { $from } to { $to }
region-report-made = Report made on { $date }
region-sheet-summary = Summary
region-sheet-municipalities = Municipalities
region-sheet-organisations = Organisations
region-sheet-support = Needs support
region-sheet-notes = Notes
region-column-figure = Figure
region-column-value = Value
region-column-municipality = Municipality
region-column-organisation = Organisation
region-column-cycle = Cycle and its stage
region-column-reasons = Reasons for support
region-cycle-none = no cycle
region-cycle-archived = { $cycle } (archived)
region-cycle-stage = { $cycle } ({ $stage })
region-figure-organisations = Organisations
region-figure-open-cycle = With a cycle open
region-figure-participants = Participants aged 10–19
region-figure-students = Students aged 10–19 (the organisations' figures)
region-figure-enrolment-entered = Entered the number of students
region-figure-coverage = Coverage, ages 10–19
region-figure-pairs = Pairs and groups
region-figure-pairs-of = Pairs and groups: { $kind }
region-figure-meetings = Meetings held
region-figure-meetings-per-pair = Meetings per pair
region-figure-plans = Plans completed
region-figure-stuck = Pairs stuck
region-figure-alerting = Pairs with a warning
region-figure-satisfaction = Satisfaction (1–10)
region-figure-satisfaction-respondents = Answers on satisfaction
region-figure-growth = Growth in the questionnaires
region-figure-growth-respondents = Answers on growth
region-support-empty = No organisation has a reason for support.
region-note-period = The report's period: { $from } to { $to }. Pairs and groups: those at work in the period; meetings and plans completed: within the period.
region-note-small = “<5”: fewer than five people. Such figures are not shown so that no child can be recognised; they are not zero.
region-note-complementary = “…”: a figure hidden although it is five or more, since otherwise a hidden “<5” could be worked out by subtraction from the row's or the territory's total.
region-note-totals = The territory's and the municipalities' totals are counted from all the data, so they exceed the sum of the figures shown when some of those are “<5” or “…”.
region-note-coverage = Coverage: participants aged 10–19 against the number of students aged 10–19 the organisations entered for the school year.
region-note-support = Reasons for support: no cycle open; coverage under { $coverage }; the number of students not entered; a share of pairs from { $share } stuck or with a warning; fewer than { $meetings } meetings per pair a month; satisfaction under { $satisfaction } of 10. Only figures shown count; hidden ones are never guessed.

## The screen and the report in the bot
region-button-report = 📑 Region's report
region-button-refresh = 🔄 Refresh
region-button-figures = 📊 Figures
region-button-territory = 🗺 Back to the territory
region-counted-at = 🕐 Figures as of { $at }; they are counted again every hour.
region-not-counted-yet = 🕐 The figures have not been counted yet: they are counted every hour. Please look again a little later.
region-report-which-period = Which period should the report cover?
region-report-period-school-year = This school year
region-report-period-last-month = Last month
region-report-period-last-school-year = Last school year
region-report-document = 📄 The region's report for the road map (Word). Aggregates only: no names and no data about children.
region-report-workbook = 📊 The same figures as a table (XLSX), for calculations and summaries.
