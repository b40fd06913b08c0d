# Parents who know (issue 18): a child's meetings for a parent whose consent stands.

## Notices to a parent

parent-meeting-of-mentor = a meeting of { $child } with their mentor { $mentor }
parent-meeting-of-mentees = a meeting { $child } holds as a mentor (with { $mentees })
parent-meeting-agreed =
    📅 Agreed: { $meeting }.
    When: { $when }, { $minutes } min
    Where: { $place }
parent-meeting-moved =
    🔄 Moved: { $meeting }.
    Was: { $old }
    Now: { $when }, { $minutes } min
    Where: { $place }
parent-meeting-cancelled =
    ✖️ Called off: { $meeting }.
    It was set for { $when }.
parent-meeting-footer = You can turn these messages off in the menu, “👪 Children and meetings”.

## The parent's screen

button-parent-children = 👪 Children and meetings
parent-children-none = This screen shows the children your consent stands for, their mentors and meetings. There are none now.
parent-children-title = 👪 Your children in the programme
parent-child =
    { $child } — { $org }
    { $pair }
    { $meetings }
parent-child-mentor = 🤝 Mentor: { $names }
parent-child-mentees = 🤝 Mentor to: { $names }
parent-child-no-pair = 🤝 No mentor yet: the coordinator will tell you when the pair is made.
parent-child-meetings =
    📅 Meetings ahead:
    { $lines }
parent-child-meeting-line = • { $when } · { $minutes } min · { $place }
parent-child-meetings-none = 📅 No meetings ahead yet.
parent-child-meetings-private = 📅 From 14 a child decides about their meetings: { $child } has not turned on messages for parents.
parent-child-meetings-adult = 📅 { $child } is an adult participant: parents are not told of the meetings.
parent-notices-state-on = 🔔 Meeting messages: sent when a meeting is agreed, moved or called off.
parent-notices-state-off = 🔕 Meeting messages: off. The meetings are shown on this screen.
button-parent-notices-off = 🔕 No meeting messages
button-parent-notices-on = 🔔 Send meeting messages
parent-notices-turned-off = All right, no more messages about your child's meetings. You can turn them on again here.
parent-notices-turned-on = All right, you will get a message when your child's meeting is agreed, moved or called off.
parent-notices-already-off = Meeting messages are already off — nothing changed.
parent-notices-already-on = Meeting messages are already on — nothing changed.

## A teenager's choice (14–17)

button-parents-told = 👪 Meetings and parents
parents-told-now-off =
    Your parents don't get messages about your meetings with your mentor now.
    If you like, the bot will tell them when a meeting is agreed, moved or called off. Turn it on?
parents-told-now-on =
    Your parents get messages about your meetings now: when one is agreed, moved or called off.
    Turn it off?
button-parents-told-on = 🔔 Yes, let them know
button-parents-told-off = 🔕 Turn off
button-parents-told-keep-off = No, thanks
button-parents-told-keep-on = Keep it on
parents-told-turned-on = Done! Your parents will know about your meetings. You can turn it off here.
parents-told-turned-off = Done! Your parents won't get messages about your meetings.
parents-told-not-yours-young = Under 14, parents get the meeting messages anyway. Nothing to change here 🙂
parents-told-not-yours = This setting is for participants aged 14 to 17.

## Coordinator: tell the parents of meetings or not

button-parents-told-set = 👪 Meetings: tell parents
parents-told-set-none = There are no participants under 18 in the programme now.
parents-told-set-pick = Whose parents' meeting messages to set? 🔔 — the parents get them, 🔕 — they don't.
parents-told-set-item = { $mark } { $name }, { $age }
parents-told-set-now-on = { $name } ({ $age }): the parents get messages about the meetings. Tell them?
parents-told-set-now-off = { $name } ({ $age }): the parents don't get messages about the meetings. Tell them?
button-parents-told-set-on = 🔔 Tell them
button-parents-told-set-off = 🔕 Don't tell
parents-told-set-saved-on = Saved: the parents of { $name } will get messages about the meetings.
parents-told-set-saved-off = Saved: the parents of { $name } won't get messages about the meetings.
parents-told-set-gone = { $name } no longer takes part — nothing changed.
