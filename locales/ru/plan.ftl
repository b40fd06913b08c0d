## Индивидуальный план наставничества (ИПН): цель и этапы пары

## audience: any

plan-which-pair = План какой пары открыть?
plan-none-mentee = Наставник ({ $mentor }) ещё пишет общий план. { $address ->
        [ty] Когда он будет готов, я пришлю его тебе.
       *[vy] Когда он будет готов, я пришлю его вам.
    }
plan-draft-mentee = Наставник ({ $mentor }) уже пишет общий план, но ещё не отправил его. { $address ->
        [ty] Как только отправит, я пришлю его тебе.
       *[vy] Как только отправит, я пришлю его вам.
    }

## Статусы плана и этапов
plan-status-draft = ✏️ черновик (наставляемые его ещё не видят)
plan-status-proposed = 📨 ждёт согласия наставляемого
plan-status-agreed = 🤝 согласован
plan-status-change_requested = 🔁 наставляемый просит изменения
plan-state-done = ✅ сделано
plan-state-overdue = ⏰ срок прошёл
plan-state-upcoming = 🔸 впереди

## Экран плана
plan-pair = Наставник: { $mentor }; наставляемые: { $mentees }
plan-view =
    📝 План наставничества
    { $pair }
    Статус: { $status } · версия { $version }

    🎯 Цель: { $goal }
plan-change-request-shown = 🔁 Просьба изменить план: «{ $text }»
plan-no-milestones = Этапов пока нет.
plan-milestone-line =
    { $number }. { $title }
    📅 до { $date } · { $state }
plan-milestone-line-evidence =
    { $number }. { $title }
    📅 до { $date } · { $state }
    🔎 Как покажем результат: { $evidence }
button-plan-agree = 🤝 Согласиться с планом
button-plan-change = ✏️ Попросить изменить
button-plan-send = 📤 Отправить наставляемому
button-plan-send-group = 📤 Отправить наставляемым
button-plan-milestone = 📌 Этап { $number }
button-plan-goal = 🎯 Изменить цель
button-plan-add = ➕ Добавить этап

## Составление плана наставником
## audience: any

plan-draft-intro =
    Составим план { $address ->
        [ty] твоей
       *[vy] вашей
    } пары: общую цель и этапы на пути к ней. Для каждого этапа — что сделать, к какому сроку и как будет виден результат.
    Наставляемый увидит план, когда { $address ->
        [ty] ты его отправишь
       *[vy] вы его отправите
    }, и сможет согласиться или попросить изменения.
plan-draft-intro-group =
    Составим план { $address ->
        [ty] твоей
       *[vy] вашей
    } группы: общую цель и этапы на пути к ней. Для каждого этапа — что сделать, к какому сроку и как будет виден результат.
    Наставляемые увидят план, когда { $address ->
        [ty] ты его отправишь
       *[vy] вы его отправите
    }, и смогут согласиться или попросить изменения.
plan-ask-goal = 🎯 Какая цель у { $address ->
        [ty] твоей
       *[vy] вашей
    } работы на этот цикл? Например: «Подготовить и защитить проект по робототехнике». До 500 символов.
plan-ask-milestone = 📌 Этап { $number }: что нужно сделать? Например: «Выбрать тему проекта». До 300 символов.
plan-ask-due =
    📅 К какому сроку? { $address ->
        [ty] Выбери кнопку или напиши
       *[vy] Выберите кнопку или напишите
    } дату: 25.12, «через 2 недели», «в следующую пятницу».
    Цикл заканчивается { $end }.
plan-ask-evidence = 🔎 Как будет виден результат? Например: «презентация на классном часе», «сертификат». Можно пропустить. До 300 символов.
button-plan-skip = ⏭ Пропустить
plan-ask-more = Этапов в плане: { $number }. Добавить ещё один? (Всего можно { $max }.)
plan-ask-more-full = Этапов в плане: { $number } — это наибольшее число ({ $max }). Дальше — проверка плана.
button-plan-more = ➕ Добавить этап
button-plan-enough = ✅ Это всё
plan-preview =
    { $address ->
        [ty] Проверь
       *[vy] Проверьте
    } план перед отправкой.

    🎯 Цель: { $goal }
plan-draft-line = { $number }. { $title } — до { $date }
plan-draft-line-evidence =
    { $number }. { $title } — до { $date }
    🔎 { $evidence }
button-plan-keep-draft = 💾 Сохранить, отправлю позже
plan-sent = 📤 План отправлен наставляемому. Я напишу { $address ->
        [ty] тебе
       *[vy] вам
    }, когда он согласится или попросит изменения.
plan-sent-group = 📤 План отправлен наставляемым. Я напишу { $address ->
        [ty] тебе
       *[vy] вам
    }, когда кто-то из них согласится или попросит изменения.
plan-kept-draft = 💾 План сохранён как черновик. Наставляемые его пока не видят: когда { $address ->
        [ty] всё будет готово, нажми
       *[vy] будете готовы, нажмите
    } «Отправить».
plan-error-exists = У этой пары уже есть план (его, похоже, составили на другом устройстве). Вот он:

## Сообщения наставляемым
## audience: child

