import type { TAssociationFacts } from '../../core/policy/facts.ts';
import type { Queryable } from '../database.ts';

/**
 * The screening's read of the policy facts: one statement per chunk of associations that builds, in
 * the database, one JSON document per association (without the organ index, which is loaded once).
 * Each fact table is read by one range scan of its `association_id` index and aggregated per
 * association, then joined to the chunk's associations, so a chunk costs one round trip.
 *
 * The document is positional: every record is a JSON array of its values, and `decodeFacts` puts the
 * keys back from the same field lists that wrote the SQL. Building and printing key names was most of
 * the database's work and two thirds of the text (a fee item has 26 fields, mostly empty), and a
 * client parses arrays faster than objects. `loadFacts` in `facts.repository.ts` reads the same facts
 * table by table; `test/screen/facts-read.test.ts` holds the two equal.
 *
 * Keys come out in the order `loadFacts` builds them, so a rule that copies a fact into a finding
 * produces the same text, and the same content hash, whichever reader ran.
 */

/** A chunk of associations: their ids ascending, read by id range when they are dense in it. */
export type TFactChunk = { ids: readonly number[] };

/**
 * What a key holds: SQL whose JSON value is taken as it is, a record (written as an array of its
 * values; null when `presentWhen` is false) or a list of records (SQL of a JSON array of them; null
 * reads as empty).
 */
type TValue = string | TRecord | TList;
type TField = readonly [key: string, value: TValue];
type TRecord = { kind: 'record'; fields: readonly TField[]; presentWhen?: string };
type TList = { kind: 'list'; sql: string; item: TRecord };

const record = (fields: readonly TField[], presentWhen?: string): TRecord =>
  presentWhen === undefined ? { kind: 'record', fields } : { kind: 'record', fields, presentWhen };

function valueSql(value: TValue): string {
  if (typeof value === 'string') return value;
  if (value.kind === 'list') return value.sql;
  const array = `json_build_array(${value.fields.map(([, v]) => valueSql(v)).join(', ')})`;
  return value.presentWhen === undefined ? array : `CASE WHEN ${value.presentWhen} THEN ${array} END`;
}

type TDecode = (value: unknown) => unknown;

/**
 * Turns the written form of a value back into its object form; `null` for a value taken as it is.
 * A record becomes one object literal per call, compiled once from its field list: objects of one
 * shape built that way cost a fraction of objects filled key by key, and a chunk holds millions.
 */
function decoderOf(value: TValue): TDecode | null {
  if (typeof value === 'string') return null;
  if (value.kind === 'list') {
    const item = decoderOf(value.item)!;
    return (list) => (list === null ? [] : (list as unknown[]).map(item));
  }
  const decoders = value.fields.map(([, v]) => decoderOf(v));
  const properties = value.fields.map(([key], i) => {
    const read = `v[${i}]`;
    return `${JSON.stringify(key)}: ${decoders[i] ? `d[${i}](${read})` : read}`;
  });
  return new Function('d', `return (v) => v === null ? null : { ${properties.join(', ')} };`)(
    decoders,
  ) as TDecode;
}

/** `Boolean(x)` of the table-by-table reader: a missing flag reads as false. */
const flag = (column: string) => `coalesce(${column}, false)`;
/** A jsonb array of amounts, or null when the stored value is not an array. */
const tiers = (column: string) => `CASE WHEN jsonb_typeof(${column}) = 'array' THEN ${column} END`;

type TListSpec = {
  key: string;
  table: string;
  /** Alias of the table in `from`. */
  alias: string;
  from?: string;
  fields: readonly TField[];
  order: string;
};

