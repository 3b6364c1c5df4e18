-- Slippage kept (issue #13): an action keeps the first due date it was given (its baseline), and
-- every change of a set due date is recorded with its reason; where the partnership asks for it,
-- a change by someone other than an admin waits as a proposal until an admin approves it.
ALTER TABLE actions ADD COLUMN baseline_due_date date;
UPDATE actions SET baseline_due_date = due_date WHERE due_date IS NOT NULL;

ALTER TABLE partnership_settings ADD COLUMN revised_dates_need_approval boolean NOT NULL DEFAULT false;

CREATE TABLE action_due_date_changes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  action_id uuid NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
  from_date date,
  to_date date,
  reason text NOT NULL,
  -- applied: the due date changed; pending: waiting for an admin; rejected: an admin said no.
  state text NOT NULL CHECK (state IN ('applied', 'pending', 'rejected')),
  -- A date proposed with a progress update names it.
  update_id uuid REFERENCES action_updates (id) ON DELETE SET NULL,
  changed_by uuid REFERENCES users (id),
  changed_at timestamptz NOT NULL DEFAULT now(),
  approved_by uuid REFERENCES users (id),
  approved_at timestamptz
);
CREATE INDEX action_due_date_changes_action_idx
  ON action_due_date_changes (partnership_id, action_id, changed_at);
CREATE INDEX action_due_date_changes_pending_idx
  ON action_due_date_changes (partnership_id, state) WHERE state = 'pending';
