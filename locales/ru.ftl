# Наставник — тексты бота на русском. Ключи сгруппированы по сценариям.
# Детям от 10 лет: короткие фразы, на «ты», без канцелярита.

## Общие слова

plain = { $text }
platform-telegram = Telegram
platform-vk = ВКонтакте
role-coordinator = куратор
role-mentee = наставляемый
role-mentor = наставник
role-parent = родитель
status-awaiting_consent = ⏳ ждём согласия родителя
status-active = ✅ участвует
status-declined = ⛔ родитель не дал согласия
status-withdrawn = ⛔ согласие отозвано
status-left = удалил(а) данные

direction-studies = 📚 Учёба
direction-additional_education = 🎨 Кружки и секции
direction-projects = 🛠 Проекты
direction-career = 🧭 Выбор профессии
direction-civic = 🤝 Волонтёрство

mentor-kind-teacher = Педагог
mentor-kind-student = Старшеклассник
mentor-kind-university_student = Студент вуза или колледжа
mentor-kind-adult = Взрослый специалист или работодатель

list-0 = —
list-1 = { $d0 }
list-2 = { $d0 }, { $d1 }
list-3 = { $d0 }, { $d1 }, { $d2 }
list-4 = { $d0 }, { $d1 }, { $d2 }, { $d3 }
list-5 = { $d0 }, { $d1 }, { $d2 }, { $d3 }, { $d4 }

choice-selected = ✅ { $label }
choice-unselected = ▫️ { $label }
choose-many-hint = Нажимай на кнопки, чтобы отметить. Когда всё выберешь, нажми «Готово». Можно и написать номера, например: 1 3
language-question = На каком языке тебе удобнее? / Which language do you prefer?
language-ru = Русский
language-en = English
language-saved = Готово, теперь говорю по-русски.

## Кнопки

button-back = ⬅️ Назад
button-cancel = ✖️ Отмена
button-done = Готово
button-save = 💾 Всё верно, сохранить
button-menu = 🏠 Меню
button-help = ❓ Помощь
button-language = 🌐 Язык
button-profile = 👤 Мой профиль
button-invite-links = 🔗 Ссылки-приглашения
button-base-mentees = 🧒 База наставляемых
button-base-mentors = 🧑‍🏫 База наставников
button-invite-coordinator = ➕ Добавить куратора
button-parent-consents = 📝 Мои согласия
button-new-consent-link = 🔁 Новая ссылка для родителя
button-consent-agree = ✅ Согласен(на)
button-consent-decline = ❌ Не согласен(на)
button-withdraw-for = Отозвать согласие: { $child }
button-keep-all = Ничего не менять
button-withdraw-yes = Да, отозвать
button-withdraw-no = Нет, оставить
button-delete-me = 🗑 Удалить мои данные
button-delete-yes = Да, удалить всё
button-delete-no = Нет, не надо
button-previous = ⬅️ Назад
button-next = Дальше ➡️

## Ошибки и подсказки

