## Programme documents in Word (DOCX): the order, plans, regulations, road map, consent register, monitoring report

## audience: adult

doc-button-regulations = 📜 Regulations (draft)
doc-button-road-map = 🗺 Road map
doc-button-consents = ✍️ Consent register
doc-button-plan = 📄 Plan in Word
doc-order-xlsx = The same list of pairs as an XLSX table, for working with the data.
doc-no-cycle = There is no open cycle, so there is nothing to fill the document from. Open a cycle: the regulations and the road map take its name, dates, forms and directions.
doc-regulations-ready = A draft of the mentoring programme's regulations from the settings of the cycle "{ $cycle }". Check and complete it, then approve it by an order.
doc-road-map-ready = A draft road map of the cycle "{ $cycle }": the seven stages of the target model with dates.
doc-consents-ready = Consent register: { $count ->
        [one] { $count } participant
       *[other] { $count } participants
    }.
doc-consents-empty = The organisation has no mentees or mentors yet, so the consent register is empty.
doc-plan-ready = The pair's individual mentoring plan as a Word file, for signatures.
doc-monitoring-ready = 📄 The monitoring report for filing, as a Word file with the chart.

## Texts inside the documents

## audience: any

doc-date-to-fill = "__" ____________ 20__
doc-draft-mark = DRAFT
doc-period = from { $start } to { $end }

doc-direction-studies = studies
doc-direction-additional_education = additional education
doc-direction-projects = project work
doc-direction-career = career guidance and professional self-determination
doc-direction-civic = civic and volunteer work
doc-direction-none = not set

doc-column-mentor = Mentor
doc-column-mentees = Mentee or mentees
doc-column-form = Mentoring form
doc-column-direction = Direction
doc-column-milestone = Task (milestone)
doc-column-due = Due
doc-column-evidence = How the result shows
doc-column-done = Done
doc-column-stage = Stage
doc-column-work = Work
doc-column-dates = Dates
doc-column-result = Result
doc-column-responsible = Responsible
doc-column-participant = Participant
doc-column-giver = Who decided
doc-column-decision = Decision
doc-column-text-version = Text version
doc-column-decided = Decided on
doc-column-channel = Channel
doc-column-withdrawn = Withdrawn
doc-column-question = Measure
doc-column-start = At the start
doc-column-end = At the end
doc-column-change = Change
doc-column-milestones-done = Tasks done

doc-signer-head = Head of the organisation
doc-signer-coordinator = Coordinator of the mentoring programme
doc-signer-mentor = Mentor
doc-signer-mentee = Mentee
doc-signer-parent-of = Parent (legal representative) of the mentee { $child }
doc-signer-author = Drafted by the coordinator

doc-order-title = Order fixing mentoring pairs (groups)
doc-order-heading = ORDER
doc-order-subject = On fixing mentoring pairs (groups)
doc-order-preamble = In accordance with order No. R-145 of the Ministry of Education of the Russian Federation of 25.12.2019 "On the methodology (target model) of student mentoring", the methodological recommendations on introducing the target model of mentoring (letter of the Ministry of Education of Russia of 23.01.2020 No. MR-42/02) and the mentoring programme "{ $cycle }" for the period from { $start } to { $end }
doc-order-decree = I ORDER:
doc-order-point-pairs = 1. To fix the mentoring pairs (groups) for the period of the mentoring programme as listed ({ $count ->
        [one] { $count } pair or group
       *[other] { $count } pairs or groups
    }):
doc-order-point-responsible = 2. To make the coordinator of the mentoring programme, { $coordinator }, responsible for organising the work of the pairs (groups), for monitoring and for evaluating the results of the programme.
doc-order-point-control = 3. I reserve the control over this order.
doc-order-acknowledged = Acquainted with the order:

