import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TUserRole, USER_ROLES } from '../src/db/repositories/users.repository.ts';
import { waitForMatchRuns } from '../src/jobs/match-runs.ts';
import { waitForScreeningRuns } from '../src/jobs/screen.ts';
import { ROUTE_TABLE, ROUTES, type TRouteId } from '../src/server/routes.ts';
import { firstMoveOf, planUploadForm, seedCaseFixtures, type TCaseFixtures } from './cases/support.ts';
import { seedInspectionFixtures, type TInspectionFixtures } from './inspections/matrix-fixtures.ts';
import { seedMatchFixtures, type TMatchFixtures } from './match-runs/support.ts';
import { seedPortalFixtures, type TPortalFixtures } from './portal/matrix-fixtures.ts';
import { seedFindings } from './screen/support.ts';
import { call, createTestApp, login, type TSession, type TTestApp } from './server/support.ts';
import { buildWorld, type TWorld } from './server/world.ts';
import { openTestDatabase } from './support/database.ts';
import { TEST_PASSWORD, testProtector } from './support/factories.ts';

/**
 * Every route of the route table × every role (and anonymous) × an entity inside and one outside the
 * role's jurisdiction. Who may call what is stated here independently of the table, so a change of
 * the table that loosens access fails here, and a route added to the table without a line here fails
 * to compile (and fails the coverage test below).
 */

type TWho = TUserRole | 'anonymous';
type TWhere = 'inside' | 'outside';

/** The access policy, as the product defines it. */
const POLICY: Record<TRouteId, 'public' | 'session' | readonly TUserRole[]> = {
  health: 'public',
  login: 'public',
  logout: 'session',
  me: 'session',
  searchAssociations: USER_ROLES,
  registrySummary: USER_ROLES,
  exportAssociations: USER_ROLES,
  getAssociation: USER_ROLES,
  discloseIdentifier: ['regulator', 'admin'],
  searchOrgans: USER_ROLES,
  getOrgan: USER_ROLES,
  listRegions: 'public',
  listAuditEvents: ['auditor', 'admin'],
  publicSearchAssociations: 'public',
  publicGetAssociation: 'public',
  listFindings: USER_ROLES,
  exportFindings: USER_ROLES,
  getFinding: USER_ROLES,
  transitionFinding: ['regulator', 'admin', 'organ', 'association'],
  associationFindings: USER_ROLES,
  listRules: USER_ROLES,
  startScreeningRun: ['regulator', 'admin'],
  listScreeningRuns: ['regulator', 'admin', 'inspector', 'auditor'],
  // Dashboards: organ staff see their own associations' cases; association staff and inspectors are refused.
  dashboardAggregate: ['regulator', 'organ', 'auditor', 'admin'],
  dashboardList: ['regulator', 'organ', 'auditor', 'admin'],
  dashboardExport: ['regulator', 'organ', 'auditor', 'admin'],
  workSummary: ['regulator', 'organ', 'auditor', 'admin'],
  // Matching: regulators and admins run and review within their jurisdiction; auditors read.
  startMatchRun: ['regulator', 'admin'],
  listMatchRuns: ['regulator', 'admin', 'auditor'],
  getMatchRun: ['regulator', 'admin', 'auditor'],
  listMatchReviewQueue: ['regulator', 'admin', 'auditor'],
  decideMatchResult: ['regulator', 'admin'],
  undoMatchReview: ['regulator', 'admin'],
  checkOfficial: ['regulator', 'admin'],
  listCases: USER_ROLES,
  exportCases: USER_ROLES,
  openCase: ['regulator', 'admin'],
  getCase: USER_ROLES,
  transitionCase: ['regulator', 'organ', 'association', 'admin'],
  uploadCaseEvidence: ['association', 'organ', 'admin'],
  downloadCaseEvidence: USER_ROLES,
  transitionCaseItem: ['regulator', 'organ'],
  listNotifications: USER_ROLES,
  markNotificationRead: USER_ROLES,
  markAllNotificationsRead: USER_ROLES,
  // Public portal, complaints inbox and credit lists.
  publicAssociationScorecard: 'public',
  publicAssociationFees: 'public',
  publicAssociationCredit: 'public',
  publicAssociationComplaints: 'public',
  publicFileComplaint: 'public',
  publicTrackComplaint: 'public',
  listComplaints: ['regulator', 'admin', 'auditor'],
  getComplaint: ['regulator', 'admin', 'auditor'],
  actOnComplaint: ['regulator', 'admin'],
  listCredit: ['regulator', 'admin', 'inspector', 'auditor'],
  associationCredit: USER_ROLES,
  actOnCredit: ['regulator', 'admin'],
  // Random inspections: regulators and admins run draws; inspectors read and record their results.
  listDraws: ['regulator', 'admin', 'inspector', 'auditor'],
  createDraw: ['regulator', 'admin'],
  getDraw: ['regulator', 'admin', 'inspector', 'auditor'],
  revealDraw: ['regulator', 'admin'],
  assignInspectors: ['regulator', 'admin'],
  recordResult: ['regulator', 'admin', 'inspector'],
  publishDraw: ['regulator', 'admin'],
  listAssignments: ['regulator', 'admin', 'inspector', 'auditor'],
  listInspectors: ['regulator', 'admin', 'auditor'],
  createInspector: ['regulator', 'admin'],
  declareConflict: ['regulator', 'admin', 'inspector'],
  publicListDraws: 'public',
  publicGetDraw: 'public',
  publicAssociationInspections: 'public',
  publicOpenDataIndex: 'public',
  publicOpenDataFile: 'public',
};

