## Что видит координатор территории (региона или муниципалитета): экран показателей за период, ежемесячная сводка, отчёт региона (XLSX, DOCX)

## audience: adult

region-screen-title = 🗺 { $territory }: наставничество с { $from } по { $to }
region-digest-title = 📊 { $territory }: итоги месяца с { $from } по { $to }
region-figures =
    🏫 Организаций: { $count }, из них с открытым циклом: { $open } ({ $stages })
    👥 Охват обучающихся 10–19 лет: { $coverage } (участвуют: { $participants }, обучаются: { $students }); численность обучающихся внесли { $entered } из { $count } { $count ->
        [one] организации
       *[other] организаций
    }
    🤝 Пар и групп: { $pairs }
    • по формам: { $forms }
    • по направлениям: { $directions }
    • «ученик — ученик» по вариантам: { $variants }
    📅 Встреч состоялось: { $meetings }, в среднем на пару: { $perPair }
    🏁 Планов выполнено: { $plans }
    🆘 Пары застряли: { $stuck }; с тревожным сигналом: { $alerting }
    😊 Удовлетворённость: { $satisfaction } из 10 (ответов: { $respondents }); 📈 рост по анкетам: { $growth }
region-stage-count = { $stage } — { $count }
region-breakdown-item = { $name }: { $count }
region-join = { $head }; { $next }
region-line-next =
    { $line }
    { $next }
region-municipalities-title = 🏙 Муниципалитеты ({ $count }): организации, охват, пары, встречи на пару, застрявшие пары
region-municipality-line = • { $name }: { $count } { $count ->
        [one] организация
        [few] организации
       *[many] организаций
    }, с открытым циклом: { $open }; охват { $coverage }; пар и групп: { $pairs }; встреч на пару: { $perPair }; застряли: { $stuck }
region-municipalities-more = …и ещё { $count } { $count ->
        [one] муниципалитет
        [few] муниципалитета
       *[many] муниципалитетов
    }: все — в отчёте региона.
region-support-title = 🆘 Кому нужна поддержка в первую очередь (организаций с поводами: { $count }):
region-support-line = { $number }. { $org }: { $reasons }
region-support-line-in = { $number }. { $org } ({ $municipality }): { $reasons }
region-support-more = …и ещё { $count } { $count ->
        [one] организация
        [few] организации
       *[many] организаций
    }: полный список — в отчёте региона.
region-support-none = 👍 Поводов для поддержки нет: у всех организаций открыт цикл, охват, встречи и оценки участников в норме.
region-hidden-note = «<5» — меньше пяти человек: такие цифры скрыты, чтобы никого нельзя было узнать, и это не ноль. «…» — цифра скрыта, чтобы «<5» нельзя было вычислить вычитанием из итога.
region-reason-no-open-cycle = нет открытого цикла наставничества
region-reason-no-enrolment = не внесена численность обучающихся 10–19 лет на учебный год
region-reason-low-coverage = охват { $coverage } при цели { $target }
region-reason-stuck = застрявших пар: { $stuck } из { $pairs }
region-reason-alerting = пар с тревожным сигналом: { $alerting } из { $pairs }
region-reason-few-meetings = встреч на пару в месяц: { $perPair } при норме от { $target }
region-reason-low-satisfaction = удовлетворённость { $mean } из 10 (порог — { $threshold })

## Картинка ежемесячной сводки: месяцы учебного года
region-chart-legend = 📈 На картинке — месяцы учебного года: 🔵 пары и группы, 🟢 состоявшиеся встречи, 🟠 участники 10–19 лет. Разрыв линии — цифра скрыта, это не ноль: «<5» — меньше пяти человек, «…» — скрыто, чтобы «<5» нельзя было вычислить.
region-chart-title = { $territory }: учебный год { $from }/{ $to }
region-chart-pairs = Пары и группы
region-chart-meetings = Встречи состоялись
region-chart-participants = Участники 10–19 лет
region-chart-axis-months = Месяцы учебного года
region-chart-axis-counts = Пары, встречи, участники
region-chart-hidden = Разрыв линии — цифра скрыта, это не ноль: «<5» — меньше пяти человек, «…» — чтобы «<5» нельзя было вычислить