error-empty = Кажется, ответ пустой. Напиши, пожалуйста, словами.
error-too-long = Это слишком длинно. Уложись, пожалуйста, в { $max } символов.
error-name-letters = В имени должны быть только буквы, пробелы и дефисы. Например: Маша Иванова.
error-age-number = Напиши возраст числом (например, 13) или год рождения (например, 2012).
error-mentee-age = В программе участвуют ребята от { $min } до { $max } лет. Проверь, пожалуйста, число.
error-mentor-age = Наставнику должно быть от { $min } до { $max } лет. Проверь, пожалуйста, число.
error-grade = Напиши класс цифрой и, если есть, буквой: 7, 7Б или 10А. Если ты в колледже — например, «1 курс».
error-capacity = Напиши число от 1 до { $max }.
error-timezone = Не знаю такого часового пояса. Пример: Europe/Moscow.
error-use-buttons = Пожалуйста, выбери ответ кнопкой ниже.
error-choose-at-least = Выбери хотя бы { $min }.
error-unsupported = Я понимаю только текст и кнопки. Стикеры, фото и голосовые пока не умею читать 🙂
error-button-stale = Эта кнопка из старого сообщения. Вот где мы сейчас:
error-button-unknown = Не знаю такой кнопки. Вот где мы сейчас:
error-unknown-command = Не знаю команды /{ $command }. Список команд — в /help.
error-generic = Ой, что-то пошло не так. Мы уже разбираемся. Попробуй ещё раз чуть позже или открой /menu.
error-busy-wait = Подожди минутку: у меня небольшая заминка. Твоё сообщение не потеряется, я отвечу, как только смогу.
error-coordinators-only = Это могут делать только кураторы программы.
flow-cancelled = Хорошо, отменили. Ничего не сохранено.
nothing-to-cancel = Сейчас нечего отменять.
flow-in-progress = Сначала закончим начатое — или нажми «Отмена».
flow-restarted = Извини, я обновился и не смог продолжить с того же места. Давай начнём этот шаг заново.
help-in-flow = Ответь на вопрос ниже. Если передумал(а) — нажми «Отмена» или напиши /cancel.

## Меню и помощь

welcome-new =
    Привет! Я Наставник — бот программы наставничества в школе и колледже. 👋
    Чтобы присоединиться, открой ссылку, которую дал куратор программы. Если ссылки нет — спроси у куратора или классного руководителя.
menu-unregistered =
    Ты пока не зарегистрирован(а) в программе.
    Чтобы присоединиться, открой ссылку от куратора программы.
menu-title = 🏠 Меню. { $name }, что делаем?
menu-membership = • { $org }: { $role } — { $status }
consent-waiting-short = Пока родитель не ответил, твоя анкета видна только куратору.
help-text =
    Я помогаю вести программу наставничества: знакомлю наставников и ребят, напоминаю о встречах и помогаю куратору.

    Команды:
    /menu — главное меню
    /profile — мой профиль: посмотреть и изменить
    /language — сменить язык
    /link — связать Telegram и ВКонтакте
    /delete_me — удалить мои данные
    /cancel — отменить то, что начато
    /help — эта подсказка
help-coordinator =
    Для кураторов:
    • «Программа» — цикл, отбор наставников, ситуации наставляемых, объявления, подбор пар и групп, документы;
    • «Ссылки-приглашения» — ссылки для наставляемых и наставников;
    • «База наставляемых» и «База наставников» — списки со статусом согласия;
    • «Добавить куратора» — одноразовая ссылка для коллеги.

## Приглашения

invite-unknown = Эта ссылка не работает. Проверь, что скопировал(а) её целиком, или попроси у куратора новую.
invite-expired = Срок действия этой ссылки закончился. Новую даст тот, кто прислал эту: куратор программы, а ссылку для родителя — ребёнок (кнопка «Новая ссылка для родителя» в его меню).
invite-used_up = Эта ссылка уже использована или заменена новой. Новую даст тот, кто прислал эту: куратор программы, а ссылку для родителя — ребёнок (кнопка «Новая ссылка для родителя» в его меню).
register-already = Ты уже зарегистрирован(а) в этой программе. Открой /menu.
invite-links-mentee = 🧒 Ссылка для наставляемых ({ $org }). Перешли её ребятам:
invite-links-mentor = 🧑‍🏫 Ссылка для наставников ({ $org }). Перешли её наставникам:
invite-links-coordinator = ➕ Одноразовая ссылка для второго куратора ({ $org }). Отправь её только коллеге — она действует 7 дней:
invite-links-note = Ссылки действуют 60 дней. Каждый раз я делаю новые, старые тоже продолжают работать.

## Регистрация наставляемого

register-mentee-welcome =
    Привет! Это программа наставничества «{ $org }». 👋
    Ответь на несколько вопросов — это займёт пару минут. Всегда можно вернуться кнопкой «Назад».
