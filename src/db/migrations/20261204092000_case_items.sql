-- The working parts of a decoupling case: the dates and references the workflow records on the case
-- row, the five-separation checklist items and their history, the evidence files, and the in-app
-- notifications (overdue plans and cases, re-coupling, moves that wait for someone).

-- The case row keeps what the core's case record needs beyond the policy facts: the day the plan was
-- submitted, the approval reference of the plan and a version for optimistic concurrency.
ALTER TABLE decoupling_cases
  ADD COLUMN plan_submitted_on date,
  ADD COLUMN plan_approval_ref text,
  ADD COLUMN version integer NOT NULL DEFAULT 0;

-- One row per checklist item of a case, written the first time the case's workflow touches it (all
-- items of the pack in force at once), so that the items stay what they were when work started even
-- if the pack changes later.
CREATE TABLE case_items (
  id             bigserial PRIMARY KEY,
  case_id        bigint NOT NULL REFERENCES decoupling_cases (id),
  item_key       text NOT NULL,
  separation     text NOT NULL CHECK (separation IN (
                   'institution', 'functions', 'assets_finance', 'personnel', 'party_foreign_affairs')),
  owner          text NOT NULL CHECK (owner IN ('association', 'organ', 'regulator')),
  position       integer NOT NULL,
  state          text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'evidence_submitted', 'signed_off', 'waived')),
  -- The reason of the last waiver, return or reopening; a waived item always has one.
  reason         text,
  signed_off_by  bigint REFERENCES users (id),
  signed_off_at  timestamptz,
  version        integer NOT NULL DEFAULT 0,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (case_id, item_key),
  CHECK (state <> 'waived' OR reason IS NOT NULL),
  CHECK (state <> 'signed_off' OR signed_off_by IS NOT NULL)
);
CREATE INDEX case_items_state_idx ON case_items (case_id, state);

CREATE TABLE case_item_events (
  id             bigserial PRIMARY KEY,
  item_id        bigint NOT NULL REFERENCES case_items (id),
  from_state     text NOT NULL,
  to_state       text NOT NULL,
  actor_user_id  bigint REFERENCES users (id),
  actor_role     text NOT NULL,
  reason         text,
  at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_item_events_item_idx ON case_item_events (item_id, at);

-- Evidence content lives in the database, addressed by its SHA-256: it is written in the same
-- transaction as the item move and the audit event, it travels with the database's backups on both
-- drivers, and a PostgreSQL deployment with several servers needs no shared folder. Files are capped
-- at 20 MB by the checklist, which PostgreSQL's bytea handles comfortably; the same file uploaded
-- twice is stored once.
CREATE TABLE evidence_blobs (
  sha256      char(64) PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size_bytes  integer NOT NULL CHECK (size_bytes > 0),
  content     bytea NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (octet_length(content) = size_bytes)
);

-- One uploaded file: a plan document (no item) or the evidence of a checklist item. A file waits
-- (`item_event_id` / `case_event_id` empty) until the move it supports is made.
CREATE TABLE case_evidence (
  id             bigserial PRIMARY KEY,
  case_id        bigint NOT NULL REFERENCES decoupling_cases (id),
  item_id        bigint REFERENCES case_items (id),
  kind           text NOT NULL,
  file_name      text NOT NULL,
  mime_type      text NOT NULL,
  size_bytes     integer NOT NULL CHECK (size_bytes > 0),
  sha256         char(64) NOT NULL REFERENCES evidence_blobs (sha256),
  uploaded_by    bigint REFERENCES users (id),
  uploader_role  text NOT NULL,
  uploaded_at    timestamptz NOT NULL DEFAULT now(),
  item_event_id  bigint REFERENCES case_item_events (id),
  case_event_id  bigint REFERENCES case_events (id),
  CHECK ((item_id IS NULL) = (kind = 'plan_document'))
);
CREATE INDEX case_evidence_case_idx ON case_evidence (case_id, item_id);

-- In-app notifications. Addressed to one account, or to a role within a jurisdiction: the role's
-- accounts whose scope covers the case's association see it (the same scope the registry applies),
-- so an account created later still finds the notices of its cases. Whether an account has read a
-- notice is kept per account in notification_reads; `read_at` here serves notices to one account.
CREATE TABLE notifications (
  id                 bigserial PRIMARY KEY,
  recipient_user_id  bigint REFERENCES users (id),
  recipient_role     text CHECK (recipient_role IN ('regulator', 'organ', 'association', 'inspector', 'auditor', 'admin')),
  kind               text NOT NULL CHECK (kind IN ('CASE-1', 'CASE-2', 'CASE-3', 'case_moved')),
  case_id            bigint REFERENCES decoupling_cases (id),
  -- One notice per fact: re-running the job or repeating a move adds nothing twice.
  dedupe_key         text NOT NULL,
  title_zh           text NOT NULL,
  title_en           text NOT NULL,
  body_zh            text NOT NULL,
  body_en            text NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  read_at            timestamptz,
  CHECK ((recipient_user_id IS NULL) <> (recipient_role IS NULL)),
  CHECK (recipient_user_id IS NOT NULL OR case_id IS NOT NULL)
);
CREATE UNIQUE INDEX notifications_dedupe_idx
  ON notifications (dedupe_key, COALESCE(recipient_role, ''), COALESCE(recipient_user_id, 0));
CREATE INDEX notifications_role_idx ON notifications (recipient_role, created_at DESC);
CREATE INDEX notifications_user_idx ON notifications (recipient_user_id, created_at DESC);

CREATE TABLE notification_reads (
  notification_id  bigint NOT NULL REFERENCES notifications (id),
  user_id          bigint NOT NULL REFERENCES users (id),
  read_at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (notification_id, user_id)
);