const LISTS: readonly TListSpec[] = [
  {
    key: 'links',
    table: 'organ_links',
    alias: 'l',
    from: 'organ_links AS l JOIN organs AS o ON o.id = l.organ_id',
    fields: [
      ['id', 'l.id::text'],
      ['organCode', 'o.code'],
      ['kind', 'l.kind'],
      ['startedOn', 'l.started_on'],
      ['endedOn', 'l.ended_on'],
    ],
    order: 'l.id',
  },
  {
    key: 'functions',
    table: 'association_functions',
    alias: 't',
    fields: [
      ['id', 't.ref'],
      ['name', 't.name'],
      ['kind', 't.kind'],
      ['origin', 't.origin'],
      ['handedOverByOrganCode', 't.handed_over_by_organ_code'],
      ['legalBasis', 't.legal_basis'],
      ['catalogueEntry', 't.catalogue_entry'],
      ['contractRef', 't.contract_ref'],
      ['published', 't.published'],
      ['tiedApprovalOrganCode', 't.tied_approval_organ_code'],
      ['startedOn', 't.started_on'],
      ['endedOn', 't.ended_on'],
    ],
    order: 't.ref',
  },
  {
    key: 'years',
    table: 'finance_years',
    alias: 't',
    fields: [
      ['year', 't.year'],
      ['independentAccount', 't.independent_account'],
      ['separateBooks', 't.separate_books'],
      ['accountingStandard', 't.accounting_standard'],
      ['directAppropriation', 't.direct_appropriation'],
      ['placementFunds', 't.placement_funds'],
      ['officeInAdministrativeSpace', 't.office_in_administrative_space'],
      ['officeOrganCode', 't.office_organ_code'],
      ['vacatedOn', 't.vacated_on'],
      ['paidUseAgreementRef', 't.paid_use_agreement_ref'],
      ['stateAssetsUsed', 't.state_assets_used'],
      ['stateAssetsRegisteredOn', 't.state_assets_registered_on'],
    ],
    order: 't.year',
  },
  {
    key: 'charterAmendments',
    table: 'charter_amendments',
    alias: 't',
    fields: [
      ['id', 't.ref'],
      ['amendedOn', 't.amended_on'],
      ['filedOn', 't.filed_on'],
    ],
    order: 't.ref',
  },
  {
    key: 'institutions',
    table: 'subordinate_institutions',
    alias: 't',
    fields: [
      ['id', 't.ref'],
      ['name', 't.name'],
      ['disposition', 't.disposition'],
      ['legalPersonCancelledOn', 't.legal_person_cancelled_on'],
      ['transferredTo', 't.transferred_to'],
    ],
    order: 't.ref',
  },
  {
    key: 'staff',
    table: 'staff_members',
    alias: 't',
    fields: [
      ['id', 't.ref'],
      ['name', 't.name'],
      ['labourContract', 't.labour_contract'],
      ['socialInsurance', 't.social_insurance'],
      ['housingFund', 't.housing_fund'],
      ['onEstablishment', 't.on_establishment'],
      ['startedOn', 't.started_on'],
      ['endedOn', 't.ended_on'],
    ],
    order: 't.ref',
  },
  {
    key: 'feeItems',
    table: 'fee_items',
    alias: 't',
    fields: [
      ['id', 't.ref'],
      ['name', 't.name'],
      ['category', 't.category'],
      ['amount', 't.amount'],
      ['tiers', tiers('t.tiers')],
      ['payer', 't.payer'],
      ['compulsory', flag('t.compulsory')],
      ['disguisedCompulsory', flag('t.disguised_compulsory')],
      ['obstructsWithdrawal', flag('t.obstructs_withdrawal')],
      ['servicesProvided', 't.services_provided'],
      ['coveredByDues', flag('t.covered_by_dues')],
      ['linkedFunctionId', 't.linked_function_ref'],
      ['linkedAwardId', 't.linked_award_ref'],
      ['collectedBy', 't.collected_by'],
      ['branchName', 't.branch_name'],
      ['standardSetBy', 't.standard_set_by'],
      ['published', flag('t.published')],
      ['pricing', 't.pricing'],
      ['pricedByProcedure', 't.priced_by_procedure'],
      ['kickback', flag('t.kickback')],
      ['legalBasis', 't.legal_basis'],
      ['duesDecisionId', 't.dues_decision_ref'],
      ['referenceAmount', 't.reference_amount'],
      ['complaintCount', 'coalesce(t.complaint_count, 0)'],
      ['startedOn', 't.started_on'],
      ['endedOn', 't.ended_on'],
    ],
    order: 't.ref',
  },
  {
    key: 'duesDecisions',
    table: 'dues_decisions',
    alias: 't',
    fields: [
      ['id', 't.ref'],
      ['assemblyDate', 't.assembly_date'],
      ['madeBy', 't.made_by'],
      ['secretBallot', 't.secret_ballot'],
      ['eligible', 't.eligible'],
      ['present', 't.present'],
      ['votesFor', 't.votes_for'],
      ['tiers', `coalesce(${tiers('t.tiers')}, '[]'::jsonb)`],
      ['floating', flag('t.floating')],
      ['published', flag('t.published')],
      ['adopted', flag('t.adopted')],
      ['effectiveFrom', 't.effective_from'],
      ['supersededOn', 't.superseded_on'],
    ],
    order: 't.ref',
  },
  {
    key: 'awards',
    table: 'awards',
    alias: 't',
    fields: [
      ['id', 't.ref'],
      ['name', 't.name'],
      ['approvalRef', 't.approval_ref'],
      ['startedOn', 't.started_on'],
    ],
    order: 't.ref',
  },
  {
    key: 'annualReports',
    table: 'annual_reports',
    alias: 't',
    fields: [
      ['year', 't.year'],
      ['filedOn', 't.filed_on'],
    ],
    order: 't.year',
  },
  {
    key: 'penalties',
    table: 'penalties',
    alias: 't',
    fields: [
      ['id', 't.ref'],
      ['kind', 't.kind'],
      ['amount', 't.amount'],
      ['decidedOn', 't.decided_on'],
    ],
    order: 't.ref',
  },
  {
    key: 'rectifications',
    table: 'rectifications',
    alias: 't',
    fields: [
      ['id', 't.ref'],
      ['orderedOn', 't.ordered_on'],
      ['dueOn', 't.due_on'],
      ['completedOn', 't.completed_on'],
    ],
    order: 't.ref',
  },
  {
    key: 'unreachable',
    table: 'unreachable_records',
    alias: 't',
    fields: [
      ['id', 't.ref'],
      ['verifiedOn', 't.verified_on'],
      ['resolvedOn', 't.resolved_on'],
    ],
    order: 't.ref',
  },
  {
    key: 'courtDefaults',
    table: 'court_defaults',
    alias: 't',
    fields: [
      ['id', 't.ref'],
      ['listedOn', 't.listed_on'],
      ['removedOn', 't.removed_on'],
    ],
    order: 't.ref',
  },
  {
    key: 'creditEntries',
    table: 'credit_entries',
    alias: 't',
    fields: [
      ['id', 't.ref'],
      ['list', 't.list'],
      ['ground', 't.ground'],
      ['groundOn', 't.ground_on'],
      ['listedOn', 't.listed_on'],
      ['removedOn', 't.removed_on'],
      ['obligationFulfilledOn', 't.obligation_fulfilled_on'],
      ['removalAppliedOn', 't.removal_applied_on'],
    ],
    order: 't.ref',
  },
];

