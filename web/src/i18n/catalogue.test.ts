import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { type TMessageId, zhCN } from './zh-CN.ts';

const ids = Object.keys(zhCN) as TMessageId[];

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]!).sort();
}

describe('message catalogues', () => {
  it('translates every Chinese message into English and nothing more', () => {
    expect(Object.keys(en).sort()).toEqual([...ids].sort());
  });

  it('leaves no message blank in either language', () => {
    for (const id of ids) {
      expect(zhCN[id].trim(), id).not.toBe('');
      expect(en[id].trim(), id).not.toBe('');
    }
  });

  it('uses the same interpolation placeholders in both languages', () => {
    for (const id of ids) expect(placeholders(en[id]), id).toEqual(placeholders(zhCN[id]));
  });

  it('names the five organ link kinds in Chinese as the policy texts do', () => {
    expect(
      ['sponsor', 'supervisor', 'contact', 'host', 'custodian'].map(
        (kind) => zhCN[`linkKind.${kind}` as TMessageId],
      ),
    ).toEqual(['主办', '主管', '联系', '挂靠', '代管']);
  });
});
