## Варианты взаимодействия формы «ученик — ученик» (методические рекомендации MR-42/02)

## audience: any

variant-successful_struggling = успевающий — неуспевающий
variant-leader_passive = лидер — пассивный
variant-peer_to_peer = равный — равному
variant-column = Вариант взаимодействия

## Черновик пар: куратор видит предложенный вариант и может его сменить

## audience: adult

variant-draft-suggested = { "   " }Вариант взаимодействия: { $variant } (предложен по отметкам о ситуации наставляемых)
variant-draft-chosen = { "   " }Вариант взаимодействия: { $variant } (выбран вами)
variant-button-change = 🔀 Вариант взаимодействия
variant-pick-unit = Для какой пары или группы «ученик — ученик» сменить вариант взаимодействия?
variant-choose = { $unit }: сейчас «{ $current }», по отметкам о ситуации предложен «{ $suggested }». Какой вариант выбрать?

## Отчёт мониторинга: пары и группы по вариантам взаимодействия

## audience: any

variant-report-title = Пары и группы «ученик — ученик» по вариантам взаимодействия
variant-report-column-pairs = Пар и групп
