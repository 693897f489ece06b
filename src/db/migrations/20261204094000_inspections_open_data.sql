-- Random inspections (双随机一公开) and the open-data snapshots.
--
-- A draw is published before it is made: `document_json` is the canonical draw document (frame,
-- strata, quotas, seed commitment) and `document_sha256` its hash, both public from the moment the
-- row exists (state `committed`). The seed is kept here, unpublished, until the draw is made (state
-- `drawn`); then the seed and the result are public. `published` means the inspection results are
-- public too. Only public registry data enters the document.
CREATE TABLE inspection_draws (
  id               bigserial PRIMARY KEY,
  code             text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9-]{3,64}$'),
  kind             text NOT NULL CHECK (kind IN ('yearly', 'irregular')),
  year             integer NOT NULL CHECK (year BETWEEN 2000 AND 2200),
  category         text,
  jurisdiction     char(6) NOT NULL,
  state            text NOT NULL DEFAULT 'committed' CHECK (state IN ('committed', 'drawn', 'published')),
  title_zh         text NOT NULL,
  title_en         text NOT NULL,
  published_on     date NOT NULL,
  pack_id          text NOT NULL,
  pack_version     text NOT NULL,
  document_json    text NOT NULL,
  document_sha256  char(64) NOT NULL,
  seed_commitment  char(64) NOT NULL,
  seed             text NOT NULL,
  result_json      text,
  drawn_at         timestamptz,
  published_at     timestamptz,
  created_by       bigint REFERENCES users (id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (kind <> 'irregular' OR category IS NOT NULL),
  CHECK (state = 'committed' OR (result_json IS NOT NULL AND drawn_at IS NOT NULL)),
  CHECK (state <> 'published' OR published_at IS NOT NULL)
);
CREATE INDEX inspection_draws_jurisdiction_idx ON inspection_draws (jurisdiction, year);

-- The drawn organisations, in the order of the result (also inside result_json; here to join on).
CREATE TABLE inspection_selections (
  draw_id        bigint NOT NULL REFERENCES inspection_draws (id),
  association_id bigint NOT NULL REFERENCES associations (id),
  stratum        text NOT NULL,
  rank           integer NOT NULL CHECK (rank >= 1),
  score          char(64) NOT NULL,
  position       integer NOT NULL,
  PRIMARY KEY (draw_id, association_id),
  UNIQUE (draw_id, position)
);
CREATE INDEX inspection_selections_association_idx ON inspection_selections (association_id);

-- The inspector pool. `organ_code` is the unit the inspector works for (a conflict when it sponsored
-- or supervised the organisation); `user_id` the account through which the inspector records results.
CREATE TABLE inspection_inspectors (
  id           bigserial PRIMARY KEY,
  code         text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9-]{2,64}$'),
  display_name text NOT NULL,
  organ_code   text NOT NULL,
  region_code  char(6) NOT NULL,
  user_id      bigint UNIQUE REFERENCES users (id),
  active       boolean NOT NULL DEFAULT true,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX inspection_inspectors_region_idx ON inspection_inspectors (region_code);

-- Declared conflicts of interest and earlier posts in an organisation; both exclude the inspector.
CREATE TABLE inspection_conflicts (
  id             bigserial PRIMARY KEY,
  inspector_id   bigint NOT NULL REFERENCES inspection_inspectors (id),
  association_id bigint NOT NULL REFERENCES associations (id),
  kind           text NOT NULL CHECK (kind IN ('prior_post', 'declared_conflict')),
  note           text,
  declared_on    date NOT NULL,
  UNIQUE (inspector_id, association_id, kind)
);

CREATE TABLE inspection_assignments (
  draw_id        bigint NOT NULL REFERENCES inspection_draws (id),
  association_id bigint NOT NULL REFERENCES associations (id),
  inspector_id   bigint NOT NULL REFERENCES inspection_inspectors (id),
  rank           integer NOT NULL CHECK (rank >= 1),
  pool           text NOT NULL,
  score          char(64) NOT NULL,
  PRIMARY KEY (draw_id, association_id, inspector_id),
  FOREIGN KEY (draw_id, association_id) REFERENCES inspection_selections (draw_id, association_id)
);
CREATE INDEX inspection_assignments_inspector_idx ON inspection_assignments (inspector_id);

-- One result per drawn organisation; public once its draw is published. It never names an inspector:
-- `inspector_ids` stays inside, the public sees how many took part.
CREATE TABLE inspection_results (
  draw_id        bigint NOT NULL,
  association_id bigint NOT NULL,
  inspected_on   date NOT NULL,
  outcome        text NOT NULL CHECK (outcome IN (
                   'compliant', 'rectification_ordered', 'referred_for_penalty', 'not_found')),
  summary_zh     text NOT NULL,
  summary_en     text NOT NULL,
  rectify_by     date,
  inspector_ids  bigint[] NOT NULL,
  recorded_by    bigint REFERENCES users (id),
  recorded_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (draw_id, association_id),
  FOREIGN KEY (draw_id, association_id) REFERENCES inspection_selections (draw_id, association_id)
);

-- A dated open-data snapshot and its files. Files are kept in the database so every server of an
-- installation serves the same bytes, and a snapshot lands whole or not at all.
CREATE TABLE open_data_snapshots (
  as_of        date PRIMARY KEY,
  previous     date REFERENCES open_data_snapshots (as_of),
  manifest     jsonb NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE open_data_files (
  as_of        date NOT NULL REFERENCES open_data_snapshots (as_of),
  name         text NOT NULL,
  media_type   text NOT NULL,
  content      text NOT NULL,
  sha256       char(64) NOT NULL,
  rows         integer NOT NULL CHECK (rows >= 0),
  PRIMARY KEY (as_of, name)
);
