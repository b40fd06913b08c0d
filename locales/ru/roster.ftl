## Импорт списка класса (flows/roster): куратору — «вы».
## audience: adult

button-roster-import = 📥 Загрузить список класса
button-roster-back = 👥 База наставляемых
button-roster-template = 📄 Шаблон XLSX
button-roster-create = ✅ Создать { $count ->
        [one] { $count } приглашение
        [few] { $count } приглашения
       *[many] { $count } приглашений
    }
button-roster-cancel = ✖️ Отмена

status-invited = 📨 приглашён по списку класса

base-mentee-invited = 📨 Ещё { $count ->
        [one] { $count } ученик приглашён
        [few] { $count } ученика приглашены
       *[many] { $count } учеников приглашены
    } по спискам классов и пока не { $count ->
        [one] пришёл
       *[other] пришли
    }: они в конце списка и не входят в число наставляемых.
invite-links-revoke-confirm-roster = Отозвать все действующие ссылки для наставляемых и наставников программы «{ $org }»? По ним больше никто не сможет зарегистрироваться. Те, кто уже зарегистрировался, останутся в программе, а новые ссылки можно получить в меню «Ссылки-приглашения».
    Личные ссылки из списков классов тоже перестанут работать, а { $count ->
        [one] { $count } ученик, который ещё не открыл свою ссылку, будет удалён
        [few] { $count } ученика, которые ещё не открыли свои ссылки, будут удалены
       *[many] { $count } учеников, которые ещё не открыли свои ссылки, будут удалены
    } из базы. Чтобы выдать им новые ссылки, загрузите список класса снова.
roster-unclaimed-erased = Из базы { $count ->
        [one] удалён { $count } ученик, приглашённый
        [few] удалены { $count } ученика, приглашённые
       *[many] удалены { $count } учеников, приглашённые
    } по списку класса: { $count ->
        [one] он не открыл свою ссылку
       *[other] они не открыли свои ссылки
    }. Загрузите список класса снова — и я сделаю новые ссылки.

roster-intro = 📥 Пришлите список класса файлом XLSX или CSV (до { $max ->
        [one] { $max } МБ
       *[other] { $max } МБ
    }).
    Нужные столбцы: ФИО, класс, год или дата рождения; по желанию — ФИО родителя. Заголовки — в одной из первых 10 строк.
    Я проверю каждую строку и покажу, что понял и что не могу принять. Ученики появятся только после вашего подтверждения, и каждый получит личную ссылку.
roster-send-again = Пришлите исправленный файл или другой список.
roster-send-file = Пришлите файл XLSX или CSV со списком класса. Образец — кнопка «Шаблон XLSX».
roster-not-a-list = Это не похоже на список: нужен файл XLSX или CSV.
roster-too-large = Файл больше { $max ->
        [one] { $max } МБ
       *[other] { $max } МБ
    }. Разделите список на части.
roster-file-failed = Не удалось получить файл от мессенджера. Пришлите его ещё раз.
roster-unreadable = Не получается прочитать файл. Сохраните его как XLSX или CSV и пришлите снова.
roster-no-header = Не нашёл заголовки столбцов. В одной из первых 10 строк должны быть «ФИО», «Класс» и «Дата рождения» (или «Год рождения») — как в шаблоне.
roster-empty = В файле нет ни одной строки с учениками.
roster-too-many = В одном файле — не больше { $max ->
        [one] { $max } строки
       *[other] { $max } строк
    }. Разделите список на части.

roster-template-sheet = Список класса
roster-template-name = ФИО
roster-template-grade = Класс
roster-template-birth = Дата рождения
roster-template-parent = ФИО родителя
roster-template-example-name = Иванова Мария Петровна
roster-template-example-grade = 7Б
roster-template-example-birth = 15.03.2013
roster-template-example-parent = Иванова Ольга Сергеевна
roster-template-ready = Шаблон списка: заполните его и пришлите мне.

roster-understood = ✅ Понял { $count ->
        [one] { $count } ученика
       *[other] { $count } учеников
    } в { $classes ->
        [one] { $classes } классе
       *[other] { $classes } классах
    }:
roster-class-line = • { $grade } — { $count ->
        [one] { $count } ученик
        [few] { $count } ученика
       *[many] { $count } учеников
    }
roster-refused-title = ⚠️ Не принял { $count ->
        [one] { $count } строку
        [few] { $count } строки
       *[many] { $count } строк
    }:
roster-refused-line = • строка { $row }: { $reason }
roster-refused-more = …и ещё { $count ->
        [one] { $count } строка
        [few] { $count } строки
       *[many] { $count } строк
    }.
roster-refused-no-name = нет ФИО
roster-refused-name = в ФИО «{ $name }» не только буквы
roster-refused-short-name = «{ $name }» — нужны хотя бы фамилия и имя
roster-refused-no-grade = не указан класс
roster-refused-grade = непонятный класс «{ $grade }»
roster-refused-no-birth = нет даты или года рождения
roster-refused-birth = непонятная дата рождения «{ $birth }»
roster-refused-age = возраст { $age } — в программе ученики от { $min } до { $max ->
        [one] { $max } года
       *[other] { $max } лет
    }
roster-refused-grade-age = возраст { $age } не подходит для { $grade } класса
roster-refused-parent = в ФИО родителя «{ $name }» не только буквы
roster-refused-twice = повтор строки { $first }
roster-refused-known = { $name } уже есть в программе

roster-nothing = Принять нечего: исправьте файл и загрузите его снова.
roster-confirm = Создать приглашения для { $count ->
        [one] { $count } ученика
       *[other] { $count } учеников
    }? Каждый получит личную ссылку: откроет её и подтвердит, что это он.
roster-cancelled = Отменено: никто не создан.
roster-already-created = Этот список уже загружен: приглашения созданы раньше.
roster-saved = приглашения для учеников ({ $count })
roster-created = ✅ Готово: { $count ->
        [one] { $count } приглашение
        [few] { $count } приглашения
       *[many] { $count } приглашений
    }. Ниже — { $classes ->
        [one] файл со ссылками для классного руководителя
       *[other] файлы со ссылками, по одному на каждый из { $classes } классов: перешлите каждому классному руководителю его файл
    }. Ссылка личная и работает один раз.
roster-sheet-ready = 📄 { $grade } класс: { $count ->
        [one] { $count } ученик
        [few] { $count } ученика
       *[many] { $count } учеников
    }

roster-sheet-title = Личные ссылки учеников { $grade } класса — { $org }
roster-sheet-note = Раздайте каждому ученику его строку. Ученик наводит камеру телефона на QR-код того мессенджера, которым пользуется (или открывает ссылку под ним), и подтверждает, что это он. Ссылка работает один раз.
roster-sheet-number = №
roster-sheet-name = Ученик
roster-sheet-messenger = { $messenger }: QR-код и ссылка

## Ученик открывает личную ссылку: «ты», просто.
## audience: child

roster-claim-question = 👋 Привет! Это ты — { $name }, { $grade } класс, { $org }?
button-roster-claim-me = ✅ Да, это я
button-roster-claim-not-me = ❌ Нет, не я
roster-claim-not-me = Хорошо. Эта ссылка для другого ученика. Попроси свою ссылку у классного руководителя.
