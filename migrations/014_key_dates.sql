-- Dates set by others (issue #11): a date the DfE, NHS England, the inspectors, the letter or the
-- board sets that no fixed rule gives: an APP's submission date, a monitoring visit, a
-- resubmission "10 working days after more detail was requested", a 6-month review. Either a date
-- or a rule counted from an event of a plan or an inspection; met on a date, with a note.
CREATE TABLE key_dates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  title text NOT NULL,
  source text NOT NULL CHECK (source IN ('letter', 'dfe', 'nhs_england', 'inspectors', 'board', 'other')),
  -- A plan or inspection deleted as recorded by mistake (only drafts and unused inspections can
  -- be) takes its dates with it.
  plan_id uuid REFERENCES plans (id) ON DELETE CASCADE,
  inspection_id uuid REFERENCES inspections (id) ON DELETE CASCADE,
  due_on date,
  rule_count integer CHECK (rule_count BETWEEN 1 AND 1000),
  rule_unit text CHECK (rule_unit IN ('working_days', 'days', 'weeks', 'months')),
  rule_event text CHECK (rule_event IN ('published', 'submitted', 'more_detail_requested', 'fit_for_purpose')),
  met_on date,
  met_note text NOT NULL DEFAULT '',
  -- A plan's own dates that stand in for a rule's (an APP's reviews, made with it from a
  -- revisit, replace the rule-based app_review dates of that plan).
  replaces_rule text CHECK (replaces_rule IN ('app_review')),
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  -- A date, or a whole rule, never both nor half of one.
  CHECK ((due_on IS NOT NULL AND rule_count IS NULL AND rule_unit IS NULL AND rule_event IS NULL)
      OR (due_on IS NULL AND rule_count IS NOT NULL AND rule_unit IS NOT NULL AND rule_event IS NOT NULL))
);
CREATE INDEX key_dates_partnership_idx ON key_dates (partnership_id, due_on);
CREATE INDEX key_dates_plan_idx ON key_dates (partnership_id, plan_id) WHERE plan_id IS NOT NULL;
CREATE INDEX key_dates_inspection_idx ON key_dates (partnership_id, inspection_id) WHERE inspection_id IS NOT NULL;

-- The partnership's calendar feed (iCalendar, for Outlook): a secret in the URL, stored hashed,
-- replaced (and the old URL stopped) whenever an admin asks.
CREATE TABLE calendar_feeds (
  partnership_id uuid PRIMARY KEY REFERENCES partnerships (id),
  token_hash text NOT NULL UNIQUE,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
