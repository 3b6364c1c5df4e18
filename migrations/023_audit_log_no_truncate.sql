-- The audit log is append-only: 001 refuses UPDATE and DELETE row by row; TRUNCATE fires no row
-- triggers, so it is refused by a statement trigger of its own, with the same function.
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
