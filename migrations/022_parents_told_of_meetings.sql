-- Parents who know (issue 18): a parent whose consent stands is told when their minor child's meeting
-- is agreed, moved or called off, by the rule of src/domain/parent-notices.ts (under 14 by default,
-- 14–17 when the child or a coordinator chose so, 18 and over never).

-- The choice for a participant: NULL leaves it to the rule's default by age; true or false was chosen,
-- by the child in their menu or by a coordinator, who is on record with the time.
ALTER TABLE participants
  ADD COLUMN parents_told_of_meetings boolean,
  ADD COLUMN parents_told_set_by bigint REFERENCES people (id),
  ADD COLUMN parents_told_set_at timestamptz;

-- The parent's own switch, for every child of theirs: a parent may not want these messages at all.
ALTER TABLE people ADD COLUMN meeting_notices_on boolean NOT NULL DEFAULT true;

-- Row-level security: both tables have it since migration 002, and the new columns fall under it. A
-- coordinator's scope (nastavnik_scoped) sets a participant's choice only within its organisation:
-- the participants policy checks org_id on every row the scope updates. A parent's own switch is
-- theirs, never a coordinator's: PostgreSQL cannot take one column back from the table-wide UPDATE
-- the scope holds on people (002), so a guard refuses the scope that one column.
CREATE FUNCTION people_meeting_notices_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.meeting_notices_on IS DISTINCT FROM OLD.meeting_notices_on AND current_user = 'nastavnik_scoped' THEN
    RAISE EXCEPTION 'a parent''s meeting notices are theirs to switch' USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER people_meeting_notices_guard BEFORE UPDATE OF meeting_notices_on ON people
  FOR EACH ROW EXECUTE FUNCTION people_meeting_notices_guard();
