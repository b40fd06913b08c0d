## Questionnaires (start of a pair's work and end of the cycle). The question set's version is in the key: survey-v1-…

survey-error-scale = Choose a number from { $min } to { $max }: press a button or type the number.
survey-error-too-long = That's a very long answer: it has more than { $max } characters. Please make it shorter.

survey-v1-mentee-confidence = How sure of yourself are you when you try something new? 1 — not sure at all, 10 — very sure.
survey-v1-mentee-interest = How interesting is it for you to study and learn new things? 1 — not at all, 10 — very interesting.
survey-v1-mentee-goal = How clearly do you know what you want to achieve this year? 1 — no idea, 10 — I know exactly.
survey-v1-mentee-ask-for-help = How easy is it for you to ask an adult for help? 1 — very hard, 10 — very easy.
survey-v1-mentee-satisfaction = How much did you like working with your mentor? 1 — not at all, 10 — very much.
survey-v1-mentee-most-useful = What was the most useful?
survey-v1-mentee-most-useful-meetings = Meetings with my mentor
survey-v1-mentee-most-useful-plan = Our plan and goals
survey-v1-mentee-most-useful-advice = My mentor's advice
survey-v1-mentee-most-useful-project = A project or thing we made
survey-v1-mentee-most-useful-not-sure = I don't know
survey-v1-mentee-again = Would you like to have a mentor next year too?
survey-v1-mentee-again-yes = Yes
survey-v1-mentee-again-maybe = Maybe
survey-v1-mentee-again-no = No
survey-v1-mentee-expectations = What do you hope to get from working with a mentor? Write a sentence or two.
survey-v1-mentee-best = What do you remember most? Write a sentence or two.

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
