import { describe, expect, it } from 'vitest';
import { classifyComplaint, type TComplaintFeeItem } from './classify.ts';

const feeItems: TComplaintFeeItem[] = [
  { id: 'dues', name: '会员会费', category: 'dues' },
  { id: 'training', name: '年度安全培训费', category: 'training' },
  { id: 'award', name: '行业十佳企业评选费', category: 'award' },
];

describe('complaint classification', () => {
  it('reads compulsory membership as FEE-1', () => {
    const c = classifyComplaint({ text: '协会强制入会，不交会费就不给办理业务。' });
    expect(c).toMatchObject({ primary: 'FEE', feeRule: 'FEE-1', needsTriage: false });
    expect(c.feeRuleCues).toContain('强制入会');
  });

  it('reads a paid award as FEE-6 and links the named fee item', () => {
    const c = classifyComplaint({ text: '参加“行业十佳企业评选”要交3万元评选费，说是表彰先进。', feeItems });
    expect(c).toMatchObject({ primary: 'FEE', feeRule: 'FEE-6', feeItemId: 'award', feeItemMatch: 'named' });
  });

  it('reads compulsory training as FEE-8 and links a fee item named without its 费 ending', () => {
    const c = classifyComplaint({ text: '每年都要求参加年度安全培训，收费2800元', feeItems });
    expect(c).toMatchObject({ primary: 'FEE', feeRule: 'FEE-8', feeItemId: 'training' });
  });

  it('reads forced sponsorship as FEE-9', () => {
    expect(classifyComplaint({ text: '协会向会员企业摊派赞助费用' }).feeRule).toBe('FEE-9');
  });

  it('reads a retired official holding a post as PERS', () => {
    const c = classifyComplaint({ text: '协会会长是刚退休的局长，已经72岁，还在兼职领取补贴' });
    expect(c.primary).toBe('PERS');
    expect(c.feeRule).toBeNull();
    expect(c.families[0]?.cues).toEqual(expect.arrayContaining(['兼职', '退休']));
  });

  it('reads an approval the association still performs as FUNC', () => {
    const c = classifyComplaint({ text: '办理资质审批前必须先到协会盖章，这是行政审批前置' });
    expect(c.primary).toBe('FUNC');
  });

  it('lets the form topic decide between equal cues, and asks for triage when nothing points anywhere', () => {
    expect(classifyComplaint({ text: '情况反映', topic: 'personnel' }).primary).toBe('PERS');
    const nothing = classifyComplaint({ text: '他们态度很差' });
    expect(nothing).toMatchObject({ primary: null, needsTriage: true, families: [] });
  });

  it('ignores a negated cue', () => {
    expect(classifyComplaint({ text: '没有强制入会' }).feeRule).toBeNull();
    expect(classifyComplaint({ text: '强制入会' }).feeRule).toBe('FEE-1');
  });

  it('takes the fee item picked on the form and its category when the text names no type', () => {
    const c = classifyComplaint({ text: '这个收费不合适', feeItems, feeItemId: 'award' });
    expect(c).toMatchObject({ feeItemId: 'award', feeItemMatch: 'chosen', feeRule: 'FEE-6', primary: 'FEE' });
  });

  it('reads compulsory dues as FEE-1 when the complainant says payment was compulsory', () => {
    expect(classifyComplaint({ text: '要交会员会费', feeItems, compulsory: true }).feeRule).toBe('FEE-1');
    expect(classifyComplaint({ text: '要交会员会费', feeItems, compulsory: false }).feeRule).toBeNull();
  });

  it('names the candidates when the text matches two fee items equally', () => {
    const items: TComplaintFeeItem[] = [
      { id: 'a', name: '培训费', category: 'training' },
      { id: 'b', name: '考试费', category: 'exam' },
    ];
    const c = classifyComplaint({ text: '培训费和考试费都很贵', feeItems: items });
    expect(c.feeItemId).toBeNull();
    expect(c.feeItemCandidates).toEqual(['a', 'b']);
  });

  it('matches full-width and spaced text', () => {
    expect(classifyComplaint({ text: '强制 入会，交 会费 ５０００ 元' }).feeRule).toBe('FEE-1');
  });
});
