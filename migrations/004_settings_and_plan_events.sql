-- Per-partnership settings (deadline rules with their sources, closure days) and the dated
-- history of each plan's status, from which deadlines know when a plan was submitted or judged.

CREATE TABLE partnership_settings (
  partnership_id uuid PRIMARY KEY REFERENCES partnerships (id),
  deadline_rules jsonb NOT NULL DEFAULT '{}'::jsonb,
  closures jsonb NOT NULL DEFAULT '[]'::jsonb,
  count_closures boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1
);

CREATE TABLE plan_status_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  plan_id uuid NOT NULL REFERENCES plans (id),
  from_status text NOT NULL,
  to_status text NOT NULL,
  event_on date NOT NULL,
  note text NOT NULL DEFAULT '',
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX plan_status_events_plan_idx ON plan_status_events (partnership_id, plan_id, event_on);
