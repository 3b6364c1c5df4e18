-- Sub-actions: an action may be part of another action of the same priority and is then
-- numbered after it with a letter ("5.1 a", "5.1 b"), as plans write them. Positions count
-- within a group: top-level actions within their priority, sub-actions within their action.
-- One level only, and deleting an action that has sub-actions is refused: the services say so
-- in words; the keys below make the database refuse the rest.

ALTER TABLE actions ADD COLUMN parent_action_id uuid;

-- A sub-action's parent is in the same priority: the key carries the priority, so moving an
-- action to another priority must move its sub-actions with it (in the same statement).
ALTER TABLE actions ADD CONSTRAINT actions_id_priority_key UNIQUE (id, priority_id);
ALTER TABLE actions ADD CONSTRAINT actions_parent_fkey
  FOREIGN KEY (parent_action_id, priority_id) REFERENCES actions (id, priority_id);
ALTER TABLE actions ADD CONSTRAINT actions_parent_not_self CHECK (parent_action_id <> id);

CREATE INDEX actions_parent_idx ON actions (partnership_id, parent_action_id) WHERE parent_action_id IS NOT NULL;
