import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseCaseNotices } from '../../src/jobs/cases-notices.ts';
import type { TCaseDetailBody } from '../../src/server/handlers/cases.routes.ts';
import { seedFindings } from '../screen/support.ts';
import { call, createTestApp, login, type TSession, type TTestApp } from '../server/support.ts';
import { buildWorld, type TWorld } from '../server/world.ts';
import { openTestDatabase } from '../support/database.ts';
import { createUser, testProtector } from '../support/factories.ts';
import { contentOf, fileNameOf, upload } from './support.ts';

/**
 * The case API end to end in-process: one case of the national association walked from the list to
 * decoupled by the accounts that own each step, with the refusals on the way, the fact columns the
 * rules read, the audit trail, evidence storage, notifications and the export.
 */

let db: Awaited<ReturnType<typeof openTestDatabase>>;
let app: TTestApp;
let world: TWorld;
const s = {} as Record<
  'regulator' | 'regulatorBj' | 'organ' | 'association' | 'associationBj' | 'auditor',
  TSession
>;
let caseId: number;

async function detail(session: TSession, id = caseId): Promise<TCaseDetailBody> {
  const response = await call(app, `/api/cases/${id}`, { session });
  expect(response.status).toBe(200);
  return (await response.json()) as TCaseDetailBody;
}

async function move(session: TSession, body: Record<string, unknown>, id = caseId) {
  return call(app, `/api/cases/${id}/transition`, { session, method: 'POST', body });
}

async function errorOf(response: Response): Promise<{ code: string; message: string }> {
  return ((await response.json()) as { error: { code: string; message: string } }).error;
}

beforeAll(async () => {
  db = await openTestDatabase();
  const protector = testProtector();
  world = await buildWorld(db, protector);
  await createUser(db, { username: 'regulator-cn', role: 'regulator', scopeRegion: '100000' });
  await createUser(db, {
    username: 'association-cn',
    role: 'association',
    scopeAssociationUscc: world.associations.national.uscc,
  });
  app = createTestApp(db, protector, { now: () => new Date('2019-08-01T02:00:00Z') });
  s.regulator = await login(app, 'regulator-cn');
  s.regulatorBj = await login(app, world.accounts.regulator.username);
  s.organ = await login(app, world.accounts.organ.username);
  s.association = await login(app, 'association-cn');
  s.associationBj = await login(app, world.accounts.association.username);
  s.auditor = await login(app, world.accounts.auditor.username);
});

afterAll(async () => {
  await db.drop();
});

