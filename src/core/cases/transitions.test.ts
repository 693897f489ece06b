import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { USER_ROLES } from '../../db/repositories/users.repository.ts';
import { addDays } from '../policy/dates.ts';
import { startChecklist } from './checklist.ts';
import { dayOf } from './instants.ts';
import { actorOf, caseIn, checklistAll, FULL_INPUT, HASH, PLAN_DOCUMENT } from './test-support.ts';
import {
  allowedTransitions,
  CASE_TRANSITIONS,
  openCase,
  type TCaseFinding,
  transitionCase,
} from './transitions.ts';
import {
  ACTIVE_CASE_STATES,
  ACTOR_ROLES,
  CASE_STATES,
  type TActiveCaseState,
  type TActorRole,
  type TCaseState,
} from './types.ts';

/**
 * The expected moves, written out by hand from the issue (not derived from the table under test):
 * `from -> to : roles`. Blocking, resuming and exemption rows are listed for every state.
 */
const EXPECTED_TEXT = `
listed         -> plan_drafted   : association organ admin
plan_drafted   -> plan_submitted : association organ admin
plan_submitted -> plan_returned  : regulator admin
plan_submitted -> plan_approved  : regulator admin
plan_returned  -> plan_drafted   : association organ admin
plan_approved  -> executing      : association organ regulator admin
executing      -> verification   : association admin
verification   -> executing      : regulator admin
verification   -> decoupled      : regulator admin
listed         -> blocked        : regulator admin
plan_drafted   -> blocked        : regulator admin
plan_submitted -> blocked        : regulator admin
plan_returned  -> blocked        : regulator admin
plan_approved  -> blocked        : regulator admin
executing      -> blocked        : regulator admin
verification   -> blocked        : regulator admin
blocked        -> listed         : regulator admin
blocked        -> plan_drafted   : regulator admin
blocked        -> plan_submitted : regulator admin
blocked        -> plan_returned  : regulator admin
blocked        -> plan_approved  : regulator admin
blocked        -> executing      : regulator admin
blocked        -> verification   : regulator admin
listed         -> exempt         : regulator admin
plan_drafted   -> exempt         : regulator admin
plan_submitted -> exempt         : regulator admin
plan_returned  -> exempt         : regulator admin
plan_approved  -> exempt         : regulator admin
executing      -> exempt         : regulator admin
verification   -> exempt         : regulator admin
blocked        -> exempt         : regulator admin
`;

const EXPECTED = new Map<string, readonly string[]>(
  EXPECTED_TEXT.trim()
    .split('\n')
    .map((line) => {
      const [move, roles] = line.split(':').map((s) => s.trim());
      const [from, to] = move!.split('->').map((s) => s.trim());
      return [`${from}>${to}`, roles!.split(/\s+/)];
    }),
);

const AT = '2020-03-02T10:00:00+08:00';

function attempt(
  from: TCaseState,
  to: TCaseState,
  role: TActorRole,
  blockedFrom: TActiveCaseState = 'listed',
) {
  return transitionCase({
    case: caseIn(from, blockedFrom),
    to,
    actor: actorOf(role),
    input: FULL_INPUT,
    checklist: checklistAll('signed_off'),
    openFindings: [],
    at: AT,
  });
}

describe('case transition table', () => {
  it('has exactly the expected moves and roles', () => {
    const actual = new Map(CASE_TRANSITIONS.map((t) => [`${t.from}>${t.to}`, [...t.roles].sort()]));
    const expected = new Map([...EXPECTED].map(([k, v]) => [k, [...v].sort()]));
    expect(actual).toEqual(expected);
  });

  it('never lets an auditor or an inspector make a move', () => {
    for (const t of CASE_TRANSITIONS) {
      expect(t.roles).not.toContain('auditor');
      expect(t.roles).not.toContain('inspector');
    }
  });

  it('knows the same roles as the accounts', () => {
    expect([...ACTOR_ROLES].sort()).toEqual([...USER_ROLES].sort());
  });
});

