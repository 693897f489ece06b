import { describe, expect, it } from 'vitest';
import { BUILT_IN_PACKS, getPack, type TResolvedPack } from '../policy/packs.ts';
import { derivePack } from '../policy/test-support.ts';
import type { TRuleId } from '../policy/types.ts';
import {
  allowedItemTransitions,
  findingsBesideItems,
  generateChecklist,
  ITEM_STATES,
  SEPARATIONS,
  startChecklist,
  type TChecklistEntry,
  type TChecklistItem,
  transitionItem,
} from './checklist.ts';
import { evidenceTypeOf } from './evidence.ts';
import { actorOf, HASH } from './test-support.ts';
import { ACTOR_ROLES, type TEvidenceRef } from './types.ts';

const AT = '2020-04-01T10:00:00+08:00';

function item(pack: TResolvedPack, id: string): TChecklistItem {
  const found = generateChecklist({ pack }).find((i) => i.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
}

function withRules(pack: TResolvedPack, rules: Partial<Record<TRuleId, boolean>>): TResolvedPack {
  return { ...pack, rules: { ...pack.rules, ...rules } };
}

describe('generateChecklist', () => {
  it('covers the five separations with the rules of each family under national-2019', () => {
    const items = generateChecklist({ pack: getPack('national-2019') });
    const bySeparation = Object.fromEntries(
      SEPARATIONS.map((s) => [
        s,
        items
          .filter((i) => i.separation === s)
          .flatMap((i) => i.ruleIds)
          .sort(),
      ]),
    );
    expect(bySeparation).toEqual({
      institution: ['INST-1', 'INST-2', 'INST-3', 'INST-5'],
      functions: ['FUNC-1', 'FUNC-2', 'FUNC-3', 'FUNC-4'],
      assets_finance: ['FIN-1', 'FIN-2', 'FIN-3', 'FIN-4', 'FIN-5'],
      personnel: [
        'PERS-1',
        'PERS-10',
        'PERS-2',
        'PERS-3',
        'PERS-4',
        'PERS-5',
        'PERS-6',
        'PERS-7',
        'PERS-8',
        'PERS-9',
      ],
      party_foreign_affairs: ['PARTY-1', 'PARTY-2', 'PARTY-3'],
    });
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
  });

  it('leaves INST-2 out under national-2015, where it is switched off, and says nothing of the supervising unit', () => {
    const links = item(getPack('national-2015'), 'inst.links_ended');
    expect(links.ruleIds).toEqual(['INST-1']);
    expect(links.detail.zh).not.toContain('业务主管单位');
    expect(item(getPack('national-2019'), 'inst.links_ended').detail.zh).toContain('不再记载业务主管单位');
  });

  it('fills in the province’s vacating deadline and its ban on paid use', () => {
    const provincial = item(getPack('provincial-33-2019'), 'fin.office_vacated');
    expect(provincial.detail.zh).toBe('于 2017-12-31 前腾退占用的行政办公用房（不允许有偿使用）。');
    const national = item(getPack('national-2019'), 'fin.office_vacated');
    expect(national.detail.zh).toBe('在本地规定期限内腾退占用的行政办公用房，或签订有偿使用协议。');
  });

  it('states the pack’s personnel limits and party threshold', () => {
    const pack = derivePack('national-2019', {
      pers: { ageLimit: 65, maxTerms: 3, ageLimitReachedOnBirthday: true },
      party: { memberThreshold: 5 },
      fin: { appropriationZeroFromYear: 2019 },
    });
    const cadres = item(pack, 'pers.retired_cadres_compliant');
    expect(cadres.detail.zh).toContain('年龄不超过65周岁（生日当天即达上限）');
    expect(cadres.detail.en).toContain('at most 3 terms');
    expect(item(pack, 'party.organisation_set_up').detail.zh).toBe('正式党员5人以上的，建立党的基层组织。');
    expect(item(pack, 'fin.appropriation_phased_out').detail.zh).toContain('2019年起取消');
    expect(item(getPack('national-2019'), 'pers.retired_cadres_compliant').detail.zh).toContain(
      '年龄不超过70周岁（生日次日起超限）',
    );
  });

  it('drops an item whose rules are all switched off, and a switched-off rule from a shared item', () => {
    const pack = withRules(getPack('national-2019'), {
      'PARTY-2': false,
      'FIN-1': false,
      'FIN-2': false,
      'PERS-9': false,
    });
    const ids = generateChecklist({ pack }).map((i) => i.id);
    expect(ids).not.toContain('party.organisation_set_up');
    expect(ids).not.toContain('fin.accounts_separate');
    expect(item(pack, 'pers.officials_withdrawn').ruleIds).toEqual(['PERS-1']);
  });

  it('generates a checklist under every built-in pack, each item naming only rules active there', () => {
    for (const pack of BUILT_IN_PACKS.values()) {
      const items = generateChecklist({ pack });
      expect(items.length).toBeGreaterThanOrEqual(15);
      for (const i of items) for (const rule of i.ruleIds) expect(pack.rules[rule]).toBe(true);
    }
  });

  it('never lets the owner of an item sign it off, and has organ hand-overs confirmed by the organ alone', () => {
    for (const i of generateChecklist({ pack: getPack('national-2019') })) {
      expect(i.signOff.signers).not.toContain(i.owner);
      if (i.signOff.organHandOver) expect(i.signOff.signers).toEqual(['organ']);
      else expect(i.signOff.signers).toEqual(['regulator']);
    }
    const handOvers = generateChecklist({ pack: getPack('national-2019') })
      .filter((i) => i.signOff.organHandOver)
      .map((i) => i.id);
    expect(handOvers).toEqual([
      'func.admin_functions_withdrawn',
      'fin.office_vacated',
      'fin.assets_registered',
      'party.relationship_transferred',
      'party.foreign_affairs_transferred',
    ]);
  });

  it('asks for evidence of known file types with a size limit', () => {
    for (const i of generateChecklist({ pack: getPack('national-2019') })) {
      expect(i.evidence.length).toBeGreaterThan(0);
      for (const req of i.evidence) {
        expect(req.mimeTypes.length).toBeGreaterThan(0);
        expect(new Set(req.mimeTypes).size).toBe(req.mimeTypes.length);
        for (const mime of req.mimeTypes) expect(evidenceTypeOf(mime)).not.toBeNull();
        expect(req.maxBytes).toBeGreaterThan(0);
        expect(req.title.zh.length).toBeGreaterThan(0);
      }
    }
  });
});

describe('checklist items', () => {
  const pack = getPack('national-2019');
  const charter = item(pack, 'inst.charter_amended'); // association's, signed by the regulator
  const assets = item(pack, 'fin.assets_registered'); // association's, a hand-over confirmed by the organ
  const file = (kind: string, overrides: Partial<TEvidenceRef> = {}): TEvidenceRef => ({
    kind,
    fileName: `${kind}.pdf`,
    mimeType: 'application/pdf',
    size: 50_000,
    sha256: HASH,
    ...overrides,
  });
  const entryOf = (i: TChecklistItem, state: TChecklistEntry['state'] = 'open'): TChecklistEntry => ({
    ...startChecklist([i])[0]!,
    state,
  });

  it('starts every item open and without evidence', () => {
    const entries = startChecklist(generateChecklist({ pack }));
    expect(entries.every((e) => e.state === 'open' && e.evidence.length === 0 && e.version === 0)).toBe(true);
  });

  it('lets the owner submit evidence once every required kind is there', () => {
    const partial = transitionItem({
      item: charter,
      entry: entryOf(charter),
      to: 'evidence_submitted',
      actor: actorOf('association'),
      input: { evidence: [file('charter')] },
      at: AT,
      caseState: 'executing',
    });
    expect(partial).toMatchObject({
      ok: false,
      refusal: { code: 'missing_evidence', zh: expect.stringContaining('核准文件') },
    });
    const full = transitionItem({
      item: charter,
      entry: entryOf(charter),
      to: 'evidence_submitted',
      actor: actorOf('association'),
      input: { evidence: [file('charter'), file('charter_approval')] },
      at: AT,
      caseState: 'executing',
    });
    expect(full.ok && full.entry).toMatchObject({ state: 'evidence_submitted', version: 1 });
    expect(full.ok && full.event.evidence).toHaveLength(2);
  });

  it('refuses evidence of a kind, type, size or hash the item does not accept, naming the file', () => {
    const cases: [TEvidenceRef, string][] = [
      [file('bank_account'), '不属于此项'],
      [file('charter', { mimeType: 'text/csv' }), '不被接受'],
      [file('charter', { size: 21 * 1024 * 1024 }), '超出范围'],
      [file('charter', { size: 0 }), '超出范围'],
      [file('charter', { sha256: 'ABC' }), '内容哈希'],
    ];
    for (const [bad, words] of cases) {
      const result = transitionItem({
        item: charter,
        entry: entryOf(charter),
        to: 'evidence_submitted',
        actor: actorOf('association'),
        input: { evidence: [bad, file('charter_approval')] },
        at: AT,
        caseState: 'executing',
      });
      expect(result.ok ? 'ok' : result.refusal).toMatchObject({
        code: 'evidence_not_allowed',
        zh: expect.stringContaining(words),
        en: expect.stringContaining(bad.fileName),
      });
    }
  });

  it('adds files to submitted evidence, keeping the earlier ones', () => {
    const entry = {
      ...entryOf(charter, 'evidence_submitted'),
      evidence: [file('charter'), file('charter_approval')],
    };
    const result = transitionItem({
      item: charter,
      entry,
      to: 'evidence_submitted',
      actor: actorOf('association'),
      input: { evidence: [file('charter', { fileName: 'charter-v2.pdf' })] },
      at: AT,
      caseState: 'executing',
    });
    expect(result.ok && result.entry.evidence.map((f) => f.fileName)).toEqual([
      'charter.pdf',
      'charter_approval.pdf',
      'charter-v2.pdf',
    ]);
  });

  it('has a hand-over confirmed by the organ, not by the regulator or the association', () => {
    const entry = entryOf(assets, 'evidence_submitted');
    for (const role of ['regulator', 'association', 'admin'] as const) {
      const result = transitionItem({
        item: assets,
        entry,
        to: 'signed_off',
        actor: actorOf(role),
        at: AT,
        caseState: 'executing',
      });
      expect(result.ok ? 'ok' : result.refusal).toMatchObject({
        code: 'role_not_allowed',
        zh: expect.stringContaining('移交事项由原主管单位确认'),
      });
    }
    const signed = transitionItem({
      item: assets,
      entry,
      to: 'signed_off',
      actor: actorOf('organ'),
      at: AT,
      caseState: 'executing',
    });
    expect(signed.ok && signed.entry).toMatchObject({ state: 'signed_off', signedOffBy: 'organ-1' });
  });

  it('needs a reason to return, waive or reopen an item', () => {
    const moves = [
      ['evidence_submitted', 'open', 'regulator'],
      ['open', 'waived', 'regulator'],
      ['evidence_submitted', 'waived', 'regulator'],
      ['waived', 'open', 'regulator'],
      ['signed_off', 'open', 'regulator'],
    ] as const;
    for (const [from, to, role] of moves) {
      const without = transitionItem({
        item: charter,
        entry: entryOf(charter, from),
        to,
        actor: actorOf(role),
        input: { reason: ' ' },
        at: AT,
        caseState: 'executing',
      });
      expect(without.ok ? 'ok' : without.refusal.code).toBe('missing_reason');
      const withReason = transitionItem({
        item: charter,
        entry: entryOf(charter, from),
        to,
        actor: actorOf(role),
        input: { reason: '协会无此事项' },
        at: AT,
        caseState: 'executing',
      });
      expect(withReason.ok && withReason.entry).toMatchObject({ state: to, reason: '协会无此事项' });
    }
  });

  it('offers and allows, for every item state and role, exactly the moves of the item workflow', () => {
    // Hand-written: who may move the charter item (owner association, signer regulator) and the assets
    // item (owner association, signer organ) from each state.
    const expected: Record<string, Record<string, string[]>> = {
      charter: {
        open: ['association:evidence_submitted', 'regulator:waived'],
        evidence_submitted: [
          'association:evidence_submitted',
          'regulator:open',
          'regulator:signed_off',
          'regulator:waived',
        ],
        signed_off: ['regulator:open'],
        waived: ['regulator:open'],
      },
      assets: {
        open: ['association:evidence_submitted', 'regulator:waived'],
        evidence_submitted: [
          'association:evidence_submitted',
          'organ:open',
          'organ:signed_off',
          'regulator:waived',
        ],
        signed_off: ['regulator:open'],
        waived: ['regulator:open'],
      },
    };
    for (const [name, i] of [
      ['charter', charter],
      ['assets', assets],
    ] as const) {
      for (const from of ITEM_STATES) {
        const offered: string[] = [];
        const allowed: string[] = [];
        for (const role of ACTOR_ROLES) {
          for (const to of allowedItemTransitions({ item: i, entry: entryOf(i, from), role }))
            offered.push(`${role}:${to}`);
          for (const to of ITEM_STATES) {
            const result = transitionItem({
              item: i,
              entry: { ...entryOf(i, from), evidence: from === 'open' ? [] : [file('x')] },
              to,
              actor: actorOf(role),
              input: {
                reason: '理由',
                evidence: i.evidence.map((req) => file(req.kind, { mimeType: req.mimeTypes[0]! })),
              },
              at: AT,
              caseState: 'executing',
            });
            if (result.ok) allowed.push(`${role}:${to}`);
            else expect(['illegal_transition', 'role_not_allowed']).toContain(result.refusal.code);
          }
        }
        expect({ name, from, offered: offered.sort() }).toEqual({
          name,
          from,
          offered: expected[name]![from]!.sort(),
        });
        expect({ name, from, allowed: allowed.sort() }).toEqual({
          name,
          from,
          allowed: expected[name]![from]!.sort(),
        });
      }
    }
  });

  it('refuses a progress record of another item', () => {
    const result = transitionItem({
      item: charter,
      entry: entryOf(assets),
      to: 'waived',
      actor: actorOf('regulator'),
      input: { reason: 'x' },
      at: AT,
      caseState: 'executing',
    });
    expect(result.ok ? 'ok' : result.refusal.code).toBe('item_mismatch');
  });
});

describe('findingsBesideItems', () => {
  it('puts each finding beside the item naming its rule, and the rest aside', () => {
    const items = generateChecklist({ pack: getPack('national-2019') });
    const findings = [
      { ruleId: 'PERS-5' as const, id: 1 },
      { ruleId: 'FEE-1' as const, id: 2 },
      { ruleId: 'INST-2' as const, id: 3 },
      { ruleId: 'PERS-6' as const, id: 4 },
      { ruleId: 'INST-4' as const, id: 5 },
    ];
    const { byItem, other } = findingsBesideItems({ items, findings });
    expect(byItem.get('pers.retired_cadres_compliant')?.map((f) => f.id)).toEqual([1, 4]);
    expect(byItem.get('inst.links_ended')?.map((f) => f.id)).toEqual([3]);
    expect(byItem.get('party.organisation_set_up')).toEqual([]);
    expect(other.map((f) => f.id)).toEqual([2, 5]);
  });

  it('names each rule in one item only', () => {
    const rules = generateChecklist({ pack: getPack('national-2019') }).flatMap((i) => i.ruleIds);
    expect(new Set(rules).size).toBe(rules.length);
  });
});

describe('items of a closed case', () => {
  it('refuses every move once the case is decoupled or exempt', () => {
    const pack = getPack('national-2019');
    const charter = item(pack, 'inst.charter_amended');
    for (const caseState of ['decoupled', 'exempt'] as const) {
      const result = transitionItem({
        item: charter,
        entry: { ...startChecklist([charter])[0]!, state: 'signed_off' },
        to: 'open',
        actor: actorOf('regulator'),
        input: { reason: '复查' },
        at: AT,
        caseState,
      });
      expect(result.ok ? 'ok' : result.refusal.code).toBe('case_closed');
    }
  });

  it('throws on an instant without an offset', () => {
    const charter = item(getPack('national-2019'), 'inst.charter_amended');
    expect(() =>
      transitionItem({
        item: charter,
        entry: startChecklist([charter])[0]!,
        to: 'waived',
        actor: actorOf('regulator'),
        input: { reason: 'x' },
        at: '2020-04-01 10:00',
        caseState: 'executing',
      }),
    ).toThrow(/ISO 8601/);
  });
});
