/**
 * Deterministic files for the import benchmarks: organs, associations and posts as CSV text, the same
 * on every run so that runs compare.
 */
import { stringify } from 'csv-stringify/sync';
import { residentIdCheckCharacter } from '../../src/core/ids/resident-id.ts';
import { composeUscc } from '../../src/core/ids/uscc.ts';
import { POST_ROLES } from '../../src/core/registry/types.ts';

export const TODAY = '2026-01-15';

/** A small deterministic generator, so every run imports the same file. */
export function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const organCode = (i: number): string => `ORG${String(i).padStart(6, '0')}`;
export const uscc = (i: number): string => composeUscc('5', '1', '110105', `MJ${String(i).padStart(6, '0')}`);

export function residentId(i: number): string {
  const birth = new Date(Date.UTC(1940, 0, 1) + (i % 20_000) * 86_400_000).toISOString().slice(0, 10);
  const first17 = `110105${birth.replaceAll('-', '')}${String(Math.floor(i / 20_000) % 1000).padStart(3, '0')}`;
  return first17 + residentIdCheckCharacter(first17);
}

/** `count` organs, all top-level. */
export function organsCsv(count: number): string {
  const rows = [['code', 'name', 'kind', 'is_administrative', 'level', 'region_code']];
  for (let i = 0; i < count; i++)
    rows.push([organCode(i), `机关${i}`, 'government', 'true', 'national', '100000']);
  return stringify(rows);
}

/** `count` associations with most columns filled, as a registrar's export would have them. */
export function associationsCsv(count: number): string {
  const rand = random(19950601);
  const levels = ['全国', 'provincial', '市级', 'county'];
  const rows = [
    [
      'uscc',
      'name',
      'short_name',
      'level',
      'region_code',
      'industry',
      'registrar',
      'founded_on',
      'registered_on',
      'status',
      'address',
      'phone',
      'member_count',
    ],
  ];
  for (let i = 0; i < count; i++) {
    const level = i % 7 === 0 ? '全国' : levels[1 + Math.floor(rand() * 3)]!;
    rows.push([
      uscc(i),
      `中国示例第${i}行业协会`,
      `示例${i}协会`,
      level,
      level === '全国' ? '100000' : '110105',
      rand() < 0.5 ? '制造业' : '服务业',
      '民政部',
      `19${50 + Math.floor(rand() * 49)}-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}`,
      rand() < 0.7 ? `2000/${1 + Math.floor(rand() * 12)}/${1 + Math.floor(rand() * 28)}` : '',
      rand() < 0.9 ? '正常' : 'deregistered',
      `北京市东城区示例大街${i}号`,
      `010-${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`,
      String(Math.floor(rand() * 2_000)),
    ]);
  }
  return stringify(rows);
}

export type TPostsOptions = { rows: number; organs: number; associations: number };

/** Posts as rows of cells (header first): 60 % of the people with a resident ID. */
export function postRows(options: TPostsOptions): string[][] {
  const rand = random(20260115);
  const rows: string[][] = [
    [
      'association_uscc',
      'person_name',
      'resident_id',
      'sex',
      'birth_date',
      'role',
      'started_on',
      'ended_on',
      'term_number',
      'remunerated',
      'recommended_by_organ_code',
    ],
  ];
  for (let i = 0; i < options.rows; i++) {
    const withId = rand() < 0.6;
    const started = `20${String(10 + Math.floor(rand() * 14)).padStart(2, '0')}-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}`;
    rows.push([
      uscc(Math.floor(rand() * options.associations)),
      `人员${i}`,
      withId ? residentId(i) : '',
      withId ? '' : rand() < 0.5 ? '男' : '女',
      withId ? '' : '1960-05-01',
      POST_ROLES[Math.floor(rand() * POST_ROLES.length)]!,
      started,
      rand() < 0.3 ? `${Number(started.slice(0, 4)) + 3}${started.slice(4)}` : '',
      String(1 + Math.floor(rand() * 6)),
      rand() < 0.1 ? '是' : '否',
      rand() < 0.2 ? organCode(Math.floor(rand() * options.organs)) : '',
    ]);
  }
  return rows;
}

/** The posts file as CSV text. */
export function postsCsv(options: TPostsOptions): string {
  return stringify(postRows(options));
}
