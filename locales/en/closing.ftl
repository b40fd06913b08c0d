## Closing a cycle: pairs' summaries, the monitoring report, the archive (stage 7)

closing-button-close = 🏁 Close the cycle
closing-button-report = 📈 Monitoring report
button-final-event = 🎉 Final event
closing-button-archive = 🗄 Archive the cycle
closing-programme-closing = 🏁 The cycle is closing: the pairs got their summaries and the end questionnaires are going out. The monitoring report is available at any time and counts new answers. After the final event, archive the cycle.
closing-programme-archived = 🗄 The last cycle, “{ $name }”, is archived: its monitoring report is still available.

closing-close-no-cycle = There is no open cycle, so there is nothing to close.
closing-close-not-working = Only a cycle whose pairs are at work can be closed. The cycle “{ $name }” is now at the stage “{ $stage }”.
closing-close-already = The cycle “{ $name }” is already closing. The monitoring report is under the button below.
closing-confirm =
    🏁 Close the cycle “{ $name }”?

    What happens:
    • every pair and group ({ $pairs }) gets a summary of its work: how many meetings were held and how many plan milestones were done;
    • within a quarter of an hour mentors and mentees get the end questionnaires;
    • questions about how the plan goes stop;
    • the monitoring report becomes available to you; get it again as answers come in.

    The pairs end their work when you archive the cycle.
closing-button-confirm = 🏁 Yes, close the cycle
closing-button-not-now = Not now
closing-kept = All right, the cycle goes on.
closing-started = 🏁 The cycle “{ $name }” is closing. Summaries went to the people of the pairs and groups: { $people ->
        [one] { $people } person
       *[other] { $people } people
    } in { $pairs ->
        [one] { $pairs } pair or group
       *[other] { $pairs } pairs and groups
    }. The end questionnaires go out within 15 minutes. The monitoring report is under the button below.

closing-summary-mentor = 🏁 The mentoring cycle “{ $cycle }” is closing. Your work with { $mentees }: meetings held — { $meetings }.
closing-summary-mentor-plan = The plan's goal: “{ $goal }”. Milestones done: { $done } of { $total }.
closing-summary-mentor-goal = The plan's goal: “{ $goal }”. The plan had no milestones.
closing-summary-mentor-no-plan = The pair had no plan.
closing-summary-mentor-thanks = Thank you for your work! A short end questionnaire comes soon: your answers help make the programme better.
closing-summary-mentee = 🏁 Your time with your mentor in “{ $cycle }” is coming to an end! Here is what you and { $mentor } did: meetings — { $meetings }.
closing-summary-mentee-plan = Your goal: “{ $goal }”. Plan steps done: { $done } of { $total }.
closing-summary-mentee-goal = Your goal: “{ $goal }”.
closing-summary-mentee-no-plan = You had no plan — that's all right.
closing-summary-mentee-thanks = Well done! A short questionnaire comes soon — please answer it. It takes a couple of minutes.

closing-report-none = The monitoring report appears once the cycle is closing: the “🏁 Close the cycle” button on the programme screen.
closing-report-title = 📈 Monitoring report: the cycle “{ $name }” ({ $start } — { $end }), { $stage }.
closing-report-quality =
    Quality of the programme
    👥 Pairs and groups: { $pairs }, stopped early: { $stopped }
    ✅ Meetings held per pair on average: { $meetings }
    🏁 Plans completed: { $plansCompleted } of { $plansWithMilestones } (milestones done: { $milestonesPercent } %)
closing-report-responses =
    Questionnaires answered
    • mentees: at the start { $menteeStart } % ({ $menteeStartAnswered } of { $menteeStartSent }), at the end { $menteeEnd } % ({ $menteeEndAnswered } of { $menteeEndSent })
    • mentors: at the start { $mentorStart } % ({ $mentorStartAnswered } of { $mentorStartSent }), at the end { $mentorEnd } % ({ $mentorEndAnswered } of { $mentorEndSent })
closing-report-satisfaction =
    😊 Satisfaction (out of 10): { $overall } on average, answers: { $answers }
    By form:
    { $byForm }
    By direction:
    { $byDirection }