describe('a decoupling case through the API', () => {
  it('puts an association on the 2019 list with the batch deadlines and a checklist from the pack', async () => {
    const response = await call(app, '/api/cases', {
      session: s.regulator,
      method: 'POST',
      body: { uscc: world.associations.national.uscc, batch: 'rollout-2019' },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as TCaseDetailBody;
    caseId = body.case.id;
    expect(body.case.state).toBe('listed');
    expect(body.case.planDeadline).toBe('2019-12-31');
    expect(body.case.completionDeadline).toBe('2020-12-31');
    expect(new Set(body.checklist.map((i) => i.separation))).toEqual(
      new Set(['institution', 'functions', 'assets_finance', 'personnel', 'party_foreign_affairs']),
    );
    expect(body.checklist.every((i) => i.state === 'open')).toBe(true);
    expect(body.timeline.map((e) => e.to)).toEqual(['listed']);
  });

  it('refuses an unknown batch and a second case with the same reference', async () => {
    const unknown = await call(app, '/api/cases', {
      session: s.regulator,
      method: 'POST',
      body: { uscc: world.associations.national.uscc, batch: 'rollout-2031' },
    });
    expect(unknown.status).toBe(400);
    expect((await errorOf(unknown)).message).toContain('rollout-2019');
    const twice = await call(app, '/api/cases', {
      session: s.regulator,
      method: 'POST',
      body: { uscc: world.associations.national.uscc, batch: 'rollout-2019' },
    });
    expect(twice.status).toBe(409);
  });

  it('keeps other jurisdictions out: a Beijing regulator and another association get 403', async () => {
    expect((await call(app, `/api/cases/${caseId}`, { session: s.regulatorBj })).status).toBe(403);
    expect((await call(app, `/api/cases/${caseId}`, { session: s.associationBj })).status).toBe(403);
    const listed = await call(app, '/api/cases', { session: s.regulatorBj });
    expect(((await listed.json()) as { total: number }).total).toBe(0);
    // The organ was linked to the association through a unit below it: inside its scope.
    expect((await call(app, `/api/cases/${caseId}`, { session: s.organ })).status).toBe(200);
  });

  it('lets the association draft and submit its plan only with a plan document that is what it claims', async () => {
    expect((await move(s.association, { to: 'plan_drafted' })).status).toBe(200);
    const without = await move(s.association, { to: 'plan_submitted' });
    expect(without.status).toBe(400);
    expect((await errorOf(without)).message).toContain('方案文件');

    const fake = await upload(app, s.association, caseId, {
      kind: 'plan_document',
      fileName: '实施方案.pdf',
      type: 'application/pdf',
      content: new TextEncoder().encode('这不是 PDF'),
    });
    expect(fake.status).toBe(415);
    expect((await errorOf(fake)).message).toMatch(/实施方案\.pdf.*声明为PDF 文档，但内容是/);

    const huge = new Uint8Array(21 * 1024 * 1024);
    huge.set(contentOf('application/pdf'));
    const tooLarge = await upload(app, s.association, caseId, {
      kind: 'plan_document',
      fileName: '大文件.pdf',
      type: 'application/pdf',
      content: huge,
    });
    expect(tooLarge.status).toBe(400);
    expect((await errorOf(tooLarge)).message).toContain('超过上限 20 MB');

    // Far beyond any item's limit: refused before the body is read, with its own code.
    const farTooLarge = await upload(app, s.association, caseId, {
      kind: 'plan_document',
      fileName: '超大文件.pdf',
      type: 'application/pdf',
      content: new Uint8Array(40 * 1024 * 1024),
    });
    expect(farTooLarge.status).toBe(413);
    const refusal = await errorOf(farTooLarge);
    expect(refusal.code).toBe('payload_too_large');
    expect(refusal.message).toContain('24 MB');
    // JSON bodies are small everywhere: a 3 MB one is refused the same way.
    const bloated = await move(s.association, { to: 'plan_submitted', note: 'x'.repeat(3 * 1024 * 1024) });
    expect(bloated.status).toBe(413);

    const plan = contentOf('application/pdf', 'plan');
    const ok = await upload(app, s.association, caseId, {
      kind: 'plan_document',
      fileName: '实施方案.pdf',
      type: 'application/pdf',
      content: plan,
    });
    expect(ok.status).toBe(200);
    const stored = (await ok.json()) as { sha256: string; evidenceId: number };
    expect(stored.sha256).toBe(createHash('sha256').update(plan).digest('hex'));
    // Nothing of the refused files was kept.
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM case_evidence');
    expect(rows[0]!.n).toBe(1);

    expect((await move(s.association, { to: 'plan_submitted' })).status).toBe(200);
    const after = await detail(s.association);
    expect(after.case.planSubmittedOn).toBe('2019-08-01');
    expect(after.planDocuments.map((d) => d.submitted)).toEqual([true]);

    const download = await call(app, `/api/cases/${caseId}/evidence/${stored.evidenceId}`, {
      session: s.auditor,
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(plan);
  });

  it('lets only the regulator approve, with the approval reference, and writes the fact the rules read', async () => {
    const byAssociation = await move(s.association, { to: 'plan_approved', approvalRef: 'x' });
    expect(byAssociation.status).toBe(403);
    expect((await errorOf(byAssociation)).message).toContain('只有');
    const noRef = await move(s.regulator, { to: 'plan_approved' });
    expect(noRef.status).toBe(400);
    expect((await move(s.regulator, { to: 'plan_approved', approvalRef: '民函〔2019〕88号' })).status).toBe(
      200,
    );
    const { rows } = await db.query<{ plan_approved_on: string; state: string }>(
      'SELECT plan_approved_on, state FROM decoupling_cases WHERE id = $1',
      [caseId],
    );
    expect(rows[0]).toEqual({ plan_approved_on: '2019-08-01', state: 'plan_approved' });
    expect((await move(s.organ, { to: 'executing' })).status).toBe(200);
  });

  it('refuses an illegal move with the states it can take', async () => {
    const response = await move(s.regulator, { to: 'plan_submitted' });
    expect(response.status).toBe(409);
    expect((await errorOf(response)).message).toContain('可转为');
  });

  it('does not let the case into verification while an item is open', async () => {
    const response = await move(s.association, { to: 'verification' });
    expect(response.status).toBe(409);
    expect((await errorOf(response)).message).toContain('尚未办理');
  });

  it('takes evidence from each item’s owner only, submits an item once every kind is there, and lets the signers sign', async () => {
    let current = await detail(s.association);
    const charter = current.checklist.find((i) => i.key === 'inst.charter_amended')!;
    expect(charter.requirements.map((r) => r.kind)).toEqual(['charter', 'charter_approval']);
    // An organ-owned item refuses the association's file.
    const notOwner = await upload(app, s.association, caseId, {
      kind: 'termination_notice',
      item: 'inst.links_ended',
      fileName: '解除.pdf',
      type: 'application/pdf',
      content: contentOf('application/pdf'),
    });
    expect(notOwner.status).toBe(403);

    const first = await upload(app, s.association, caseId, {
      kind: 'charter',
      item: 'inst.charter_amended',
      fileName: '章程.pdf',
      type: 'application/pdf',
      content: contentOf('application/pdf', 'charter'),
    });
    expect(await first.json()).toMatchObject({ itemState: 'open', missingKinds: ['charter_approval'] });

    for (const item of current.checklist) {
      const owner = item.owner === 'organ' ? s.organ : s.association;
      for (const requirement of item.requirements) {
        if (item.key === 'inst.charter_amended' && requirement.kind === 'charter') continue;
        const type = requirement.mimeTypes[0]!;
        const response = await upload(app, owner, caseId, {
          kind: requirement.kind,
          item: item.key,
          fileName: fileNameOf(type, requirement.kind),
          type,
          content: contentOf(type, `${item.key}/${requirement.kind}`),
        });
        expect(response.status, `${item.key} ${requirement.kind}`).toBe(200);
      }
    }
    current = await detail(s.association);
    expect(current.checklist.filter((i) => i.state !== 'evidence_submitted').map((i) => i.key)).toEqual([]);

    // A hand-over is confirmed by the organ; the regulator may not sign it for the organ.
    const handOver = current.checklist.find((i) => i.organHandOver)!;
    const forOrgan = await call(app, `/api/cases/${caseId}/items/${handOver.key}/transition`, {
      session: s.regulator,
      method: 'POST',
      body: { to: 'signed_off' },
    });
    expect(forOrgan.status).toBe(403);
    expect((await errorOf(forOrgan)).message).toContain('原主管单位确认');

    // Waiving needs a reason.
    const blankWaiver = await call(app, `/api/cases/${caseId}/items/party.organisation_set_up/transition`, {
      session: s.regulator,
      method: 'POST',
      body: { to: 'waived', reason: '  ' },
    });
    expect(blankWaiver.status).toBe(400);
    const waived = await call(app, `/api/cases/${caseId}/items/party.organisation_set_up/transition`, {
      session: s.regulator,
      method: 'POST',
      body: { to: 'waived', reason: '正式党员不足三人，经党委确认' },
    });
    expect(waived.status).toBe(200);

    for (const item of current.checklist) {
      if (item.key === 'party.organisation_set_up') continue;
      const signer = item.signers.includes('organ') ? s.organ : s.regulator;
      const response = await call(app, `/api/cases/${caseId}/items/${item.key}/transition`, {
        session: signer,
        method: 'POST',
        body: { to: 'signed_off' },
      });
      expect(response.status, item.key).toBe(200);
    }
    current = await detail(s.regulator);
    expect(current.checklist.every((i) => i.state === 'signed_off' || i.state === 'waived')).toBe(true);
    expect(current.checklist.find((i) => i.organHandOver)!.signedOffBy).toBe(world.accounts.organ.username);
  });

  it('refuses to close while a violation finding is open, and closes once it is waived with a reason', async () => {
    const findingId = [
      ...(await seedFindings(db, [{ key: 'case-api', uscc: world.associations.national.uscc }])).values(),
    ][0]!;
    expect((await move(s.association, { to: 'verification' })).status).toBe(200);
    const withFinding = await detail(s.regulator);
    const personnel = withFinding.checklist.find((i) => i.rules.includes('PERS-5'))!;
    expect(personnel.findings.map((f) => f.id)).toEqual([findingId]);

    const blocked = await move(s.regulator, { to: 'decoupled' });
    expect(blocked.status).toBe(409);
    expect((await errorOf(blocked)).message).toContain('PERS-5');

    const waive = await call(app, `/api/findings/${findingId}/transition`, {
      session: s.regulator,
      method: 'POST',
      body: { to: 'waived', reason: '已于验收前辞去职务' },
    });
    expect(waive.status).toBe(200);
    expect((await move(s.regulator, { to: 'decoupled' })).status).toBe(200);

    const closed = await detail(s.auditor);
    expect(closed.case.state).toBe('decoupled');
    expect(closed.case.decoupledOn).toBe('2019-08-01');
    expect(closed.transitions).toEqual([]);
    expect(closed.timeline.filter((e) => e.item === null).map((e) => e.to)).toEqual([
      'listed',
      'plan_drafted',
      'plan_submitted',
      'plan_approved',
      'executing',
      'verification',
      'decoupled',
    ]);
    const { rows } = await db.query<{ decoupled_on: string }>(
      'SELECT decoupled_on FROM decoupling_cases WHERE id = $1',
      [caseId],
    );
    expect(rows[0]!.decoupled_on).toBe('2019-08-01');
    const audit = await db.query<{ action: string }>(
      "SELECT action FROM audit_events WHERE entity = 'decoupling_case' AND entity_id = $1 ORDER BY seq",
      [String(caseId)],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(
      expect.arrayContaining([
        'case.open',
        'case.plan_submitted',
        'case.plan_approved',
        'case.decoupled',
        'case.item.signed_off',
      ]),
    );
  });

  it('freezes the checklist of a closed case', async () => {
    const response = await upload(app, s.association, caseId, {
      kind: 'charter',
      item: 'inst.charter_amended',
      fileName: '章程.pdf',
      type: 'application/pdf',
      content: contentOf('application/pdf'),
    });
    expect(response.status).toBe(409);
  });

  it('lists and exports the case with its state, and filters by state', async () => {
    const list = await call(app, '/api/cases?state=decoupled', { session: s.regulator });
    const page = (await list.json()) as { items: { id: number; state: string }[]; total: number };
    expect(page.items.map((i) => i.id)).toEqual([caseId]);
    const none = await call(app, '/api/cases?state=executing', { session: s.regulator });
    expect(((await none.json()) as { total: number }).total).toBe(0);

    const exported = await call(app, '/api/cases/export?format=xlsx', { session: s.auditor });
    expect(exported.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await exported.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('案件编号');
    expect(sheet.getRow(2).getCell(3).value).toBe(world.associations.national.name);
    expect(sheet.getRow(2).getCell(6).value).toBe('已脱钩');
  });
});

describe('notifications', () => {
  let lateCase: number;

  it('tells the association of its new case, and marks the notice read for that account only', async () => {
    const opened = await call(app, '/api/cases', {
      session: s.regulatorBj,
      method: 'POST',
      body: { uscc: world.associations.beijing.uscc, batch: 'pilot-2016-2' },
    });
    lateCase = ((await opened.json()) as TCaseDetailBody).case.id;
    const response = await call(app, '/api/notifications', { session: s.associationBj });
    const page = (await response.json()) as {
      items: { id: number; kind: string; caseId: number }[];
      unread: number;
    };
    expect(page.items.map((n) => [n.kind, n.caseId])).toContainEqual(['case_moved', lateCase]);
    // Notices of the national case are not the Beijing association's.
    expect(page.items.some((n) => n.caseId === caseId)).toBe(false);

    const mark = await call(app, `/api/notifications/${page.items[0]!.id}/read`, {
      session: s.associationBj,
      method: 'POST',
    });
    expect(mark.status).toBe(200);
    expect(((await mark.json()) as { unread: number }).unread).toBe(page.unread - 1);
    const foreign = await call(app, `/api/notifications/${page.items[0]!.id}/read`, {
      session: s.association,
      method: 'POST',
    });
    expect(foreign.status).toBe(403);
  });

  it('raises CASE-1 and CASE-2 notices once for an overdue case, seen by its association, organ side and regulator', async () => {
    const first = await raiseCaseNotices({ db, asOf: '2017-03-01' });
    expect(first['CASE-1']).toBe(1);
    expect(first['CASE-2']).toBe(1);
    expect(first.created).toBe(6);
    const again = await raiseCaseNotices({ db, asOf: '2017-03-02' });
    expect(again.created).toBe(0);

    const response = await call(app, '/api/notifications?unread=true', { session: s.regulatorBj });
    const page = (await response.json()) as {
      items: { kind: string; caseId: number; body: { zh: string } }[];
    };
    const kinds = page.items.filter((n) => n.caseId === lateCase).map((n) => n.kind);
    expect(kinds).toEqual(expect.arrayContaining(['CASE-1', 'CASE-2']));
    expect(page.items.find((n) => n.kind === 'CASE-1')!.body.zh).toContain('2016-09-30');

    const overdueList = await call(app, '/api/cases?overdue=CASE-1', { session: s.regulatorBj });
    // Overdue is computed today (2019-08-01 in this app); the pilot case is long past both deadlines.
    expect(
      ((await overdueList.json()) as { items: { id: number; overdue: { rule: string }[] }[] }).items,
    ).toEqual([
      expect.objectContaining({
        id: lateCase,
        overdue: [expect.objectContaining({ rule: 'CASE-1' }), expect.objectContaining({ rule: 'CASE-2' })],
      }),
    ]);

    const all = await call(app, '/api/notifications/read-all', { session: s.regulatorBj, method: 'POST' });
    expect(((await all.json()) as { unread: number }).unread).toBe(0);
  });
});
