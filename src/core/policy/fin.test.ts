import { describe, expect, it } from 'vitest';
import { allowedAppropriationShare } from './fin.ts';
import { getPack } from './packs.ts';
import { buildCase, buildFinanceYear, derivePack, ruleFindings } from './test-support.ts';

describe('FIN-1', () => {
  it('flags a year after decoupling without separate books', () => {
    const years = [buildFinanceYear({ year: 2018, separateBooks: false })];
    const [finding] = ruleFindings('FIN-1', {
      facts: { finance: { base2015Appropriation: null, base2015RetireeFunding: null, years } },
    });
    expect(finding?.subject).toEqual({ type: 'finance_year', id: '51330000MJ8800001A:2018' });
    expect(finding?.explanationZh).toContain('未单独建账核算');
  });

  it('does not flag years before the decoupling year or unknown values', () => {
    const years = [
      buildFinanceYear({ year: 2015, independentAccount: false }),
      buildFinanceYear({ year: 2019, independentAccount: null, separateBooks: null }),
    ];
    expect(
      ruleFindings('FIN-1', {
        facts: { finance: { base2015Appropriation: null, base2015RetireeFunding: null, years } },
      }),
    ).toEqual([]);
  });
});

describe('FIN-2', () => {
  it('flags public-institution accounting after decoupling', () => {
    const years = [buildFinanceYear({ year: 2020, accountingStandard: 'public_institution' })];
    expect(
      ruleFindings('FIN-2', {
        facts: { finance: { base2015Appropriation: null, base2015RetireeFunding: null, years } },
      }),
    ).toHaveLength(1);
  });

  it('does not flag NPO accounting', () => {
    const years = [buildFinanceYear({ year: 2020 })];
    expect(
      ruleFindings('FIN-2', {
        facts: { finance: { base2015Appropriation: null, base2015RetireeFunding: null, years } },
      }),
    ).toEqual([]);
  });
});

describe('FIN-3', () => {
  const params = getPack('national-2015').parameters;

  it.each([
    [2015, 2016, 1],
    [2015, 2017, 1],
    [2016, 2016, 0.8],
    [2016, 2017, 0.8],
    [2017, 2016, 0.8],
    [2017, 2017, 0.6],
    [2019, 2017, 0.6],
    [2015, 2018, 0],
    [2017, 2018, 0],
  ])(
    'allows, for an association decoupled in %i, a %i appropriation of %f of the base',
    (decoupled, budget, share) => {
      expect(allowedAppropriationShare(params, decoupled, budget)).toBe(share);
    },
  );

  // Base: 1,000,000 appropriated in 2015 minus 200,000 retiree funding = 800,000.
  const finance = (year: number, directAppropriation: number, placementFunds = 0) => ({
    base2015Appropriation: 1_000_000,
    base2015RetireeFunding: 200_000,
    years: [buildFinanceYear({ year, directAppropriation, placementFunds })],
  });

  it.each([
    ['2015-12-01', 2016, 800_000, 0],
    ['2015-12-01', 2016, 800_001, 1],
    ['2016-12-01', 2016, 640_000, 0],
    ['2016-12-01', 2016, 640_001, 1],
    ['2016-12-01', 2017, 640_001, 1],
    ['2017-06-30', 2017, 480_000, 0],
    ['2017-06-30', 2017, 480_001, 1],
    ['2017-06-30', 2018, 1, 1],
    ['2017-06-30', 2018, 0, 0],
  ])('decoupled on %s, a %i appropriation of %i gives %i findings', (decoupledOn, year, amount, count) => {
    const facts = { case: buildCase({ decoupledOn }), finance: finance(year, amount) };
    expect(ruleFindings('FIN-3', { facts })).toHaveLength(count);
  });

  it('exempts funds for staff placed by earlier restructurings', () => {
    const facts = (placement: number) => ({
      case: buildCase({ decoupledOn: '2017-06-30' }),
      finance: finance(2017, 700_000, placement),
    });
    const [finding] = ruleFindings('FIN-3', { facts: facts(100_000) });
    expect(finding?.explanationZh).toContain('600,000');
    expect(finding?.explanationZh).toContain('480,000');
    expect(finding?.explanationZh).toContain('60%');
    expect(ruleFindings('FIN-3', { facts: facts(300_000) })).toEqual([]);
  });

  it('does not check transition years without a recorded base, but still checks zero years', () => {
    const years = [
      buildFinanceYear({ year: 2017, directAppropriation: 900_000 }),
      buildFinanceYear({ year: 2018, directAppropriation: 10 }),
    ];
    const facts = { finance: { base2015Appropriation: null, base2015RetireeFunding: null, years } };
    expect(ruleFindings('FIN-3', { facts }).map((f) => f.subject.id)).toEqual(['51330000MJ8800001A:2018']);
  });
});