closing-report-group-line = • { $group }: { $average } (answers: { $answers })
closing-report-growth = 📈 Participants' growth (end minus start, on the scale of 10): mentees { $mentees }, mentors { $mentors }.
closing-report-chart-legend = The picture shows the mean answer to each question at the start (grey bars) and at the end (green), of those who answered both times.
closing-report-workbook = 📄 The whole report: quality of the programme, each participant's growth, pairs and groups.
closing-chart-title = Participants' growth: mean answer at the start and at the end (of 10)
closing-chart-start = At the start
closing-chart-end = At the end
closing-chart-empty = No answers at the start and at the end yet

closing-archive-no-cycle = There is no open cycle, so there is nothing to archive.
closing-archive-not-closing = Only a closing cycle can be archived. The cycle “{ $name }” is now at the stage “{ $stage }”: close it first with “🏁 Close the cycle”.
closing-archive-confirm =
    🗄 Archive the cycle “{ $name }”?

    • All pairs and groups ({ $pairs }) end their work.
    • The cycle's data is kept: the monitoring report stays available.
    • Mentors and mentees stay in the programme: the next cycle can include them without registering again.

    An archived cycle cannot be reopened.
closing-button-archive-confirm = 🗄 Yes, archive it
closing-archive-kept = All right, the cycle is not archived.
closing-archived = 🗄 The cycle “{ $name }” is archived; pairs and groups that ended: { $pairs }. You can open a new cycle — the participants are already in the programme and need not register again.

closing-sheet-quality = Quality of the programme
closing-sheet-growth = Participants' growth
closing-sheet-pairs = Pairs and groups
closing-book-title = Monitoring of the mentoring programme: the cycle “{ $name }” ({ $start } — { $end })
closing-book-date = Report date: { $date }
closing-column-figure = Figure
closing-column-value = Value
closing-figure-pairs = Pairs and groups
closing-figure-stopped = Stopped early
closing-figure-meetings = Meetings held per pair on average
closing-figure-plans-completed = Plans completed
closing-figure-plans-with-milestones = Plans with milestones
closing-figure-milestones-done = Share of plan milestones done
closing-figure-satisfaction = Satisfaction on average (of 10)
closing-figure-satisfaction-answers = Satisfaction answers
closing-figure-growth-mentees = Mentees' growth on average (end minus start)
closing-figure-growth-mentors = Mentors' growth on average (end minus start)
closing-column-questionnaire = Questionnaire
closing-column-sent = Sent
closing-column-answered = Answered
closing-column-rate = Response rate
closing-questionnaire-mentee-start = Mentees, at the start
closing-questionnaire-mentee-end = Mentees, at the end
closing-questionnaire-mentor-start = Mentors, at the start
closing-questionnaire-mentor-end = Mentors, at the end
closing-column-form = Mentoring form
closing-column-direction = Direction
closing-column-satisfaction = Satisfaction (of 10)
closing-column-answers = Answers
closing-direction-none = No direction
closing-audience-mentees = Mentees
closing-audience-mentors = Mentors
closing-column-participant = Participant
closing-column-start = { $question }: at the start
closing-column-end = { $question }: at the end
closing-column-change = { $question }: change
closing-column-average-change = Mean change
closing-row-average = Average
closing-growth-none = Nobody has answered a questionnaire yet.
closing-question-mentee-confidence = Self-confidence
closing-question-mentee-interest = Interest in learning
closing-question-mentee-goal = Knowing one's goal
closing-question-mentee-ask-for-help = Asking for help
closing-question-mentor-confidence = Confidence as a mentor
closing-question-mentor-skills = Mentoring techniques
closing-question-mentor-contact = Rapport with mentees
closing-column-mentor = Mentor
closing-column-mentees = Mentees
closing-column-meetings = Meetings held
closing-column-milestones-done = Milestones done
closing-column-milestones = Milestones in the plan
closing-column-stopped = Stopped early
closing-yes = yes
closing-no = no

## Axis titles of the participants' growth chart
closing-chart-axis-questions = Questionnaire questions
closing-chart-axis-score = Mean answer (1 to 10)
