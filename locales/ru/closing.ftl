## Завершение цикла: итоги пар, отчёт мониторинга, архив (этап 7)

## audience: adult

closing-button-close = 🏁 Завершить цикл
closing-button-report = 📈 Отчёт мониторинга
button-final-event = 🎉 Итоговое мероприятие
closing-button-archive = 🗄 Отправить цикл в архив
closing-programme-closing = 🏁 Цикл завершается: итоги пар разосланы, итоговые анкеты уходят участникам. Отчёт мониторинга можно получить в любой момент, он учитывает новые ответы. После итогового мероприятия отправьте цикл в архив.
closing-programme-archived = 🗄 Прошлый цикл «{ $name }» в архиве: его отчёт мониторинга по-прежнему доступен.

closing-close-no-cycle = Открытого цикла нет — завершать нечего.
closing-close-not-working = Завершить можно цикл, в котором пары уже работают. Цикл «{ $name }» сейчас на этапе «{ $stage }».
closing-close-already = Цикл «{ $name }» уже завершается. Отчёт мониторинга — по кнопке ниже.
closing-confirm =
    🏁 Завершить цикл «{ $name }»?

    Что произойдёт:
    • каждая пара и группа (их { $pairs }) получит итоги своей работы: сколько было встреч и сколько этапов плана выполнено;
    • в течение четверти часа наставникам и наставляемым уйдут итоговые анкеты;
    • вопросы о ходе плана перестанут приходить;
    • вам станет доступен отчёт мониторинга — его можно получать снова, пока приходят ответы.

    Пары закончат работу, когда вы отправите цикл в архив.
closing-button-confirm = 🏁 Да, завершить цикл
closing-button-not-now = Не сейчас
closing-kept = Хорошо, цикл продолжается.
closing-started = 🏁 Цикл «{ $name }» завершается. Итоги работы отправлены участникам пар и групп: { $people } чел. в { $pairs } { $pairs ->
        [one] паре или группе
        [few] парах и группах
       *[many] парах и группах
    }. Итоговые анкеты уйдут в течение 15 минут. Отчёт мониторинга — по кнопке ниже.

## Итоги пары наставнику
## audience: any

closing-summary-mentor = 🏁 Цикл программы наставничества «{ $cycle }» завершается. Итоги { $address ->
        [ty] твоей
       *[vy] вашей
    } работы с { INSTRUMENTAL($mentees) }: встреч проведено — { $meetings }.
closing-summary-mentor-plan = Цель плана: «{ $goal }». Этапов выполнено: { $done } из { $total }.
closing-summary-mentor-goal = Цель плана: «{ $goal }». Этапов в плане не было.
closing-summary-mentor-no-plan = Плана у пары не было.
closing-summary-mentor-thanks = { $address ->
        [ty] Спасибо за твою работу! Скоро придёт короткая итоговая анкета: твои ответы помогут сделать программу лучше.
       *[vy] Спасибо за вашу работу! Скоро придёт короткая итоговая анкета: ваши ответы помогут сделать программу лучше.
    }

## Итоги пары наставляемому
## audience: child

closing-summary-mentee = 🏁 Занятия с наставником в программе «{ $cycle }» подходят к концу! Вот итоги занятий с { INSTRUMENTAL($mentor) }: встреч было — { $meetings }.
closing-summary-mentee-plan = Цель плана: «{ $goal }». Шагов плана сделано: { $done } из { $total }.
closing-summary-mentee-goal = Цель плана: «{ $goal }».
closing-summary-mentee-no-plan = Плана не было — ничего страшного.
closing-summary-mentee-thanks = Ты молодец! Скоро придёт короткая анкета — ответь на неё, пожалуйста. Это займёт пару минут.

## audience: adult

closing-report-none = Отчёт мониторинга появится, когда цикл начнёт завершаться: кнопка «🏁 Завершить цикл» на экране программы.
closing-report-title = 📈 Отчёт мониторинга: цикл «{ $name }» ({ $start } — { $end }), { $stage }.
closing-report-quality =
    Качество программы
    👥 Пар и групп: { $pairs }, прекратили работу досрочно: { $stopped }
    ✅ Встреч проведено в среднем на пару: { $meetings }
    🏁 Планов выполнено полностью: { $plansCompleted } из { $plansWithMilestones } (этапов выполнено { $milestonesPercent } %)
closing-report-responses =
    Ответили на анкеты
    • наставляемые: в начале { $menteeStart } % ({ $menteeStartAnswered } из { $menteeStartSent }), в конце { $menteeEnd } % ({ $menteeEndAnswered } из { $menteeEndSent })
    • наставники: в начале { $mentorStart } % ({ $mentorStartAnswered } из { $mentorStartSent }), в конце { $mentorEnd } % ({ $mentorEndAnswered } из { $mentorEndSent })