register-mentee-name = Как тебя зовут? Напиши имя и фамилию.
register-mentee-age = Сколько тебе лет? Можно написать год рождения.
register-mentee-grade = В каком ты классе? Например: 7Б.
register-mentee-directions = Что тебе интересно? Выбери одно или несколько.
register-mentee-goals = С чем тебе хотелось бы помощи? Напиши своими словами, например: «разобраться с математикой» или «выбрать профессию».
register-mentee-summary =
    Проверь, всё ли верно:
    Имя: { $name }
    Возраст: { $age }
    Класс: { $grade }
    Интересы: { $directions }
    Хочу помощи: { $goals }
register-mentee-done = Ура, { $name }, ты в программе «{ $org }»! 🎉 Скоро куратор подберёт тебе наставника.
register-mentee-saved-needs-parent = Спасибо, { $name }! Анкета сохранена. Остался один шаг: нужно согласие твоего родителя.

## Регистрация наставника

register-mentor-welcome =
    Здравствуйте! Это программа наставничества «{ $org }».
    Несколько вопросов о вас — около трёх минут. Вернуться к прошлому вопросу можно кнопкой «Назад».
register-mentor-name = Как вас зовут? Фамилия и имя (можно с отчеством).
register-mentor-kind = Кто вы в программе?
register-mentor-age = Сколько вам лет? Можно указать год рождения.
register-mentor-directions = В каких направлениях вы можете помогать? Выберите одно или несколько.
register-mentor-offer = С чем вы можете помочь? Например: «подготовка к олимпиаде по физике», «проект в робототехнике».
register-mentor-capacity = Сколько наставляемых вы готовы взять? Число от 1 до 10.
register-mentor-availability = Когда вы обычно свободны для встреч? Например: «вторник и четверг после 16:00».
register-mentor-summary =
    Проверьте анкету:
    Имя: { $name }
    Кто вы: { $kind }
    Возраст: { $age }
    Направления: { $directions }
    Чем помогу: { $offer }
    Наставляемых: { $capacity }
    Время для встреч: { $availability }
register-mentor-done = Спасибо, { $name }! Вы зарегистрированы как наставник в программе «{ $org }». Куратор свяжется с вами здесь.
register-mentor-saved-needs-parent = Спасибо, { $name }! Анкета сохранена. Так как вам нет 18, нужно согласие родителя.

## Регистрация куратора

register-coordinator-welcome = Здравствуйте! Вас пригласили куратором программы наставничества «{ $org }».
register-coordinator-name = Как вас зовут? Фамилия, имя, отчество.
register-coordinator-done = Готово, { $name }: вы куратор программы «{ $org }». Ниже меню куратора.

## Согласие

consent-text-2026-11 =
    📄 Согласие на участие в программе наставничества и обработку персональных данных (версия 2026-11)

    Образовательная организация проводит программу наставничества по целевой модели Минпросвещения России (письмо № МР-42/02 от 23.01.2020).
    Что мы храним: имя и фамилию, возраст (год рождения), класс, интересы и то, с чем нужна помощь, а также переписку с ботом в Telegram или ВКонтакте.
    Зачем: чтобы подобрать наставника, договариваться о встречах и оценивать, как идёт программа.
    Кто видит: куратор программы; наставник видит имя, класс и интересы после того, как куратор составит пару.
    Мы не храним адрес, оценки и сведения о здоровье и не передаём контакты ребёнка наставнику.
    Данные хранятся на серверах в России до конца программы и удаляются по вашему запросу.
    Согласие можно отозвать в любой момент кнопкой «Мои согласия» — тогда участие прекращается, а данные удаляются.
