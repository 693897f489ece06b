-- Indexes behind the registry search and the session lookups of the HTTP server.

-- USCC prefix search (`LIKE '91110000%'`) whatever the database collation.
CREATE INDEX associations_uscc_pattern_idx ON associations (uscc bpchar_pattern_ops);
-- Paging in name order without sorting every association: byte order keeps results identical on
-- PGlite and on a PostgreSQL server with a different default collation.
CREATE INDEX associations_name_c_idx ON associations ((name COLLATE "C"), uscc);
CREATE INDEX associations_registered_on_idx ON associations (registered_on, uscc);
-- (organ_links and posts are already indexed from the organ and association side by their UNIQUE keys.)
CREATE INDEX sessions_expires_idx ON sessions (expires_at);
CREATE INDEX organs_name_trgm_idx ON organs USING gin (name gin_trgm_ops);
