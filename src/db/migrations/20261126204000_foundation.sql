-- Foundation schema: the registry (associations, organs, links), people and their posts, official
-- rosters, accounts, sessions and the audit log. Natural keys carry UNIQUE constraints so that imports
-- upsert by them and re-importing a file changes nothing.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE associations (
  id            bigserial PRIMARY KEY,
  uscc          char(18) NOT NULL UNIQUE,
  name          text NOT NULL,
  name_en       text,
  short_name    text,
  level         text NOT NULL CHECK (level IN ('national', 'provincial', 'municipal', 'county')),
  region_code   char(6) NOT NULL,
  industry      text,
  registrar     text,
  founded_on    date,
  registered_on date,
  status        text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deregistered', 'revoked')),
  address       text,
  phone         text,
  bank_account  text,
  member_count  integer CHECK (member_count >= 0),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX associations_region_idx ON associations (region_code);
CREATE INDEX associations_level_idx ON associations (level);

-- Administrative organs and the units subordinate to them (事业单位 and the like). `code` is the
-- organ's USCC where it has one (codes starting with 11/12), otherwise the code its registry uses.
CREATE TABLE organs (
  id                bigserial PRIMARY KEY,
  code              text NOT NULL UNIQUE,
  name              text NOT NULL,
  short_name        text,
  kind              text NOT NULL CHECK (kind IN (
                      'party', 'congress', 'government', 'cppcc', 'court', 'procuratorate',
                      'public_institution', 'state_enterprise', 'other')),
  is_administrative boolean NOT NULL,
  level             text NOT NULL CHECK (level IN ('national', 'provincial', 'municipal', 'county')),
  region_code       char(6) NOT NULL,
  parent_id         bigint REFERENCES organs (id),
  address           text,
  phone             text,
  bank_account      text,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX organs_parent_idx ON organs (parent_id);

-- 主办 sponsor / 主管 supervisor / 联系 contact / 挂靠 host / 代管 custodian.
CREATE TABLE organ_links (
  id             bigserial PRIMARY KEY,
  organ_id       bigint NOT NULL REFERENCES organs (id),
  association_id bigint NOT NULL REFERENCES associations (id),
  kind           text NOT NULL CHECK (kind IN ('sponsor', 'supervisor', 'contact', 'host', 'custodian')),
  started_on     date NOT NULL,
  ended_on       date,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organ_id, association_id, kind, started_on),
  CHECK (ended_on IS NULL OR ended_on >= started_on)
);
CREATE INDEX organ_links_association_idx ON organ_links (association_id);

-- A person's resident ID is never stored in clear: `id_hash` is a keyed HMAC of the normalised
-- 18-character number (for matching), `id_cipher` its AES-GCM encryption (for tiered disclosure).
-- `person_key` is the natural key: the ID hash, or for people without an ID a hash of name, birth
-- date and the association they were recorded under.
CREATE TABLE persons (
  id          bigserial PRIMARY KEY,
  person_key  text NOT NULL UNIQUE,
  id_hash     text UNIQUE,
  id_cipher   text,
  id_masked   text,
  name        text NOT NULL,
  sex         text CHECK (sex IN ('male', 'female')),
  birth_date  date,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX persons_name_idx ON persons (name);

CREATE TABLE posts (
  id                      bigserial PRIMARY KEY,
  association_id          bigint NOT NULL REFERENCES associations (id),
  person_id               bigint NOT NULL REFERENCES persons (id),
  role                    text NOT NULL CHECK (role IN (
                            'president', 'vice_president', 'secretary_general', 'deputy_secretary_general',
                            'director', 'standing_director', 'supervisor', 'chief_supervisor',
                            'legal_representative', 'branch_head', 'honorary', 'other')),
  branch_name             text,
  started_on              date NOT NULL,
  ended_on                date,
  term_number             integer CHECK (term_number >= 1),
  remunerated             boolean,
  approval_ref            text,
  approval_date           date,
  recommended_by_organ_id bigint REFERENCES organs (id),
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now(),
  UNIQUE (association_id, person_id, role, started_on),
  CHECK (ended_on IS NULL OR ended_on >= started_on)
);
CREATE INDEX posts_person_idx ON posts (person_id);

-- Official rosters (serving civil servants, those who left office without retiring, retired leading
-- cadres). `source` + `record_key` identify a record in the roster file it came from.
CREATE TABLE roster_records (
  id          bigserial PRIMARY KEY,
  source      text NOT NULL,
  record_key  text NOT NULL,
  id_hash     text,
  id_cipher   text,
  id_masked   text,
  name        text NOT NULL,
  sex         text CHECK (sex IN ('male', 'female')),
  birth_date  date,
  status      text NOT NULL CHECK (status IN ('serving', 'left_not_retired', 'retired')),
  retired_on  date,
  organ_id    bigint REFERENCES organs (id),
  organ_name  text,
  rank        text NOT NULL DEFAULT 'none' CHECK (rank IN (
                'national', 'ministerial', 'deputy_ministerial', 'department', 'deputy_department',
                'division', 'deputy_division', 'section', 'none')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (source, record_key),
  CHECK (status <> 'retired' OR retired_on IS NOT NULL)
);
CREATE INDEX roster_records_id_hash_idx ON roster_records (id_hash);
CREATE INDEX roster_records_name_idx ON roster_records (name);

CREATE TABLE users (
  id                   bigserial PRIMARY KEY,
  username             text NOT NULL UNIQUE,
  display_name         text NOT NULL,
  password_hash        text NOT NULL,
  role                 text NOT NULL CHECK (role IN ('regulator', 'organ', 'association', 'inspector', 'auditor', 'admin')),
  -- Jurisdiction: a region code ('100000' = the whole country), an organ, or an association.
  scope_region         char(6),
  scope_organ_id       bigint REFERENCES organs (id),
  scope_association_id bigint REFERENCES associations (id),
  failed_logins        integer NOT NULL DEFAULT 0,
  locked_until         timestamptz,
  active               boolean NOT NULL DEFAULT true,
  created_at           timestamptz NOT NULL DEFAULT now(),
  CHECK (role <> 'organ' OR scope_organ_id IS NOT NULL),
  CHECK (role <> 'association' OR scope_association_id IS NOT NULL),
  CHECK (role NOT IN ('regulator', 'inspector') OR scope_region IS NOT NULL)
);

-- The session token itself is never stored: only its SHA-256.
CREATE TABLE sessions (
  token_hash  text PRIMARY KEY,
  user_id     bigint NOT NULL REFERENCES users (id),
  csrf_token  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- Append-only and hash-chained: each event's hash covers the previous hash and its own content.
CREATE TABLE audit_events (
  seq         bigserial PRIMARY KEY,
  at          timestamptz NOT NULL,
  actor_id    bigint,
  actor_label text NOT NULL,
  action      text NOT NULL,
  entity      text NOT NULL,
  entity_id   text,
  detail      jsonb NOT NULL DEFAULT '{}'::jsonb,
  prev_hash   text NOT NULL,
  hash        text NOT NULL UNIQUE
);

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only';
END;
$$;

CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

-- One row per imported file, written in the same transaction as its rows.
CREATE TABLE import_runs (
  id          bigserial PRIMARY KEY,
  file_name   text NOT NULL,
  sha256      text NOT NULL,
  kind        text NOT NULL,
  rows        integer NOT NULL,
  inserted    integer NOT NULL,
  updated     integer NOT NULL,
  unchanged   integer NOT NULL,
  actor_label text NOT NULL,
  at          timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX associations_name_trgm_idx ON associations USING gin (name gin_trgm_ops);
