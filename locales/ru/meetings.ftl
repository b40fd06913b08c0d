## Встречи пары или группы: приглашения, ответы, календарь, напоминания, отметка после встречи

## audience: any

meetings-weekday-1 = пн
meetings-weekday-2 = вт
meetings-weekday-3 = ср
meetings-weekday-4 = чт
meetings-weekday-5 = пт
meetings-weekday-6 = сб
meetings-weekday-7 = вс
meetings-month-1 = января
meetings-month-2 = февраля
meetings-month-3 = марта
meetings-month-4 = апреля
meetings-month-5 = мая
meetings-month-6 = июня
meetings-month-7 = июля
meetings-month-8 = августа
meetings-month-9 = сентября
meetings-month-10 = октября
meetings-month-11 = ноября
meetings-month-12 = декабря
meetings-when = { $weekday }, { $day } { $month }, { $time }

## Экран встреч

meetings-which-pair = С кем встреча? { $address ->
        [ty] Выбери
       *[vy] Выберите
    } пару или группу.
meetings-title = 📅 Встречи — { $pair }
meetings-upcoming =
    Впереди:
    { $lines }
meetings-upcoming-none = Впереди встреч пока нет. { $address ->
        [ty] Нажми
       *[vy] Нажмите
    } «📅 Предложить встречу» — выберем день и время.
meetings-recent =
    Недавние:
    { $lines }
meetings-line = • { $when } · { $minutes } мин · { $place } — { $state }
meetings-line-note = { $line } · 📝 «{ $note }»
meetings-line-next =
    { $line }
    { $next }
meetings-state-proposed = ⏳ ждёт ответа
meetings-state-your-answer = 💬 { $address ->
        [ty] ждёт твоего ответа
       *[vy] ждёт вашего ответа
    }
meetings-state-accepted = ✅ договорились
meetings-state-declined = ✖️ отменена
meetings-state-rescheduled = 🔁 предложено другое время
meetings-state-held = ✔️ состоялась
meetings-state-missed = ❌ не состоялась
meetings-state-moved = 🔁 перенесли
button-meeting-propose = 📅 Предложить встречу
button-meeting-answer = 💬 Ответить: { $when }
button-meeting-cancel = ✖️ Отменить: { $when }

## Приглашение

meetings-propose-intro = Предложим встречу. Приглашение получит: { $to }. Выберем день, время, сколько она длится и где — потом я покажу всё целиком.
meetings-date-question = Какого числа? { $address ->
        [ty] Нажми кнопку или напиши
       *[vy] Нажмите кнопку или напишите
    } дату: 25.12, «завтра», «в пятницу».
meetings-time-question = { $date }. Во сколько? { $address ->
        [ty] Нажми кнопку или напиши
       *[vy] Нажмите кнопку или напишите
    } время, например 16:30.
meetings-length-question = Сколько будет длиться встреча? { $address ->
        [ty] Нажми кнопку или напиши
       *[vy] Нажмите кнопку или напишите
    } число минут — от { $min } до { $max }.
meetings-length-button = { $minutes } мин
meetings-place-question = Где встречаемся? { $address ->
        [ty] Напиши кабинет или адрес. Если встреча по видеосвязи — пришли ссылку или нажми «💻 Онлайн».
       *[vy] Напишите кабинет или адрес. Если встреча по видеосвязи — пришлите ссылку или нажмите «💻 Онлайн».
    }
button-meeting-online = 💻 Онлайн
button-meeting-same-place = 📍 { $place }
meetings-place-online = онлайн
meetings-preview =
    { $address ->
        [ty] Проверь
       *[vy] Проверьте
    } приглашение. Его получит: { $to }

    📅 { $when }
    ⏱ { $minutes } мин
    📍 { $place }

    Отправить?
button-meeting-change = ✏️ Изменить
meetings-overlap = В это время уже есть другая встреча — { $address ->
        [ty] у тебя или у того, с кем ты встречаешься. Давай выберем другое время.
       *[vy] у вас или у того, с кем вы встречаетесь. Давайте выберем другое время.
    }
meetings-sent = 📤 Приглашение на { $when } отправлено. Получатель: { $to }. Когда ответят, я напишу.
meetings-proposal =
    📅 { $who } предлагает встречу:
    { $when }, { $minutes } мин
    📍 { $place }

    { $address ->
        [ty] Тебе подходит?
       *[vy] Вам подходит?
    }
meetings-counter-proposal =
    🔁 { $who } не может { $old } и предлагает другое время:
    { $when }, { $minutes } мин
    📍 { $place }

    { $address ->
        [ty] Тебе подходит?
       *[vy] Вам подходит?
    }
