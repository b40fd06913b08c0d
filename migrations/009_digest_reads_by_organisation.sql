-- The weekly digest reads a batch of organisations at a time, and each of its statements should read
-- those organisations' rows only, not the whole table once per batch (bench/RESULTS.md, "digest"):
-- plans and their milestones by organisation (meetings, check-ins and participants have such
-- indexes already), and the answers on a milestone, to find whether a stuck answer is still a
-- milestone's latest. The last also serves deleting a milestone, whose answers go with it.
CREATE INDEX plans_by_org ON plans (org_id);
CREATE INDEX plan_milestones_by_org ON plan_milestones (org_id);
CREATE INDEX check_in_answers_by_milestone ON check_in_answers (milestone_id);
