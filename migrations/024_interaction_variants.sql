-- Interaction variants of the student–student form (issue 19): успевающий–неуспевающий,
-- лидер–пассивный, равный–равному. Suggested from the mentee's situations when pairs are formed,
-- changed by the coordinator in the draft, kept with the pair when it is published. Other forms
-- have none. Row-level security on pairs already scopes it to the organisation.
ALTER TABLE pairs
  ADD COLUMN variant text CHECK (variant IN ('successful_struggling', 'leader_passive', 'peer_to_peer')),
  ADD CONSTRAINT pairs_variant_student_student CHECK (variant IS NULL OR form = 'student_student');