button-meeting-accept = ✅ Подходит
button-meeting-decline = ✖️ Не могу
button-meeting-another-time = 🔁 Другое время
meetings-another-time-intro = Время { $when } не подходит — предложим другое. Приглашение получит: { $to }.

## Ответы

meetings-accepted-you =
    ✅ Договорились! Встреча с: { $with }
    📅 { $when }, { $minutes } мин
    📍 { $place }

    { $address ->
        [ty] Открой файл — встреча добавится в твой календарь. Я напомню за день и за час.
       *[vy] Откройте файл — встреча добавится в ваш календарь. Я напомню за день и за час.
    }
meetings-accepted-notice =
    ✅ Договорились! { $who } отвечает «Подходит».
    📅 { $when }, { $minutes } мин
    📍 { $place }

    { $address ->
        [ty] Открой файл — встреча добавится в твой календарь. Я напомню за день и за час.
       *[vy] Откройте файл — встреча добавится в ваш календарь. Я напомню за день и за час.
    }
meetings-declined-you = Хорошо, я передам, что это время не подходит. Приглашение от: { $to }. { $address ->
        [ty] Можешь
       *[vy] Можете
    } сразу предложить другое время.
meetings-declined-notice = ✖️ { $who } не может встретиться { $when }. Можно предложить другое время.
meetings-not-yours = Эта кнопка про встречу, в которой { $address ->
        [ty] тебя
       *[vy] вас
    } нет (или пара уже закончила работу).
meetings-own-proposal = { $address ->
        [ty] Это твоё приглашение.
       *[vy] Это ваше приглашение.
    } Ответ ждём от: { $to }. Когда ответят, я напишу.
meetings-answer-by-other = На это приглашение отвечает: { $to }.
meetings-already-answered = На это приглашение уже ответили: { $state }. Все встречи — на экране «📅 Встречи».
meetings-already-answered-short = На это приглашение уже ответили, пока выбиралось время. { $address ->
        [ty] Загляни
       *[vy] Загляните
    } на экран «📅 Встречи».
meetings-too-late = Время встречи { $when } уже прошло, ответить на приглашение нельзя. { $address ->
        [ty] Предложи
       *[vy] Предложите
    } новое время.

## Отмена

meetings-cancel-question = Отменить встречу { $when }? Я сообщу: { $to }.
meetings-withdraw-question = Отозвать приглашение на { $when }? Я сообщу: { $to }.
button-meeting-cancel-yes = Да, отменить
button-meeting-cancel-no = Нет, оставить
meetings-cancel-kept = Хорошо, ничего не меняю.
meetings-cancelled-you = ✖️ Встреча { $when } отменена. { $address ->
        [ty] Открой файл — она пропадёт из твоего календаря.
       *[vy] Откройте файл — она пропадёт из вашего календаря.
    }
meetings-withdrawn-you = Приглашение на { $when } отозвано.
meetings-cancelled-notice = ✖️ { $who } отменяет встречу { $when }. { $address ->
        [ty] Открой файл — она пропадёт из твоего календаря.
       *[vy] Откройте файл — она пропадёт из вашего календаря.
    }
meetings-withdrawn-notice = ✖️ { $who } отзывает приглашение на { $when }. Отвечать на него не нужно.
meetings-cancel-too-late = Эту встречу уже не отменить: { $state }.
meetings-cancel-not-yours = Это приглашение { $address ->
        [ty] прислали тебе
       *[vy] прислали вам
    }: на него можно ответить, а отменить — нет. Сейчас: { $state }.

## Напоминания

meetings-reminder-day = ⏰ Завтра встреча: { $when }, 📍 { $place }.
meetings-reminder-hour = ⏰ Через час встреча: { $when }, 📍 { $place }.

## После встречи

meetings-follow-up = Встреча { $when } ({ $place }) закончилась. Как всё прошло? { $address ->
        [ty] Отметь
       *[vy] Отметьте
    }, пожалуйста.
button-meeting-held = ✅ Состоялась
button-meeting-missed = ❌ Не состоялась
button-meeting-moved = 🔁 Перенесли
meetings-note-question = Отлично! { $address ->
        [ty] Напиши одну строку о встрече: что делали, о чём договорились. Или нажми «Пропустить».
       *[vy] Напишите одну строку о встрече: что делали, о чём договорились. Или нажмите «Пропустить».
    }
