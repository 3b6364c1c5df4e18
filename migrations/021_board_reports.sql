-- Board reports and monitoring packs (issue #13): each generated report is kept as it was made,
-- never changed: the document itself (model), the figures it was built from (facts, to show what
-- changed by the next report) and the data versions behind them. plan_ids is a list, not a
-- foreign key: a report outlives a plan deleted later, as a paper report would.
CREATE TABLE board_reports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  kind text NOT NULL CHECK (kind IN ('board', 'monitoring')),
  title text NOT NULL,
  plan_ids uuid[] NOT NULL,
  period_from date NOT NULL,
  period_to date NOT NULL,
  meeting_id uuid REFERENCES board_meetings (id) ON DELETE SET NULL,
  sections text[] NOT NULL,
  -- What the author typed: purpose, recommendations, decisions needed, next steps, implications.
  typed jsonb NOT NULL,
  model jsonb NOT NULL,
  facts jsonb NOT NULL,
  data_versions jsonb NOT NULL,
  -- The report this one is compared with ("change since the last report").
  previous_report_id uuid REFERENCES board_reports (id) ON DELETE SET NULL,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (period_to >= period_from)
);
CREATE INDEX board_reports_partnership_idx ON board_reports (partnership_id, created_at DESC);
CREATE INDEX board_reports_meeting_idx ON board_reports (partnership_id, meeting_id) WHERE meeting_id IS NOT NULL;
CREATE INDEX board_reports_previous_idx ON board_reports (previous_report_id) WHERE previous_report_id IS NOT NULL;

-- The agenda item a report is presented under (promised by migration 019).
ALTER TABLE agenda_items ADD COLUMN report_id uuid REFERENCES board_reports (id) ON DELETE SET NULL;
CREATE INDEX agenda_items_report_idx ON agenda_items (report_id) WHERE report_id IS NOT NULL;
