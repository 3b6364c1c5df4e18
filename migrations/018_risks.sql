-- The risk register (issue #13 item 2): a partnership's risks to its improvement work, each rated
-- likelihood × impact on the partnership's matrix, with mitigations and a history of reviews.
-- Ratings are kept as levels counted from 1 (the least likely, the least severe), whatever the
-- matrix calls them: a 5 × 5 matrix scores them 1–25, a letter-by-number matrix names them "D3".

-- The partnership's matrix: its kind, its level labels (lowest first) and its tolerance (a score
-- above which a risk is outside tolerance). No row: the default 5 × 5 matrix.
CREATE TABLE risk_matrices (
  partnership_id uuid PRIMARY KEY REFERENCES partnerships (id),
  kind text NOT NULL CHECK (kind IN ('score', 'letter')),
  likelihood_labels jsonb NOT NULL,
  impact_labels jsonb NOT NULL,
  tolerance integer NOT NULL CHECK (tolerance >= 1),
  version integer NOT NULL DEFAULT 1
);

CREATE TABLE risks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  cause text NOT NULL DEFAULT '',
  consequence text NOT NULL DEFAULT '',
  owner_user_id uuid REFERENCES users (id),
  -- What the risk threatens, any of them; deleting the plan (only a draft can be) unlinks it.
  plan_id uuid REFERENCES plans (id) ON DELETE SET NULL,
  priority_id uuid REFERENCES priorities (id) ON DELETE SET NULL,
  finding_id uuid REFERENCES findings (id) ON DELETE SET NULL,
  action_id uuid REFERENCES actions (id) ON DELETE SET NULL,
  inherent_likelihood integer NOT NULL CHECK (inherent_likelihood BETWEEN 1 AND 10),
  inherent_impact integer NOT NULL CHECK (inherent_impact BETWEEN 1 AND 10),
  current_likelihood integer NOT NULL CHECK (current_likelihood BETWEEN 1 AND 10),
  current_impact integer NOT NULL CHECK (current_impact BETWEEN 1 AND 10),
  target_likelihood integer CHECK (target_likelihood BETWEEN 1 AND 10),
  target_impact integer CHECK (target_impact BETWEEN 1 AND 10),
  review_due date,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  closed_on date,
  -- Escalation to a board: free text until boards exist (src/governance is being built), no key.
  escalated_to text NOT NULL DEFAULT '',
  escalation_reason text NOT NULL DEFAULT '',
  escalated_on date,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK ((target_likelihood IS NULL) = (target_impact IS NULL))
);
CREATE INDEX risks_partnership_idx ON risks (partnership_id, status, review_due);
CREATE INDEX risks_owner_idx ON risks (partnership_id, owner_user_id);

CREATE TABLE risk_mitigations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  risk_id uuid NOT NULL REFERENCES risks (id) ON DELETE CASCADE,
  text text NOT NULL,
  action_id uuid REFERENCES actions (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX risk_mitigations_risk_idx ON risk_mitigations (partnership_id, risk_id, created_at);

-- Each review: the date, the current rating then, a note; the risk's current rating follows it.
CREATE TABLE risk_reviews (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  risk_id uuid NOT NULL REFERENCES risks (id) ON DELETE CASCADE,
  reviewed_on date NOT NULL,
  likelihood integer NOT NULL CHECK (likelihood BETWEEN 1 AND 10),
  impact integer NOT NULL CHECK (impact BETWEEN 1 AND 10),
  note text NOT NULL DEFAULT '',
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX risk_reviews_risk_idx ON risk_reviews (partnership_id, risk_id, reviewed_on);
