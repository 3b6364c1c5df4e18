-- Every finding followed to its judgement (issue #11).
-- A revisit (2016 framework) or monitoring inspection (2023) follows the inspection whose
-- weaknesses or areas for priority action it judges. Each of its findings is a judgement: it
-- points at the original finding, says whether sufficient progress was made (the existing
-- sufficient_progress column) and keeps the inspectors' words about that progress.
ALTER TABLE inspections ADD COLUMN follows_inspection_id uuid REFERENCES inspections (id);
CREATE INDEX inspections_follows_idx ON inspections (partnership_id, follows_inspection_id)
  WHERE follows_inspection_id IS NOT NULL;

ALTER TABLE findings ADD COLUMN judges_finding_id uuid REFERENCES findings (id);
ALTER TABLE findings ADD COLUMN judgement_text text NOT NULL DEFAULT '';
CREATE INDEX findings_judges_idx ON findings (partnership_id, judges_finding_id)
  WHERE judges_finding_id IS NOT NULL;

-- A post-inspection or strategic plan answers every area for improvement and, where the
-- partnership chooses, every area for development as well.
ALTER TABLE plans ADD COLUMN covers_development boolean NOT NULL DEFAULT false;
