## The pair's chat through the bot (flows/pair-chat). Students read «ты» and short words; adults «вы».
## audience: any

button-pair-chat = 💬 Чат
button-pair-chat-reply = ↩️ Ответить
button-pair-chat-done = ✅ Готово
button-pair-chat-mute = 🔕 Без уведомлений
button-pair-chat-unmute = 🔔 С уведомлениями
button-pair-chat-log = 📜 Переписка пары

pair-chat-which = Кому написать?
pair-chat-to-mentor = наставнику { DATIVE($name) }
pair-chat-to-mentee = { DATIVE($name) }
pair-chat-to-group = группе
pair-chat-from-mentor = наставника { GENITIVE($name) }
pair-chat-from-mentee = { GENITIVE($name) }
pair-chat-me = { $address ->
        [ty] Ты
       *[vy] Вы
    }

pair-chat-intro = { $address ->
        [ty] 💬 Здесь можно писать { $to } прямо через меня, бота.
            • Я передам каждое сообщение и сохраню его. Куратор программы прочитает переписку, только если кто-то попросит о помощи или в сообщении будут тревожные слова.
            • Номера телефонов, почту и ники я не передаю — вместо них будет «{ $hidden }». Общайтесь здесь: так безопаснее.
            • Если что-то пугает или неприятно — сразу скажи взрослому: родителям, учителю или куратору.
       *[vy] 💬 Здесь можно писать { $to } через бота.
            • Сообщения передаются и сохраняются как переписка пары. Куратор программы читает её, только если пары касается обращение за помощью или тревожный сигнал.
            • Телефоны, почта, ники и ссылки на профили не передаются: вместо них будет «{ $hidden }». Общение в паре идёт здесь.
    }
pair-chat-history-title = 🗂 Последние сообщения:
pair-chat-history-line = { $when } — { $who }: { $text }
pair-chat-prompt = { $address ->
        [ty] ✍️ Напиши сообщение { $to } — я передам. Когда закончишь, нажми «✅ Готово».
       *[vy] ✍️ Напишите сообщение { $to } — я передам. Когда закончите, нажмите «✅ Готово».
    }
pair-chat-empty = { $address ->
        [ty] Тут пусто. Напиши хотя бы пару слов.
       *[vy] Сообщение пустое. Напишите, пожалуйста, хотя бы пару слов.
    }
pair-chat-too-long = Сообщение длинное: больше { $max } { $max ->
        [one] знака
       *[other] знаков
    }. { $address ->
        [ty] Раздели его на части, пожалуйста.
       *[vy] Разделите его, пожалуйста, на части.
    }
pair-chat-delivered = ✅ Передано { $to }.
pair-chat-held-till-morning = 🌙 Сейчас поздно: сообщение придёт утром, в 8:00.
pair-chat-masked-note = 🔒 Контакты (телефоны, почта, ники) в этом чате скрываются: здесь общаются только через бота.
pair-chat-hidden-contact = [контакт скрыт]
pair-chat-text-with-hidden = { $before }{ $hidden }{ $after }
pair-chat-relayed = 💬 Сообщение от { $from }:
    { $text }
pair-chat-saved = • сообщения в чате пары переданы
pair-chat-closed = { $address ->
        [ty] ✅ Готово! Когда тебе ответят, я пришлю ответ сюда.
       *[vy] ✅ Готово. Когда вам ответят, я пришлю ответ сюда.
    }
pair-chat-muted = { $address ->
        [ty] 🔕 Уведомления чата выключены. Новые сообщения будут ждать тебя тут: нажми «💬 Чат» в меню.
       *[vy] 🔕 Уведомления чата выключены. Новые сообщения будут ждать вас здесь: нажмите «💬 Чат» в меню.
    }
pair-chat-unmuted = 🔔 Уведомления чата снова включены.
pair-chat-ended = { $address ->
        [ty] Эта пара больше не занимается в программе, поэтому чат закрыт. Сообщение не отправлено.
       *[vy] Эта пара больше не работает в программе, поэтому чат закрыт. Сообщение не отправлено.
    }
pair-chat-file-photo = 📷 фото
pair-chat-file-document = 📎 файл { $name }
pair-chat-file-with-caption = { $file }: { $text }
pair-chat-unsupported = { $address ->
        [ty] Такое я передать не могу 🙈 Можно отправить текст, фото или файл до { $max } { $max ->
            [one] мегабайта
           *[other] мегабайт
        }.
       *[vy] Такое сообщение бот не передаёт. Можно отправить текст, фото или файл до { $max } { $max ->
            [one] мегабайта
           *[other] мегабайт
        }.
    }
pair-chat-file-too-large = { $address ->
        [ty] Этот файл слишком большой: я передаю файлы до { $max } { $max ->
            [one] мегабайта
           *[other] мегабайт
        }. Попробуй сжать его или разделить на части.
       *[vy] Файл слишком большой: бот передаёт файлы до { $max } { $max ->
            [one] мегабайта
           *[other] мегабайт
        }. Попробуйте сжать его или разделить на части.
    }
pair-chat-file-failed = { $address ->
        [ty] Не получилось забрать файл 😕 Попробуй отправить его ещё раз.
       *[vy] Не удалось получить файл. Отправьте его, пожалуйста, ещё раз.
    }

## Coordinators: alerts and the pair's record
## audience: adult

pair-chat-concern-self-harm = самоповреждение или мысли о суициде
pair-chat-concern-violence = насилие или угрозы
pair-chat-concern-bullying = травля
pair-chat-concern-private-meeting = встреча наедине или секреты от взрослых
pair-chat-concern-gifts-money = подарки или деньги
pair-chat-concern-sexual = сексуальный подтекст
pair-chat-concern-alert = 🚨 Тревожный сигнал в чате пары: { $pair }.
    Что насторожило: { $categories }.
    Сообщение от { GENITIVE($author) }: «{ $text }»
    Посмотрите переписку и при необходимости свяжитесь с семьёй или психологом.
pair-chat-log-title = 📜 Переписка пары: { $pair }. Последние { $count } { $count ->
        [one] сообщение
        [few] сообщения
       *[many] сообщений
    }:
pair-chat-log-empty = В чате пары пока нет сообщений.
pair-chat-log-line = { $when } — { $who }: { $text }
pair-chat-log-line-concern = ⚠️ { $when } — { $who }: { $text }
pair-chat-log-closed = Переписку пары можно открыть, только когда пары касается обращение за помощью или тревожный сигнал. Сейчас таких нет.
pair-chat-log-no-pair = Этой пары уже нет среди работающих пар.
