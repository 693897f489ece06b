import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CASES_DOC_COMMAND, renderCasesDoc } from './cases-doc.ts';
import { CASE_TRANSITIONS } from './transitions.ts';

describe('docs/cases.md', () => {
  it('is the rendering of the code as it is now', () => {
    const committed = readFileSync(new URL('../../../docs/cases.md', import.meta.url), 'utf8');
    expect(committed, `regenerate with: ${CASES_DOC_COMMAND}`).toBe(renderCasesDoc());
  });

  it('lists every transition of the table', () => {
    const doc = renderCasesDoc();
    for (const t of CASE_TRANSITIONS)
      expect(doc).toContain(`| \`${t.from}\` | \`${t.to}\` | ${t.roles.join(', ')} |`);
  });
});