/** Routes on one finding: the handler refuses a finding of an association outside the scope. */
const FINDING_SCOPED: readonly TRouteId[] = [
  'getFinding',
  'transitionFinding',
  'getComplaint',
  'actOnComplaint',
];

/** One complaint and one credit listing per association (see portal/matrix-fixtures.ts). */
let portalFixtures: TPortalFixtures;
const complaintFor = (uscc: string) => portalFixtures.complaints.get(uscc) ?? 0;

/** Routes on one matching result or review: the handler checks the post's association. */
const MATCH_SCOPED: readonly TRouteId[] = ['decideMatchResult', 'undoMatchReview'];
let matchFixtures: TMatchFixtures;

/** Routes on one case (or an association to open a case for): the handler checks the scope. */
const CASE_SCOPED: readonly TRouteId[] = [
  'openCase',
  'getCase',
  'transitionCase',
  'uploadCaseEvidence',
  'downloadCaseEvidence',
  'transitionCaseItem',
];
let caseFixtures: TCaseFixtures;

/** Draws per account and association (committed, complete) and shared ones; see matrix-fixtures.ts. */
let inspectionFixtures: TInspectionFixtures;
const drawFor = (draws: Map<string, string>, username: string, uscc: string) =>
  draws.get(`${username}|${uscc}`) ?? 'none';

/** A fresh finding per account and association (filled before the tests), so moves never collide. */
const findingIds = new Map<string, number>();
const findingFor = (username: string, uscc: string) => findingIds.get(`${username}|${uscc}`) ?? 0;

/** Roles whose jurisdiction is the whole registry: nothing is outside it. */
const NATIONWIDE: readonly TUserRole[] = ['auditor', 'admin'];

type TSample = { uscc: string; organCode: string; personId: number };

/** Which fixture entities lie inside / outside each account's jurisdiction (see world.ts). */
function samplesFor(world: TWorld, who: TWho): Record<TWhere, TSample> {
  const { associations: a, organs: o, persons: p } = world;
  const beijing = { uscc: a.beijing.uscc, organCode: o.beijingBureau.code, personId: p.beijing };
  const shanghai = { uscc: a.shanghai.uscc, organCode: o.shanghaiBureau.code, personId: p.shanghai };
  switch (who) {
    case 'organ':
      // Linked through a unit below the ministry, and the link has ended: still inside.
      return {
        inside: { uscc: a.national.uscc, organCode: o.ministryUnit.code, personId: p.national },
        outside: shanghai,
      };
    case 'regulator':
    case 'inspector':
    case 'association':
    case 'auditor':
    case 'admin':
    case 'anonymous':
      return { inside: beijing, outside: shanghai };
  }
}

type TRequestSpec = {
  path: string;
  method?: 'GET' | 'POST';
  body?: unknown;
  /** Awaited before the request (e.g. until the previous background run has finished). */
  before?: () => Promise<void>;
  /** A multipart body (sent as is instead of JSON). */
  form?: () => FormData;
  /** For listings: the keys the response shows, to check that nothing outside the scope leaks. */
  visibleKeys?: (response: Response) => Promise<string[]>;
  /** Which key of the sample a listing must (inside) or must not (outside) show. */
  sampleKey?: (sample: TSample) => string;
};

