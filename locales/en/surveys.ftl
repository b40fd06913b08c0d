## Questionnaires (start of a pair's work and end of the cycle). The question set's version is in the key: survey-v1-…

survey-error-scale = Choose a number from { $min } to { $max }: press a button or type the number.
survey-error-too-long = That's a very long answer: it has more than { $max ->
        [one] { $max } character
       *[other] { $max } characters
    }. Please make it shorter.

survey-invite-start-mentee =
    Hi! 👋 You are starting to work with your mentor: { $names }.
    Please answer a few short questions about yourself. It takes 2 minutes. There are no right or wrong answers.
    You can answer now or later: the button will stay here.
survey-invite-start-mentor =
    📋 A short questionnaire as you start working with your mentees: { $names } ({ $org }).
    It takes about 2 minutes. You can answer now or later — the button stays in this message.
survey-invite-end-mentee =
    Hi! 👋 Your time with your mentor ({ $names }) is coming to an end.
    Tell us how it went: a few short questions, 2 minutes. You can answer now or later.
survey-invite-end-mentor =
    📋 The mentoring cycle is closing. A short final questionnaire about your work with your mentees: { $names } ({ $org }).
    It takes about 2 minutes. You can answer now or later.
survey-reminder-mentee =
    Hi! 🙂 A little reminder about the short questionnaire on working with your mentor ({ $names }). It's just 2 minutes.
    When you have a moment, press the button. Thank you!
survey-reminder-mentor =
    A reminder about the short questionnaire on your work with your mentees: { $names } ({ $org }). It takes about 2 minutes.
    Your answers help make the programme better. Thank you!
survey-button-answer = ✍️ Answer
survey-button-skip = ⏭ Skip
survey-scale-value = { $number }

survey-intro-mentee =
    A questionnaire about working with your mentor ({ $names }). It has { $count } { $count ->
        [one] question
       *[other] questions
    }.
    Answer honestly: there are no right or wrong answers here. If you make a mistake, press “Back”.
survey-intro-mentor =
    A questionnaire about your work with your mentees: { $names } ({ $org }). Questions: { $count }.
    You can go back to the previous question with “Back”.
survey-question =
    Question { $number } of { $count }
    { $question }
survey-question-open =
    Question { $number } of { $count }
    { $question }
    (Up to { $max ->
        [one] { $max } character
       *[other] { $max } characters
    }. If you'd rather not answer, press “Skip”.)
survey-thanks-mentee = Thank you! 🙌 Your answers will help make the sessions even better.
survey-thanks-mentor = Thank you! Your answers are saved: they will help the coordinator improve the programme.
survey-not-yours = This questionnaire is someone else's, so you can't answer it. 🙂
survey-already-answered = This questionnaire has already been answered. Thank you! 🙌
survey-closed = This questionnaire is closed: the programme's cycle is over. No need to answer. 🙂

survey-v1-mentee-confidence = When you try something new, how sure of yourself are you? 1 — not sure at all, 10 — very sure.
survey-v1-mentee-interest = How interesting is it for you to study and learn new things? 1 — not at all, 10 — very interesting.
survey-v1-mentee-goal = Do you know what you want to achieve this year? 1 — no idea yet, 10 — I know exactly.
survey-v1-mentee-ask-for-help = Is it easy for you to ask a grown-up for help? 1 — very hard, 10 — very easy.
survey-v1-mentee-satisfaction = Did you like working with your mentor? 1 — not at all, 10 — very much.
survey-v1-mentee-most-useful = What helped you the most? Choose one.
survey-v1-mentee-most-useful-meetings = Meetings with my mentor
survey-v1-mentee-most-useful-plan = Our plan and goals
survey-v1-mentee-most-useful-advice = My mentor's advice
survey-v1-mentee-most-useful-project = Something we made together
survey-v1-mentee-most-useful-not-sure = I don't know
survey-v1-mentee-again = Would you like to have a mentor next year too?
survey-v1-mentee-again-yes = Yes
survey-v1-mentee-again-maybe = Maybe
survey-v1-mentee-again-no = No
survey-v1-mentee-expectations = What do you hope to get from working with a mentor? Write in your own words, short is fine.
survey-v1-mentee-best = What do you remember most? Write in your own words, short is fine.

survey-v1-mentor-confidence = How confident do you feel as a mentor? 1 — not at all, 10 — fully confident.
survey-v1-mentor-skills = How well do you master mentoring techniques (setting goals, feedback, planning)? 1 — not at all, 10 — fluently.
survey-v1-mentor-contact = How easy is it for you to connect with your mentees? 1 — very hard, 10 — very easy.
survey-v1-mentor-satisfaction = How satisfied are you with your work in the programme? 1 — not at all, 10 — very satisfied.
survey-v1-mentor-support = Did you get enough support from the coordinator? 1 — not at all, 10 — fully.
survey-v1-mentor-progress = How far did your mentee get towards the plan's goal? 1 — not at all, 10 — goal reached.
survey-v1-mentor-format = Which meeting format suits you best?
survey-v1-mentor-format-in-person = In person
survey-v1-mentor-format-online = Online
survey-v1-mentor-format-mixed = Both
survey-v1-mentor-again = Would you mentor again in the next cycle?
survey-v1-mentor-again-yes = Yes
survey-v1-mentor-again-maybe = Perhaps
survey-v1-mentor-again-no = No
survey-v1-mentor-expectations = What do you expect from the mentoring programme? A sentence or two.
survey-v1-mentor-advice = What would you suggest changing in the programme? A sentence or two.
