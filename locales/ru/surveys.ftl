## Анкеты (начало работы пары и конец цикла). Версия вопросов — в ключе: survey-v1-…

survey-error-scale = Выбери число от { $min } до { $max } — кнопкой или цифрой.
survey-error-too-long = Это очень длинный ответ: в нём больше { $max } символов. Напиши покороче, пожалуйста.

survey-v1-mentee-confidence = Насколько ты уверен(а) в себе, когда берёшься за что-то новое? 1 — совсем не уверен(а), 10 — очень уверен(а).
survey-v1-mentee-interest = Насколько тебе интересно учиться и узнавать новое? 1 — совсем неинтересно, 10 — очень интересно.
survey-v1-mentee-goal = Насколько ясно ты понимаешь, чего хочешь добиться в этом году? 1 — совсем не понимаю, 10 — точно знаю.
survey-v1-mentee-ask-for-help = Насколько легко тебе попросить взрослого о помощи? 1 — очень трудно, 10 — совсем легко.
survey-v1-mentee-satisfaction = Как тебе понравилось заниматься с наставником? 1 — совсем не понравилось, 10 — очень понравилось.
survey-v1-mentee-most-useful = Что было самым полезным?
survey-v1-mentee-most-useful-meetings = Встречи с наставником
survey-v1-mentee-most-useful-plan = Наш план и цели
survey-v1-mentee-most-useful-advice = Советы наставника
survey-v1-mentee-most-useful-project = Проект или дело, которое мы сделали
survey-v1-mentee-most-useful-not-sure = Не знаю
survey-v1-mentee-again = Хочешь заниматься с наставником и в следующем году?
survey-v1-mentee-again-yes = Да
survey-v1-mentee-again-maybe = Может быть
survey-v1-mentee-again-no = Нет
survey-v1-mentee-expectations = Чего ты ждёшь от занятий с наставником? Напиши одной-двумя фразами.
survey-v1-mentee-best = Что тебе запомнилось больше всего? Напиши одной-двумя фразами.

survey-v1-mentor-confidence = Насколько уверенно вы чувствуете себя в роли наставника? 1 — совсем неуверенно, 10 — полностью уверенно.
survey-v1-mentor-skills = Насколько вы владеете приёмами наставничества (постановка целей, обратная связь, планирование)? 1 — совсем нет, 10 — свободно.
survey-v1-mentor-contact = Насколько легко вам находить общий язык с наставляемыми? 1 — очень трудно, 10 — очень легко.
survey-v1-mentor-satisfaction = Насколько вы довольны работой в программе? 1 — совсем не доволен(на), 10 — очень доволен(на).
survey-v1-mentor-support = Насколько вам хватало поддержки куратора? 1 — совсем не хватало, 10 — полностью хватало.
survey-v1-mentor-progress = Насколько наставляемый продвинулся к цели плана? 1 — никак, 10 — цель достигнута.
survey-v1-mentor-format = Какой формат встреч вам удобнее?
survey-v1-mentor-format-in-person = Очно
survey-v1-mentor-format-online = Онлайн
survey-v1-mentor-format-mixed = По-разному
survey-v1-mentor-again = Готовы ли вы стать наставником в следующем цикле?
survey-v1-mentor-again-yes = Да
survey-v1-mentor-again-maybe = Возможно
survey-v1-mentor-again-no = Нет
survey-v1-mentor-expectations = Чего вы ждёте от программы наставничества? Одной-двумя фразами.
survey-v1-mentor-advice = Что бы вы посоветовали изменить в программе? Одной-двумя фразами.
