-- RAG bands for indicators where neither higher nor lower is better (an SEN identification rate:
-- far from England either way is a concern). Such an indicator is green inside a band and amber
-- inside a wider one, so it needs an upper bound beside each of the two thresholds.
--
-- green_threshold and amber_threshold keep their meaning: the bound that counts when higher or
-- lower is better, and the lower end of the band when neither is. The new columns are only the
-- band's upper ends, so higher and lower indicators, and every reader of the two old columns, are
-- unchanged. Renaming the pair to from/to would not fit lower-is-better, whose one bound is an
-- upper one.

ALTER TABLE indicators
  ADD COLUMN green_upper numeric,
  ADD COLUMN amber_upper numeric,
  -- Only a band has an upper end. Every existing row has neither column, so all stay valid.
  ADD CONSTRAINT indicators_upper_only_for_neither CHECK (
    polarity = 'neither' OR (green_upper IS NULL AND amber_upper IS NULL)
  ),
  -- A band has both ends, in order.
  ADD CONSTRAINT indicators_green_band CHECK (
    green_upper IS NULL OR (green_threshold IS NOT NULL AND green_upper >= green_threshold)
  ),
  -- The amber band holds the green one.
  ADD CONSTRAINT indicators_amber_band CHECK (
    amber_upper IS NULL OR (
      amber_threshold IS NOT NULL AND green_upper IS NOT NULL
      AND amber_threshold <= green_threshold AND amber_upper >= green_upper
    )
  );
