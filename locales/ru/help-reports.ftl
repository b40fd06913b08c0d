# Обращения «Мне нужна помощь взрослого»: как кураторы с ними работают (issue 18).

## audience: adult

help-reports-day = { $day } { $month }
help-reports-in-work = 🛠
help-reports-closed = ✅
help-reports-legend = Открытых: { $open }. 🆕 — ещё никто не открыл, ✔️ — прочитано, 🛠 — в работе, ✅ — закрыто.
help-reports-legend-open-only = Только открытые: { $open }. 🆕 — ещё никто не открыл, ✔️ — прочитано, 🛠 — в работе.
help-reports-none-open = Открытых обращений нет: все закрыты. 👍
button-help-reports-open = 🔎 Только открытые
button-help-reports-all = 📋 Все обращения
button-help-reports-export = 📤 Выгрузить в Excel

help-report-status = Статус: { $status }
help-report-status-new = 🆕 новое, в работу пока никто не взял
help-report-status-in-work = 🛠 в работе
help-report-status-closed = ✅ закрыто
help-report-taken-by = Взято в работу: { $name } ({ $date })
help-report-note =
    🔒 Заметка (её видят только кураторы) — { $name }, { $date }:
    { $text }
help-report-answer =
    ✉️ Ответ отправлен — { $name }, { $date }:
    { $text }
help-report-answer-erased = ✉️ Ответ отправлен { $date }. Текст удалён вместе с данными человека.
help-report-closed = Закрыто: { $name } ({ $date })
help-report-traces-erased = Данные человека удалены по его просьбе: заметка и текст ответа удалены вместе с ними. Текст обращения сохранён.

button-help-report-take = 🙋 Взять в работу
button-help-report-answer = ✉️ Ответить
button-help-report-note = 🔒 Заметка
button-help-report-note-edit = 🔒 Изменить заметку
button-help-report-close = ✅ Закрыть
button-help-report-close-yes = ✅ Да, закрыть

help-report-taken-done = 🛠 Обращение у вас в работе. Остальные кураторы увидят, что его взяли вы.
help-report-already-taken = Это обращение уже взято в работу, им занимается { $name }. Вот оно сейчас.
help-report-already-closed = Это обращение уже закрыто: { $name }, { $date }. Вот оно сейчас.
help-report-already-answered = На это обращение уже ответили: { $name }, { $date }. Второй ответ не отправляется.
help-report-reporter-gone = Ответ отправить некому: данные человека, который написал обращение, удалены.

help-report-note-current =
    Сейчас заметка такая:
    { $text }
help-report-note-question = Напишите заметку — её увидят только кураторы, автору обращения она не уходит. До { $max } { $max ->
        [one] знака
       *[other] знаков
    }. Новая заметка заменит прежнюю.
help-report-note-saved = 🔒 Заметка сохранена.
help-report-text-too-long = Получилось { $length } { $length ->
        [one] знак
        [few] знака
       *[many] знаков
    }, а можно не больше { $max }. Сократите, пожалуйста: ваш текст остался в переписке выше, его можно скопировать и поправить.

help-report-answer-question-mentee = Напишите ответ наставляемому. Его получит только автор обращения — в мессенджере, через бота. До { $max } { $max ->
        [one] знака
       *[other] знаков
    }.
help-report-answer-question-parent = Напишите ответ родителю. Его получит только автор обращения — в мессенджере, через бота. До { $max } { $max ->
        [one] знака
       *[other] знаков
    }.
help-report-answer-preview =
    Вот что получит автор обращения:

    { $text }

    Отправить? Чтобы поправить текст, нажмите «Изменить».
help-report-answer-sent = ✉️ Ответ отправлен автору обращения. Детям ночью сообщения не приходят: если сейчас ночь, ребёнок получит ответ утром.
help-report-answer-not-sent =
    Ваш ответ не отправлен. Вот его текст, чтобы ничего не потерялось:

    { $text }

help-report-close-confirm = Закрыть обращение? Ответ автору уже отправлен.
help-report-close-confirm-unanswered = Закрыть обращение без ответа автору? Закрыть можно и так — например, если вы уже поговорили с семьёй.
help-report-closed-done = ✅ Обращение закрыто.

help-report-escalation =
    ⏰ Обращение «Нужна помощь взрослого» ждёт уже сутки, его ещё никто не открыл — { $org }
    { $who }, { $date }

    Откройте его, пожалуйста: автор ждёт, что взрослый отзовётся.

help-reports-export-sheet = Обращения
help-reports-export-title = Обращения «Нужна помощь взрослого» на { $date }
help-reports-column-date = Дата
help-reports-column-who = Кто написал
help-reports-column-text = Текст обращения
help-reports-column-status = Статус
help-reports-column-read = Прочитано
help-reports-column-taken = Кто взял в работу
help-reports-column-note = Заметка куратора
help-reports-column-answer = Ответ автору
help-reports-column-answered = Ответ отправлен
help-reports-column-closed = Закрыто
help-reports-cell-yes = да
help-reports-cell-no = нет
help-reports-cell-erased = (удалено вместе с данными человека)
help-reports-export-ready = 📤 Обращения для дела по безопасности: { $count } { $count ->
        [one] обращение
        [few] обращения
       *[many] обращений
    }. Файл конфиденциальный: храните его там же, где личные дела.

## Автору обращения: ребёнку (или совершеннолетнему наставляемому) и родителю.

# audience: any
help-report-read-mentee = { $address ->
        [ty] 👀 Куратор прочитал твоё сообщение от { $date }. Взрослый из школы свяжется с тобой.
       *[vy] 👀 Куратор прочитал ваше сообщение от { $date }. Взрослый из школы свяжется с вами.
    }
# audience: adult
help-report-read-parent = 👀 Куратор программы прочитал ваше сообщение от { $date }. С вами свяжутся через школу.
# audience: any
help-report-answer-to-mentee =
    ✉️ Куратор ответил на { $address ->
        [ty] твоё
       *[vy] ваше
    } сообщение от { $date } ({ $org }):

    { $text }

    { $address ->
        [ty] Если захочешь что-то добавить, нажми в меню «🆘 Мне нужна помощь взрослого».
       *[vy] Если захотите что-то добавить, нажмите в меню «🆘 Мне нужна помощь взрослого».
    }
# audience: adult
help-report-answer-to-parent =
    ✉️ Куратор программы ответил на ваше сообщение от { $date } ({ $org }):

    { $text }

    Если захотите что-то добавить, нажмите в меню «✉️ Написать куратору».

## audience: any

help-report-own = 📨 Сообщение куратору от { $date }: { $status }
help-report-own-sent = отправлено, куратор его ещё не открыл
help-report-own-read = куратор прочитал
help-report-own-answered = куратор ответил
help-report-own-answered-closed = куратор ответил, вопрос закрыт
help-report-own-closed = куратор прочитал, вопрос закрыт