const itemKeys = (field: 'uscc' | 'code') => async (response: Response) =>
  ((await response.json()) as { items: Record<string, string>[] }).items.map((item) => item[field]!);

const REQUESTS: Record<TRouteId, (sample: TSample, username: string) => TRequestSpec> = {
  health: () => ({ path: '/api/health' }),
  login: (_, username) => ({
    path: '/api/auth/login',
    method: 'POST',
    body: { username, password: TEST_PASSWORD },
  }),
  logout: () => ({ path: '/api/auth/logout', method: 'POST' }),
  me: () => ({ path: '/api/auth/me' }),
  registrySummary: () => ({ path: '/api/registry/summary' }),
  searchAssociations: () => ({
    path: '/api/associations?pageSize=200',
    visibleKeys: itemKeys('uscc'),
    sampleKey: (s) => s.uscc,
  }),
  exportAssociations: () => ({
    path: '/api/associations/export?format=csv',
    visibleKeys: async (response) =>
      [...(await response.text()).matchAll(/^[0-9A-Y]{18}/gm)].map((m) => m[0]),
    sampleKey: (s) => s.uscc,
  }),
  getAssociation: (s) => ({ path: `/api/associations/${s.uscc}` }),
  discloseIdentifier: (s) => ({
    path: `/api/persons/${s.personId}/identifier?reason=authorization%20matrix`,
  }),
  searchOrgans: () => ({
    path: '/api/organs?pageSize=200',
    visibleKeys: itemKeys('code'),
    sampleKey: (s) => s.organCode,
  }),
  getOrgan: (s) => ({ path: `/api/organs/${s.organCode}` }),
  listRegions: () => ({ path: '/api/regions' }),
  listAuditEvents: () => ({ path: '/api/audit-events' }),
  publicSearchAssociations: () => ({ path: '/api/public/associations' }),
  publicGetAssociation: (s) => ({ path: `/api/public/associations/${s.uscc}` }),
  listFindings: () => ({
    path: '/api/findings?pageSize=200',
    visibleKeys: async (response) =>
      ((await response.json()) as { items: { association: { uscc: string } }[] }).items.map(
        (item) => item.association.uscc,
      ),
    sampleKey: (s) => s.uscc,
  }),
  exportFindings: () => ({
    path: '/api/findings/export?format=csv',
    visibleKeys: async (response) =>
      [...(await response.text()).matchAll(/,([0-9A-Y]{18}),/g)].map((m) => m[1]!),
    sampleKey: (s) => s.uscc,
  }),
  getFinding: (s, username) => ({ path: `/api/findings/${findingFor(username, s.uscc)}` }),
  transitionFinding: (s, username) => ({
    path: `/api/findings/${findingFor(username, s.uscc)}/transition`,
    method: 'POST',
    body: { to: 'appealed', reason: 'authorization matrix' },
  }),
  associationFindings: (s) => ({ path: `/api/associations/${s.uscc}/findings` }),
  listRules: () => ({ path: '/api/rules' }),
  startScreeningRun: () => ({
    path: '/api/screening-runs',
    method: 'POST',
    body: { asOf: '2020-06-30' },
    before: () => waitForScreeningRuns(db),
  }),
  listScreeningRuns: () => ({ path: '/api/screening-runs' }),
  startMatchRun: () => ({
    path: '/api/match-runs',
    method: 'POST',
    body: { asOf: '2026-12-01' },
    before: () => waitForMatchRuns(db),
  }),
  listMatchRuns: () => ({ path: '/api/match-runs' }),
  getMatchRun: () => ({ path: `/api/match-runs/${matchFixtures.runId}` }),
  listMatchReviewQueue: () => ({
    path: '/api/match-reviews?state=all&pageSize=200',
    visibleKeys: async (response) =>
      ((await response.json()) as { items: { post: { associationUscc: string } }[] }).items.map(
        (item) => item.post.associationUscc,
      ),
    sampleKey: (s) => s.uscc,
  }),
  decideMatchResult: (s, username) => ({
    path: `/api/match-results/${matchFixtures.resultFor(username, s.uscc)}/review`,
    method: 'POST',
    body: { decision: 'reject', reason: 'authorization matrix' },
  }),
  undoMatchReview: (s, username) => ({
    path: `/api/match-reviews/${matchFixtures.reviewFor(username, s.uscc)}/undo`,
    method: 'POST',
    body: { reason: 'authorization matrix' },
  }),
  checkOfficial: () => ({
    path: '/api/officials/check',
    method: 'POST',
    body: { name: '矩阵测试', birthDate: '1961-01-01' },
  }),
  dashboardAggregate: () => ({ path: '/api/dashboard/progress' }),
  dashboardList: () => ({
    path: '/api/dashboard/progress/list?pageSize=200',
    visibleKeys: itemKeys('uscc'),
    sampleKey: (s) => s.uscc,
  }),
  dashboardExport: () => ({ path: '/api/dashboard/progress/list.xlsx' }),
  workSummary: () => ({ path: '/api/work-summary?format=docx' }),
  listCases: () => ({
    path: '/api/cases?pageSize=200',
    visibleKeys: async (response) =>
      ((await response.json()) as { items: { association: { uscc: string } }[] }).items.map(
        (item) => item.association.uscc,
      ),
    sampleKey: (s) => s.uscc,
  }),
  exportCases: () => ({
    path: '/api/cases/export?format=csv',
    visibleKeys: async (response) =>
      [...(await response.text()).matchAll(/,([0-9A-Y]{18}),/g)].map((m) => m[1]!),
    sampleKey: (s) => s.uscc,
  }),
  openCase: (s, username) => ({
    path: '/api/cases',
    method: 'POST',
    body: { uscc: s.uscc, batch: 'rollout-2019', ref: `matrix-open-${username}` },
  }),
  getCase: (s, username) => ({ path: `/api/cases/${caseFixtures.caseFor(username, s.uscc, 'upload')}` }),
  transitionCase: (s, username) => ({
    path: `/api/cases/${caseFixtures.caseFor(username, s.uscc, 'move')}/transition`,
    method: 'POST',
    body: firstMoveOf(caseFixtures.roleOf(username)),
  }),
  uploadCaseEvidence: (s, username) => ({
    path: `/api/cases/${caseFixtures.caseFor(username, s.uscc, 'upload')}/evidence`,
    method: 'POST',
    form: () => planUploadForm(`${username}|${s.uscc}`),
  }),
  downloadCaseEvidence: (s, username) => ({
    path: `/api/cases/${caseFixtures.caseFor(username, s.uscc, 'upload')}/evidence/${caseFixtures.evidenceFor(username, s.uscc)}`,
  }),
  transitionCaseItem: (s, username) =>
    caseFixtures.roleOf(username) === 'regulator'
      ? {
          path: `/api/cases/${caseFixtures.caseFor(username, s.uscc, 'item')}/items/inst.links_ended/transition`,
          method: 'POST',
          body: { to: 'waived', reason: 'authorization matrix' },
        }
      : {
          path: `/api/cases/${caseFixtures.caseFor(username, s.uscc, 'item')}/items/func.admin_functions_withdrawn/transition`,
          method: 'POST',
          body: { to: 'signed_off' },
        },
  listNotifications: () => ({ path: '/api/notifications' }),
  markNotificationRead: (_, username) => ({
    path: `/api/notifications/${caseFixtures.notificationFor(username)}/read`,
    method: 'POST',
  }),
  markAllNotificationsRead: () => ({ path: '/api/notifications/read-all', method: 'POST' }),
  publicAssociationScorecard: (s) => ({ path: `/api/public/associations/${s.uscc}/scorecard` }),
  publicAssociationFees: (s) => ({ path: `/api/public/associations/${s.uscc}/fees` }),
  publicAssociationCredit: (s) => ({ path: `/api/public/associations/${s.uscc}/credit` }),
  publicAssociationComplaints: (s) => ({ path: `/api/public/associations/${s.uscc}/complaints` }),
  publicFileComplaint: (s) => ({
    path: '/api/public/complaints',
    method: 'POST',
    body: { uscc: s.uscc, text: '协会强制入会，请核查处理。' },
  }),
  publicTrackComplaint: () => ({ path: `/api/public/complaints/${portalFixtures.trackingCode}` }),
  listComplaints: () => ({
    path: '/api/complaints?pageSize=200',
    visibleKeys: async (response) =>
      ((await response.json()) as { items: { association: { uscc: string } }[] }).items.map(
        (item) => item.association.uscc,
      ),
    sampleKey: (s) => s.uscc,
  }),
  getComplaint: (s) => ({ path: `/api/complaints/${complaintFor(s.uscc)}` }),
  actOnComplaint: (s) => ({
    path: `/api/complaints/${complaintFor(s.uscc)}/actions`,
    method: 'POST',
    body: { type: 'reclassify', family: 'FEE', feeRule: 'FEE-1' },
  }),
  listCredit: () => ({
    path: '/api/credit?pageSize=200',
    visibleKeys: itemKeys('uscc'),
    sampleKey: (s) => s.uscc,
  }),
  associationCredit: (s) => ({ path: `/api/associations/${s.uscc}/credit` }),
  actOnCredit: (s, username) => ({
    path: `/api/associations/${s.uscc}/credit/actions`,
    method: 'POST',
    body: {
      type: 'record_ground',
      groundKey: `matrix:${username}`,
      list: 'abnormal',
      ground: 'other',
      arisenOn: '2026-03-02',
      detailZh: '授权矩阵',
      detailEn: 'authorization matrix',
    },
  }),
  listDraws: () => ({ path: '/api/inspections/draws' }),
  createDraw: () => ({
    path: '/api/inspections/draws',
    method: 'POST',
    body: { kind: 'yearly', year: 2026, jurisdiction: '110000' },
  }),
  getDraw: () => ({ path: `/api/inspections/draws/${inspectionFixtures.toRecord}` }),
  revealDraw: (s, username) => ({
    path: `/api/inspections/draws/${drawFor(inspectionFixtures.committed, username, s.uscc)}/draw`,
    method: 'POST',
  }),
  assignInspectors: () => ({
    path: `/api/inspections/draws/${inspectionFixtures.toAssign}/assignments`,
    method: 'POST',
    body: {},
  }),
  recordResult: (_, username) => ({
    path: `/api/inspections/draws/${inspectionFixtures.toRecord}/results`,
    method: 'POST',
    body: {
      uscc: inspectionFixtures.toRecordUscc,
      inspectedOn: '2026-04-02',
      outcome: 'compliant',
      summaryZh: `合规（${username}）`,
      summaryEn: `Compliant (${username})`,
    },
  }),
  publishDraw: (s, username) => ({
    path: `/api/inspections/draws/${drawFor(inspectionFixtures.complete, username, s.uscc)}/publish`,
    method: 'POST',
  }),
  listAssignments: () => ({ path: '/api/inspections/assignments' }),
  listInspectors: () => ({ path: '/api/inspections/inspectors' }),
  createInspector: (s, username) => ({
    path: '/api/inspections/inspectors',
    method: 'POST',
    body: {
      code: `N-${username}-${s.uscc}`,
      displayName: '矩阵检查员',
      organCode: 'X',
      regionCode: '110000',
    },
  }),
  declareConflict: () => ({
    path: `/api/inspections/inspectors/${inspectionFixtures.inspectorCode}/conflicts`,
    method: 'POST',
    body: { uscc: inspectionFixtures.outsideFrameUscc, note: 'authorization matrix' },
  }),
  publicListDraws: () => ({ path: '/api/public/inspections/draws' }),
  publicGetDraw: () => ({ path: `/api/public/inspections/draws/${inspectionFixtures.toRecord}` }),
  publicAssociationInspections: (s) => ({ path: `/api/public/associations/${s.uscc}/inspections` }),
  publicOpenDataIndex: () => ({ path: '/api/public/open-data' }),
  publicOpenDataFile: () => ({
    path: `/api/public/open-data/${inspectionFixtures.openDataDate}/manifest.json`,
  }),
};

