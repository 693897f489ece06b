import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeUscc } from '../../src/core/ids/uscc.ts';
import { FolderImportError, screenFolder } from '../../src/jobs/screen-folder.ts';
import { residentIdFor } from '../support/factories.ts';

const BIN = fileURLToPath(new URL('../../bin/tuogou.js', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

const ORGAN = composeUscc('1', '1', '100000', 'T9000001');
const INDUSTRY = composeUscc('5', '1', '100000', 'T9000002');
const SOCIETY = composeUscc('5', '1', '100000', 'T9000003');
const CADRE_ID = residentIdFor({ regionCode: '110105', birthDate: '1950-03-01', sequence: 17 });
const AS_OF = '2026-06-30';

let folder: string;
let broken: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'tuogou-screen-'));
  await writeFile(
    join(folder, 'organs.csv'),
    `code,name,kind,is_administrative,level,region_code\n${ORGAN},示例部,government,true,national,100000\n`,
  );
  await writeFile(
    join(folder, 'associations.csv'),
    `uscc,name,level,region_code,founded_on,status\n${INDUSTRY},中国示例行业协会,national,100000,1995-06-01,active\n${SOCIETY},中国示例学会,national,100000,1996-06-01,active\n`,
  );
  await writeFile(
    join(folder, 'posts.csv'),
    `association_uscc,person_name,resident_id,birth_date,role,started_on\n${INDUSTRY},孙退休,${CADRE_ID},1950-03-01,president,2018-01-01\n`,
  );
  await writeFile(
    join(folder, 'rosters.csv'),
    `source,record_key,name,resident_id,birth_date,status,retired_on,organ_code,rank\nretired,R-1,孙退休,${CADRE_ID},1950-03-01,retired,2010-03-31,${ORGAN},department\n`,
  );
  broken = await mkdtemp(join(tmpdir(), 'tuogou-screen-broken-'));
  await writeFile(
    join(broken, 'associations.csv'),
    `uscc,name,level,region_code,founded_on,status\nNOT-A-USCC,坏数据协会,national,100000,1995-06-01,active\n`,
  );
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
  await rm(broken, { recursive: true, force: true });
});

describe('screening a folder without a server', () => {
  it('finds the retired cadre over 70 holding a post (PERS-5) and puts a 学会 out of scope', async () => {
    const result = await screenFolder({ folder, asOf: AS_OF, actor: { id: null, label: 'test' } });
    const pers5 = result.findings.filter((f) => f.rule === 'PERS-5');
    expect(pers5).toHaveLength(1);
    expect(pers5[0]).toMatchObject({
      association: INDUSTRY,
      severity: 'violation',
      subject: { type: 'post' },
    });
    expect(pers5[0]!.pack).toEqual({ id: 'national-2019', version: '2019.1' });
    const scope = Object.fromEntries(result.scope.map((s) => [s.association, s]));
    // The files give no membership basis, so the name alone leaves the decision open (rules still run).
    expect(scope[INDUSTRY]!.outcome).toBe('needs_decision');
    expect(scope[SOCIETY]!.outcome).toBe('out');
    expect(scope[SOCIETY]!.reasons.length).toBeGreaterThan(0);
  });

  it('refuses a folder whose files do not import, naming the file, row and column', async () => {
    const error = await screenFolder({
      folder: broken,
      asOf: AS_OF,
      actor: { id: null, label: 'test' },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FolderImportError);
    expect((error as Error).message).toMatch(/associations\.csv row 2 column uscc/);
  });

  it('tuogou screen <folder> --json prints exactly the findings and scope shape', () => {
    const result = run('screen', folder, '--json', '--as-of', AS_OF);
    expect(result.status, result.stderr).toBe(0);
    const printed = JSON.parse(result.stdout) as {
      findings: Record<string, unknown>[];
      scope: Record<string, unknown>[];
    };
    expect(Object.keys(printed).sort()).toEqual(['findings', 'scope']);
    expect(printed.findings.length).toBeGreaterThan(0);
    for (const finding of printed.findings)
      expect(Object.keys(finding).sort()).toEqual(
        [
          'association',
          'clause',
          'explanation_en',
          'explanation_zh',
          'facts',
          'pack',
          'rule',
          'severity',
          'subject',
        ].sort(),
      );
    for (const entry of printed.scope)
      expect(Object.keys(entry).sort()).toEqual(['association', 'outcome', 'reasons']);
  }, 60_000);

  it('documents screen and findings in --help, and refuses a malformed --as-of', () => {
    const help = run('screen', '--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--as-of <date>/);
    expect(help.stdout).toMatch(/needs_decision/);
    const findings = run('findings', '--help');
    expect(findings.stdout).toMatch(/rectify/);
    expect(findings.stdout).toMatch(/appeal/);
    expect(run('findings', 'waive', '--help').stdout).toMatch(/--reason <text>/);
    const bad = run('screen', folder, '--as-of', '2026-02-30');
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/--as-of must be a date/);
  }, 60_000);
});
