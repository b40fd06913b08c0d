## The pair's chat through the bot (flows/pair-chat).

button-pair-chat = 💬 Chat
button-pair-chat-reply = ↩️ Reply
button-pair-chat-done = ✅ Done
button-pair-chat-mute = 🔕 Mute
button-pair-chat-unmute = 🔔 Unmute
button-pair-chat-log = 📜 Pair's chat

pair-chat-which = Who do you want to write to?
pair-chat-to-mentor = your mentor { $name }
pair-chat-to-mentee = { $name }
pair-chat-to-group = your group
pair-chat-from-mentor = your mentor { $name }
pair-chat-from-mentee = { $name }
pair-chat-me = You

pair-chat-intro = 💬 Here you can write to { $to } through the bot.
    • Every message is passed on and kept as the pair's record. The programme's coordinator reads it only if someone asks for help or a message raises a concern.
    • Phone numbers, e-mail addresses and handles are not passed on: they become «{ $hidden }» (contact hidden). Keep talking here: it is safer.
    • If anything scares you or feels wrong, tell an adult straight away: a parent, a teacher or the coordinator.
pair-chat-history-title = 🗂 Latest messages:
pair-chat-history-line = { $when } — { $who }: { $text }
pair-chat-prompt = ✍️ Write a message to { $to } and I will pass it on. When you are done, press «✅ Done».
pair-chat-empty = The message is empty. Please write at least a few words.
pair-chat-too-long = The message is long: over { $max } { $max ->
        [one] character
       *[other] characters
    }. Please split it into parts.
pair-chat-delivered = ✅ Passed on to { $to }.
pair-chat-held-till-morning = 🌙 It is late now: the message will arrive in the morning, at 8:00.
pair-chat-masked-note = 🔒 Contacts (phone numbers, e-mail, handles) are hidden in this chat: here people talk only through the bot.
pair-chat-hidden-contact = [contact hidden]
pair-chat-text-with-hidden = { $before }{ $hidden }{ $after }
pair-chat-relayed = 💬 A message from { $from }:
    { $text }
pair-chat-saved = • messages in the pair's chat were passed on
pair-chat-closed = ✅ Done. When they answer, I will send the answer here.
pair-chat-muted = 🔕 The chat's notifications are off. New messages will wait for you here: press «💬 Chat» in the menu.
pair-chat-unmuted = 🔔 The chat's notifications are on again.
pair-chat-ended = This pair no longer works in the programme, so the chat is closed. The message was not sent.
pair-chat-file-photo = 📷 photo
pair-chat-file-document = 📎 file { $name }
pair-chat-file-with-caption = { $file }: { $text }
pair-chat-unsupported = I cannot pass this on. You can send a text, a photo or a file of up to { $max } { $max ->
        [one] megabyte
       *[other] megabytes
    }.
pair-chat-file-too-large = This file is too large: the chat passes files of up to { $max } { $max ->
        [one] megabyte
       *[other] megabytes
    }. Please compress it or split it into parts.
pair-chat-file-failed = The file could not be fetched. Please send it again.

## Coordinators: alerts and the pair's record

pair-chat-concern-self-harm = self-harm or thoughts of suicide
pair-chat-concern-violence = violence or threats
pair-chat-concern-bullying = bullying
pair-chat-concern-private-meeting = meeting in private or secrets from adults
pair-chat-concern-gifts-money = gifts or money
pair-chat-concern-sexual = sexual undertones
pair-chat-concern-alert = 🚨 A concern in a pair's chat: { $pair }.
    What raised it: { $categories }.
    A message from { $author }: «{ $text }»
    Please read the chat and contact the family or the school psychologist if needed.
pair-chat-log-title = 📜 The pair's chat: { $pair }. The latest { $count } { $count ->
        [one] message
       *[other] messages
    }:
pair-chat-log-empty = There are no messages in the pair's chat yet.
pair-chat-log-line = { $when } — { $who }: { $text }
pair-chat-log-line-concern = ⚠️ { $when } — { $who }: { $text }
pair-chat-log-closed = A pair's chat can be opened only while a help report or an alert concerns the pair. There is none now.
pair-chat-log-no-pair = This pair is no longer among the working pairs.