type TExpectation = { status: number; code?: string };

/** The one 2xx status a route declares in its OpenAPI responses (200, 202 for background runs, 204). */
function declaredSuccessStatus(id: TRouteId): number {
  const statuses = Object.keys(ROUTES[id].route.responses)
    .map(Number)
    .filter((status) => status >= 200 && status < 300);
  if (statuses.length !== 1) throw new Error(`${id} declares ${statuses.length} success statuses`);
  return statuses[0]!;
}

function expectationFor(id: TRouteId, who: TWho, where: TWhere): TExpectation {
  const policy = POLICY[id];
  const ok = { status: declaredSuccessStatus(id) };
  if (policy === 'public') return ok;
  if (who === 'anonymous') return { status: 401, code: 'unauthenticated' };
  if (policy === 'session') return ok;
  if (!policy.includes(who)) return { status: 403, code: 'forbidden' };
  const scope = ROUTES[id].access.kind === 'roles' ? ROUTES[id].access.scope.kind : 'global';
  const entityScoped =
    scope === 'association' ||
    scope === 'organ' ||
    scope === 'person' ||
    FINDING_SCOPED.includes(id) ||
    MATCH_SCOPED.includes(id) ||
    CASE_SCOPED.includes(id);
  if (entityScoped && where === 'outside' && !NATIONWIDE.includes(who))
    return { status: 403, code: 'outside_scope' };
  return ok;
}

