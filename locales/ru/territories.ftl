## Территории (flows/territories, flows/programme/enrolment): региональным методистам и кураторам школ — «вы».
## audience: adult

button-territory = 🗺 { $name }
button-territories = 🗺 Территории
menu-territory-region = • { $name }: координатор региона
menu-territory-municipality = • { $name }: координатор муниципалитета

territory-coordinators-only = Это могут делать только координаторы территории.
territory-which = Какую территорию открыть?

help-territory =
    Для координаторов территории (региональных и муниципальных методистов):
    • кнопка территории в меню (🗺) открывает её экран: «Муниципалитеты» (у региона) — список и новый муниципалитет, «Организации» — школы и колледжи территории, «Заявки школ» — принять или отклонить, «Ссылка для школ» — по ней кураторы школ подают заявку, «Пригласить коллегу» — одноразовая ссылка для второго координатора;
    • «📊 Показатели» — сводные цифры территории с начала учебного года: охват, пары и группы, встречи, кому нужна поддержка;
    • «📑 Отчёт региона» — те же показатели за выбранный период (этот учебный год, прошлый месяц, прошлый учебный год) файлами Word и Excel;
    • 1-го числа каждого месяца я присылаю сводку за прошедший месяц.
    Имён участников вы не видите — только сводные цифры, а совсем маленькие скрыты.

territory-button-municipalities = 🏙 Муниципалитеты
territory-button-organisations = 🏫 Организации
territory-button-requests = 📨 Заявки школ
territory-button-join-link = 🔗 Ссылка для школ
territory-button-invite = 👥 Пригласить коллегу
territory-button-back = ↩️ { $name }
territory-button-territory = 🗺 Территория
territory-button-add-municipality = ➕ Добавить муниципалитет
territory-button-open = 🗺 Открыть «{ $name }»
territory-button-send-request = 📨 Отправить заявку
territory-button-approve = ✅ Принять
territory-button-refuse = ✖️ Отклонить

territory-title-region =
    🗺 Регион «{ $name }»
    { $municipalities ->
        [one] { $municipalities } муниципалитет
        [few] { $municipalities } муниципалитета
       *[many] { $municipalities } муниципалитетов
    }, { $organisations ->
        [one] { $organisations } организация
        [few] { $organisations } организации
       *[many] { $organisations } организаций
    } в программе.
territory-title-municipality =
    🗺 Муниципалитет «{ $name }» (регион «{ $region }»)
    { $organisations ->
        [one] { $organisations } организация
        [few] { $organisations } организации
       *[many] { $organisations } организаций
    } в программе.
territory-requests-waiting = 📨 Ждут решения: { $count ->
        [one] { $count } заявка
        [few] { $count } заявки
       *[many] { $count } заявок
    }.

territory-lines = { $text }
territory-municipalities-title = 🏙 Муниципалитеты региона «{ $name }»: { $count }. Откройте муниципалитет, чтобы взять ссылку для его школ, или добавьте новый.
territory-municipality-line = • { $name } — { $organisations ->
        [one] { $organisations } организация
        [few] { $organisations } организации
       *[many] { $organisations } организаций
    }
territory-add-municipality-name = Как называется муниципалитет региона «{ $region }»? Напишите название, например: Городской округ Тверь.
territory-municipality-exists = Муниципалитет «{ $name }» в этом регионе уже есть. Напишите другое название или нажмите «Отмена».
territory-municipality-added = Готово: муниципалитет «{ $name }» добавлен в регион «{ $region }». Ссылку для его школ можно взять на его экране.

territory-organisations-title = 🏫 Организации территории «{ $name }»: { $count }.
territory-organisations-direct = Напрямую в регионе: { $names }.
territory-organisations-in = • { $municipality }: { $names }.
territory-organisations-in-none = • { $municipality }: пока нет.
territory-organisations-list = { $names }.
territory-organisations-none = Пока ни одна организация не присоединилась. Отправьте кураторам школ ссылку для школ: они подадут заявку, а вы её примете.

territory-invite-links = 👥 Ссылка для коллеги — координатора территории «{ $name }». Она одноразовая и действует 7 дней: отправьте её только тому, кто будет работать с вами.
territory-invite-note = Коллега откроет ссылку, назовёт себя и увидит экран территории.
territory-join-links = 🔗 Ссылка для кураторов школ территории «{ $name }». Куратор откроет её и подаст заявку от своей организации.
territory-join-note = Ссылка действует 60 дней. Каждую заявку вы примете или отклоните здесь, в боте: кнопка «Заявки школ».

