-- Undoing a saved import of indicator values or benchmarks removes the values it wrote that are
-- still held. The import's row stays, marked with when it was undone (who undid it is in the
-- audit log), so the imports page keeps its history and the same import cannot be undone twice.

ALTER TABLE data_imports ADD COLUMN undone_at timestamptz;

-- An import's page and its undo find the values it wrote by import.
CREATE INDEX indicator_values_import_idx ON indicator_values (import_id) WHERE import_id IS NOT NULL;
CREATE INDEX benchmark_values_import_idx ON benchmark_values (import_id) WHERE import_id IS NOT NULL;
