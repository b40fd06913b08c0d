# Check-ins: how the plan goes, every few days; alerts to the coordinators about pairs.

## audience: child

check-ins-ask-mentee =
    Привет! 👋 Расскажи, как дела с твоим планом. Твой наставник: { $mentor }.
    Нажми кнопку и ответь на пару коротких вопросов. Это займёт минуту.
# audience: any
check-ins-ask-mentor =
    📋 Пора сверить план: { $mentees }.
    { $address ->
        [ty] Нажми кнопку и отметь
       *[vy] Нажмите кнопку и отметьте
    }, как идут текущие шаги. Это займёт минуту.
# audience: any
check-ins-plan-missing =
    📋 Пора сверить, как идут дела: { $mentees }. Но в плане пока нет ни одного шага.
    { $address ->
        [ty] Составь
       *[vy] Составьте
    }, пожалуйста, план: цель и шаги со сроками.
## audience: any

check-ins-button-answer = ✍️ Ответить
check-ins-button-plan = 📝 Составить план

check-ins-not-yours = Это чужой опрос, ответить на него нельзя. 🙂
check-ins-already-answered = На этот опрос ответ уже есть. Спасибо! 🙌
check-ins-stale = Этот опрос устарел: уже пришёл новый. Ответить нужно на него. 🙂
check-ins-pair-over = Эта пара больше не занимается в программе. Отвечать не нужно.
check-ins-nothing-now = Все шаги плана уже сделаны, спрашивать не о чем. Отличная работа! 🎉

## audience: child

check-ins-intro-mentee = Давай пройдём по плану. Шагов: { $count }. Про каждый нажми одну кнопку.
# audience: any
check-ins-intro-mentor = Пройдём по текущим шагам плана ({ $count }). Про каждый { $address ->
        [ty] нажми
       *[vy] нажмите
    } одну кнопку.
check-ins-question-mentee =
    Шаг { $number } из { $count }: «{ $title }»
    Срок: { $due }
    Как у тебя с этим шагом?
# audience: any
check-ins-question-mentor =
    Шаг { $number } из { $count }: «{ $title }»
    Срок: { $due }
    Как идёт этот шаг?
# audience: any
check-ins-due = { $date }
# audience: any
check-ins-due-passed = { $date } (уже прошёл)
# audience: any
check-ins-button-done = ✅ Сделано
# audience: any
check-ins-button-on-track = 👍 Идёт по плану
# audience: any
check-ins-button-stuck = 😕 Не получается
check-ins-why-mentee = Что мешает? Напиши пару слов (до { $max } { $max ->
        [one] символа
        [few] символов
       *[many] символов
    }).
# audience: any
check-ins-why-mentor = Что мешает? Пара слов для куратора (до { $max } { $max ->
        [one] символа
        [few] символов
       *[many] символов
    }).
# audience: any
check-ins-reason-too-long = Это очень длинно 🙂 { $address ->
        [ty] Напиши
       *[vy] Напишите
    }, пожалуйста, коротко: до { $max } { $max ->
        [one] символа
        [few] символов
       *[many] символов
    }.

check-ins-thanks-mentee = Спасибо! Я всё запомнил. 🙌
# audience: any
check-ins-thanks-mentor = Спасибо! Ответы сохранены.
check-ins-thanks-stuck-mentee = Спасибо! Я рассказал куратору, что есть трудность. Тебе помогут. 🤝
# audience: any
check-ins-thanks-stuck-mentor = Спасибо! Куратор узнает о трудностях и свяжется с { $address ->
        [ty] тобой
       *[vy] вами
    }.
# audience: any
check-ins-marked-done = Отмечено в плане как сделанное: { $count }.

## audience: adult

check-ins-pair = наставник { $mentor } — { $mentees } («{ $org }»)
check-ins-who-mentor = Наставник { $name }
check-ins-who-mentee = Наставляемый { $name }
check-ins-alert-stuck =
    ⚠️ Паре нужна помощь: { $pair }.
    { $who } отвечает, что не получается шаг «{ $title }»: «{ $reason }»
check-ins-alert-missed =
    ⚠️ Паре нужно внимание: { $pair }.
    Две встречи подряд не состоялись.
check-ins-alert-quiet =
    ⚠️ Паре нужно внимание: { $pair }.
    Встреч не было уже { $days } { $days ->
        [one] день
        [few] дня
       *[other] дней
    }.