territory-welcome = Здравствуйте! Вас пригласили координатором территории «{ $name }» в программе наставничества.
territory-name-question = Как вас зовут? Фамилия, имя, отчество.
territory-joined = Готово, { $name }: вы координатор территории «{ $territory }». Вы будете видеть программы школ территории в сводных цифрах, без имён участников.
territory-join-already = Вы уже координатор территории «{ $name }».
invite-territory-unknown = Эта ссылка-приглашение в команду координаторов территории (региональных и муниципальных методистов) не работает. Проверьте, что она скопирована целиком, или попросите новую у того, кто вас пригласил.
invite-territory-expired = Приглашение в команду координаторов территории (региональных и муниципальных методистов) больше не действует: срок ссылки закончился. Попросите новую у того, кто вас пригласил.
invite-territory-used_up = Приглашение в команду координаторов территории (региональных и муниципальных методистов) больше не действует: ссылка одноразовая, по ней уже присоединились или её заменили новой. Попросите новую у того, кто вас пригласил.

territory-join-for-coordinators = Эта ссылка — для кураторов программы наставничества в школах: по ней школа просит присоединиться к территории «{ $name }». Если вы куратор, сначала войдите в бот по приглашению вашей школы.
territory-join-confirm = Подать заявку: организация «{ $org }» присоединяется к территории «{ $territory }»? Координаторы территории будут видеть программу школы в сводных цифрах, без имён участников.
territory-join-which = Какая из ваших организаций присоединяется к территории «{ $territory }»? Координаторы территории будут видеть её программу в сводных цифрах, без имён участников.
territory-join-sent = 📨 Заявка отправлена: «{ $org }» → «{ $territory }». Когда координатор территории её рассмотрит, я напишу.
territory-join-open = У организации «{ $org }» уже есть заявка, которая ждёт решения. Когда координатор её рассмотрит, я напишу. Новую заявку можно подать после этого.
territory-join-attached = Организация «{ $org }» уже входит в территорию «{ $territory }».
territory-join-link-gone = Эта ссылка для школ территории больше не действует. Попросите новую у координатора территории — регионального или муниципального методиста, который её прислал.
territory-request-notice = 📨 Организация «{ $org }» просит присоединиться к территории «{ $territory }».

territory-requests-none = Заявок, которые ждут решения, нет.
territory-requests-title = 📨 Заявки школ: { $count }.
territory-request-line = «{ $org }» → «{ $territory }»
territory-requests-hint = Принятая школа появится среди организаций территории.
territory-request-approved = ✅ Заявка принята: «{ $org }» теперь в территории «{ $territory }».
territory-request-refused = Заявка «{ $org }» отклонена. Школа узнает об этом.
territory-request-already-approved = Эту заявку уже приняли: «{ $org }» в территории.
territory-request-already-refused = Эту заявку уже отклонили.
territory-request-gone = Этой заявки больше нет.
territory-request-approved-school = ✅ Заявку приняли: организация «{ $org }» теперь входит в территорию «{ $territory }».
territory-request-refused-school = Заявку организации «{ $org }» на присоединение к территории «{ $territory }» отклонили. Если это ошибка, свяжитесь с координатором территории.

button-enrolment = 🎒 Ученики 10–19 лет
enrolment-line = 🎒 Ученики 10–19 лет в { $year } учебном году: { $students }.
enrolment-missing = ⚠️ Не указано, сколько в организации учеников 10–19 лет в { $year } учебном году. Это число нужно территории, чтобы считать охват: кнопка «Ученики 10–19 лет».
enrolment-question-missing = Сколько в организации «{ $org }» учеников от 10 до 19 лет в { $year } учебном году? Напишите одно число, например: 640.
enrolment-question = Сейчас указано: в «{ $org }» { $students ->
        [one] { $students } ученик
        [few] { $students } ученика
       *[many] { $students } учеников
    } 10–19 лет в { $year } учебном году. Напишите новое число, если оно изменилось, или нажмите «Отмена».
enrolment-saved = Сохранил: в «{ $org }» { $students ->
        [one] { $students } ученик
        [few] { $students } ученика
       *[many] { $students } учеников
    } 10–19 лет в { $year } учебном году.
error-enrolment = Нужно одно целое число от 0 до { $max }, например: 640.
