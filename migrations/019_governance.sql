-- Governance (issue #13): the boards a partnership reports to, their members, meetings, agenda
-- items, decisions and follow-up actions. Every row carries partnership_id; every list has an index.
CREATE TABLE boards (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  kind text NOT NULL CHECK (kind IN ('send_board', 'health_wellbeing', 'cabinet', 'scrutiny', 'leadership_team', 'other')),
  name text NOT NULL,
  terms_of_reference text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX boards_partnership_idx ON boards (partnership_id, lower(name));

-- A member is someone in Sendboard (user_id, a member of the partnership) or someone named here
-- (name); role is their role or organisation as the board knows it. One chair per board.
CREATE TABLE board_members (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  board_id uuid NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
  user_id uuid REFERENCES users (id),
  name text NOT NULL DEFAULT '',
  role text NOT NULL DEFAULT '',
  is_chair boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  CHECK (user_id IS NOT NULL OR name <> '')
);
CREATE INDEX board_members_board_idx ON board_members (partnership_id, board_id);
CREATE UNIQUE INDEX board_members_one_chair ON board_members (board_id) WHERE is_chair;
CREATE UNIQUE INDEX board_members_user_once ON board_members (board_id, user_id) WHERE user_id IS NOT NULL;

-- A board is deleted only without meetings (RESTRICT): its meetings are its history.
CREATE TABLE board_meetings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  board_id uuid NOT NULL REFERENCES boards (id),
  meets_on date NOT NULL,
  starts_at text CHECK (starts_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  place text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'cancelled')),
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX board_meetings_board_idx ON board_meetings (partnership_id, board_id, meets_on);
CREATE INDEX board_meetings_date_idx ON board_meetings (partnership_id, meets_on) WHERE status = 'planned';

-- An agenda item may name a plan of the partnership (a plan deleted as made by mistake only
-- unlinks it). A later report_id column links the board report generated for it.
CREATE TABLE agenda_items (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  meeting_id uuid NOT NULL REFERENCES board_meetings (id) ON DELETE CASCADE,
  position integer NOT NULL,
  title text NOT NULL,
  presenter text NOT NULL DEFAULT '',
  plan_id uuid REFERENCES plans (id) ON DELETE SET NULL,
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX agenda_items_meeting_idx ON agenda_items (partnership_id, meeting_id, position);

CREATE TABLE board_decisions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  meeting_id uuid NOT NULL REFERENCES board_meetings (id),
  text text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX board_decisions_meeting_idx ON board_decisions (partnership_id, meeting_id, created_at);

-- A follow-up's owner is a member of the board; a member who owns follow-ups stays until they
-- are given to someone else (RESTRICT).
CREATE TABLE board_follow_ups (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  meeting_id uuid NOT NULL REFERENCES board_meetings (id),
  text text NOT NULL,
  owner_member_id uuid REFERENCES board_members (id),
  due_on date,
  done_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX board_follow_ups_meeting_idx ON board_follow_ups (partnership_id, meeting_id, created_at);
CREATE INDEX board_follow_ups_due_idx ON board_follow_ups (partnership_id, due_on) WHERE done_on IS NULL;