consent-self-question-teen = Тебе уже 14, поэтому нужно и твоё собственное согласие (а потом ещё и родителя). Ты согласен(на) участвовать на этих условиях?
consent-self-question-adult = Вы согласны участвовать в программе и на обработку ваших персональных данных на этих условиях?
consent-self-declined = Хорошо, без согласия участвовать нельзя — поэтому я ничего не сохранил. Если передумаешь, открой ссылку от куратора ещё раз.
consent-link-instructions = Перешли, пожалуйста, следующее сообщение маме, папе или другому законному представителю. Он откроет ссылку и ответит прямо в чате. 👇
consent-link-for-parent = Здравствуйте! Ваш ребёнок зарегистрировался в школьной программе наставничества. Нужно ваше согласие — откройте ссылку (одноразовая, действует 30 дней):
consent-link-line = { $platform }: { $url }
consent-link-open = Открыть в { $platform }
consent-waiting = ⏳ Ждём ответа родителя. Я сразу напишу тебе, когда он ответит. Пока ждём, твоя анкета видна только куратору.
consent-link-not-needed = Сейчас согласие родителя не нужно.
consent-link-is-for-parent = Эта ссылка для твоего родителя — перешли её ему. Сам(а) открывать её не нужно 🙂
consent-request-intro =
    Здравствуйте! Программа наставничества «{ $org }» просит вашего согласия.
    Кто просит: { $child }, { $age } { $age ->
        [one] год
        [few] года
       *[other] лет
    }, хочет участвовать как { $role }.
    Ниже — текст согласия. Прочитайте его, пожалуйста.
consent-parent-name = Как вас зовут? Фамилия, имя и отчество законного представителя.
consent-parent-question = Вы даёте согласие на участие { $child } в программе и обработку персональных данных?
consent-granted-parent = Спасибо! Согласие записано: { $child } участвует в программе. Посмотреть или отозвать согласие можно в меню «Мои согласия».
consent-declined-parent = Понятно, отказ записан: { $child } не будет участвовать, данные не будут использоваться. Если передумаете, ребёнок может прислать новую ссылку.
consent-granted-child = 🎉 Родитель дал согласие! Теперь ты полноправный участник программы. Скоро куратор подберёт тебе наставника.
consent-declined-child = Родитель пока не дал согласия, поэтому участвовать в программе нельзя. Если вы договоритесь, нажми «Новая ссылка для родителя» в меню.
consent-granted-coordinator = ✅ Родитель ({ $parent }) дал согласие: { $child } теперь участвует в программе.
consent-declined-coordinator = ⛔ Родитель ({ $parent }) не дал согласия: { $child } не участвует в программе.
parent-consents-none = У вас нет действующих согласий.
parent-consents-title = 📝 Ваши согласия:
parent-consents-line = • { $child } — { $org }, дано { $date } через { $platform } (текст версии { $version })
parent-consents-question = Хотите отозвать какое-нибудь согласие?
withdraw-confirm = Отозвать согласие для { $child }? Участие в программе сразу прекратится, а все данные ребёнка будут удалены. Это нельзя отменить.
withdrawn-parent = Согласие отозвано. Участие прекращено, данные ребёнка удалены.
withdraw-already = Это согласие уже отозвано или недоступно.
withdrawn-child = Твой родитель отозвал согласие, поэтому участие в программе закончилось, а твои данные удалены. Если захочешь вернуться, попроси у куратора новую ссылку.
withdrawn-coordinator = ⛔ Родитель отозвал согласие для участника № { $number }. Участие прекращено, его данные удалены.

## Профиль

profile-none = Профиля пока нет: сначала зарегистрируйся по ссылке куратора.
profile-person =
    👤 Профиль
    Имя: { $name }
    Возраст: { $age }
    Язык: { $language }
    Мессенджеры: { $messengers }
profile-mentee =
    Как наставляемый:
    Класс: { $grade }
    Интересы: { $directions }
    Хочу помощи: { $goals }
profile-mentor =
    Как наставник:
    Кто: { $kind }
    Направления: { $directions }
    Чем помогу: { $offer }
    Наставляемых: { $capacity }
    Время для встреч: { $availability }
