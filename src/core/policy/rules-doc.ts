/**
 * Renders the rule documentation (`docs/rules.md`) from the catalog and the packs, so that the
 * documentation cannot drift from the code: a test compares the committed file with this output.
 */

import { describeCatalog } from './catalog.ts';
import { BUILT_IN_PACKS, type TResolvedPack } from './packs.ts';
import { RULE_FAMILIES, type TRuleFamily } from './types.ts';

const FAMILY_TITLES: Readonly<Record<TRuleFamily, string>> = {
  SCOPE: 'SCOPE — decoupling scope (脱钩范围)',
  INST: 'INST — institutional separation (机构分离)',
  FUNC: 'FUNC — functional separation (职能分离)',
  FIN: 'FIN — assets and finance (资产财务分离)',
  PERS: 'PERS — personnel (人员管理分离) and officials’ posts',
  PARTY: 'PARTY — party building and foreign affairs (党建、外事分离)',
  FEE: 'FEE — fees (the 15 prohibited types and the dues procedure)',
  CRED: 'CRED — credit lists (民政部令第60号)',
  CASE: 'CASE — the decoupling case',
};

/** The command that regenerates the file, printed in its header. */
export const RULES_DOC_COMMAND =
  'npx tsx --eval "import(\'./src/core/policy/rules-doc.ts\').then((m) => process.stdout.write(m.renderRulesDoc()))" > docs/rules.md && npx biome format --write docs/rules.md';

function cell(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return (text ?? '—').replace(/\|/g, '\\|');
}

function packRow(pack: TResolvedPack): string {
  const until = pack.effectiveTo ?? '—';
  const parent = pack.lineage[1] ?? '—';
  return `| \`${pack.id}\` | ${pack.version} | ${pack.title.zh} / ${pack.title.en} | ${parent} | ${pack.jurisdiction || 'national'} | ${pack.effectiveFrom} | ${until} |`;
}

export type RenderRulesDocOptions = { packs?: ReadonlyMap<string, TResolvedPack> };

/** The full Markdown text of `docs/rules.md`. */
export function renderRulesDoc({ packs = BUILT_IN_PACKS }: RenderRulesDocOptions = {}): string {
  const catalog = describeCatalog({ packs });
  const lines: string[] = [];
  const packList = [...packs.values()];
  lines.push(
    '# Policy rules',
    '',
    '<!-- Generated from src/core/policy (catalog and packs); do not edit by hand. Regenerate with:',
    `     ${RULES_DOC_COMMAND} -->`,
    '',
    'Every checkable requirement of the decoupling policies is a rule with a stable id. The rules are pure',
    'functions over plain facts (`src/core/policy/facts.ts`); their thresholds, dates and word lists live in',
    'versioned **policy packs**, never in code. A finding names the rule, the pack and its version, the',
    'subject, the facts that made it fire, the clause and an explanation in Chinese and English, and carries a',
    'stable fingerprint (`rule|USCC|subject[|aspect]`) so that two runs can be compared (`diffRuns`).',
    '',
    '## Conventions',
    '',
    '- Dates are `YYYY-MM-DD`. A relation (link, post, function, fee item) holds from its start day until the',
    '  day before its end date: the end date is the first day it no longer holds.',
    '- Periods in years or months follow the Civil Code (art. 202): a period ending on a day the month lacks',
    '  (29 February, the 31st) ends on the last day of that month.',
    '- Working days come from the official calendar handed to the engine (public holidays and swapped',
    '  working weekend days); the engine never guesses them. A finding names the calendar it used.',
    '- An unknown fact (`null`) never counts as a breach.',
    '- Severities: `violation` a clear rule is broken; `risk` review needed; `open` a task or legal timer not',
    '  yet done; `info` for the record. A finding may carry a different severity from its rule’s default where',
    '  the rule says so (PERS-2; a PERS finding resting on a low-confidence match is a `risk`; CRED timers',
    '  become `violation` once overdue).',
    '- Deregistered and revoked associations get only the CRED rules. Associations out of the decoupling',
    '  scope (SCOPE-1) get only the rules that bind every social group (PERS-1 to PERS-8, PARTY-2, CRED).',
    '',
    '## Policy packs',
    '',
    '`resolvePack({ regionCode, asOf })` picks, among the packs whose jurisdiction prefix matches the region',
    'and whose period contains the date, the most specific jurisdiction, then the latest start.',
    '',
    '| pack | version | title | inherits | jurisdiction | from | until (exclusive) |',
    '|---|---|---|---|---|---|---|',
    ...packList.map(packRow),
    '',
  );
  for (const pack of packList) {
    lines.push(`### \`${pack.id}\``, '');
    lines.push(`Sources: ${pack.sources.join('; ')}.`, '');
    for (const note of pack.notes) lines.push(`- ${note.zh} ${note.en}`);
    const off = Object.entries(pack.rules)
      .filter(([, on]) => !on)
      .map(([id]) => id);
    lines.push(`- Rules switched off: ${off.length === 0 ? 'none' : off.join(', ')}.`, '');
  }
  lines.push(
    '### Inspection ratios (INSP)',
    '',
    'The random-inspection draw reads these pack parameters (yearly regular draw, share of organisations',
    'registered at each level, and the minimum number of inspectors on site).',
    '',
    `| parameter | ${packList.map((p) => `\`${p.id}\``).join(' | ')} |`,
    `|---|${packList.map(() => '---').join('|')}|`,
    `| \`insp.ratioByLevel\` | ${packList.map((p) => cell(p.parameters.insp.ratioByLevel)).join(' | ')} |`,
    `| \`insp.minInspectors\` | ${packList.map((p) => cell(p.parameters.insp.minInspectors)).join(' | ')} |`,
    '',
  );
  for (const family of RULE_FAMILIES) {
    lines.push(`## ${FAMILY_TITLES[family]}`, '');
    for (const rule of catalog.filter((r) => r.family === family)) {
      lines.push(`### ${rule.id} — ${rule.title.en}`, '');
      lines.push(
        `**${rule.title.zh}** · severity \`${rule.severity}\` · applies to ${rule.appliesTo === 'in_scope' ? 'associations in the decoupling scope' : 'every social group'}`,
      );
      lines.push('', `Clause: ${rule.clause}`, '');
      lines.push('Explanation templates (`{name}` is filled from the finding’s facts):', '');
      for (const [key, template] of Object.entries(rule.templates)) {
        lines.push(`- \`${key}\`: ${template.zh}`, `  — ${template.en}`);
      }
      lines.push('');
      const active = rule.packs.map((p) => `\`${p.packId}\` ${p.active ? 'on' : 'off'}`).join(', ');
      lines.push(`Active in: ${active}.`, '');
      const paths = Object.keys(rule.packs[0]?.parameters ?? {});
      if (paths.length > 0) {
        lines.push(`| parameter | ${rule.packs.map((p) => `\`${p.packId}\``).join(' | ')} |`);
        lines.push(`|---|${rule.packs.map(() => '---').join('|')}|`);
        for (const path of paths) {
          lines.push(`| \`${path}\` | ${rule.packs.map((p) => cell(p.parameters[path])).join(' | ')} |`);
        }
        lines.push('');
      }
      lines.push('How ambiguous points were decided:', '');
      for (const decision of rule.decisions) lines.push(`- ${decision.zh}`, `  ${decision.en}`);
      lines.push('', `Example: ${rule.example.zh} — ${rule.example.en}`, '');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