describe('FIN-4', () => {
  const occupied = (overrides = {}) => ({
    finance: {
      base2015Appropriation: null,
      base2015RetireeFunding: null,
      years: [
        buildFinanceYear({
          year: 2017,
          officeInAdministrativeSpace: true,
          officeOrganCode: 'MIN',
          ...overrides,
        }),
      ],
    },
  });
  const province = 'provincial-33-2016';

  it('flags office space still occupied the day after the provincial deadline 2017-12-31', () => {
    const [finding] = ruleFindings('FIN-4', { facts: occupied(), asOf: '2018-01-01', packId: province });
    expect(finding?.explanationZh).toContain('腾退期限为 2017-12-31');
    expect(finding?.arisenOn).toBe('2018-01-01');
  });

  it('does not flag it on the deadline day itself', () => {
    expect(ruleFindings('FIN-4', { facts: occupied(), asOf: '2017-12-31', packId: province })).toEqual([]);
  });

  it('does not flag office space vacated on the deadline', () => {
    expect(
      ruleFindings('FIN-4', {
        facts: occupied({ vacatedOn: '2017-12-31' }),
        asOf: '2018-06-01',
        packId: province,
      }),
    ).toEqual([]);
  });

  it('flags late vacating until the day of vacating', () => {
    const facts = occupied({ vacatedOn: '2018-03-01' });
    expect(ruleFindings('FIN-4', { facts, asOf: '2018-02-28', packId: province })).toHaveLength(1);
    expect(ruleFindings('FIN-4', { facts, asOf: '2018-03-01', packId: province })).toEqual([]);
  });

  it('accepts a paid-use agreement only where the pack allows paid use', () => {
    const facts = occupied({ paidUseAgreementRef: '有偿使用协议2017-8' });
    expect(
      ruleFindings('FIN-4', { facts, asOf: '2018-01-01', packId: province })[0]?.explanationZh,
    ).toContain('不允许有偿使用');
    const lenient = derivePack('provincial-33-2016', { fin: { paidUseAllowed: true } });
    expect(ruleFindings('FIN-4', { facts, asOf: '2018-01-01', pack: lenient })).toEqual([]);
  });

  it('does not fire under the national pack, which sets no deadline', () => {
    expect(ruleFindings('FIN-4', { facts: occupied(), asOf: '2018-01-01', packId: 'national-2015' })).toEqual(
      [],
    );
  });
});

describe('FIN-5', () => {
  const finance = (registeredOn: string | null) => ({
    base2015Appropriation: null,
    base2015RetireeFunding: null,
    years: [buildFinanceYear({ year: 2024, stateAssetsUsed: true, stateAssetsRegisteredOn: registeredOn })],
  });

  it('flags state assets in use and not registered', () => {
    expect(ruleFindings('FIN-5', { facts: { finance: finance(null) } })[0]?.severity).toBe('open');
  });

  it('does not flag registered assets, nor an association never listed', () => {
    expect(ruleFindings('FIN-5', { facts: { finance: finance('2024-05-01') } })).toEqual([]);
    expect(ruleFindings('FIN-5', { facts: { case: null, finance: finance(null) } })).toEqual([]);
  });
});
