-- Outbox retention: OUTBOX_RETENTION_DAYS after an email was sent or failed for good, the worker
-- removes who it went to and what it said. The row stays, with its subject, kind, status, times
-- and dedupe key, so the outbox page keeps its history and a reminder is never queued again.

ALTER TABLE outbox
  ALTER COLUMN to_address DROP NOT NULL,
  ALTER COLUMN body_text DROP NOT NULL,
  ADD COLUMN content_removed_at timestamptz,
  -- An email has its recipient and message until they are removed, and only a finished email
  -- loses them: nothing can send a message whose address is gone.
  ADD CONSTRAINT outbox_content_kept_until_removed CHECK (
    CASE WHEN content_removed_at IS NULL THEN to_address IS NOT NULL AND body_text IS NOT NULL
         ELSE to_address IS NULL AND to_name IS NULL AND body_text IS NULL
              AND status IN ('sent', 'failed') END
  );

-- The worker's retention query: finished emails still holding their content, by when they
-- finished: sent_at, or for a failed one next_attempt_at, which its last attempt left within
-- minutes of failing.
-- Only emails from the retention period are in it, so it stays small.
CREATE INDEX outbox_retention_idx ON outbox ((coalesce(sent_at, next_attempt_at)))
  WHERE status IN ('sent', 'failed') AND content_removed_at IS NULL;
