-- The last screening run of each association. A finding that is not resolved was seen by that run
-- (the run would have resolved it otherwise), so a run records one narrow row per association instead
-- of rewriting every persisting finding; a finding keeps its own "last seen" only once resolved.
CREATE TABLE association_screenings (
  association_id bigint PRIMARY KEY REFERENCES associations (id),
  run_id         bigint NOT NULL REFERENCES screening_runs (id),
  screened_on    date NOT NULL
);
