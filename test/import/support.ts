import type { Queryable } from '../../src/db/database.ts';
import { type ImportFileOptions, importFile, type TImportResult } from '../../src/import/importer.ts';
import { createPersonalDataProtector } from '../../src/security/personal-data.ts';
import { openTestDatabase } from '../support/database.ts';

export const protector = createPersonalDataProtector('cd'.repeat(32));
export const actor = { id: null, label: 'test' };
export const TODAY = '2026-01-15';

export type TTestDb = Awaited<ReturnType<typeof openTestDatabase>>;

const TABLES = [
  'organs',
  'associations',
  'organ_links',
  'persons',
  'posts',
  'roster_records',
  'import_runs',
  'audit_events',
];

/** Row count and content checksum of every table an import touches. */
export async function snapshot(db: Queryable): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const table of TABLES) {
    const key = table === 'audit_events' ? 'seq' : 'id';
    const { rows } = await db.query<{ n: number; sum: string | null }>(
      `SELECT count(*)::int AS n, md5(string_agg(t::text, '|' ORDER BY t.${key})) AS sum FROM ${table} AS t`,
    );
    result[table] = `${rows[0]!.n}:${rows[0]!.sum ?? ''}`;
  }
  return result;
}

/** Imports text or bytes with the test defaults. */
export function run(
  db: ImportFileOptions['db'],
  fileName: string,
  content: string | Buffer,
  extra: Partial<ImportFileOptions> = {},
): Promise<TImportResult> {
  return importFile({
    db,
    protector,
    actor,
    fileName,
    content: typeof content === 'string' ? Buffer.from(content, 'utf8') : content,
    today: TODAY,
    ...extra,
  });
}

export const ORGANS_CSV = `code,name,kind,is_administrative,level,region_code,parent_code
ORG-MIN,示例部,government,true,national,100000,
ORG-UNIT,示例部信息中心,public_institution,false,national,100000,ORG-MIN
`;
export const USCC_A = '51100000MJ0000018U';
export const ASSOCIATIONS_CSV = `uscc,name,level,region_code,founded_on,status
${USCC_A},中国示例行业协会,national,100000,1995-06-01,active
`;

export { openTestDatabase };