const WHO: TWho[] = ['anonymous', ...USER_ROLES];

let db: Awaited<ReturnType<typeof openTestDatabase>>;
let app: TTestApp;
let world: TWorld;
const sessions = new Map<TUserRole, TSession>();

beforeAll(async () => {
  db = await openTestDatabase();
  const protector = testProtector();
  world = await buildWorld(db, protector);
  app = createTestApp(db, protector);
  for (const role of USER_ROLES) sessions.set(role, await login(app, world.accounts[role].username));
  const usccs = Object.values(world.associations).map((a) => a.uscc);
  const keys = Object.values(world.accounts).flatMap((account) =>
    usccs.map((uscc) => ({ key: `${account.username}|${uscc}`, uscc })),
  );
  for (const [key, id] of await seedFindings(db, keys)) findingIds.set(key, id);
  portalFixtures = await seedPortalFixtures(db, usccs);
  matchFixtures = await seedMatchFixtures(db, protector, keys);
  caseFixtures = await seedCaseFixtures(db, {
    accounts: Object.entries(world.accounts).map(([role, a]) => ({ ...a, role: role as TUserRole })),
    usccs,
  });
  inspectionFixtures = await seedInspectionFixtures(db, {
    keys: keys.map((k) => k.key),
    jurisdiction: '110000',
    inspectorUsername: world.accounts.inspector.username,
    organCode: world.organs.ministry.code,
    outsideFrameUscc: world.associations.national.uscc,
  });
});

