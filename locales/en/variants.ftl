## Interaction variants of the student–student form (methodological recommendations MR-42/02)

## audience: any

variant-successful_struggling = high achiever — struggling student
variant-leader_passive = leader — passive student
variant-peer_to_peer = peer to peer
variant-column = Interaction variant

## The draft of pairs: the coordinator sees the suggested variant and may change it

## audience: adult

variant-draft-suggested = { "   " }Interaction variant: { $variant } (suggested by the mentees' situation marks)
variant-draft-chosen = { "   " }Interaction variant: { $variant } (chosen by you)
variant-button-change = 🔀 Interaction variant
variant-pick-unit = Which student–student pair or group should get another interaction variant?
variant-choose = { $unit }: now “{ $current }”, the situation marks suggest “{ $suggested }”. Which variant should it be?

## The monitoring report: pairs and groups by interaction variant

## audience: any

variant-report-title = Student–student pairs and groups by interaction variant
variant-report-column-pairs = Pairs and groups
