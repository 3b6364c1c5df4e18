-- Letter import, sturdier (issue #11): an area for priority action names the body responsible
-- for it (the report's "Responsible body" column), kept as published.
ALTER TABLE findings ADD COLUMN responsible_body text NOT NULL DEFAULT '';
