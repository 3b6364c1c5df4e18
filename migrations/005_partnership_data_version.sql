-- Every partnership carries a data version that changes whenever anything in it changes, so
-- pages rendered from its data can be reused until then. Every change writes an audit entry in
-- its own transaction, so the audit log is the one place to notice a change.

CREATE SEQUENCE partnership_data_version_seq;

ALTER TABLE partnerships ADD COLUMN data_version bigint NOT NULL DEFAULT 0;
UPDATE partnerships SET data_version = nextval('partnership_data_version_seq');

-- Runs at commit (a deferred constraint trigger), so the partnership row is locked only for the
-- moment the transaction ends: taking it earlier would make two edits that touch the same rows
-- in different orders deadlock. A transaction bumps each partnership once, however many entries
-- it writes. A change to a person also changes the pages of every partnership they belong to.
CREATE FUNCTION bump_partnership_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  target uuid;
BEGIN
  FOR target IN
    SELECT NEW.partnership_id WHERE NEW.partnership_id IS NOT NULL
    UNION
    SELECT m.partnership_id FROM memberships m
     WHERE NEW.entity_type = 'person' AND m.user_id::text = NEW.entity_id
  LOOP
    IF current_setting('sendboard.bumped_' || replace(target::text, '-', ''), true) IS DISTINCT FROM 'yes' THEN
      UPDATE partnerships SET data_version = nextval('partnership_data_version_seq') WHERE id = target;
      PERFORM set_config('sendboard.bumped_' || replace(target::text, '-', ''), 'yes', true);
    END IF;
  END LOOP;
  RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER audit_log_bumps_data_version AFTER INSERT ON audit_log
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION bump_partnership_data_version();
