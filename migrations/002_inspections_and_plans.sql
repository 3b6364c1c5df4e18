-- Inspections and their findings; plans with priorities, actions and success measures;
-- update rounds and action updates. Every table carries partnership_id (the tenant).

CREATE TABLE inspections (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  framework text NOT NULL CHECK (framework IN ('2016', '2023')),
  kind text NOT NULL CHECK (kind IN ('initial', 'revisit', 'full', 'monitoring')),
  on_site_start date,
  on_site_end date,
  published_on date,
  team text NOT NULL DEFAULT '',
  outcome smallint CHECK (outcome IN (1, 2, 3)),
  wsoa_required boolean,
  outcome_text text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX inspections_partnership_idx ON inspections (partnership_id, published_on DESC NULLS LAST);

CREATE TABLE findings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  inspection_id uuid NOT NULL REFERENCES inspections (id),
  type text NOT NULL CHECK (type IN ('strength', 'area_for_development', 'significant_weakness', 'priority_action', 'area_for_improvement')),
  question text CHECK (question IN ('identify', 'assess_meet', 'outcomes')),
  text text NOT NULL,
  position integer NOT NULL,
  sufficient_progress boolean,
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX findings_inspection_idx ON findings (partnership_id, inspection_id, position);

CREATE TABLE plans (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  inspection_id uuid REFERENCES inspections (id),
  kind text NOT NULL CHECK (kind IN ('wsoa', 'post_inspection', 'app', 'priority_action_plan', 'strategic')),
  title text NOT NULL,
  owner_user_id uuid REFERENCES users (id),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'signed_off', 'submitted', 'fit_for_purpose', 'more_detail_requested', 'revised', 'closed')),
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX plans_partnership_idx ON plans (partnership_id, created_at DESC);

-- Each sign-off or submission freezes the whole plan as it then stood.
CREATE TABLE plan_versions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  plan_id uuid NOT NULL REFERENCES plans (id),
  number integer NOT NULL,
  event text NOT NULL,
  note text NOT NULL DEFAULT '',
  event_on date NOT NULL,
  snapshot jsonb NOT NULL,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (plan_id, number)
);
CREATE INDEX plan_versions_plan_idx ON plan_versions (partnership_id, plan_id, number);

CREATE TABLE priorities (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  plan_id uuid NOT NULL REFERENCES plans (id),
  position integer NOT NULL,
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX priorities_plan_idx ON priorities (partnership_id, plan_id, position);

CREATE TABLE priority_findings (
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  priority_id uuid NOT NULL REFERENCES priorities (id) ON DELETE CASCADE,
  finding_id uuid NOT NULL REFERENCES findings (id),
  PRIMARY KEY (priority_id, finding_id)
);
CREATE INDEX priority_findings_finding_idx ON priority_findings (partnership_id, finding_id);

CREATE TABLE actions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  plan_id uuid NOT NULL REFERENCES plans (id),
  priority_id uuid NOT NULL REFERENCES priorities (id),
  position integer NOT NULL,
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  category text NOT NULL CHECK (category IN ('strategic', 'operational', 'commissioning', 'co_production')),
  lead_user_id uuid REFERENCES users (id),
  lead_organisation_id uuid REFERENCES organisations (id),
  start_date date,
  due_date date,
  status text NOT NULL DEFAULT 'not_started' CHECK (status IN ('not_started', 'on_track', 'at_risk', 'off_track', 'complete')),
  rag text CHECK (rag IN ('red', 'amber', 'green')),
  last_update_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX actions_plan_idx ON actions (partnership_id, plan_id, priority_id, position);
CREATE INDEX actions_lead_idx ON actions (partnership_id, lead_user_id);
CREATE INDEX actions_due_idx ON actions (partnership_id, due_date);

CREATE TABLE action_partners (
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  action_id uuid NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  PRIMARY KEY (action_id, organisation_id)
);

CREATE TABLE success_measures (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  action_id uuid NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
  position integer NOT NULL,
  text text NOT NULL,
  target numeric,
  target_date date
);
CREATE INDEX success_measures_action_idx ON success_measures (partnership_id, action_id, position);

CREATE TABLE update_rounds (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  title text NOT NULL,
  opened_on date NOT NULL,
  due_on date NOT NULL,
  closed_at timestamptz,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX update_rounds_partnership_idx ON update_rounds (partnership_id, opened_on DESC);

CREATE TABLE action_updates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  action_id uuid NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
  round_id uuid REFERENCES update_rounds (id),
  status text NOT NULL CHECK (status IN ('not_started', 'on_track', 'at_risk', 'off_track', 'complete')),
  rag text NOT NULL CHECK (rag IN ('red', 'amber', 'green')),
  narrative text NOT NULL,
  measure_id uuid REFERENCES success_measures (id) ON DELETE SET NULL,
  measure_value numeric,
  author_user_id uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX action_updates_action_idx ON action_updates (partnership_id, action_id, created_at DESC);
CREATE INDEX action_updates_round_idx ON action_updates (partnership_id, round_id, action_id);