profile-what-to-change = Что изменить?
profile-field-name = Имя
profile-field-grade = Класс
profile-field-directions = Интересы
profile-field-mentor-directions = Направления наставника
profile-field-goals = С чем помочь
profile-field-offer = Чем помогу
profile-field-capacity = Сколько наставляемых
profile-field-availability = Время для встреч
profile-saved = Сохранено ✅

## Удаление данных

delete-nothing = О тебе ничего не сохранено — удалять нечего.
delete-confirm = Удалить все твои данные? Ты выйдешь из программы, и вернуть данные будет нельзя.
delete-kept = Хорошо, ничего не удаляю.
delete-done = Готово: твои данные удалены. Если захочешь вернуться, попроси у куратора новую ссылку. Пока! 👋
deleted-coordinator = Участник № { $number } ({ $role }) удалил свои данные и вышел из программы.

## База участников (для кураторов)

base-mentee-title = 🧒 Наставляемые — { $org }: { $total } (стр. { $page } из { $pages })
base-mentor-title = 🧑‍🏫 Наставники — { $org }: { $total } (стр. { $page } из { $pages })
base-mentee-empty = Пока никто из ребят не зарегистрировался. Отправьте им ссылку-приглашение.
base-mentor-empty = Пока ни один наставник не зарегистрировался. Отправьте им ссылку-приглашение.
base-line-mentee = { $number }. { $name }, { $age } { $age ->
        [one] год
        [few] года
       *[other] лет
    }, { $detail } — { $status }
    { "   " }Интересы: { $directions } · { $messengers }
base-line-mentor = { $number }. { $name }, { $age } { $age ->
        [one] год
        [few] года
       *[other] лет
    }, { $detail } — { $status }
    { "   " }Направления: { $directions } · { $messengers }

## Связка Telegram и ВКонтакте

link-register-first = Сначала зарегистрируйся в программе, а потом свяжи мессенджеры.
link-code =
    🔗 Твой одноразовый код: { $code }
    В другом мессенджере напиши боту: /link { $code }
    Код действует 15 минут. Или открой ссылку:
link-done = Готово: мессенджеры связаны. Я буду писать туда, где ты был(а) последним.
link-unknown = Такого кода нет. Проверь буквы и цифры или получи новый командой /link.
link-expired = Код устарел (он действует 15 минут). Получи новый командой /link.
link-used_up = Этот код уже использован. Получи новый командой /link.
link-same = Эти мессенджеры уже связаны 🙂
link-conflict = В этом мессенджере уже есть твоя отдельная регистрация, поэтому связать нельзя. Удали одну из них (/delete_me) или обратись к куратору.

## Программа: цикл, формы, направления (для кураторов)

form-teacher_student = Педагог — обучающийся
form-student_student = Обучающийся — обучающийся
form-university_student_student = Студент — обучающийся
form-adult_student = Взрослый (работодатель) — обучающийся
stage-matching = формирование пар и групп
stage-working = пары и группы работают
stage-closing = завершение цикла
stage-archived = в архиве
picker-page = { $prompt } (стр. { $page } из { $pages })
button-programme = 📋 Программа
button-open-cycle = ➕ Открыть цикл программы
button-org-forms = 🧩 Формы наставничества
button-match = 🤝 Сформировать пары и группы
button-export = 📄 Документы
button-review-mentors = 🧑‍🏫 Отбор наставников
button-situations = 🔸 Ситуации наставляемых
button-announce = 📣 Объявление
programme-no-cycle = 📋 Программа наставничества «{ $org }». Цикл ещё не открыт: откройте его, чтобы формировать пары.
programme-cycle =
    📋 Цикл «{ $name }»: { $start } — { $end }
    Этап: { $stage }
    Направления: { $directions }
programme-forms = Формы: { $forms }
programme-counts =
    Наставляемые: готовы к подбору — { $menteesReady }, ждут согласия — { $menteesWaiting }
    Наставники: одобрены — { $mentorsApproved } (свободных мест — { $placesLeft }), ждут решения — { $mentorsNotApproved }
    Опубликовано пар и групп: { $units } (наставляемых в них — { $paired })
