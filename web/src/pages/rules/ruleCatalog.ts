import {
  RULE_FAMILIES,
  SEVERITIES,
  type TRuleEntry,
  type TRuleFamily,
  type TSeverity,
} from '../../api/types.ts';

/** The catalog page's search, as kept in the URL. */
export type TRuleFilters = { q?: string; family?: TRuleFamily; severity?: TSeverity };

function oneOf<T extends string>(allowed: readonly T[], value: string | null): T | undefined {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** Reads the catalog search from the URL, dropping unknown families and severities. */
export function parseRuleParams(params: URLSearchParams): TRuleFilters {
  const filters: TRuleFilters = {};
  const q = params.get('q')?.trim();
  if (q) filters.q = q;
  const family = oneOf(RULE_FAMILIES, params.get('family'));
  if (family) filters.family = family;
  const severity = oneOf(SEVERITIES, params.get('severity'));
  if (severity) filters.severity = severity;
  return filters;
}

/** Writes the catalog search back as URL parameters. */
export function ruleParams(filters: TRuleFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q?.trim()) params.set('q', filters.q.trim());
  if (filters.family) params.set('family', filters.family);
  if (filters.severity) params.set('severity', filters.severity);
  return params;
}

/**
 * The rules matching the search. The text matches the id, either title, the clause or the example,
 * ignoring case, so `pers-5`, `70` and `退休` all find PERS-5.
 */
export function filterRules(rules: readonly TRuleEntry[], filters: TRuleFilters): TRuleEntry[] {
  const needle = filters.q?.trim().toLowerCase();
  return rules.filter((rule) => {
    if (filters.family && rule.family !== filters.family) return false;
    if (filters.severity && rule.severity !== filters.severity) return false;
    if (!needle) return true;
    const haystack = [rule.id, rule.title.zh, rule.title.en, rule.clause, rule.example.zh, rule.example.en];
    return haystack.some((text) => text.toLowerCase().includes(needle));
  });
}

/** One column of the parameter table: a policy pack with its version. */
export type TPackColumn = { key: string; packId: string; version: string; active: boolean };

/** One row of the parameter table: a parameter and its value in each pack (by column key). */
export type TParameterRow = { name: string; values: Record<string, unknown> };

export type TParameterMatrix = { packs: TPackColumn[]; rows: TParameterRow[] };

/**
 * The rule's parameters as a table of parameter × pack, with parameters in the order the first pack
 * lists them (then any only later packs have), so a province's override sits beside the national value.
 */
export function parameterMatrix(rule: TRuleEntry): TParameterMatrix {
  const packs = rule.packs.map((pack) => ({
    key: `${pack.packId}@${pack.version}`,
    packId: pack.packId,
    version: pack.version,
    active: pack.active,
  }));
  const names: string[] = [];
  for (const pack of rule.packs) {
    for (const name of Object.keys(pack.parameters)) if (!names.includes(name)) names.push(name);
  }
  const rows = names.map((name) => ({
    name,
    values: Object.fromEntries(
      rule.packs.map((pack, index) => [packs[index]!.key, pack.parameters[name]]),
    ) as Record<string, unknown>,
  }));
  return { packs, rows };
}

function isRatio(value: object): value is { numerator: number; denominator: number; inclusive: boolean } {
  return 'numerator' in value && 'denominator' in value && 'inclusive' in value;
}

/**
 * A parameter value in a table cell: lists joined with `、`, ratios as `≥ 2/3` or `> 1/2`, other
 * structures as compact JSON; `undefined` (the pack lacks it) and `null` (not set) as a dash.
 */
export function parameterText(value: unknown, yes: string, no: string): string {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'boolean') return value ? yes : no;
  if (typeof value === 'number' || typeof value === 'string') return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string' || typeof item === 'number')) {
    return value.length === 0 ? '—' : value.join('、');
  }
  if (typeof value === 'object' && isRatio(value)) {
    return `${value.inclusive ? '≥' : '>'} ${value.numerator}/${value.denominator}`;
  }
  return JSON.stringify(value);
}
