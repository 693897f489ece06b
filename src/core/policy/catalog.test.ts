import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeCatalog, RULES, RULES_BY_ID } from './catalog.ts';
import { templatePlaceholders } from './helpers.ts';
import { BUILT_IN_PACKS, parameterValue } from './packs.ts';
import { renderRulesDoc } from './rules-doc.ts';
import { RULE_IDS, type TRuleId } from './types.ts';

const policy = readFileSync(new URL('../../../../shared/docs/POLICY.md', import.meta.url), 'utf8');
const rulesDoc = readFileSync(new URL('../../../docs/rules.md', import.meta.url), 'utf8');

/** The formatter pads Markdown table cells; compare tables cell by cell. */
function withoutTablePadding(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) =>
      line.startsWith('|')
        ? line
            .split(/(?<!\\)\|/)
            .map((cellText) => cellText.trim().replace(/^-+$/, '---'))
            .join('|')
        : line,
    )
    .join('\n');
}

/** Rule ids of the catalog: bold ids such as **PERS-5** (INSP has no ids). */
function policyIds(text: string): string[] {
  return [...new Set([...text.matchAll(/\*\*([A-Z]+-\d+)\*\*/g)].map((m) => m[1] ?? ''))];
}

describe('the rule catalog against POLICY.md', () => {
  const ids = policyIds(policy);

  it('finds the catalog ids in POLICY.md', () => {
    expect(ids.length).toBeGreaterThanOrEqual(50);
    expect(ids).toContain('SCOPE-1');
    expect(ids).toContain('FEE-15');
  });

  it('implements every rule id of POLICY.md and no other', () => {
    const missing = ids.filter((id) => !RULES_BY_ID.has(id as TRuleId));
    expect(missing).toEqual([]);
    expect([...RULE_IDS].sort()).toEqual([...ids].sort());
  });

  it('documents every rule id of POLICY.md in docs/rules.md', () => {
    const undocumented = ids.filter((id) => !rulesDoc.includes(`### ${id} — `));
    expect(undocumented).toEqual([]);
  });

  it('keeps docs/rules.md identical to what the catalog renders, up to table padding', () => {
    expect(withoutTablePadding(rulesDoc)).toBe(withoutTablePadding(renderRulesDoc()));
  });
});

describe('rule metadata', () => {
  it('lists the rules in catalog order with CASE-3 last', () => {
    expect(RULES.map((r) => r.id)).toEqual([...RULE_IDS]);
    expect(RULES.at(-1)?.id).toBe('CASE-3');
  });

  it('gives every rule titles, a clause, a default-or-named template, a decision and an example in both languages', () => {
    for (const rule of RULES) {
      expect(rule.id.startsWith(rule.family)).toBe(true);
      expect(rule.title.zh && rule.title.en && rule.clause).toBeTruthy();
      expect(Object.keys(rule.templates).length).toBeGreaterThan(0);
      for (const t of Object.values(rule.templates)) {
        // Language-specific facts come in pairs (reasonZh / reasonEn); the rest are shared.
        const neutral = (text: string) =>
          templatePlaceholders(text)
            .map((p) => p.replace(/(Zh|En)$/, ''))
            .sort();
        expect(neutral(t.zh), `${rule.id}`).toEqual(neutral(t.en));
      }
      expect(rule.decisions.length).toBeGreaterThan(0);
      expect(rule.example.zh && rule.example.en).toBeTruthy();
    }
  });

  it('only names parameters that exist in every pack', () => {
    for (const rule of RULES) {
      for (const path of rule.parameters) {
        for (const pack of BUILT_IN_PACKS.values())
          expect(parameterValue(pack.parameters, path), `${rule.id} ${path}`).not.toBeUndefined();
      }
    }
  });

  it('marks FEE-14 as risk and the other FEE rules as violations', () => {
    for (const rule of RULES.filter((r) => r.family === 'FEE')) {
      expect(rule.severity).toBe(rule.id === 'FEE-14' ? 'risk' : 'violation');
    }
  });

  it('describes the catalog as plain serialisable data with parameter values per pack', () => {
    const catalog = describeCatalog();
    expect(JSON.parse(JSON.stringify(catalog))).toEqual(catalog);
    const pers5 = catalog.find((r) => r.id === 'PERS-5');
    expect(pers5?.packs.find((p) => p.packId === 'national-2019')?.parameters['pers.ageLimit']).toBe(70);
    const fin4 = catalog.find((r) => r.id === 'FIN-4');
    expect(
      fin4?.packs.find((p) => p.packId === 'provincial-33-2016')?.parameters['fin.vacatingDeadline'],
    ).toBe('2017-12-31');
  });
});