cycle-already-open = У организации уже идёт цикл программы. Новый можно открыть, когда текущий будет завершён.
cycle-name = Как назовём цикл? Например: «Наставничество 2026/27».
cycle-start = С какого числа начинается цикл? Например: 01.12 или 01.12.2026 (сегодня { $today }).
cycle-end = До какого числа длится цикл? Например: 31.05.2027.
cycle-forms = Какие формы наставничества будут в цикле?
cycle-directions = Какие направления будут в цикле?
cycle-summary =
    Проверьте:
    Название: { $name }
    Даты: { $start } — { $end }
    Формы: { $forms }
    Направления: { $directions }
cycle-opened = Цикл «{ $name }» открыт. Теперь можно отбирать наставников и формировать пары.
org-forms-question = Какие формы наставничества использует ваша организация?
org-forms-saved = Сохранено. Формы организации: { $forms }
error-date-format = Напишите дату так: 25.12, 25.12.2026 или 2026-12-25.
error-date-impossible = Такой даты не бывает. Проверьте день и месяц.
error-date-past = Эта дата уже прошла. Укажите сегодняшнюю или будущую дату.
error-cycle-end-before-start = Конец цикла должен быть позже начала.
error-cycle-too-long = Цикл не может длиться дольше двух лет.

## Объявления

audience-mentees = 🧒 Всем наставляемым
audience-mentors = 🧑‍🏫 Всем наставникам
audience-parents = 👪 Всем родителям
announce-audience = Кому отправить объявление?
announce-text = Напишите текст объявления (до { $max } символов).
announce-preview = Так увидят объявление получатели ({ $audience }: { $count }):
announcement =
    📣 { $org }:
    { $text }
announce-confirm = Отправить?
button-send = 📤 Отправить
button-edit-text = ✏️ Изменить текст
announce-queued = Объявление поставлено в очередь: получателей — { $count }. Я отправляю его с учётом ограничений мессенджеров.
button-announce-status = 🔄 Сколько доставлено
announce-progress = Получателей: { $recipients }. Доставлено: { $delivered }, не удалось: { $failed }, ещё в очереди: { $waiting }.
announce-unknown = Такого объявления нет.

## Отбор наставников

review-pick = Выберите наставника (⏳ ждёт решения, ✅ одобрен, ⛔ отклонён):
review-list-item = { $mark } { $name } — { $kind }
review-card =
    🧑‍🏫 { $name }, { $age }
    Кто: { $kind }
    Направления: { $directions }
    Чем поможет: { $offer }
    Наставляемых: { $capacity }
    Время для встреч: { $availability }
    Участие: { $status }
    Решение: { $review } ({ $reason })
    Справка об отсутствии судимости: { $recordCheck }
    Обучение: { $training }
review-pending = ⏳ ждёт решения
review-approved = ✅ одобрен(а)
review-declined = ⛔ отклонён(а)
review-done-approved = ✅ Одобрено: { $name }. Наставнику отправлено сообщение.
review-done-declined = ⛔ Отклонено: { $name }. Наставнику отправлена причина.
record-check-done = ✅ проверена
record-check-missing = ❗ не проверена
record-check-not-needed = не требуется (обучающийся)
training-done = ✅ пройдено
training-missing = не пройдено
review-what-next = Что сделать?
button-record-check = 📄 Справка проверена
button-approve = ✅ Одобрить
button-decline = ⛔ Отклонить
button-training-done = 🎓 Обучение пройдено
button-training-undo = ↩️ Снять отметку об обучении
button-to-list = ⬅️ К списку
record-check-confirm = Подтверждаете, что справка об отсутствии судимости у { $name } проверена (ст. 351.1 ТК РФ)? Подтверждение будет записано с вашим именем и временем.
button-record-check-yes = Да, справка проверена
button-record-check-no = Нет
review-needs-record-check = Взрослого наставника можно одобрить только после проверки справки об отсутствии судимости (ст. 351.1 ТК РФ). Сначала нажмите «Справка проверена».
review-not-active = Этот наставник ещё не может участвовать (нет согласия или он вышел из программы).
review-decline-reason = Почему отклоняете? Наставник увидит эту причину.
review-approved-mentor = ✅ Куратор программы «{ $org }» одобрил вашу кандидатуру наставника. Скоро мы подберём вам наставляемых.
review-declined-mentor = Куратор программы «{ $org }» пока не одобрил вашу кандидатуру наставника. Причина: { $reason }

