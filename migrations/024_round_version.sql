-- An update round's version, so moving its due date catches another admin's change by version
-- (as every other edit does) rather than by the date read.
ALTER TABLE update_rounds ADD COLUMN version integer NOT NULL DEFAULT 1;