closing-report-satisfaction =
    😊 Удовлетворённость (из 10): в среднем { $overall }, ответов: { $answers }
    По формам:
    { $byForm }
    По направлениям:
    { $byDirection }
closing-report-group-line = • { $group }: { $average } (ответов: { $answers })
closing-report-growth = 📈 Рост участников (конец минус начало, по шкале из 10): наставляемые { $mentees }, наставники { $mentors }.
closing-report-chart-legend = На картинке — средний ответ на каждый вопрос в начале (серые столбики) и в конце (зелёные) у тех, кто ответил оба раза.
closing-report-workbook = 📄 Отчёт целиком: качество программы, рост каждого участника, пары и группы.
closing-chart-title = Рост участников: средний ответ в начале и в конце (из 10)
closing-chart-start = В начале
closing-chart-end = В конце
closing-chart-empty = Ответов на анкеты в начале и в конце пока нет

closing-archive-no-cycle = Открытого цикла нет — отправлять в архив нечего.
closing-archive-not-closing = В архив отправляется цикл, который завершается. Цикл «{ $name }» сейчас на этапе «{ $stage }»: сначала завершите его кнопкой «🏁 Завершить цикл».
closing-archive-confirm =
    🗄 Отправить цикл «{ $name }» в архив?

    • Все пары и группы (их { $pairs }) закончат работу.
    • Данные цикла сохранятся: отчёт мониторинга можно будет получить и потом.
    • Наставники и наставляемые останутся в программе: в следующий цикл их можно включить без новой регистрации.

    Вернуть цикл из архива нельзя.
closing-button-archive-confirm = 🗄 Да, в архив
closing-archive-kept = Хорошо, цикл пока не в архиве.
closing-archived = 🗄 Цикл «{ $name }» в архиве, пары и группы закончили работу: { $pairs }. Можно открывать новый цикл — участники уже в программе, регистрироваться заново им не нужно.

closing-sheet-quality = Качество программы
closing-sheet-growth = Рост участников
closing-sheet-pairs = Пары и группы
closing-book-title = Мониторинг программы наставничества: цикл «{ $name }» ({ $start } — { $end })
closing-book-date = Дата отчёта: { $date }
closing-column-figure = Показатель
closing-column-value = Значение
closing-figure-pairs = Пар и групп
closing-figure-stopped = Прекратили работу досрочно
closing-figure-meetings = Встреч проведено в среднем на пару
closing-figure-plans-completed = Планов выполнено полностью
closing-figure-plans-with-milestones = Планов с этапами
closing-figure-milestones-done = Доля выполненных этапов плана
closing-figure-satisfaction = Удовлетворённость в среднем (из 10)
closing-figure-satisfaction-answers = Ответов об удовлетворённости
closing-figure-growth-mentees = Средний рост наставляемых (конец минус начало)
closing-figure-growth-mentors = Средний рост наставников (конец минус начало)
closing-column-questionnaire = Анкета
closing-column-sent = Отправлено
closing-column-answered = Ответили
closing-column-rate = Доля ответов
closing-questionnaire-mentee-start = Наставляемые, в начале
closing-questionnaire-mentee-end = Наставляемые, в конце
closing-questionnaire-mentor-start = Наставники, в начале
closing-questionnaire-mentor-end = Наставники, в конце
closing-column-form = Форма наставничества
closing-column-direction = Направление
closing-column-satisfaction = Удовлетворённость (из 10)
closing-column-answers = Ответов
closing-direction-none = Без направления
closing-audience-mentees = Наставляемые
closing-audience-mentors = Наставники
closing-column-participant = Участник
closing-column-start = { $question }: в начале
closing-column-end = { $question }: в конце
closing-column-change = { $question }: изменение
closing-column-average-change = Среднее изменение
closing-row-average = Среднее
closing-growth-none = На анкеты ещё никто не ответил.
closing-question-mentee-confidence = Уверенность в себе
closing-question-mentee-interest = Интерес к учёбе
closing-question-mentee-goal = Понимание своей цели
closing-question-mentee-ask-for-help = Умение попросить о помощи
closing-question-mentor-confidence = Уверенность в роли наставника
closing-question-mentor-skills = Приёмы наставничества
closing-question-mentor-contact = Контакт с наставляемыми
closing-column-mentor = Наставник
closing-column-mentees = Наставляемые
closing-column-meetings = Встреч проведено
closing-column-milestones-done = Этапов выполнено
closing-column-milestones = Этапов в плане
closing-column-stopped = Прекратили работу досрочно
closing-yes = да
closing-no = нет

## Подписи осей на графике роста участников
closing-chart-axis-questions = Вопросы анкеты
closing-chart-axis-score = Средний ответ (от 1 до 10)