const CASE_FIELDS: readonly TField[] = [
  ['id', 'c.ref'],
  ['batch', 'c.batch'],
  ['jurisdiction', 'c.jurisdiction'],
  ['listedOn', 'c.listed_on'],
  ['planDeadline', 'c.plan_deadline'],
  ['planApprovedOn', 'c.plan_approved_on'],
  ['completionDeadline', 'c.completion_deadline'],
  ['decoupledOn', 'c.decoupled_on'],
  ['blockedReason', 'c.blocked_reason'],
];

/**
 * A holder's official status: a roster record of `post_official_candidates` (the same keyed
 * resident-ID hash, a reviewer's confirmation, or a match of the latest matching run; never a
 * rejected pair), the retired record (latest retirement) first, as `loadFacts` reads it. Other posts
 * only for holders with a status, as only the rules on officials read them.
 */
const OTHER_POST = record([
  ['associationUscc', 'rtrim(a2.uscc)'],
  ['associationName', 'a2.name'],
  ['role', 'p2.role'],
  ['startedOn', 'p2.started_on'],
  ['endedOn', 'p2.ended_on'],
]);

const POST = record([
  ['id', 'p.id::text'],
  ['role', 'p.role'],
  ['branchName', 'p.branch_name'],
  ['startedOn', 'p.started_on'],
  ['endedOn', 'p.ended_on'],
  ['termNumber', 'p.term_number'],
  ['remunerated', 'p.remunerated'],
  [
    'approvals',
    // The approval recorded on the post itself comes first, then the separate ones by id.
    `CASE WHEN p.approval_ref IS NULL THEN coalesce(pa.j, '[]'::json)
          WHEN pa.j IS NULL THEN json_build_array(json_build_object('kind', 'approval', 'ref', p.approval_ref, 'date', p.approval_date))
          ELSE (SELECT json_agg(u.e ORDER BY u.n) FROM (
                  SELECT json_build_object('kind', 'approval', 'ref', p.approval_ref, 'date', p.approval_date) AS e, 0::bigint AS n
                  UNION ALL SELECT t.v, t.n FROM json_array_elements(pa.j) WITH ORDINALITY AS t(v, n)) AS u)
     END`,
  ],
  ['recommendedByOrganCode', 'p.recommended_by'],
  [
    'person',
    record([
      ['id', 'p.person_key::text'],
      ['name', 'p.person_name'],
      ['birthDate', 'p.person_birth_date'],
      [
        'status',
        record(
          [
            ['status', 'r.status'],
            ['retiredOn', 'r.retired_on'],
            ['rank', 'r.rank'],
            ['organKind', 'ok.kind'],
            ['organName', 'COALESCE(r.organ_name, ok.name)'],
            ['source', 'r.source'],
            ['recordKey', 'r.record_key'],
            ['matchConfidence', 'r.match_confidence'],
          ],
          'r.status IS NOT NULL',
        ),
      ],
      [
        'otherPosts',
        {
          kind: 'list',
          sql: `CASE WHEN r.status IS NOT NULL THEN (
            SELECT json_agg(${valueSql(OTHER_POST)} ORDER BY a2.uscc, p2.started_on, p2.id)
            FROM posts AS p2 JOIN associations AS a2 ON a2.id = p2.association_id
            WHERE p2.person_id = p.person_id AND p2.association_id <> p.association_id) END`,
          item: OTHER_POST,
        },
      ],
    ]),
  ],
]);

