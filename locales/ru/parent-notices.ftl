# Родители в курсе (задача 18): встречи ребёнка для родителя, чьё согласие действует.
# Родителям — на «вы»; подростку 14–17 — на «ты», простыми словами.

## Сообщения родителю о встречах
## audience: adult

parent-meeting-of-mentor = встреча { GENITIVE($child) } с наставником { INSTRUMENTAL($mentor) }
parent-meeting-of-mentees = встреча, которую { $child } { GENDER($child) ->
        [female] проводит как наставница
       *[other] проводит как наставник
    } (участники: { $mentees })
parent-meeting-agreed =
    📅 Назначена { $meeting }.
    Когда: { $when }, { $minutes } мин
    Где: { $place }
parent-meeting-moved =
    🔄 Перенесена { $meeting }.
    Было: { $old }
    Теперь: { $when }, { $minutes } мин
    Где: { $place }
parent-meeting-cancelled =
    ✖️ Отменена { $meeting }.
    Она была назначена на { $when }.
parent-meeting-footer = Такие сообщения можно выключить в меню, кнопка «👪 Дети и встречи».

## Экран родителя
## audience: adult

button-parent-children = 👪 Дети и встречи
parent-children-none = Здесь показываются дети, за которых действует ваше согласие, их наставники и встречи. Сейчас таких детей нет.
parent-children-title = 👪 Ваши дети в программе
parent-child =
    { $child } — { $org }
    { $pair }
    { $meetings }
parent-child-mentor = 🤝 Наставник: { $names }
parent-child-mentees = 🤝 Наставник для: { $names }
parent-child-no-pair = 🤝 Наставника пока нет: куратор сообщит, когда пара будет составлена.
parent-child-meetings =
    📅 Ближайшие встречи:
    { $lines }
parent-child-meeting-line = • { $when } · { $minutes } мин · { $place }
parent-child-meetings-none = 📅 Ближайших встреч пока нет.
parent-child-meetings-private = 📅 С 14 лет о встречах решает сам ребёнок: { $child } пока не делится ими с родителями.
parent-child-meetings-adult = 📅 { $child }: с 18 лет о встречах родителям не сообщается.
parent-notices-state-on = 🔔 Сообщения о встречах: присылаются, когда встречу назначают, переносят или отменяют.
parent-notices-state-off = 🔕 Сообщения о встречах: выключены. Встречи видны на этом экране.
button-parent-notices-off = 🔕 Не присылать о встречах
button-parent-notices-on = 🔔 Присылать о встречах
parent-notices-turned-off = Хорошо, сообщения о встречах ребёнка больше не придут. Включить их снова можно здесь же.
parent-notices-turned-on = Хорошо, теперь вы получите сообщение, когда встречу ребёнка назначат, перенесут или отменят.
parent-notices-already-off = Сообщения о встречах уже выключены — ничего не изменилось.
parent-notices-already-on = Сообщения о встречах уже включены — ничего не изменилось.

## Выбор подростка 14–17 лет
## audience: child

button-parents-told = 👪 Встречи и родители
parents-told-now-off =
    Сейчас твои родители не получают сообщений о твоих встречах с наставником.
    Если хочешь, бот будет писать им, когда встречу назначат, перенесут или отменят. Включить?
parents-told-now-on =
    Сейчас твои родители получают сообщения о твоих встречах: когда встречу назначат, перенесут или отменят.
    Выключить?
button-parents-told-on = 🔔 Да, пусть знают
button-parents-told-off = 🔕 Выключить
button-parents-told-keep-off = Нет, не надо
button-parents-told-keep-on = Пусть остаётся
parents-told-turned-on = Готово! Теперь родители будут знать о твоих встречах. Выключить можно здесь же.
parents-told-turned-off = Готово! Родители больше не получат сообщений о твоих встречах.
parents-told-not-yours-young = До 14 лет родители получают сообщения о встречах сами. Здесь менять ничего не нужно 🙂
# audience: any
parents-told-not-yours = { $address ->
        [ty] Эта настройка для участников от 14 до 17 лет. Тебе тут ничего менять не нужно.
       *[vy] Эта настройка — для участников от 14 до 17 лет.
    }

## Куратор: сообщать ли родителям о встречах
## audience: adult

button-parents-told-set = 👪 Встречи: сообщать родителям
parents-told-set-none = В программе сейчас нет несовершеннолетних участников.
parents-told-set-pick = Для кого настроить сообщения родителям о встречах? 🔔 — родители получают, 🔕 — нет.
parents-told-set-item = { $mark } { $name }, { $age } { $age ->
        [one] год
        [few] года
       *[many] лет
    }
parents-told-set-now-on = { $name } ({ $age } { $age ->
        [one] год
        [few] года
       *[many] лет
    }): родители получают сообщения о встречах. Сообщать им?
parents-told-set-now-off = { $name } ({ $age } { $age ->
        [one] год
        [few] года
       *[many] лет
    }): родители не получают сообщений о встречах. Сообщать им?
button-parents-told-set-on = 🔔 Сообщать
button-parents-told-set-off = 🔕 Не сообщать
parents-told-set-saved-on = Сохранено: родители { GENITIVE($name) } будут получать сообщения о встречах.
parents-told-set-saved-off = Сохранено: родители { GENITIVE($name) } не будут получать сообщений о встречах.
parents-told-set-gone = { $name } больше не участвует в программе — ничего не изменилось.