afterAll(async () => {
  await db.drop();
});

describe('route table coverage', () => {
  it('states a policy and a request for every route of the table, and for nothing else', () => {
    const ids = ROUTE_TABLE.map((r) => r.id).sort();
    expect(Object.keys(POLICY).sort()).toEqual(ids);
    expect(Object.keys(REQUESTS).sort()).toEqual(ids);
  });

  it.each(ROUTE_TABLE)('declares in the table the access the policy states for $id', ({ id, definition }) => {
    const policy = POLICY[id];
    const access = definition.access;
    if (policy === 'public' || policy === 'session') expect(access.kind).toBe(policy);
    else expect(access.kind === 'roles' ? [...access.roles].sort() : access.kind).toEqual([...policy].sort());
  });
});

describe.each(ROUTE_TABLE.map((r) => r.id))('%s', (id) => {
  const cases = WHO.flatMap((who) =>
    (who === 'anonymous' ? (['inside'] as const) : (['inside', 'outside'] as const)).map((where) => ({
      who,
      where,
    })),
  );

  it.each(cases)('$who, $where the scope', async ({ who, where }) => {
    const sample = samplesFor(world, who)[where];
    const username = who === 'anonymous' ? world.accounts.admin.username : world.accounts[who].username;
    const spec = REQUESTS[id](sample, username);
    await spec.before?.();
    // Logging out ends the session, so it gets a session of its own.
    const session =
      who === 'anonymous' ? undefined : id === 'logout' ? await login(app, username) : sessions.get(who);
    const response = spec.form
      ? await app.request(spec.path, {
          method: spec.method ?? 'POST',
          headers: session ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken } : {},
          body: spec.form(),
        })
      : await call(app, spec.path, { session, method: spec.method, body: spec.body });
    const expected = expectationFor(id, who, where);

    expect(response.status, `${who} ${where}: ${spec.method ?? 'GET'} ${spec.path}`).toBe(expected.status);
    if (expected.code) {
      const body = (await response.json()) as { error: { code: string } };
      expect(body.error.code).toBe(expected.code);
    } else if (spec.visibleKeys && spec.sampleKey && who !== 'anonymous') {
      const keys = await spec.visibleKeys(response);
      const key = spec.sampleKey(sample);
      if (where === 'inside' || NATIONWIDE.includes(who)) expect(keys).toContain(key);
      else expect(keys).not.toContain(key);
    }
  });
});
