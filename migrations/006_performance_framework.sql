-- The performance framework: indicators with targets and thresholds, the partnership's geography
-- (localities, districts, schools), values and benchmarks imported from files, school census
-- SEN counts (aggregated per school; pupils are never stored) and EHC cases (pseudonymous ids
-- only). Imports are checked in full and held as a preview before anything is saved.

CREATE TABLE indicators (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  code text NOT NULL,
  name text NOT NULL,
  definition text NOT NULL DEFAULT '',
  unit text NOT NULL CHECK (unit IN ('percent', 'count', 'weeks', 'days', 'rate_per_10000', 'number')),
  polarity text NOT NULL CHECK (polarity IN ('higher_is_better', 'lower_is_better', 'neither')),
  frequency text NOT NULL CHECK (frequency IN ('monthly', 'termly', 'quarterly', 'annual', 'academic_year', 'financial_year')),
  source text NOT NULL DEFAULT '',
  owner_user_id uuid REFERENCES users (id),
  -- RAG thresholds in the indicator's unit; their meaning follows the polarity (see indicators/rag.ts).
  green_threshold numeric,
  amber_threshold numeric,
  position integer NOT NULL,
  archived_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  UNIQUE (partnership_id, code)
);
CREATE INDEX indicators_partnership_idx ON indicators (partnership_id, position);

CREATE TABLE indicator_targets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  indicator_id uuid NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
  value numeric NOT NULL,
  due_on date NOT NULL,
  note text NOT NULL DEFAULT ''
);
CREATE INDEX indicator_targets_indicator_idx ON indicator_targets (partnership_id, indicator_id, due_on);

-- What an indicator evidences: plan actions and inspection findings.
CREATE TABLE indicator_actions (
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  indicator_id uuid NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
  action_id uuid NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
  PRIMARY KEY (indicator_id, action_id)
);
CREATE INDEX indicator_actions_action_idx ON indicator_actions (partnership_id, action_id);
CREATE TABLE indicator_findings (
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  indicator_id uuid NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
  finding_id uuid NOT NULL REFERENCES findings (id) ON DELETE CASCADE,
  PRIMARY KEY (indicator_id, finding_id)
);
CREATE INDEX indicator_findings_finding_idx ON indicator_findings (partnership_id, finding_id);

-- Partnership → locality (or quadrant) → district → school. A school's code is its URN.
CREATE TABLE geography_units (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  kind text NOT NULL CHECK (kind IN ('locality', 'district', 'school')),
  code text NOT NULL,
  name text NOT NULL,
  parent_id uuid REFERENCES geography_units (id),
  phase text,
  UNIQUE (partnership_id, kind, code)
);
CREATE INDEX geography_units_parent_idx ON geography_units (partnership_id, parent_id);

-- One saved import: what was read, by whom, and a summary shown on the imports page.
CREATE TABLE data_imports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  kind text NOT NULL CHECK (kind IN ('indicator_values', 'benchmarks', 'geography', 'census', 'ehc_cases')),
  file_name text NOT NULL,
  rows_read integer NOT NULL,
  summary jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX data_imports_partnership_idx ON data_imports (partnership_id, created_at DESC);

-- A checked import waiting for the person to confirm it: the records to save (already checked),
-- never the file. Removed when saved or abandoned; old ones are cleared.
CREATE TABLE pending_imports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  kind text NOT NULL,
  file_name text NOT NULL,
  rows_read integer NOT NULL,
  payload jsonb NOT NULL,
  summary jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX pending_imports_partnership_idx ON pending_imports (partnership_id, created_at);

-- An indicator's value for a period, for the whole partnership (geography_unit_id NULL) or a unit.
CREATE TABLE indicator_values (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  indicator_id uuid NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
  period_key text NOT NULL,
  period_start date NOT NULL,
  period_end date NOT NULL,
  geography_unit_id uuid REFERENCES geography_units (id),
  value numeric,
  numerator numeric,
  denominator numeric,
  import_id uuid REFERENCES data_imports (id)
);
CREATE UNIQUE INDEX indicator_values_unique_idx
  ON indicator_values (indicator_id, period_key, COALESCE(geography_unit_id, '00000000-0000-0000-0000-000000000000'::uuid));
CREATE INDEX indicator_values_series_idx ON indicator_values (partnership_id, indicator_id, geography_unit_id, period_start);

-- Comparators for the same periods: England, the region, statistical neighbours.
CREATE TABLE benchmark_values (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  indicator_id uuid NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
  series text NOT NULL CHECK (series IN ('england', 'region', 'statistical_neighbours')),
  period_key text NOT NULL,
  period_start date NOT NULL,
  period_end date NOT NULL,
  value numeric NOT NULL,
  import_id uuid REFERENCES data_imports (id),
  UNIQUE (indicator_id, series, period_key)
);
CREATE INDEX benchmark_values_series_idx ON benchmark_values (partnership_id, indicator_id, series, period_start);

-- One school census: SEN counts per school, aggregated while the file was read.
CREATE TABLE censuses (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  label text NOT NULL,
  census_date date NOT NULL,
  source text NOT NULL CHECK (source IN ('pupil-level', 'school-level')),
  import_id uuid REFERENCES data_imports (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (partnership_id, census_date)
);
CREATE TABLE census_school_counts (
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  census_id uuid NOT NULL REFERENCES censuses (id) ON DELETE CASCADE,
  school_urn text NOT NULL,
  total_pupils integer NOT NULL,
  sen_e integer NOT NULL,
  sen_k integer NOT NULL,
  -- {"MLD": {"E": 3, "K": 12}, …} and {"E": 0, "K": 4}: small, read whole for each analysis.
  needs jsonb NOT NULL,
  not_recorded jsonb NOT NULL,
  PRIMARY KEY (census_id, school_urn)
);
CREATE INDEX census_school_counts_partnership_idx ON census_school_counts (partnership_id, census_id);

-- EHC needs assessment requests and plans issued: a pseudonymous case reference, never a name.
CREATE TABLE ehc_case_sets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  label text NOT NULL,
  import_id uuid REFERENCES data_imports (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ehc_case_sets_partnership_idx ON ehc_case_sets (partnership_id, created_at DESC);
CREATE TABLE ehc_cases (
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  case_set_id uuid NOT NULL REFERENCES ehc_case_sets (id) ON DELETE CASCADE,
  case_ref text NOT NULL,
  request_date date NOT NULL,
  issue_date date,
  exception boolean NOT NULL DEFAULT false,
  primary_need text,
  PRIMARY KEY (case_set_id, case_ref)
);
CREATE INDEX ehc_cases_partnership_idx ON ehc_cases (partnership_id, case_set_id, request_date);
