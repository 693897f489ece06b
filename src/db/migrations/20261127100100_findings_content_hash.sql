-- A digest of what a finding says (severity, pack, facts, wording, dates): a run that finds the same
-- finding again with the same content only moves its "last seen" marks instead of rewriting it.
ALTER TABLE findings ADD COLUMN content_hash text NOT NULL DEFAULT '';
