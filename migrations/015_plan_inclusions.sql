-- Plans inside plans (issue #11): a plan includes actions or whole priorities of another plan by
-- reference, as Dudley's written statement of action sits inside its Post Ofsted Action Plan, or
-- an accelerated progress plan carries on the unfinished actions of the plan before it. The
-- action stays one action with one history of updates; it is shown and rolled up in both plans.
CREATE TABLE plan_inclusions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  -- The plan that includes; removing it (a draft deleted as made by mistake) takes its
  -- inclusions with it, never the included actions.
  plan_id uuid NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
  -- A whole priority of another plan, shown after the plan's own priorities...
  priority_id uuid REFERENCES priorities (id),
  -- ...or one action (with its sub-actions), shown under one of the plan's own priorities.
  action_id uuid REFERENCES actions (id),
  host_priority_id uuid REFERENCES priorities (id) ON DELETE CASCADE,
  position integer NOT NULL,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((priority_id IS NULL) <> (action_id IS NULL)),
  CHECK ((action_id IS NULL) = (host_priority_id IS NULL)),
  UNIQUE (plan_id, priority_id),
  UNIQUE (plan_id, action_id)
);
-- No cascade from the included rows: deleting an included action or priority is refused by the
-- service in words, and by these keys if anything slips past.
CREATE INDEX plan_inclusions_plan_idx ON plan_inclusions (partnership_id, plan_id, position);
CREATE INDEX plan_inclusions_action_idx ON plan_inclusions (partnership_id, action_id) WHERE action_id IS NOT NULL;
CREATE INDEX plan_inclusions_priority_idx ON plan_inclusions (partnership_id, priority_id) WHERE priority_id IS NOT NULL;
CREATE INDEX plan_inclusions_host_idx ON plan_inclusions (host_priority_id) WHERE host_priority_id IS NOT NULL;
