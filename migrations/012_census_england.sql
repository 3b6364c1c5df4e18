-- England's SEN figures for a census's year, as the DfE publishes them in "Special educational
-- needs in England": pupils on SEN support and pupils with an EHC plan, each as a percentage of
-- all pupils. Recorded by an admin (last write wins; the audit log keeps earlier values) and used
-- by the identification-rates page unless someone types a figure of their own there.

ALTER TABLE censuses
  ADD COLUMN england_sen_support numeric(5, 2)
    CHECK (england_sen_support >= 0 AND england_sen_support <= 100),
  ADD COLUMN england_ehc_plan numeric(5, 2)
    CHECK (england_ehc_plan >= 0 AND england_ehc_plan <= 100);
