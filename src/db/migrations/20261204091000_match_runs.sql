-- Stored officials-matching runs, their results and the reviewers' decisions on possible matches.
-- Only what a match needs is kept: the post, the roster record (both by database id), the decision,
-- its score and the reasons (field outcomes and weights, no identifier or name in them). Names and
-- masked identifiers for the review screen are read from `persons` and `roster_records` as they are.

CREATE TABLE match_runs (
  id              bigserial PRIMARY KEY,
  started_by_id   bigint,
  started_by      text NOT NULL,
  started_at      timestamptz NOT NULL,
  finished_at     timestamptz,
  -- The registry scope of the posts screened (the starter's jurisdiction) and the matcher's inputs.
  scope           jsonb NOT NULL,
  inputs          jsonb NOT NULL,
  state           text NOT NULL CHECK (state IN ('queued', 'running', 'completed', 'failed')),
  phase           text CHECK (phase IN ('indexing', 'matching', 'storing')),
  roster_records  integer NOT NULL DEFAULT 0,
  posts_total     integer NOT NULL DEFAULT 0,
  posts_done      integer NOT NULL DEFAULT 0,
  matches         integer NOT NULL DEFAULT 0,
  possibles       integer NOT NULL DEFAULT 0,
  -- Pairs decided by an earlier review: confirmed ones kept as matches, rejected ones not proposed.
  confirmed_applied integer NOT NULL DEFAULT 0,
  rejected_applied  integer NOT NULL DEFAULT 0,
  error           text
);
CREATE INDEX match_runs_started_idx ON match_runs (id DESC);

-- One row per post that came out `match` or `possible` (a `no_match` is not stored). `current` marks
-- the results of the latest completed run that screened the post; the official-status facts and the
-- review queue read only those.
CREATE TABLE match_results (
  id               bigserial PRIMARY KEY,
  run_id           bigint NOT NULL REFERENCES match_runs (id) ON DELETE CASCADE,
  post_id          bigint NOT NULL REFERENCES posts (id),
  roster_record_id bigint NOT NULL REFERENCES roster_records (id),
  decision         text NOT NULL CHECK (decision IN ('match', 'possible')),
  probability      double precision NOT NULL CHECK (probability >= 0 AND probability <= 1),
  score            double precision NOT NULL,
  reasons          jsonb NOT NULL,
  candidates       integer NOT NULL,
  -- A match only because a reviewer confirmed the pair: it stops counting when the confirmation is undone.
  by_review        boolean NOT NULL DEFAULT false,
  current          boolean NOT NULL DEFAULT false,
  UNIQUE (run_id, post_id)
);
CREATE INDEX match_results_current_post_idx ON match_results (post_id) WHERE current;
CREATE INDEX match_results_current_possible_idx ON match_results (id) WHERE current AND decision = 'possible';

-- A reviewer's decision on one post–roster record pair. The pair (post id, roster record id) is stable
-- across runs, so a decision applies to every later run. Undoing keeps the row (undone_at, by whom
-- and why) and frees the pair for a new decision; at most one decision per pair is in force.
CREATE TABLE match_reviews (
  id               bigserial PRIMARY KEY,
  post_id          bigint NOT NULL REFERENCES posts (id),
  roster_record_id bigint NOT NULL REFERENCES roster_records (id),
  decision         text NOT NULL CHECK (decision IN ('confirm', 'reject')),
  reason           text NOT NULL CHECK (length(reason) > 0),
  result_id        bigint REFERENCES match_results (id) ON DELETE SET NULL,
  reviewer_id      bigint,
  reviewer         text NOT NULL,
  at               timestamptz NOT NULL,
  undone_at        timestamptz,
  undone_by_id     bigint,
  undone_by        text,
  undo_reason      text,
  CHECK ((undone_at IS NULL) = (undone_by IS NULL))
);
CREATE UNIQUE INDEX match_reviews_in_force_idx ON match_reviews (post_id, roster_record_id) WHERE undone_at IS NULL;

-- The roster records that give a post holder an official status, with how sure the link is: an
-- exact keyed resident-ID match (1), a reviewer's confirmation (1), or a `match` of the latest run
-- (its posterior) unless it was one only by that confirmation. A pair a reviewer rejected never gives a status, whichever way it was found.
CREATE VIEW post_official_candidates AS
SELECT c.post_id, c.roster_record_id, c.match_confidence, c.basis
FROM (
  SELECT p.id AS post_id, rr.id AS roster_record_id, 1::double precision AS match_confidence, 'resident_id' AS basis
  FROM posts AS p
  JOIN persons AS pe ON pe.id = p.person_id
  JOIN roster_records AS rr ON rr.id_hash = pe.id_hash
  WHERE pe.id_hash IS NOT NULL
  UNION ALL
  SELECT v.post_id, v.roster_record_id, 1::double precision, 'review'
  FROM match_reviews AS v
  WHERE v.decision = 'confirm' AND v.undone_at IS NULL
  UNION ALL
  SELECT m.post_id, m.roster_record_id, m.probability, 'match'
  FROM match_results AS m
  WHERE m.current AND m.decision = 'match' AND NOT m.by_review
) AS c
WHERE NOT EXISTS (
  SELECT 1 FROM match_reviews AS x
  WHERE x.post_id = c.post_id AND x.roster_record_id = c.roster_record_id
    AND x.decision = 'reject' AND x.undone_at IS NULL
);
