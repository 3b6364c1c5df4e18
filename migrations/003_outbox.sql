-- Email outbox: a page or job queues a message in the same transaction as the change that
-- causes it; a background worker sends it later, retries with backoff, and records the outcome.
-- Nothing is sent inside a request.

CREATE TABLE outbox (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  partnership_id uuid NOT NULL REFERENCES partnerships (id),
  -- What the message is for: 'round-reminder', 'deadline-reminder', 'test', ...
  kind text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9-]{0,39}$'),
  to_address text NOT NULL,
  to_name text,
  subject text NOT NULL,
  body_text text NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
  -- Sending attempts so far; a claim counts as one, so a crash mid-send is not retried forever.
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  -- When 'queued': the earliest time to try. When 'sending': when the claim lapses, after which
  -- another worker may take the message over (its sender died mid-send).
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error text,
  provider_message_id text,
  -- Set by callers that must never queue the same message twice (a reminder for one action and
  -- one round); NULLs never clash.
  dedupe_key text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  CONSTRAINT outbox_dedupe_key UNIQUE (partnership_id, dedupe_key)
);

-- The worker's query: due messages, oldest first. Sent and failed messages never need it.
CREATE INDEX outbox_due_idx ON outbox (status, next_attempt_at)
  WHERE status IN ('queued', 'sending');

-- The outbox page: one partnership's messages, newest first.
CREATE INDEX outbox_partnership_idx ON outbox (partnership_id, created_at DESC, id DESC);