/**
 * The chunk's posts with their holders. The official statuses of all the chunk's posts are read in
 * one pass over the view, restricted to the chunk's post ids (which each branch of the view takes to
 * its `post_id` index), rather than one lookup per post. Holders are looked up one by one by their
 * key (a few thousand index probes) rather than by hashing the whole persons table for every chunk. The planner guesses that list short and
 * would then compare every post with every status; a full join has to hash, and adds no rows, as
 * every status read belongs to a post of the chunk.
 */
function postsSql(inChunk: (column: string) => string): string {
  return `SELECT p.association_id, json_agg(${valueSql(POST)} ORDER BY p.id) AS j
    FROM (
      SELECT p.*, pe.id AS person_key, pe.name AS person_name, pe.birth_date AS person_birth_date, ro.code AS recommended_by
      FROM posts AS p
      CROSS JOIN LATERAL (
        SELECT pe.id, pe.name, pe.birth_date FROM persons AS pe WHERE pe.id = p.person_id OFFSET 0
      ) AS pe
      LEFT JOIN organs AS ro ON ro.id = p.recommended_by_organ_id
      WHERE ${inChunk('p.association_id')}
    ) AS p
    LEFT JOIN (
      SELECT pa.post_id, json_agg(json_build_object('kind', pa.kind, 'ref', pa.ref, 'date', pa.date) ORDER BY pa.id) AS j
      FROM post_approvals AS pa JOIN posts AS pp ON pp.id = pa.post_id
      WHERE ${inChunk('pp.association_id')} GROUP BY pa.post_id
    ) AS pa ON pa.post_id = p.id
    FULL JOIN (
      SELECT DISTINCT ON (c.post_id) c.post_id, rr.status, rr.retired_on, rr.rank, rr.source, rr.record_key,
             rr.organ_name, rr.organ_id, c.match_confidence
      FROM post_official_candidates AS c JOIN roster_records AS rr ON rr.id = c.roster_record_id
      WHERE c.post_id = ANY(ARRAY(SELECT pc.id FROM posts AS pc WHERE ${inChunk('pc.association_id')}))
      ORDER BY c.post_id, CASE rr.status WHEN 'retired' THEN 0 WHEN 'left_not_retired' THEN 1 ELSE 2 END,
               rr.retired_on DESC NULLS LAST, c.match_confidence DESC, rr.source, rr.record_key
    ) AS r ON r.post_id = p.id
    LEFT JOIN organs AS ok ON ok.id = r.organ_id
    GROUP BY p.association_id`;
}