describe('every move for every role', () => {
  const nonBlocked = CASE_STATES.filter((s) => s !== 'blocked');
  for (const from of nonBlocked) {
    for (const to of CASE_STATES) {
      for (const role of ACTOR_ROLES) {
        const roles = EXPECTED.get(`${from}>${to}`);
        const verdict = !roles ? 'illegal_transition' : roles.includes(role) ? 'ok' : 'role_not_allowed';
        it(`${from} → ${to} by ${role}: ${verdict}`, () => {
          const result = attempt(from, to, role);
          if (verdict === 'ok') {
            expect(result.ok).toBe(true);
            if (result.ok) {
              expect(result.case.state).toBe(to);
              expect(result.event).toMatchObject({ from, to, actor: { role }, at: AT });
            }
          } else {
            expect(result.ok).toBe(false);
            if (!result.ok) expect(result.refusal.code).toBe(verdict);
          }
        });
      }
    }
  }

  // A blocked case: every state it may have been blocked from × every target × every role.
  for (const blockedFrom of ACTIVE_CASE_STATES) {
    for (const to of CASE_STATES) {
      for (const role of ACTOR_ROLES) {
        const roles = EXPECTED.get(`blocked>${to}`);
        const verdict = !roles
          ? 'illegal_transition'
          : !roles.includes(role)
            ? 'role_not_allowed'
            : to === 'exempt' || to === blockedFrom
              ? 'ok'
              : 'wrong_resume_state';
        it(`blocked (from ${blockedFrom}) → ${to} by ${role}: ${verdict}`, () => {
          const result = attempt('blocked', to, role, blockedFrom);
          expect(result.ok ? 'ok' : result.refusal.code).toBe(verdict);
        });
      }
    }
  }
});

describe('allowedTransitions', () => {
  it('offers each role exactly the expected moves from every state', () => {
    for (const state of CASE_STATES) {
      for (const role of ACTOR_ROLES) {
        const offered = allowedTransitions({ case: caseIn(state, 'plan_approved'), role })
          .map((t) => t.to)
          .sort();
        const expected = CASE_STATES.filter((to) => {
          if (state === 'blocked' && to !== 'exempt' && to !== 'plan_approved') return false;
          return EXPECTED.get(`${state}>${to}`)?.includes(role) ?? false;
        }).sort();
        expect({ state, role, offered }).toEqual({ state, role, offered: expected });
      }
    }
  });

  it('offers nothing on a closed case', () => {
    for (const role of ACTOR_ROLES) {
      expect(allowedTransitions({ case: caseIn('decoupled'), role })).toEqual([]);
      expect(allowedTransitions({ case: caseIn('exempt'), role })).toEqual([]);
    }
  });
});

