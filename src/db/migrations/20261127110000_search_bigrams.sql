-- Registry search under load: bigram lookup for two-character names, and an index for the
-- newest-first sort.

-- Every two-character window of a text. pg_trgm extracts no trigram from a two-character query, so
-- `name LIKE '%钢铁%'` read every name; `name_bigrams @> ARRAY['钢铁']` is served by the GIN index
-- below. Stored, not an index expression: where a common pair makes the planner read the table
-- anyway, the array is read, not recomputed for every row.
CREATE FUNCTION text_bigrams(value text) RETURNS text[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT coalesce(array_agg(DISTINCT substr(value, i, 2)), '{}')
        FROM generate_series(1, length(value) - 1) AS i $$;
ALTER TABLE associations ADD COLUMN name_bigrams text[] GENERATED ALWAYS AS (text_bigrams(name)) STORED;
CREATE INDEX associations_name_bigrams_idx ON associations USING gin (name_bigrams);

-- `registered_on DESC NULLS LAST` cannot walk the ascending index backwards (its NULLs come first).
CREATE INDEX associations_registered_on_desc_idx ON associations (registered_on DESC NULLS LAST, uscc DESC);