## Ситуации наставляемых (видит только куратор)

situation-struggling = Трудности в учёбе
situation-disoriented = Социальная или ценностная дезориентация
situation-detached = Отстранённость
situation-special_needs = Особые образовательные потребности (ОВЗ)
situations-pick = Чью ситуацию отметить? Эти отметки видят только кураторы.
situations-item = { $marked }{ $name } ({ $grade })
situations-choose = Отметьте ситуацию: { $name }. Её видят только кураторы — ни ребёнок, ни родитель, ни наставник.
situations-none = не отмечено
situations-saved = Сохранено: { $name } — { $situations }.

## Подбор пар и групп

match-no-cycle = Сначала откройте цикл программы.
match-draft-title = 🤝 Черновик: пар и групп — { $units }, наставляемых в них — { $paired }.
match-unit-pair = 👤 Пара: { $mentor } — { $mentees } · { $form } · { $direction }
match-unit-group = 👥 Группа: { $mentor } — { $mentees } · { $form } · { $direction }
match-member-why = { "   " }{ $mentee }: { $why }
match-why-directions = общие направления: { $directions }
match-why-words = совпадает запрос: { $words }
match-why-availability = у наставника указано время для встреч
match-why-pinned = закреплено куратором
match-why-none = без особых совпадений
match-unmatched-title = Без пары: { $count }
match-unmatched-line = • { $name } — { $reason }
match-free-mentors = Свободные места у наставников: { $list }
match-pin-refused = Не удалось закрепить { $mentee } за { $mentor }: { $reason }
match-not-ready = Ещё не участвуют в подборе: наставляемых без согласия — { $mentees }, наставников без одобрения — { $mentors }.
unmatched-no_allowed_mentor = нет подходящего наставника
unmatched-mentors_full = у подходящих наставников нет мест
unmatched-not_ready = ещё не готов(а) к подбору
unmatched-other_organisation = из другой организации или цикла
unmatched-form_not_allowed = такая форма наставничества не используется в цикле
unmatched-mentor_not_older = наставник должен быть старше наставляемого
unmatched-earlier_pair = такая пара уже была в прошлом цикле
unmatched-no_capacity = у наставника нет свободных мест
match-what-next = Что дальше?
button-publish = 📢 Опубликовать
button-pin = 📌 Закрепить пару вручную
button-swap = 🔁 Поменять местами
button-remove = ➖ Убрать из черновика
button-later = 💾 Вернуться позже
match-pick-mentor = Выберите наставника:
match-pick-mentee = Кого закрепить за ним?
match-pick-remove = Кого убрать из черновика?
match-pick-swap-first = Кого поменять?
match-pick-swap-second = С кем поменять?
match-kept-draft = Черновик сохранён. Вернуться к нему можно кнопкой «Сформировать пары и группы».
match-publish-confirm = Опубликовать { $units } пар и групп? Каждому наставнику, наставляемому и родителю придёт сообщение.
button-publish-yes = Да, опубликовать
button-back-to-draft = ⬅️ К черновику
match-published = Опубликовано пар и групп: { $units }. Участникам отправлены сообщения. Приказ можно скачать в «Документах».
published-mentor-name = { $name } ({ $kind })
published-mentor-pair = 🤝 Программа «{ $org }»: у вас наставляемый — { $mentees }. Форма: { $form }. Направление: { $direction }.
published-mentor-group = 🤝 Программа «{ $org }»: у вас группа наставляемых — { $mentees }. Форма: { $form }. Направление: { $direction }.
published-intro-meeting-mentor = Первый шаг — вводная встреча с наставляемыми в течение недели, в школе или в присутствии куратора. Бот не передаёт личные контакты: договаривайтесь через куратора и программу.
published-mentee = 🎉 У тебя есть наставник: { $mentor }. Направление: { $direction }.
published-intro-meeting-mentee = Скоро будет первая встреча-знакомство — в школе, куратор подскажет, когда. Свой телефон и адрес никому давать не нужно.
published-parent = Программа «{ $org }»: у { $child } теперь есть наставник — { $mentor }. Направление: { $direction }. Первая встреча пройдёт в школе.

