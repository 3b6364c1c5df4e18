-- A risk is escalated to one of the partnership's boards (issue #13). escalated_to stays as text
-- for risks escalated before boards were recorded, and for a body that is not a board here.
-- RESTRICT, not SET NULL: an escalation is part of the risk's record, so deleting a board must not
-- quietly unlink it. Governance refuses to delete a board while risks are escalated to it (with
-- the reason, before the key would), as it does while the board has meetings.
ALTER TABLE risks ADD COLUMN escalated_to_board_id uuid REFERENCES boards (id) ON DELETE RESTRICT;
CREATE INDEX risks_board_idx ON risks (partnership_id, escalated_to_board_id)
  WHERE escalated_to_board_id IS NOT NULL;