describe('required inputs', () => {
  const regulator = actorOf('regulator');

  it('refuses to return a plan without a reason, also when the reason is blank', () => {
    for (const reason of [undefined, null, '', '   ']) {
      const result = transitionCase({
        case: caseIn('plan_submitted'),
        to: 'plan_returned',
        actor: regulator,
        input: { reason },
        at: AT,
      });
      expect(result.ok ? 'ok' : result.refusal.code).toBe('missing_reason');
    }
  });

  it('refuses to approve a plan without the approval reference', () => {
    const result = transitionCase({
      case: caseIn('plan_submitted'),
      to: 'plan_approved',
      actor: regulator,
      at: AT,
    });
    expect(result.ok ? 'ok' : result.refusal).toMatchObject({
      code: 'missing_approval_ref',
      zh: expect.stringContaining('批准文号'),
    });
  });

  it('refuses to block a case without a classified reason or without a note', () => {
    const noClass = transitionCase({
      case: caseIn('executing'),
      to: 'blocked',
      actor: regulator,
      input: { reason: '停滞' },
      at: AT,
    });
    expect(noClass.ok ? 'ok' : noClass.refusal.code).toBe('missing_blocked_reason');
    const badClass = transitionCase({
      case: caseIn('executing'),
      to: 'blocked',
      actor: regulator,
      input: { reason: '停滞', blockedReason: 'other' as never },
      at: AT,
    });
    expect(badClass.ok ? 'ok' : badClass.refusal.code).toBe('missing_blocked_reason');
    const noNote = transitionCase({
      case: caseIn('executing'),
      to: 'blocked',
      actor: regulator,
      input: { blockedReason: 'insufficient_work' },
      at: AT,
    });
    expect(noNote.ok ? 'ok' : noNote.refusal.code).toBe('missing_reason');
  });

  it('refuses an exemption without the approval reference', () => {
    const result = transitionCase({
      case: caseIn('listed'),
      to: 'exempt',
      actor: regulator,
      input: { reason: '特殊职能' },
      at: AT,
    });
    expect(result.ok ? 'ok' : result.refusal.code).toBe('missing_approval_ref');
  });

  it('refuses to submit a plan without a PDF or DOCX plan document with a content hash', () => {
    const association = actorOf('association');
    const bad = [
      [],
      [{ ...PLAN_DOCUMENT, kind: 'other' }],
      [{ ...PLAN_DOCUMENT, mimeType: 'image/png' }],
      [{ ...PLAN_DOCUMENT, sha256: 'xyz' }],
    ];
    for (const evidence of bad) {
      const result = transitionCase({
        case: caseIn('plan_drafted'),
        to: 'plan_submitted',
        actor: association,
        input: { evidence },
        at: AT,
      });
      expect(result.ok ? 'ok' : result.refusal.code).toBe('missing_plan_document');
    }
    const docx = {
      ...PLAN_DOCUMENT,
      fileName: 'plan.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    };
    const ok = transitionCase({
      case: caseIn('plan_drafted'),
      to: 'plan_submitted',
      actor: association,
      input: { evidence: [docx] },
      at: AT,
    });
    expect(ok.ok && ok.event.evidence).toEqual([docx]);
  });
});

describe('guards', () => {
  const regulator = actorOf('regulator');
  const association = actorOf('association');

  it('refuses to draft a plan for an association under dual management, not yet listed', () => {
    const c = { ...caseIn('listed'), batch: 'dual-management' };
    const result = transitionCase({ case: c, to: 'plan_drafted', actor: association, at: AT });
    expect(result.ok ? 'ok' : result.refusal.code).toBe('not_listed');
  });

  it('asks for verification only when no checklist item is still open', () => {
    const checklist = checklistAll('evidence_submitted');
    expect(
      transitionCase({ case: caseIn('executing'), to: 'verification', actor: association, checklist, at: AT })
        .ok,
    ).toBe(true);
    const oneOpen = checklist.map((e, i) => (i === 3 ? { ...e, state: 'open' as const } : e));
    const result = transitionCase({
      case: caseIn('executing'),
      to: 'verification',
      actor: association,
      checklist: oneOpen,
      at: AT,
    });
    expect(result.ok ? 'ok' : result.refusal).toMatchObject({
      code: 'checklist_open',
      en: expect.stringContaining(oneOpen[3]!.itemId),
    });
  });

  it('refuses verification and closure without a checklist', () => {
    for (const [from, to, actor] of [
      ['executing', 'verification', association],
      ['verification', 'decoupled', regulator],
    ] as const) {
      for (const checklist of [undefined, []]) {
        const result = transitionCase({ case: caseIn(from), to, actor, checklist, at: AT });
        expect(result.ok ? 'ok' : result.refusal.code).toBe('checklist_missing');
      }
    }
  });

  it('closes a case only when every item is signed off or waived with a reason', () => {
    const close = (checklist: ReturnType<typeof checklistAll>) =>
      transitionCase({ case: caseIn('verification'), to: 'decoupled', actor: regulator, checklist, at: AT });
    const signed = checklistAll('signed_off');
    expect(close(signed).ok).toBe(true);
    expect(close(checklistAll('waived')).ok).toBe(true);
    const submitted = signed.map((e, i) => (i === 0 ? { ...e, state: 'evidence_submitted' as const } : e));
    expect(close(submitted)).toMatchObject({ ok: false, refusal: { code: 'checklist_incomplete' } });
    const waivedBlank = signed.map((e, i) => (i === 0 ? { ...e, state: 'waived' as const, reason: ' ' } : e));
    expect(close(waivedBlank)).toMatchObject({ ok: false, refusal: { code: 'checklist_incomplete' } });
    const fresh = startChecklist([]);
    expect(close(fresh)).toMatchObject({ ok: false, refusal: { code: 'checklist_missing' } });
  });

  it('refuses closure while a violation finding is open, acknowledged or appealed, not once rectified or waived', () => {
    const finding = (
      status: TCaseFinding['status'],
      severity: TCaseFinding['severity'] = 'violation',
    ): TCaseFinding => ({
      ruleId: 'PERS-5',
      severity,
      status,
      fingerprint: `PERS-5|x|post:1|${status}`,
    });
    const close = (openFindings: TCaseFinding[]) =>
      transitionCase({
        case: caseIn('verification'),
        to: 'decoupled',
        actor: regulator,
        checklist: checklistAll('signed_off'),
        openFindings,
        at: AT,
      });
    for (const status of ['open', 'acknowledged', 'appealed'] as const) {
      const result = close([finding(status)]);
      expect(result.ok ? 'ok' : result.refusal).toMatchObject({
        code: 'open_violation',
        zh: expect.stringContaining('PERS-5'),
      });
    }
    expect(close([finding('rectified'), finding('waived')]).ok).toBe(true);
    expect(close([finding('open', 'risk'), finding('open', 'open')]).ok).toBe(true);
  });
});

describe('what a move records', () => {
  it('walks a case from the list to decoupled, recording the days, the approval and every event', () => {
    let c = openCase({
      id: 'c-7',
      associationUscc: '51100000MJ0000007X',
      batch: 'rollout-2019',
      jurisdiction: '100000',
    });
    const steps: [TCaseState, TActorRole, string][] = [
      ['plan_drafted', 'association', '2019-07-01T09:00:00+08:00'],
      ['plan_submitted', 'organ', '2019-08-01T09:00:00+08:00'],
      ['plan_approved', 'regulator', '2019-09-02T09:00:00+08:00'],
      ['executing', 'association', '2019-09-03T09:00:00+08:00'],
      ['verification', 'association', '2020-05-06T09:00:00+08:00'],
      ['decoupled', 'regulator', '2020-06-30T17:00:00+08:00'],
    ];
    const events = [];
    for (const [to, role, at] of steps) {
      const result = transitionCase({
        case: c,
        to,
        actor: actorOf(role),
        input: FULL_INPUT,
        checklist: checklistAll('signed_off'),
        at,
      });
      if (!result.ok) throw new Error(result.refusal.en);
      c = result.case;
      events.push(result.event);
    }
    expect(c).toMatchObject({
      state: 'decoupled',
      planSubmittedOn: '2019-08-01',
      planApprovedOn: '2019-09-02',
      planApprovalRef: FULL_INPUT.approvalRef,
      decoupledOn: '2020-06-30',
      version: 6,
    });
    expect(events.map((e) => [e.from, e.to, e.actor.role, e.version])).toEqual([
      ['listed', 'plan_drafted', 'association', 1],
      ['plan_drafted', 'plan_submitted', 'organ', 2],
      ['plan_submitted', 'plan_approved', 'regulator', 3],
      ['plan_approved', 'executing', 'association', 4],
      ['executing', 'verification', 'association', 5],
      ['verification', 'decoupled', 'regulator', 6],
    ]);
    expect(events[1]!.evidence).toEqual([PLAN_DOCUMENT]);
    expect(events[2]!.approvalRef).toBe(FULL_INPUT.approvalRef);
    expect(events[0]!.approvalRef).toBeNull();
  });

  it('blocks with the classified reason and note, resumes where it stopped and keeps the last reason', () => {
    const blocked = transitionCase({
      case: {
        ...caseIn('plan_approved'),
        planApprovedOn: '2019-09-02',
        planApprovalRef: '联合工作组〔2019〕7号',
      },
      to: 'blocked',
      actor: actorOf('regulator'),
      input: { blockedReason: 'insufficient_work', reason: '主管单位未移交资产' },
      at: '2020-01-10T08:00:00+08:00',
    });
    if (!blocked.ok) throw new Error(blocked.refusal.en);
    expect(blocked.case.blocked).toEqual({
      reason: 'insufficient_work',
      note: '主管单位未移交资产',
      from: 'plan_approved',
      since: '2020-01-10',
    });
    expect(blocked.event).toMatchObject({ blockedReason: 'insufficient_work', reason: '主管单位未移交资产' });
    const resumed = transitionCase({
      case: blocked.case,
      to: 'plan_approved',
      actor: actorOf('admin'),
      input: { reason: '资产已移交' },
      at: AT,
    });
    if (!resumed.ok) throw new Error(resumed.refusal.en);
    expect(resumed.case).toMatchObject({
      state: 'plan_approved',
      blocked: null,
      lastBlockedReason: 'insufficient_work',
    });
    expect(resumed.event.blockedReason).toBeNull();
  });

  it('records an exemption with its approval and clears a block', () => {
    const result = transitionCase({
      case: caseIn('blocked'),
      to: 'exempt',
      actor: actorOf('regulator'),
      input: { approvalRef: '中央批准〔2020〕3号', reason: '承担特殊职能' },
      at: AT,
    });
    if (!result.ok) throw new Error(result.refusal.en);
    expect(result.case.exemption).toEqual({
      approvalRef: '中央批准〔2020〕3号',
      note: '承担特殊职能',
      on: '2020-03-02',
    });
    expect(result.case.blocked).toBeNull();
  });

  it('leaves the case it was given unchanged', () => {
    const c = caseIn('plan_submitted');
    const copy = structuredClone(c);
    transitionCase({ case: c, to: 'plan_approved', actor: actorOf('regulator'), input: FULL_INPUT, at: AT });
    expect(c).toEqual(copy);
  });

  it('explains a refusal on a closed case in both languages', () => {
    const result = transitionCase({
      case: caseIn('decoupled'),
      to: 'executing',
      actor: actorOf('admin'),
      at: AT,
    });
    expect(result.ok ? 'ok' : result.refusal).toEqual({
      code: 'illegal_transition',
      zh: '案件 case-1 处于“已脱钩”，不能转为“实施中”；该状态为终结状态。',
      en: 'Case case-1 is "decoupled" and cannot become "executing"; that state is final.',
    });
  });

  it('names the roles that may make a move when refusing another role', () => {
    const result = transitionCase({
      case: caseIn('plan_submitted'),
      to: 'plan_approved',
      actor: actorOf('auditor'),
      input: FULL_INPUT,
      at: AT,
    });
    expect(result.ok ? 'ok' : result.refusal).toMatchObject({
      code: 'role_not_allowed',
      zh: expect.stringContaining('只有登记管理机关/联合工作组、系统管理员可以'),
      en: expect.stringContaining('only: regulator, administrator'),
    });
  });
});

describe('dayOf', () => {
  it('reads the calendar day of an instant as written, in its own offset', () => {
    expect(dayOf('2020-12-31T23:30:00+08:00')).toBe('2020-12-31');
    expect(dayOf('2020-12-31T16:00Z')).toBe('2020-12-31');
    expect(dayOf('2020-12-31T16:00:00.123456-05:00')).toBe('2020-12-31');
  });

  it('throws on an instant without an offset or with an impossible date', () => {
    for (const bad of ['2020-12-31', '2020-12-31T10:00:00', '2021-02-29T10:00:00Z', 'yesterday']) {
      expect(() => dayOf(bad)).toThrow(/ISO 8601/);
    }
  });
});

it('uses a content hash of 64 hex digits in its fixtures', () => {
  expect(HASH).toMatch(/^[0-9a-f]{64}$/);
});

describe('any sequence of attempted moves', () => {
  it('keeps the case consistent with its state and counts only the moves made', () => {
    const move = fc.record({
      to: fc.constantFrom(...CASE_STATES),
      // Most moves follow the table from the present state, so that runs get deep into the path.
      follow: fc.constantFrom(true, true, true, false),
      pick: fc.nat(),
      role: fc.constantFrom(...ACTOR_ROLES),
      withInput: fc.constantFrom(true, true, true, false),
      checklistState: fc.constantFrom(
        'open',
        'evidence_submitted',
        'signed_off',
        'signed_off',
        'waived',
      ) as fc.Arbitrary<'open' | 'evidence_submitted' | 'signed_off' | 'waived'>,
      blockedReason: fc.constantFrom('policy_gap', 'insufficient_work') as fc.Arbitrary<
        'policy_gap' | 'insufficient_work'
      >,
    });
    const visited = new Set<string>(['listed']);
    fc.assert(
      fc.property(fc.array(move, { maxLength: 60 }), (moves) => {
        let c = openCase({ id: 'p', associationUscc: 'u', batch: 'pilot-2017-3', jurisdiction: '100000' });
        let made = 0;
        let day = 0;
        for (const m of moves) {
          day += 1;
          const at = `${addDays('2017-01-01', day)}T09:00:00+08:00`;
          // Following moves prefer the main path (blocking and exemption end runs early) and a role
          // of the move's own; the other moves are anything by anyone.
          const legal = CASE_TRANSITIONS.filter((t) => t.from === c.state);
          const main = legal.filter((t) => t.to !== 'exempt' && t.to !== 'blocked');
          const options = main.length > 0 && m.pick % 5 !== 0 ? main : legal;
          const chosen = m.follow && options.length > 0 ? options[m.pick % options.length]! : null;
          const to = chosen ? chosen.to : m.to;
          const role = chosen ? chosen.roles[m.pick % chosen.roles.length]! : m.role;
          const result = transitionCase({
            case: c,
            to,
            actor: actorOf(role),
            input: m.withInput ? { ...FULL_INPUT, blockedReason: m.blockedReason } : {},
            checklist: checklistAll(m.checklistState),
            at,
          });
          if (!result.ok) {
            expect(result.refusal.zh.length).toBeGreaterThan(0);
            expect(result.refusal.en.length).toBeGreaterThan(0);
            continue;
          }
          made += 1;
          expect(
            CASE_TRANSITIONS.some((t) => t.from === c.state && t.to === to && t.roles.includes(role)),
          ).toBe(true);
          expect(['auditor', 'inspector']).not.toContain(role);
          expect(result.event).toMatchObject({ from: c.state, to, at, version: made });
          c = result.case;
          visited.add(c.state);
        }
        expect(c.version).toBe(made);
        expect(c.blocked !== null).toBe(c.state === 'blocked');
        expect(c.exemption !== null).toBe(c.state === 'exempt');
        expect(c.decoupledOn !== null).toBe(c.state === 'decoupled');
        if (c.planApprovedOn !== null) expect(c.planApprovalRef).not.toBeNull();
      }),
      { numRuns: 1000 },
    );
    expect([...visited].sort()).toEqual([...CASE_STATES].sort());
  });
});
