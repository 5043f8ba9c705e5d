-- Where a build came from, for its signed manifest: the train's branch and the push that built it
-- (null for builds published by hand, whose manifest says "-").
ALTER TABLE distribution_artifact ADD COLUMN train VARCHAR(255);
ALTER TABLE distribution_artifact ADD COLUMN push VARCHAR(64);