## Документы

export-what = Какой документ подготовить? Приказ придёт файлами XLSX и CSV, базы — XLSX.
export-order = 📄 Приказ о парах и группах
export-mentors = 🧑‍🏫 База наставников
export-mentees = 🧒 База наставляемых
export-order-empty = Пока нет опубликованных пар и групп — приказ составлять не из чего.
export-order-ready = Приказ о закреплении наставнических пар и групп: { $pairs ->
        [one] { $pairs } строка
        [few] { $pairs } строки
       *[other] { $pairs } строк
    }.
export-order-csv = То же в CSV — для любых таблиц.
export-base-ready = Готово: { $count ->
        [one] { $count } строка
        [few] { $count } строки
       *[other] { $count } строк
    }.
order-sheet = Приказ
order-title = ПРИКАЗ о закреплении наставнических пар (групп)
order-date = от { $date }
order-preamble = В соответствии с целевой моделью наставничества обучающихся (письмо Минпросвещения России от 23.01.2020 № МР-42/02) и программой наставничества «{ $cycle }» ПРИКАЗЫВАЮ: 1. Закрепить наставнические пары (группы) на период с { $start } по { $end } согласно списку.
order-column-mentor = Наставник
order-column-form = Форма наставничества
order-column-direction = Направление
order-column-mentee = Наставляемый
order-column-grade = Класс
order-control = 2. Контроль за исполнением приказа возложить на куратора программы наставничества.
order-signature = Руководитель организации ____________________ / ____________________ /
export-mentees-sheet = Наставляемые
export-mentees-title = База наставляемых на { $date }
export-mentors-sheet = Наставники
export-mentors-title = База наставников на { $date }
base-column-name = ФИО
base-column-age = Возраст
base-column-grade = Класс
base-column-directions = Направления
base-column-consent = Согласие
base-column-kind = Кто
base-column-capacity = Мест
base-column-review = Отбор
base-column-record-check = Справка проверена
base-column-training = Обучение

## Даты, время и встречи (проверки ввода)

error-time-format = Напиши время так: 16:30 или «в 16».
error-time-impossible = Такого времени не бывает. Проверь часы и минуты.
error-time-past = Это время сегодня уже прошло. Выбери время позже.
error-time-missing = Во сколько? Напиши время, например 16:30.
error-datetime-format = Напиши дату и время, например: «25.12 16:30» или «завтра в 15:00».
error-meeting-length = Встреча может длиться от { $min } до { $max } минут.
error-meeting-past = Эта встреча уже в прошлом. Выбери время в будущем.
error-meeting-overlap = В это время уже есть другая встреча. Выбери другое время.
error-meeting-not-started = Встреча ещё не прошла — отметить её можно после окончания.
error-meeting-closed = С этой встречей уже ничего не сделать: { $state }.
error-meeting-already-accepted = Эту встречу уже приняли.
error-meeting-not-agreed = Встреча ещё не согласована.
quick-date-tomorrow = Завтра, { $date }
quick-date-in-week = Через неделю, { $date }
quick-date-in-two-weeks = Через 2 недели, { $date }
quick-date-end-of-month = Конец месяца, { $date }