const list = (key: string): TList => {
  const spec = LISTS.find((l) => l.key === key)!;
  return { kind: 'list', sql: `"${key}".j`, item: record(spec.fields) };
};

/** One association's facts: `TAssociationFacts` with `organs: null` (the caller puts its index there). */
const FACTS = record([
  [
    'association',
    record([
      ['uscc', 'rtrim(a.uscc)'],
      ['name', 'a.name'],
      ['level', 'a.level'],
      ['regionCode', 'rtrim(a.region_code)'],
      ['registrationCategory', `coalesce(x.registration_category, 'social_group')`],
      ['membershipBasis', 'x.membership_basis'],
      ['memberCount', 'a.member_count'],
      ['address', 'a.address'],
      ['phone', 'a.phone'],
      ['bankAccount', 'a.bank_account'],
      ['status', 'a.status'],
      ['registeredOn', 'a.registered_on'],
      ['deregisteredOn', 'x.deregistered_on'],
      ['recordedSupervisingUnit', 'x.recorded_supervising_unit'],
      [
        'scopeDecision',
        record(
          [
            ['kind', 's.kind'],
            ['outcome', 's.outcome'],
            ['ref', 's.ref'],
            ['decidedOn', 's.decided_on'],
            ['reason', 's.reason'],
          ],
          's.ref IS NOT NULL',
        ),
      ],
    ]),
  ],
  ['organs', 'NULL'],
  ['links', list('links')],
  ['case', record(CASE_FIELDS, 'c.ref IS NOT NULL')],
  ['functions', list('functions')],
  [
    'finance',
    record([
      ['base2015Appropriation', 'fb.base_2015_appropriation'],
      ['base2015RetireeFunding', 'fb.base_2015_retiree_funding'],
      ['years', list('years')],
    ]),
  ],
  ['charterAmendments', list('charterAmendments')],
  ['institutions', list('institutions')],
  ['staff', list('staff')],
  [
    'party',
    record(
      [
        ['organisationExists', flag('po.organisation_exists')],
        ['memberCount', 'po.member_count'],
        ['relationship', 'po.relationship'],
        ['transferredOn', 'po.transferred_on'],
      ],
      'po.association_id IS NOT NULL',
    ),
  ],
  [
    'foreignAffairs',
    record(
      [['administeredByFormerOrgan', 'fa.administered_by_former_organ']],
      'fa.association_id IS NOT NULL',
    ),
  ],
  ['feeItems', list('feeItems')],
  ['duesDecisions', list('duesDecisions')],
  ['awards', list('awards')],
  ['annualReports', list('annualReports')],
  ['penalties', list('penalties')],
  ['rectifications', list('rectifications')],
  ['unreachable', list('unreachable')],
  ['courtDefaults', list('courtDefaults')],
  ['creditEntries', list('creditEntries')],
  ['posts', { kind: 'list', sql: 'posts.j', item: POST }],
]);

