## Еженедельная сводка куратора (по понедельникам в 09:00 и по кнопке «Сводка за неделю»)

## audience: adult

digest-title = 📊 Сводка программы «{ $org }» за неделю { $from } — { $to }. В скобках — изменение по сравнению с неделей до неё.
digest-title-so-far = 📊 Сводка программы «{ $org }» с { $from } по сегодня ({ $to }). В скобках — изменение по сравнению с теми же днями прошлой недели.
digest-figures =
    👥 Пары и группы встречаются: { $pairsActive } ({ $pairsActiveChange })
    💤 Не встречались две недели и дольше: { $pairsQuiet } ({ $pairsQuietChange })
    ✅ Встреч состоялось: { $meetingsHeld } ({ $meetingsHeldChange })
    ❌ Встреч не состоялось: { $meetingsMissed } ({ $meetingsMissedChange })
    📅 Встреч назначено на следующие 7 дней: { $meetingsPlanned } ({ $meetingsPlannedChange })
    🏁 Этапов плана выполнено: { $milestonesDone } ({ $milestonesDoneChange })
    ⏰ Этапов просрочено: { $milestonesOverdue } ({ $milestonesOverdueChange })
    🆘 Ответов «застряли»: { $stuckCheckIns } ({ $stuckCheckInsChange })
    ✍️ Ждут согласия родителей: { $consentsPending } ({ $consentsPendingChange })
digest-attention-none = 👍 Тревожных сигналов нет: пары встречаются, никто не застрял на этапе плана.
digest-attention-title = 👀 Кому нужно внимание в первую очередь (всего пар и групп: { $count }):
digest-attention-1 =
    { $title }
    { $l1 }
digest-attention-2 =
    { $title }
    { $l1 }
    { $l2 }
digest-attention-3 =
    { $title }
    { $l1 }
    { $l2 }
    { $l3 }
digest-attention-4 =
    { $title }
    { $l1 }
    { $l2 }
    { $l3 }
    { $l4 }
digest-attention-5 =
    { $title }
    { $l1 }
    { $l2 }
    { $l3 }
    { $l4 }
    { $l5 }
digest-attention-line = { $number }. { $pair }: { $reasons }
digest-pair = { $mentor } и { $mentees }
digest-pair-alone = { $mentor } (наставляемых в паре не осталось)
digest-reason-missed-in-a-row = две встречи подряд не состоялись
digest-reason-no-meeting = нет встреч { $days } { $days ->
    [one] день
    [few] дня
   *[many] дней
    } (с { $since })
digest-reason-stuck = застряли на этапе «{ $milestone }»
digest-reason-overdue = просрочено этапов: { $count }
digest-chart-legend = 📈 На картинке — недели цикла: 🟩 встречи состоялись и 🟥 не состоялись (шкала слева), 🔵 синяя линия — сколько этапов выполнено всего, серый пунктир — сколько этапов во всех планах (шкала справа).
digest-no-cycle = Сводка появится, когда пары цикла начнут работу: пока считать нечего.

## Подписи на картинке сводки: что значит каждый цвет и что отложено по осям
digest-chart-held = Встречи состоялись
digest-chart-missed = Встречи не состоялись
digest-chart-done = Этапов выполнено всего
digest-chart-planned = Этапов во всех планах
digest-chart-axis-weeks = Недели цикла (дата понедельника)
digest-chart-axis-meetings = Встреч за неделю
digest-chart-axis-milestones = Этапов планов