button-meeting-skip = Пропустить
meetings-held-saved = ✔️ Записано: встреча состоялась. Спасибо!
meetings-note-saved = ✔️ Записано: встреча состоялась. Заметка: «{ $note }»
meetings-missed-saved = Записано: встреча не состоялась. Новую можно предложить на экране «📅 Встречи».
meetings-moved-saved = Записано: встречу перенесли. { $address ->
        [ty] Предложи
       *[vy] Предложите
    } новое время — кнопка ниже.
button-meeting-propose-new-time = 📅 Предложить новое время
meetings-tick-already = Встреча { $when } уже отмечена: { $state }.
meetings-mentor-ticks = Отметить, состоялась ли встреча, может только наставник.

## Перенос согласованной встречи

meetings-move-button = 📅 Перенести: { $when }
meetings-move-state-pending = ✅ договорились · 🔁 ждём ответа о переносе
meeting-move-intro = Перенесём встречу { $when } на другое время. Выберем новый день, время, сколько она длится и где. Вопрос о переносе получит: { $to }. Пока не ответят, встреча остаётся как была.
meeting-move-same-length = ⏱ Как было: { $minutes } мин
meeting-move-preview =
    { $address ->
        [ty] Проверь
       *[vy] Проверьте
    } перенос. Вопрос получит: { $to }

    Было: { $old }
    Станет:
    📅 { $when }
    ⏱ { $minutes } мин
    📍 { $place }

    Отправить?
meeting-move-unchanged = Это то же самое время и место, что и сейчас. { $address ->
        [ty] Выбери
       *[vy] Выберите
    } другой день или время.
meeting-move-sent = 📤 Вопрос о переносе встречи { $old } на { $when } отправлен. Ответ ждём от: { $to }. Пока ответа нет, встреча остаётся как была.
meeting-move-proposal =
    🔁 { $who } просит перенести встречу { $old } на другое время:
    { $when }, { $minutes } мин
    📍 { $place }

    { $address ->
        [ty] Тебе подходит? Пока ты не ответишь, встреча остаётся как была.
       *[vy] Вам подходит? Пока вы не ответите, встреча остаётся как была.
    }
meeting-move-counter =
    🔁 { $who } не может { $old } и предлагает перенести встречу { $agreed } на другое время:
    { $when }, { $minutes } мин
    📍 { $place }

    { $address ->
        [ty] Тебе подходит? Пока ты не ответишь, встреча остаётся как была: { $agreed }.
       *[vy] Вам подходит? Пока вы не ответите, встреча остаётся как была: { $agreed }.
    }
meeting-move-accepted-you =
    ✅ Встреча перенесена! Встреча с: { $with }
    Было: { $old }
    Теперь: 📅 { $when }, { $minutes } мин
    📍 { $place }

    { $address ->
        [ty] Открой файл — встреча в календаре переедет на новое время. Я напомню за день и за час.
       *[vy] Откройте файл — встреча в календаре переедет на новое время. Я напомню за день и за час.
    }
meeting-move-accepted-notice =
    ✅ Встреча перенесена! { $who } отвечает «Подходит».
    Было: { $old }
    Теперь: 📅 { $when }, { $minutes } мин
    📍 { $place }

    { $address ->
        [ty] Открой файл — встреча в календаре переедет на новое время. Я напомню за день и за час.
       *[vy] Откройте файл — встреча в календаре переедет на новое время. Я напомню за день и за час.
    }
meeting-move-declined-you = Хорошо, встреча остаётся как была: { $old }. Я передам, что новое время не подходит. Просьба о переносе от: { $to }.
meeting-move-declined-notice = ✖️ { $who } не может { $when }. Встреча остаётся как была: { $old }.
meeting-move-begun-answer = Встреча { $old } уже началась, поэтому перенести её нельзя. Новую встречу можно предложить на экране «📅 Встречи».
meeting-move-not-agreed = Эту встречу уже не перенести: { $state }. Все встречи — на экране «📅 Встречи».
meeting-move-begun = Встреча { $when } уже началась, поэтому перенести её нельзя.
meeting-move-pending = Перенос этой встречи уже предложен: на { $when }. Ответ ждём от: { $to }. Пока ответа нет, второй перенос предложить нельзя.
meeting-move-pending-yours = Перенос этой встречи уже предложен: на { $when }. { $address ->
        [ty] Ждём твоего ответа — нажми кнопку ниже.
       *[vy] Ждём вашего ответа — нажмите кнопку ниже.
    }
meeting-move-gone = Встречу { $when } уже отменили или перенесли, пока выбиралось время. { $address ->
        [ty] Загляни
       *[vy] Загляните
    } на экран «📅 Встречи».
