-- The decoupling case workflow. The case row that the rules read (decoupling_cases, from the policy
-- facts) is also the case the workflow moves: one source, so a transition that approves a plan or
-- closes a case writes the same columns (plan_approved_on, decoupled_on, blocked_reason) the rules see.
ALTER TABLE decoupling_cases
  ADD COLUMN state text NOT NULL DEFAULT 'listed' CHECK (state IN (
    'listed', 'plan_drafted', 'plan_submitted', 'plan_returned', 'plan_approved',
    'executing', 'verification', 'decoupled', 'blocked', 'exempt')),
  ADD COLUMN state_since timestamptz NOT NULL DEFAULT now(),
  -- While blocked: the active state it resumes to, and the regulator's note.
  ADD COLUMN blocked_from text CHECK (blocked_from IN (
    'listed', 'plan_drafted', 'plan_submitted', 'plan_returned', 'plan_approved',
    'executing', 'verification')),
  ADD COLUMN blocked_note text,
  -- An exempt case records the central approval that exempted it.
  ADD COLUMN exempt_approval_ref text;

-- Cases imported as facts before the workflow existed take the state their facts imply.
UPDATE decoupling_cases SET state = CASE
    WHEN decoupled_on IS NOT NULL THEN 'decoupled'
    WHEN blocked_reason IS NOT NULL THEN 'blocked'
    WHEN plan_approved_on IS NOT NULL THEN 'executing'
    ELSE 'listed'
  END;
UPDATE decoupling_cases SET blocked_from = 'listed' WHERE state = 'blocked';

CREATE INDEX decoupling_cases_state_idx ON decoupling_cases (state, batch);
CREATE INDEX decoupling_cases_jurisdiction_idx ON decoupling_cases (jurisdiction);

-- Every transition, in order: the history behind the trend charts and the case's own timeline.
-- Who acted is the account (user id and role), never the person behind it.
CREATE TABLE case_events (
  id             bigserial PRIMARY KEY,
  case_id        bigint NOT NULL REFERENCES decoupling_cases (id),
  from_state     text,
  to_state       text NOT NULL,
  actor_user_id  bigint REFERENCES users (id),
  actor_role     text NOT NULL,
  reason         text,
  at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_events_case_idx ON case_events (case_id, at);
CREATE INDEX case_events_at_idx ON case_events (at);
