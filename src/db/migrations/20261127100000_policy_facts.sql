-- The facts the policy rules read beyond the registry: decoupling cases, association extras, functions,
-- finance, charter amendments, subordinate institutions, staff, party organisation, foreign affairs,
-- fees and dues, awards, annual reports, credit history and post approvals. Every table carries a
-- natural key (the association plus the source's own reference or year) with a UNIQUE constraint so
-- that imports upsert by it. Organs are named by code (as in the import files), not by database id.

CREATE TABLE decoupling_cases (
  id                  bigserial PRIMARY KEY,
  association_id      bigint NOT NULL REFERENCES associations (id),
  ref                 text NOT NULL,
  batch               text NOT NULL,
  jurisdiction        char(6) NOT NULL,
  listed_on           date,
  plan_deadline       date,
  plan_approved_on    date,
  completion_deadline date,
  decoupled_on        date,
  blocked_reason      text CHECK (blocked_reason IN ('policy_gap', 'insufficient_work')),
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (association_id, ref)
);

CREATE TABLE association_extras (
  id                        bigserial PRIMARY KEY,
  association_id            bigint NOT NULL UNIQUE REFERENCES associations (id),
  registration_category     text NOT NULL DEFAULT 'social_group'
                              CHECK (registration_category IN ('social_group', 'private_non_enterprise', 'foundation', 'other')),
  membership_basis          text CHECK (membership_basis IN (
                              'same_industry', 'area_economic', 'academic', 'professional', 'federative', 'other')),
  deregistered_on           date,
  recorded_supervising_unit text,
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_at                timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE scope_decisions (
  id             bigserial PRIMARY KEY,
  association_id bigint NOT NULL REFERENCES associations (id),
  ref            text NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('manual', 'central_exemption')),
  outcome        text NOT NULL CHECK (outcome IN ('in', 'out')),
  decided_on     date NOT NULL,
  reason         text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (association_id, ref)
);

CREATE TABLE association_functions (
  id                           bigserial PRIMARY KEY,
  association_id               bigint NOT NULL REFERENCES associations (id),
  ref                          text NOT NULL,
  name                         text NOT NULL,
  kind                         text NOT NULL CHECK (kind IN (
                                 'licensing', 'approval', 'qualification_recognition', 'disguised_licence',
                                 'intermediary_service', 'standard_setting', 'rating', 'statistics', 'other')),
  origin                       text NOT NULL CHECK (origin IN ('own', 'handed_over', 'commissioned', 'authorised', 'statutory_duty')),
  handed_over_by_organ_code    text,
  legal_basis                  text,
  catalogue_entry              text,
  contract_ref                 text,
  published                    boolean,
  tied_approval_organ_code     text,
  started_on                   date,
  ended_on                     date,
  created_at                   timestamptz NOT NULL DEFAULT now(),
  updated_at                   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (association_id, ref)
);

-- The 2015 base of FIN-3, one row per association.
CREATE TABLE finance_bases (
  id                        bigserial PRIMARY KEY,
  association_id            bigint NOT NULL UNIQUE REFERENCES associations (id),
  base_2015_appropriation   numeric CHECK (base_2015_appropriation >= 0),
  base_2015_retiree_funding numeric CHECK (base_2015_retiree_funding >= 0),
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_at                timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE finance_years (
  id                            bigserial PRIMARY KEY,
  association_id                bigint NOT NULL REFERENCES associations (id),
  year                          integer NOT NULL CHECK (year BETWEEN 1949 AND 2200),
  independent_account           boolean,
  separate_books                boolean,
  accounting_standard           text CHECK (accounting_standard IN ('npo', 'government', 'public_institution', 'enterprise', 'other')),
  direct_appropriation          numeric CHECK (direct_appropriation >= 0),
  placement_funds               numeric CHECK (placement_funds >= 0),
  office_in_administrative_space boolean,
  office_organ_code             text,
  vacated_on                    date,
  paid_use_agreement_ref        text,
  state_assets_used             boolean,
  state_assets_registered_on    date,
  created_at                    timestamptz NOT NULL DEFAULT now(),
  updated_at                    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (association_id, year)
);

CREATE TABLE charter_amendments (
  id             bigserial PRIMARY KEY,
  association_id bigint NOT NULL REFERENCES associations (id),
  ref            text NOT NULL,
  amended_on     date NOT NULL,
  filed_on       date,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (association_id, ref)
);

CREATE TABLE subordinate_institutions (
  id                        bigserial PRIMARY KEY,
  association_id            bigint NOT NULL REFERENCES associations (id),
  ref                       text NOT NULL,
  name                      text NOT NULL,
  disposition               text NOT NULL CHECK (disposition IN ('merged', 'transferred', 'neither')),
  legal_person_cancelled_on date,
  transferred_to            text,
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_at                timestamptz NOT NULL DEFAULT now(),
  UNIQUE (association_id, ref)
);

CREATE TABLE staff_members (
  id               bigserial PRIMARY KEY,
  association_id   bigint NOT NULL REFERENCES associations (id),
  ref              text NOT NULL,
  name             text NOT NULL,
  labour_contract  boolean,
  social_insurance boolean,
  housing_fund     boolean,
  on_establishment boolean,
  started_on       date,
  ended_on         date,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (association_id, ref)
);

CREATE TABLE party_organisations (
  id                  bigserial PRIMARY KEY,
  association_id      bigint NOT NULL UNIQUE REFERENCES associations (id),
  organisation_exists boolean NOT NULL,
  member_count        integer CHECK (member_count >= 0),
  relationship        text CHECK (relationship IN ('former_organ', 'designated_committee', 'other')),
  transferred_on      date,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE foreign_affairs (
  id                           bigserial PRIMARY KEY,
  association_id               bigint NOT NULL UNIQUE REFERENCES associations (id),
  administered_by_former_organ boolean,
  created_at                   timestamptz NOT NULL DEFAULT now(),
  updated_at                   timestamptz NOT NULL DEFAULT now()
);

-- Tiers are a JSON array of amounts (yuan).
CREATE TABLE fee_items (
  id                   bigserial PRIMARY KEY,
  association_id       bigint NOT NULL REFERENCES associations (id),
  ref                  text NOT NULL,
  name                 text NOT NULL,
  category             text NOT NULL CHECK (category IN (
                         'dues', 'service', 'meeting', 'training', 'exam', 'exhibition', 'rating', 'award',
                         'standards_check', 'trip_abroad', 'sponsorship', 'donation', 'subscription',
                         'qualification', 'branch_setup', 'leadership_seat', 'publication', 'other')),
  amount               numeric,
  tiers                jsonb,
  payer                text NOT NULL DEFAULT 'members' CHECK (payer IN ('members', 'non_members', 'all')),
  compulsory           boolean NOT NULL DEFAULT false,
  disguised_compulsory boolean NOT NULL DEFAULT false,
  obstructs_withdrawal boolean NOT NULL DEFAULT false,
  services_provided    boolean,
  covered_by_dues      boolean NOT NULL DEFAULT false,
  linked_function_ref  text,
  linked_award_ref     text,
  collected_by         text NOT NULL DEFAULT 'hq' CHECK (collected_by IN ('hq', 'branch')),
  branch_name          text,
  standard_set_by      text CHECK (standard_set_by IN ('assembly', 'council', 'branch', 'secretariat')),
  published            boolean NOT NULL DEFAULT false,
  pricing              text CHECK (pricing IN ('market', 'government_guided', 'government_set')),
  priced_by_procedure  boolean,
  kickback             boolean NOT NULL DEFAULT false,
  legal_basis          text,
  dues_decision_ref    text,
  reference_amount     numeric,
  complaint_count      integer NOT NULL DEFAULT 0 CHECK (complaint_count >= 0),
  started_on           date,
  ended_on             date,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  UNIQUE (association_id, ref)
);

CREATE TABLE dues_decisions (
  id             bigserial PRIMARY KEY,
  association_id bigint NOT NULL REFERENCES associations (id),
  ref            text NOT NULL,
  assembly_date  date NOT NULL,
  made_by        text NOT NULL CHECK (made_by IN ('assembly', 'council', 'branch', 'secretariat')),
  secret_ballot  boolean,
  eligible       integer CHECK (eligible >= 0),
  present        integer CHECK (present >= 0),
  votes_for      integer CHECK (votes_for >= 0),
  tiers          jsonb NOT NULL DEFAULT '[]'::jsonb,
  floating       boolean NOT NULL DEFAULT false,
  published      boolean NOT NULL DEFAULT false,
  adopted        boolean NOT NULL DEFAULT true,
  effective_from date,
  superseded_on  date,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (association_id, ref)
);

CREATE TABLE awards (
  id             bigserial PRIMARY KEY,
  association_id bigint NOT NULL REFERENCES associations (id),
  ref            text NOT NULL,
  name           text NOT NULL,
  approval_ref   text,
  started_on     date,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (association_id, ref)
);

CREATE TABLE annual_reports (
  id             bigserial PRIMARY KEY,
  association_id bigint NOT NULL REFERENCES associations (id),
  year           integer NOT NULL CHECK (year BETWEEN 1949 AND 2200),
  filed_on       date,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (association_id, year)
);

CREATE TABLE penalties (
  id             bigserial PRIMARY KEY,
  association_id bigint NOT NULL REFERENCES associations (id),
  ref            text NOT NULL,
  kind           text NOT NULL CHECK (kind IN (
                   'warning', 'fine', 'confiscation', 'stop_activities', 'certificate_revoked',
                   'change_registration_revoked', 'other')),
  amount         numeric,
  decided_on     date NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (association_id, ref)
);

CREATE TABLE rectifications (
  id             bigserial PRIMARY KEY,
  association_id bigint NOT NULL REFERENCES associations (id),
  ref            text NOT NULL,
  ordered_on     date NOT NULL,
  due_on         date NOT NULL,
  completed_on   date,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (association_id, ref)
);

CREATE TABLE unreachable_records (
  id             bigserial PRIMARY KEY,
  association_id bigint NOT NULL REFERENCES associations (id),
  ref            text NOT NULL,
  verified_on    date NOT NULL,
  resolved_on    date,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (association_id, ref)
);

CREATE TABLE court_defaults (
  id             bigserial PRIMARY KEY,
  association_id bigint NOT NULL REFERENCES associations (id),
  ref            text NOT NULL,
  listed_on      date NOT NULL,
  removed_on     date,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (association_id, ref)
);

CREATE TABLE credit_entries (
  id                      bigserial PRIMARY KEY,
  association_id          bigint NOT NULL REFERENCES associations (id),
  ref                     text NOT NULL,
  list                    text NOT NULL CHECK (list IN ('abnormal', 'serious')),
  ground                  text NOT NULL CHECK (ground IN (
                            'annual_report', 'no_party_organisation', 'rectification_overdue', 'minor_penalty',
                            'unreachable', 'abnormal_two_years', 'change_registration_revoked',
                            'stop_activities', 'major_fine', 'repeat_penalties', 'court_defaulter',
                            'certificate_revoked', 'other')),
  ground_on               date,
  listed_on               date NOT NULL,
  removed_on              date,
  obligation_fulfilled_on date,
  removal_applied_on      date,
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now(),
  UNIQUE (association_id, ref)
);

-- Approvals, filings and special approvals of a post beyond the one recorded on the post itself.
CREATE TABLE post_approvals (
  id         bigserial PRIMARY KEY,
  post_id    bigint NOT NULL REFERENCES posts (id),
  kind       text NOT NULL CHECK (kind IN ('approval', 'filing', 'special_approval')),
  ref        text NOT NULL,
  date       date,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (post_id, kind, ref)
);

-- Screening: one row per run; findings keyed by their fingerprint (rule, association, subject, aspect)
-- so that runs diff into new, persisting and resolved ones; every workflow change is an event.
CREATE TABLE screening_runs (
  id                 bigserial PRIMARY KEY,
  started_at         timestamptz NOT NULL,
  finished_at        timestamptz,
  as_of              date NOT NULL,
  scope              jsonb NOT NULL DEFAULT '{}'::jsonb,
  status             text NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
  actor_label        text NOT NULL,
  associations       integer NOT NULL DEFAULT 0,
  findings           integer NOT NULL DEFAULT 0,
  new_findings       integer NOT NULL DEFAULT 0,
  persisting_findings integer NOT NULL DEFAULT 0,
  resolved_findings  integer NOT NULL DEFAULT 0,
  error              text
);

CREATE TABLE findings (
  id                  bigserial PRIMARY KEY,
  fingerprint         text NOT NULL UNIQUE,
  rule_id             text NOT NULL,
  family              text NOT NULL,
  severity            text NOT NULL CHECK (severity IN ('violation', 'risk', 'open', 'info')),
  pack_id             text NOT NULL,
  pack_version        text NOT NULL,
  association_id      bigint NOT NULL REFERENCES associations (id),
  subject_type        text NOT NULL,
  subject_id          text NOT NULL,
  aspect              text,
  facts               jsonb NOT NULL,
  clause              text NOT NULL,
  explanation_zh      text NOT NULL,
  explanation_en      text NOT NULL,
  arisen_on           date,
  due_on              date,
  first_seen_run_id   bigint NOT NULL REFERENCES screening_runs (id),
  first_seen_on       date NOT NULL,
  last_seen_run_id    bigint NOT NULL REFERENCES screening_runs (id),
  last_seen_on        date NOT NULL,
  -- Set when a later run no longer finds it; cleared when it comes back.
  resolved_run_id     bigint REFERENCES screening_runs (id),
  resolved_on         date,
  status              text NOT NULL DEFAULT 'open'
                        CHECK (status IN ('open', 'acknowledged', 'rectified', 'waived', 'appealed')),
  -- Rectification deadline, set when the finding is acknowledged.
  deadline            date,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX findings_association_idx ON findings (association_id);
CREATE INDEX findings_rule_idx ON findings (rule_id);
CREATE INDEX findings_status_idx ON findings (status);
CREATE INDEX findings_current_idx ON findings (association_id) WHERE resolved_run_id IS NULL;

CREATE TABLE finding_events (
  id          bigserial PRIMARY KEY,
  finding_id  bigint NOT NULL REFERENCES findings (id),
  at          timestamptz NOT NULL,
  actor_id    bigint,
  actor_label text NOT NULL,
  from_status text NOT NULL,
  to_status   text NOT NULL,
  reason      text,
  deadline    date
);
CREATE INDEX finding_events_finding_idx ON finding_events (finding_id, id);