plan-sent-notice = 📝 Наставник ({ $mentor }) составил общий план: цель и этапы. Посмотри его и нажми «Согласиться с планом» — или «Попросить изменить», если что-то не так.
plan-changed-notice = 📝 Наставник ({ $mentor }) изменил общий план. Посмотри, что получилось, и нажми «Согласиться с планом» — или «Попросить изменить».
plan-done-by-mentor-notice = ✅ Наставник ({ $mentor }) отметил этап плана как сделанный: «{ $title }». Так держать!

## Согласие наставляемого
plan-agreed = 🤝 Спасибо! План согласован. Я сказал наставнику.
plan-ask-change = ✏️ Что стоит изменить в плане и почему? Напиши своими словами, до 1000 символов.
plan-change-sent = 📨 Я передал наставнику твою просьбу. Когда он поменяет план, я пришлю его снова.
plan-error-not-sent = Наставник ещё не отправил этот план.
plan-error-changed-since = Этот план с тех пор изменился. Посмотри, какой он сейчас:
plan-error-already-agreed = С этим планом уже согласились. Вот он:
plan-error-change-already-asked = Просьба изменить этот план уже отправлена. Наставник её получил — подожди, пока он ответит.
# audience: any
plan-error-mentee-only = Согласиться с планом или попросить изменения может только наставляемый.

## Сообщения наставнику
## audience: any

plan-agreed-notice = 🤝 { GENDER($mentee) ->
        [female] { $mentee } согласилась с планом.
        [male] { $mentee } согласился с планом.
       *[other] План согласован: { $mentee }.
    }
plan-change-notice =
    ✏️ { $mentee } просит изменить план:
    «{ $text }»
    { $address ->
        [ty] Открой
       *[vy] Откройте
    } план, чтобы поменять цель или этапы.
plan-done-by-mentee-notice = ✅ { GENDER($mentee) ->
        [female] { $mentee } отметила этап плана как сделанный
        [male] { $mentee } отметил этап плана как сделанный
       *[other] Этап плана отмечен как сделанный (отметка: { $mentee })
    }: «{ $title }».

## Изменение плана
## audience: any

plan-goal-now = Сейчас цель такая: «{ $goal }». { $address ->
        [ty] Напиши
       *[vy] Напишите
    } новую.
plan-saved = 💾 Сохранено.
plan-saved-reopened = 💾 Сохранено. План изменился, поэтому я попросил наставляемых посмотреть его снова и согласиться.
# audience: child
plan-error-mentor-only = Менять план может только наставник. Ты можешь согласиться с ним, попросить изменения или отметить этап сделанным.
plan-error-already-sent = План уже отправлен.
plan-error-full = В плане уже { $max } { $max ->
        [one] этап
        [few] этапа
       *[many] этапов
    } — больше не поместится. Можно изменить или убрать один из этапов.
plan-error-unknown = Такого плана нет: возможно, кнопка из старого сообщения.
plan-error-milestone-gone = Такого этапа в плане уже нет.
plan-error-after-cycle = Этот срок позже конца цикла ({ $end }). { $address ->
        [ty] Выбери
       *[vy] Выберите
    } дату не позже.
plan-milestone-what-mentor = Что сделать с этим этапом?
# audience: child
plan-milestone-what-mentee = Этап уже сделан? Тогда отметь его — наставник увидит.
button-plan-edit-title = ✏️ Что сделать
button-plan-edit-date = 📅 Срок
button-plan-edit-evidence = 🔎 Как покажем результат
button-plan-done = ✅ Сделано
button-plan-undone = ↩️ Ещё не сделано
button-plan-remove = 🗑 Убрать этап
button-plan-back = ⬅️ К плану
plan-remove-sure = Убрать этап { $number } «{ $title }» из плана?
button-plan-remove-yes = Да, убрать
button-plan-remove-no = Нет, оставить
plan-milestone-removed = 🗑 Этап { $number } убран из плана.
plan-milestone-removed-reopened = 🗑 Этап { $number } убран. План изменился, поэтому я попросил наставляемых посмотреть его снова и согласиться.
plan-milestone-marked-done = ✅ Этап { $number } отмечен как сделанный. Молодцы!
plan-milestone-marked-undone = ↩️ Этап { $number } снова в работе.
plan-milestone-already-done = Этап { $number } уже отмечен как сделанный.
plan-milestone-already-undone = Этап { $number } и так ещё не сделан.

## Планы пар для куратора
## audience: adult

plans-title =
    📝 Планы пар — { $org }
    Пар и групп в работе: { $total } · с планом: { $planned } · согласовано: { $agreed } · с просроченными этапами: { $overdue }
    Страница { $page } из { $pages }
plans-line = { $number }. { $pair } — { $status }; этапов сделано { $done } из { $total }
plans-line-overdue = { $number }. { $pair } — { $status }; этапов сделано { $done } из { $total }; ⏰ просрочено: { $overdue }
plans-line-none = { $number }. { $pair } — плана ещё нет
plans-empty = Сейчас нет пар в работе, а значит, и планов. Они появятся, когда пары будут опубликованы.
button-plans-open = 📄 { $number }. { $mentor }
plan-view-unknown = Такой пары в вашей организации нет (или она уже не работает).
plan-view-none = { $pair }: наставник ещё не составил план.
