-- Correcting a progress update while its round is open: the update carries a version, so two
-- people correcting at once cannot overwrite each other silently, and says when it was last
-- corrected and by whom, for the action's timeline. The before and after are in the audit log.

ALTER TABLE action_updates
  ADD COLUMN version integer NOT NULL DEFAULT 1,
  ADD COLUMN corrected_at timestamptz,
  ADD COLUMN corrected_by uuid REFERENCES users (id),
  ADD CONSTRAINT action_updates_corrected_together CHECK ((corrected_at IS NULL) = (corrected_by IS NULL));