doc-plan-title = Individual mentoring plan
doc-plan-heading = INDIVIDUAL MENTORING PLAN
doc-plan-programme = within the mentoring programme "{ $cycle }"
doc-plan-organisation = Organisation
doc-plan-period = Period
doc-plan-status = State of the plan
doc-plan-goal = Goal
doc-plan-milestones = Tasks (milestones) and dates
doc-plan-no-milestones = The plan's tasks are not set yet.
doc-plan-done-on = done on { $date }
doc-plan-not-done = not done
doc-plan-status-draft = the mentor's draft
doc-plan-status-proposed = sent to the mentee for agreement
doc-plan-status-agreed = agreed on { $date }
doc-plan-status-change_requested = the mentee asks for changes

doc-regulations-title = Regulations of the mentoring programme
doc-regulations-approved = APPROVED by order of { $org }
doc-regulations-heading = REGULATIONS
doc-regulations-subject = of the mentoring programme "{ $cycle }" in { $org } for the period from { $start } to { $end }
doc-regulations-general = General provisions
doc-regulations-general-1 = These regulations follow Federal Law No. 273-FZ of 29.12.2012 "On Education in the Russian Federation", order No. R-145 of the Ministry of Education of the Russian Federation of 25.12.2019 "On the methodology (target model) of student mentoring" and the methodological recommendations (letter of the Ministry of Education of Russia of 23.01.2020 No. MR-42/02).
doc-regulations-general-2 = The regulations set the aims, tasks, participants, forms and directions and the order of student mentoring in { $org } (the organisation), and how its results are monitored and evaluated.
doc-regulations-general-3 = Mentoring is a universal way of passing on experience and knowledge and of building skills and competences through informal, mutually enriching communication based on trust and partnership.
doc-regulations-aims = Aims and tasks of the programme
doc-regulations-aims-1 = The programme aims at the fullest development of the mentee's potential needed for personal and professional fulfilment.
doc-regulations-aims-2 = Its tasks: help with studies and with choosing a profession, developing the students' interests and abilities, conditions for sharing experience, an open and effective system of support for students.
doc-regulations-participants = Participants of the programme
doc-regulations-participants-1 = Mentees are students of the organisation aged 10 to 19, including those struggling in studies, socially or value disoriented, with special educational needs, and those with outstanding abilities.
doc-regulations-participants-2 = Mentors are teachers, students, university students, adult specialists and employers' representatives who passed the selection and, as needed, training.
doc-regulations-participants-3 = The coordinator of the mentoring programme is an employee of the organisation appointed by the head's order; they organise the programme, form pairs and groups, monitor it and report.
doc-regulations-participants-4 = Parents (legal representatives) of minor participants consent to the child's participation and to the processing of the child's personal data and may withdraw the consent at any time.
doc-regulations-forms = Forms and directions of mentoring
doc-regulations-forms-1 = The programme uses the forms of mentoring: { $forms }.
doc-regulations-forms-2 = Directions of mentoring: { $directions }.
doc-regulations-forms-3 = A mentor works with one mentee (a pair) or several (a group); pairs and groups are fixed by an order of the head of the organisation.
doc-regulations-order = How the programme runs
doc-regulations-order-1 = The programme runs from { $start } to { $end } in the seven stages of the target model: preparing the conditions, forming the base of mentees, forming the base of mentors, selecting and training mentors, forming mentoring pairs (groups), the work of pairs (groups), completing the programme. The road map sets the dates of the stages.
doc-regulations-order-2 = Each pair (group) draws up an individual mentoring plan: a goal, tasks with dates and how each result shows; mentor and mentee agree on it, the coordinator reads it.
doc-regulations-order-3 = Pairs (groups) meet as planned; participants tell the coordinator how their tasks go at least every { $days ->
        [one] day
       *[other] { $days } days
    }.
