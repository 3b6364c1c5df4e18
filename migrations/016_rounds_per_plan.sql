-- Update rounds per plan (issue #11): a round covers every live plan, as before, or only the
-- plans chosen when it opened, so a monthly board round and a quarterly DfE and NHS England
-- review can be open at once for different plans. A plan is in at most one open round (checked
-- when a round opens, under the partnership's lock).
ALTER TABLE update_rounds ADD COLUMN all_plans boolean NOT NULL DEFAULT true;

-- The plans of a round that does not cover them all. A draft plan deleted as recorded by mistake
-- leaves its rounds; a round whose plans are all gone covers nothing (it is not all_plans).
CREATE TABLE round_plans (
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  round_id uuid NOT NULL REFERENCES update_rounds (id) ON DELETE CASCADE,
  plan_id uuid NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  PRIMARY KEY (round_id, plan_id)
);
CREATE INDEX round_plans_plan_idx ON round_plans (partnership_id, plan_id);
