-- Complaints (举报) from the public portal and the credit-list workflow.
--
-- A complaint row holds what the regulator works on; who complained is not part of it except an
-- optional contact kept as ciphertext (never shown publicly). The published part is the outcome.
--
-- The credit ledger (credit_grounds + credit_events) is what the credit timeline (src/core/credit) is
-- computed from: grounds as found, and every listing, added ground, verification, escalation,
-- application and removal as an event with its reason and legal basis. Objections and repair
-- applications are workflows beside it. The credit_entries fact table keeps a mirror of the ledger's
-- listings (ref `CR-…`) so that the CRED rules see what was done.

CREATE TABLE complaints (
  id                  bigserial PRIMARY KEY,
  tracking_code       text NOT NULL UNIQUE,
  association_id      bigint NOT NULL REFERENCES associations (id),
  received_on         date NOT NULL,
  received_at         timestamptz NOT NULL DEFAULT now(),
  topic               text CHECK (topic IN ('fee', 'personnel', 'function', 'other')),
  body                text NOT NULL,
  fee_item_id         bigint REFERENCES fee_items (id),
  compulsory          boolean,
  family              text CHECK (family IN ('FEE', 'PERS', 'FUNC')),
  fee_rule            text,
  classification      jsonb NOT NULL,
  state               text NOT NULL DEFAULT 'received'
                        CHECK (state IN ('received', 'assigned', 'investigating', 'resolved', 'dismissed')),
  assignee_user_id    bigint REFERENCES users (id),
  assign_by           date NOT NULL,
  resolve_by          date NOT NULL,
  closed_on           date,
  outcome_zh          text,
  outcome_en          text,
  dismissal_zh        text,
  dismissal_en        text,
  -- AES-GCM ciphertext of a contact the complainant chose to leave; NULL when anonymous.
  contact_cipher      text,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX complaints_association_idx ON complaints (association_id, received_on DESC);
CREATE INDEX complaints_state_idx ON complaints (state, resolve_by);

-- Every step of a complaint; the actor is an account, never the complainant.
CREATE TABLE complaint_events (
  id             bigserial PRIMARY KEY,
  complaint_id   bigint NOT NULL REFERENCES complaints (id),
  on_date        date NOT NULL,
  at             timestamptz NOT NULL DEFAULT now(),
  action         text NOT NULL,
  from_state     text,
  to_state       text NOT NULL,
  actor_user_id  bigint REFERENCES users (id),
  actor_label    text NOT NULL,
  note           text
);
CREATE INDEX complaint_events_complaint_idx ON complaint_events (complaint_id, id);

CREATE TABLE credit_grounds (
  id             bigserial PRIMARY KEY,
  association_id bigint NOT NULL REFERENCES associations (id),
  -- Stable across runs: `abnormal:annual_report:annual_report:<uscc>:2025` for a rule hit.
  ground_key     text NOT NULL,
  list           text NOT NULL CHECK (list IN ('abnormal', 'serious')),
  ground         text NOT NULL CHECK (ground IN (
                   'annual_report', 'no_party_organisation', 'rectification_overdue', 'minor_penalty',
                   'unreachable', 'abnormal_two_years', 'change_registration_revoked',
                   'stop_activities', 'major_fine', 'repeat_penalties', 'court_defaulter',
                   'certificate_revoked', 'other')),
  arisen_on      date NOT NULL,
  curable        boolean,
  detail_zh      text,
  detail_en      text,
  source         text NOT NULL CHECK (source IN ('rules', 'registrar')),
  created_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (association_id, ground_key)
);

CREATE TABLE credit_events (
  id             bigserial PRIMARY KEY,
  association_id bigint NOT NULL REFERENCES associations (id),
  kind           text NOT NULL CHECK (kind IN (
                   'listed', 'ground_added', 'obligation_verified', 'escalated', 'removal_applied',
                   'removed', 'deregistered')),
  on_date        date NOT NULL,
  list           text CHECK (list IN ('abnormal', 'serious')),
  entry_key      text,
  ground_keys    text[] NOT NULL DEFAULT '{}',
  removal_reason text CHECK (removal_reason IN (
                   'rectified', 'automatic', 'application', 'deregistered', 'objection_upheld')),
  actor_label    text NOT NULL,
  at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX credit_events_association_idx ON credit_events (association_id, id);

CREATE TABLE credit_objections (
  id             bigserial PRIMARY KEY,
  association_id bigint NOT NULL REFERENCES associations (id),
  list           text NOT NULL CHECK (list IN ('abnormal', 'serious')),
  entry_key      text NOT NULL,
  state          text NOT NULL CHECK (state IN ('filed', 'accepted', 'not_accepted', 'upheld', 'rejected')),
  filed_on       date NOT NULL,
  accept_by      date NOT NULL,
  accepted_on    date,
  decide_by      date,
  decided_on     date,
  statement_zh   text NOT NULL,
  statement_en   text NOT NULL,
  answer_zh      text,
  answer_en      text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX credit_objections_association_idx ON credit_objections (association_id);

CREATE TABLE credit_repairs (
  id             bigserial PRIMARY KEY,
  association_id bigint NOT NULL REFERENCES associations (id),
  list           text NOT NULL CHECK (list IN ('abnormal', 'serious')),
  entry_key      text NOT NULL,
  state          text NOT NULL CHECK (state IN ('submitted', 'approved', 'refused')),
  applied_on     date NOT NULL,
  due_on         date NOT NULL,
  decided_on     date,
  reason_zh      text,
  reason_en      text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX credit_repairs_association_idx ON credit_repairs (association_id);