doc-regulations-order-4 = Mentor and mentee communicate through the programme's channels; contact details of minors are not passed on outside the programme.
doc-regulations-data = Personal data and consents
doc-regulations-data-1 = A minor takes part after a parent's (legal representative's) consent; from 14 a student also gives their own consent; an adult participant consents themself.
doc-regulations-data-2 = The organisation collects the minimum of data the programme needs; when consent is withdrawn, the participant's data is removed or made anonymous.
doc-regulations-data-3 = Consents, withdrawals and refusals are kept in the consent register with the version of the consent text, the date and the channel.
doc-regulations-monitoring = Monitoring and evaluation
doc-regulations-monitoring-1 = Monitoring evaluates the quality of the programme (participants' satisfaction, meetings, plans fulfilled) and the participants' growth (questionnaires at the start and at the end compared).
doc-regulations-monitoring-2 = At the end of the cycle the coordinator prepares the monitoring report; the results are presented at the final event.
doc-regulations-final = Final provisions
doc-regulations-final-1 = The regulations take effect on the day an order of the head of the organisation approves them.
doc-regulations-final-2 = The regulations are changed by an order of the head of the organisation.

doc-road-map-title = Road map of the mentoring programme
doc-road-map-heading = ROAD MAP
doc-road-map-subject = of the mentoring programme "{ $cycle }" in { $org } for the period from { $start } to { $end }
doc-road-map-head-and = Head of the organisation, { $coordinator }
doc-stage-preparation = Preparing the conditions for the programme
doc-stage-preparation-work = Adopting the regulations, appointing the coordinator, analysing the organisation's needs, informing participants.
doc-stage-preparation-result = Regulations, order appointing the coordinator, road map
doc-stage-mentee-base = Forming the base of mentees
doc-stage-mentee-base-work = Informing students and parents, collecting forms and consents, analysing the mentees' requests.
doc-stage-mentee-base-result = Base of mentees, consent register
doc-stage-mentor-base = Forming the base of mentors
doc-stage-mentor-base-work = Informing teachers, students and social partners; collecting mentors' forms.
doc-stage-mentor-base-result = Base of mentors
doc-stage-mentor-training = Selecting and training mentors
doc-stage-mentor-training-work = Choosing mentors for the mentees' tasks, checking documents, training mentors.
doc-stage-mentor-training-result = Selected and trained mentors
doc-stage-pairs = Forming mentoring pairs (groups)
doc-stage-pairs-work = An introductory meeting of mentors and mentees, analysing forms, fixing pairs and groups.
doc-stage-pairs-result = Order fixing mentoring pairs (groups)
doc-stage-work = The work of mentoring pairs (groups)
doc-stage-work-work = Drawing up individual plans, meetings of pairs, checking tasks, corrective measures.
doc-stage-work-result = Individual plans, records of meetings and tasks
doc-stage-completion = Completing the mentoring programme
doc-stage-completion-work = Final questionnaires, monitoring of effectiveness, the final event.
doc-stage-completion-result = Monitoring report, final event

doc-consents-title = Consent register
doc-consents-heading = CONSENT REGISTER
doc-consents-subject = for taking part in the mentoring programme and processing personal data, as of { $date }
doc-consents-note = A minor's consent is given by a parent (legal representative) and, from 14, by the student too; an adult participant consents themself. Times are in the organisation's time zone.
doc-consent-granted = consent given
doc-consent-declined = consent refused
doc-consent-giver-parent = parent (legal representative)
doc-consent-giver-self = the participant
doc-consent-review-pending = awaits the coordinator's check
doc-consent-review-accepted = accepted by the coordinator
doc-consent-review-rejected = rejected by the coordinator
doc-consent-erased = data erased
doc-consent-born = born { $year }
doc-consent-waiting = no consent yet
doc-role-mentee = mentee
doc-role-mentor = mentor

doc-monitoring-title = Monitoring report of the mentoring programme
doc-monitoring-heading = MONITORING REPORT OF THE MENTORING PROGRAMME
doc-monitoring-stopped = stopped early