function chunkSql(inChunk: (column: string) => string, associations: string): string {
  const lists = LISTS.map(
    (spec) => `LEFT JOIN (
      SELECT ${spec.alias}.association_id, json_agg(${valueSql(record(spec.fields))} ORDER BY ${spec.order}) AS j
      FROM ${spec.from ?? `${spec.table} AS ${spec.alias}`}
      WHERE ${inChunk(`${spec.alias}.association_id`)} GROUP BY ${spec.alias}.association_id
    ) AS "${spec.key}" ON "${spec.key}".association_id = a.id`,
  ).join('\n');
  return `SELECT coalesce(json_agg(json_build_array(a.id, ${valueSql(FACTS)}) ORDER BY a.id), '[]'::json)::text AS j
    FROM ${associations}
    LEFT JOIN association_extras AS x ON x.association_id = a.id
    LEFT JOIN LATERAL (
      SELECT d.ref, d.kind, d.outcome, d.decided_on, d.reason FROM scope_decisions AS d
      WHERE d.association_id = a.id ORDER BY d.decided_on DESC, d.ref DESC LIMIT 1
    ) AS s ON TRUE
    LEFT JOIN (
      SELECT DISTINCT ON (c.association_id) c.* FROM decoupling_cases AS c WHERE ${inChunk('c.association_id')}
      ORDER BY c.association_id, c.listed_on DESC NULLS LAST, c.ref DESC
    ) AS c ON c.association_id = a.id
    LEFT JOIN finance_bases AS fb ON fb.association_id = a.id
    LEFT JOIN party_organisations AS po ON po.association_id = a.id
    LEFT JOIN foreign_affairs AS fa ON fa.association_id = a.id
    ${lists}
    LEFT JOIN (${postsSql(inChunk)}) AS posts ON posts.association_id = a.id`;
}

/**
 * When a chunk's ids fill at least half of their id range, every table is read by that range (one
 * index range scan each) and the join to the chunk's associations drops the rest; a sparse chunk (a
 * jurisdiction scattered over the registry) is read by its id list.
 */
function isDense(ids: readonly number[]): boolean {
  const span = ids[ids.length - 1]! - ids[0]! + 1;
  return span <= ids.length * 2;
}

const DENSE_SQL = chunkSql(
  (column) => `${column} BETWEEN $1 AND $2`,
  'unnest($3::bigint[]) AS k(id) JOIN associations AS a ON a.id = k.id AND a.id BETWEEN $1 AND $2',
);
const SPARSE_SQL = chunkSql(
  (column) => `${column} IN (SELECT unnest($1::bigint[]))`,
  'unnest($1::bigint[]) AS k(id) JOIN associations AS a ON a.id = k.id',
);

/**
 * The facts of a chunk of associations as JSON text: `[[associationId, facts], …]` in id order, each
 * `facts` in the positional form that `decodeFacts` reads.
 */
export async function readFactsJson(q: Queryable, chunk: TFactChunk): Promise<string> {
  const { ids } = chunk;
  if (ids.length === 0) return '[]';
  const { rows } = isDense(ids)
    ? await q.query<{ j: string }>(DENSE_SQL, [ids[0], ids[ids.length - 1], ids])
    : await q.query<{ j: string }>(SPARSE_SQL, [ids]);
  return rows[0]!.j;
}

const decodeAssociation = decoderOf(FACTS)!;

/**
 * The text of `readFactsJson` as `[associationId, facts]` pairs, in id order, each `facts` a
 * `TAssociationFacts` with `organs: null` (the caller puts its organ index there).
 */
export function decodeFacts(json: string): [number, TAssociationFacts][] {
  const rows = JSON.parse(json) as [number, unknown][];
  return rows.map(([associationId, facts]) => [associationId, decodeAssociation(facts) as TAssociationFacts]);
}