## Отчёт региона (XLSX и DOCX)
region-report-title = Реализация целевой модели наставничества: { $territory }
region-report-period = Период: с { $from } по { $to }
region-report-made = Отчёт сформирован { $date }
region-sheet-summary = Сводка
region-sheet-municipalities = Муниципалитеты
region-sheet-organisations = Организации
region-sheet-support = Нужна поддержка
region-sheet-notes = Пояснения
region-column-figure = Показатель
region-column-value = Значение
region-column-municipality = Муниципалитет
region-column-organisation = Организация
region-column-cycle = Цикл и его этап
region-column-reasons = Поводы для поддержки
region-cycle-none = нет цикла
region-cycle-archived = { $cycle } (в архиве)
region-cycle-stage = { $cycle } ({ $stage })
region-figure-organisations = Организаций
region-figure-open-cycle = С открытым циклом
region-figure-participants = Участники 10–19 лет
region-figure-students = Обучающиеся 10–19 лет (по данным организаций)
region-figure-enrolment-entered = Внесли численность обучающихся
region-figure-coverage = Охват 10–19 лет
region-figure-pairs = Пары и группы
region-figure-pairs-of = Пары и группы: { $kind }
region-figure-meetings = Встреч состоялось
region-figure-meetings-per-pair = Встреч на пару
region-figure-plans = Планов выполнено
region-figure-stuck = Пары застряли
region-figure-alerting = Пары с тревожным сигналом
region-figure-satisfaction = Удовлетворённость (1–10)
region-figure-satisfaction-respondents = Ответов об удовлетворённости
region-figure-growth = Рост по анкетам
region-figure-growth-respondents = Ответов о росте
region-support-empty = Поводов для поддержки нет ни у одной организации.
region-note-period = Период отчёта: с { $from } по { $to }. Пары и группы — те, что работали в этот период; встречи и выполненные планы — за этот период.
region-note-small = «<5» — меньше пяти человек. Такие цифры не показываются, чтобы никого из детей нельзя было узнать; это не ноль.
region-note-complementary = «…» — цифра скрыта, хотя она не меньше пяти: иначе скрытую «<5» можно было бы вычислить вычитанием из итога строки или территории.
region-note-totals = Итоги территории и муниципалитетов посчитаны по всем данным, поэтому они больше суммы показанных цифр, когда среди них есть «<5» или «…».
region-note-coverage = Охват — участники 10–19 лет по отношению к численности обучающихся 10–19 лет, которую организации внесли на учебный год.
region-note-support = Поводы для поддержки: нет открытого цикла; охват ниже { $coverage }; не внесена численность обучающихся; застряла или подаёт тревожный сигнал доля пар от { $share }; встреч на пару в месяц меньше { $meetings }; удовлетворённость ниже { $satisfaction } из 10. Учитываются только показанные цифры, скрытые не угадываются.

## Экран и отчёт в боте
region-button-report = 📑 Отчёт региона
region-button-refresh = 🔄 Обновить
region-button-figures = 📊 Показатели
region-button-territory = 🗺 К территории
region-counted-at = 🕐 Данные на { $at }; их пересчитывают каждый час.
region-not-counted-yet = 🕐 Показатели ещё не посчитаны: их считают раз в час. Загляните чуть позже.
region-report-which-period = За какой период подготовить отчёт?
region-report-period-school-year = Этот учебный год
region-report-period-last-month = Прошлый месяц
region-report-period-last-school-year = Прошлый учебный год
region-report-document = 📄 Отчёт региона для дорожной карты (Word). Только сводные цифры: имён и данных детей в нём нет.
region-report-workbook = 📊 Те же показатели таблицей (XLSX) — для расчётов и сводов.
