import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRegionCode } from '../../src/core/ids/regions.ts';
import { parseResidentId } from '../../src/core/ids/resident-id.ts';
import { validateUscc } from '../../src/core/ids/uscc.ts';
import { generateDataset, RETIRED_SOURCE, SERVING_SOURCE, type TDataset } from '../../src/demo/dataset.ts';
import { addDays, addYears, ageOn } from '../../src/demo/dates.ts';
import { DATASET_FILES, writeDatasetFiles } from '../../src/demo/files.ts';
import { SURNAME_SHARES, surnameOf } from '../../src/demo/names.ts';
import { headerKeys } from '../../src/import/fact-rows.ts';
import {
  expectedFindings,
  findFindings,
  matchPosts,
  materialise,
  normalisedSourceId,
  postKey,
  type TMaterialised,
} from './reference-checker.ts';

let dataset: TDataset;
let data: TMaterialised;

beforeAll(() => {
  dataset = generateDataset({ seed: 2015, scale: 'demo' });
  data = materialise(dataset);
});

describe('demo dataset: size and shape', () => {
  it('has about the demo scale of records', () => {
    expect(dataset.associations).toHaveLength(3_000);
    expect(data.posts.length).toBeGreaterThan(36_000);
    expect(data.posts.length).toBeLessThan(44_000);
    expect(data.posts.length).toBe(dataset.truth.counts.posts);
    expect(data.rosters.filter((r) => r.source === SERVING_SOURCE)).toHaveLength(20_000);
    expect(data.rosters.filter((r) => r.source === RETIRED_SOURCE)).toHaveLength(3_000);
  });

  it('covers every province and every level', () => {
    const provinces = new Set(dataset.associations.map((a) => a.regionCode.slice(0, 2)));
    expect(provinces.size).toBeGreaterThanOrEqual(32); // 31 provinces and the national code
    const levels = new Set(dataset.associations.map((a) => a.level));
    expect([...levels].sort()).toEqual(['county', 'municipal', 'national', 'provincial']);
    expect(dataset.organs.some((o) => o.name === '工业和信息化部' && o.shortName === '工信部')).toBe(true);
    expect(dataset.organs.some((o) => o.name === '广东省工业和信息化厅')).toBe(true);
    expect(dataset.organs.some((o) => o.name === '北京市民政局')).toBe(true);
  });

  it('has unique names, USCCs, roster keys and post natural keys', () => {
    expect(new Set(dataset.associations.map((a) => a.name)).size).toBe(dataset.associations.length);
    expect(new Set(dataset.associations.map((a) => a.uscc)).size).toBe(dataset.associations.length);
    expect(new Set(dataset.organs.map((o) => o.code)).size).toBe(dataset.organs.length);
    expect(new Set(data.rosters.map((r) => `${r.source}|${r.recordKey}`)).size).toBe(data.rosters.length);
    const personKey = (p: (typeof data.posts)[number]) =>
      p.person.residentId ?? `${p.person.name}|${p.person.birthDate}|${p.associationUscc}`;
    const keys = new Set(
      data.posts.map((p) => `${personKey(p)}|${p.associationUscc}|${p.role}|${p.startedOn}`),
    );
    expect(keys.size).toBe(data.posts.length);
  });

  it('links every organ parent, link and recommendation to a known organ or association', () => {
    const organs = new Set(dataset.organs.map((o) => o.code));
    const associations = new Set(dataset.associations.map((a) => a.uscc));
    for (const o of dataset.organs) if (o.parentCode) expect(organs.has(o.parentCode)).toBe(true);
    for (const l of dataset.links) {
      expect(organs.has(l.organCode)).toBe(true);
      expect(associations.has(l.associationUscc)).toBe(true);
      if (l.endedOn) expect(l.endedOn >= l.startedOn).toBe(true);
    }
    for (const p of data.posts) {
      expect(associations.has(p.associationUscc)).toBe(true);
      if (p.recommendedByOrganCode) expect(organs.has(p.recommendedByOrganCode)).toBe(true);
      if (p.endedOn) expect(p.endedOn >= p.startedOn).toBe(true);
    }
    for (const r of data.rosters) if (r.organCode) expect(organs.has(r.organCode)).toBe(true);
  });

  it('ends most former sponsoring links in 2016–2020', () => {
    const ended = dataset.links.filter((l) => l.endedOn);
    expect(ended.length / dataset.links.length).toBeGreaterThan(0.8);
    for (const l of ended) {
      expect(l.endedOn! >= '2016-01-01' && l.endedOn! <= '2020-12-31').toBe(true);
    }
  });
});

describe('demo dataset: identifiers', () => {
  it('gives every association a valid social-group USCC of its registrar region', () => {
    for (const a of dataset.associations) {
      const result = validateUscc(a.uscc, { isRegionCode });
      expect(result.valid, `${a.name} ${a.uscc}`).toBe(true);
      expect(a.uscc.slice(0, 2)).toBe('51');
      expect(a.uscc.slice(2, 8)).toBe(a.regionCode);
      if (a.level === 'national') expect(a.uscc.startsWith('51100000')).toBe(true);
    }
  });

  it('gives organs valid USCCs: 11 for administrative organs, 12 for public institutions', () => {
    for (const o of dataset.organs) {
      expect(validateUscc(o.code, { isRegionCode }).valid, o.name).toBe(true);
      expect(o.code.slice(0, 2)).toBe(o.isAdministrative ? '11' : '12');
      if (!o.isAdministrative) expect(o.parentCode).toBeTruthy();
    }
  });

  it('gives every person a valid resident ID that agrees with the birth date and sex', () => {
    const today = dataset.evaluationDate;
    const people = [...data.posts.map((p) => p.person), ...data.rosters.map((r) => r.person)];
    for (const person of people) {
      if (!person.residentId) continue;
      const parsed = parseResidentId(person.residentId, { today });
      expect(parsed.valid, person.residentId).toBe(true);
      if (!parsed.valid) continue;
      expect(parsed.regionStatus).toBe('current');
      expect(parsed.birthDate).toBe(person.birthDate);
      expect(parsed.sex).toBe(person.sex);
    }
    for (const post of data.posts) {
      if (post.sourceResidentId) expect(normalisedSourceId(post)).toBe(post.person.residentId);
    }
  });

  it('leaves the ID out of a share of posts and writes a few in the legacy 15-digit form', () => {
    const missing = data.posts.filter((p) => !p.sourceResidentId).length / data.posts.length;
    const legacy = data.posts.filter((p) => p.sourceResidentId?.length === 15).length / data.posts.length;
    expect(missing).toBeGreaterThan(0.1);
    expect(missing).toBeLessThan(0.3);
    expect(legacy).toBeGreaterThan(0.01);
    expect(legacy).toBeLessThan(0.08);
  });
});

describe('demo dataset: names', () => {
  it('draws surnames with their real-world frequencies, 王 李 张 刘 陈 first', () => {
    const names = [...data.posts.map((p) => p.person.name), ...data.rosters.map((r) => r.person.name)];
    const counts = new Map<string, number>();
    for (const name of names) counts.set(surnameOf(name), (counts.get(surnameOf(name)) ?? 0) + 1);
    const total = SURNAME_SHARES.reduce((sum, [, share]) => sum + share, 0);
    for (const [surname, share] of SURNAME_SHARES.slice(0, 10)) {
      const observed = (counts.get(surname) ?? 0) / names.length;
      expect(Math.abs(observed - share / total), surname).toBeLessThan(0.006);
    }
    const top5 = [...counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([s]) => s);
    expect(top5).toEqual(['王', '李', '张', '刘', '陈']);
  });

  it('repeats common full names as a real roster does', () => {
    const counts = new Map<string, number>();
    for (const r of data.rosters) counts.set(r.person.name, (counts.get(r.person.name) ?? 0) + 1);
    const most = Math.max(...counts.values());
    expect(most).toBeGreaterThan(8);
    // …but most names are still rare.
    expect(counts.size / data.rosters.length).toBeGreaterThan(0.5);
    for (const name of counts.keys()) expect(name).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
  });

  it('names associations with real industry words and suffixes, academic ones with 学会/研究会', () => {
    for (const a of dataset.associations) {
      expect(a.name).toMatch(/(协会|商会|同业公会|联合会|促进会|学会|研究会)$/);
    }
    const academic = dataset.associations.filter((a) => /(学会|研究会)$/.test(a.name)).length;
    expect(academic / dataset.associations.length).toBeGreaterThan(0.04);
    expect(
      dataset.associations.filter((a) => a.level === 'national').every((a) => a.name.startsWith('中国')),
    ).toBe(true);
  });
});

describe('demo dataset: planted cases and the truth file', () => {
  it('plants every rule family the brief asks for', () => {
    const rules = new Set(dataset.truth.planted.map((c) => c.rule));
    for (const rule of [
      'PERS-1',
      'PERS-2',
      'PERS-3',
      'PERS-4',
      'PERS-5',
      'PERS-6',
      'PERS-7',
      'PERS-8',
      'PERS-9',
    ]) {
      expect(rules.has(rule), rule).toBe(true);
    }
    expect(rules.has('INST-4')).toBe(true);
    expect(rules.has('INST-1')).toBe(true);
    const severities = new Set(
      dataset.truth.planted.filter((c) => c.rule === 'PERS-2').map((c) => c.severity),
    );
    expect([...severities].sort()).toEqual(['risk', 'violation']);
    const fields = new Set(
      dataset.truth.planted.flatMap((c) => (c.subject.kind === 'association' ? [c.subject.field] : [])),
    );
    expect([...fields].sort()).toEqual(['address', 'bank_account', 'phone']);
    const statuses = new Set(
      dataset.truth.planted.flatMap((c) =>
        c.rule === 'PERS-1' && c.subject.kind === 'post' ? [c.subject.roster.status] : [],
      ),
    );
    expect([...statuses].sort()).toEqual(['left_not_retired', 'serving']);
  });

  it('finds each planted post in the data with the roster record the truth names', () => {
    const posts = new Map(data.posts.map((p) => [postKey(p), p]));
    const rosters = new Map(data.rosters.map((r) => [`${r.source}|${r.recordKey}`, r]));
    for (const c of dataset.truth.planted) {
      if (c.subject.kind !== 'post') continue;
      const post = posts.get(postKey(c.subject.post));
      expect(post, c.id).toBeDefined();
      const roster = rosters.get(`${c.subject.roster.source}|${c.subject.roster.recordKey}`);
      expect(roster, c.id).toBeDefined();
      expect(roster!.status).toBe(c.subject.roster.status);
      expect(roster!.person.name).toBe(post!.person.name);
      expect(roster!.person.birthDate).toBe(post!.person.birthDate);
      if (c.subject.post.residentId) expect(roster!.person.residentId).toBe(c.subject.post.residentId);
      else expect(post!.sourceResidentId).toBeNull();
    }
  });

  it('puts PERS-5 boundary cases on the day after the 70th birthday and on the birthday itself', () => {
    const ev = dataset.evaluationDate;
    const onBoundary = dataset.truth.planted.filter(
      (c) =>
        c.rule === 'PERS-5' &&
        c.subject.kind === 'post' &&
        c.subject.post.birthDate === addDays(addYears(ev, -70), -1),
    );
    expect(onBoundary).toHaveLength(1);
    const birthday = dataset.truth.negatives.filter((n) => n.kind === 'age_boundary');
    expect(birthday).toHaveLength(1);
    expect(ageOn(birthday[0]!.post.birthDate, addDays(ev, -1))).toBe(69);
    expect(ageOn(birthday[0]!.post.birthDate, ev)).toBe(70);
  });

  it('flags exactly the planted cases and nothing else, by a plain reading of the conventions', () => {
    const found = findFindings(dataset, data);
    const expected = expectedFindings(dataset.truth);
    const unexpected = [...found].filter((k) => !expected.has(k));
    const missing = [...expected].filter((k) => !found.has(k));
    expect(unexpected).toEqual([]);
    expect(missing).toEqual([]);
  });

  it.each([1, 99])('flags exactly the planted cases for seed %i as well', (seed) => {
    const other = generateDataset({ seed, scale: 'demo' });
    const found = findFindings(other, materialise(other));
    expect([...found].sort()).toEqual([...expectedFindings(other.truth)].sort());
  });

  it('lists every post held by a roster person in `matches`, and nothing else matches', () => {
    const matched = matchPosts(data);
    const truthKeys = new Set(
      [
        ...dataset.truth.matches,
        ...dataset.truth.planted.flatMap((c) =>
          c.subject.kind === 'post'
            ? [
                c.subject,
                ...(c.subject.relatedPosts ?? []).map((post) => ({
                  post,
                  roster: (c.subject as { roster: { recordKey: string } }).roster,
                })),
              ]
            : [],
        ),
      ].map((m) => `${postKey(m.post)}|${m.roster.recordKey}`),
    );
    const found = new Set(
      [...matched].flatMap(([post, records]) => records.map((r) => `${postKey(post)}|${r.recordKey}`)),
    );
    expect([...found].filter((k) => !truthKeys.has(k))).toEqual([]);
    expect([...truthKeys].filter((k) => !found.has(k))).toEqual([]);
  });

  it('makes hard negatives the same name and birth year as a roster record but a different person', () => {
    const negatives = dataset.truth.negatives.filter((n) => n.kind === 'hard_negative');
    expect(negatives.length).toBeGreaterThan(40);
    const rosters = new Map(data.rosters.map((r) => [`${r.source}|${r.recordKey}`, r]));
    const posts = new Map(data.posts.map((p) => [postKey(p), p]));
    const matched = matchPosts(data);
    let sameDate = 0;
    let withoutId = 0;
    for (const n of negatives) {
      const roster = rosters.get(`${n.roster.source}|${n.roster.recordKey}`)!;
      const post = posts.get(postKey(n.post))!;
      expect(roster.person.name).toBe(post.person.name);
      expect(roster.person.birthDate!.slice(0, 4)).toBe(post.person.birthDate!.slice(0, 4));
      expect(matched.has(post)).toBe(false);
      if (post.person.residentId) expect(roster.person.residentId).not.toBe(post.person.residentId);
      else {
        withoutId++;
        expect(roster.person.birthDate).not.toBe(post.person.birthDate);
      }
      if (roster.person.birthDate === post.person.birthDate) sameDate++;
    }
    expect(sameDate).toBeGreaterThan(10);
    expect(withoutId).toBeGreaterThan(5);
  });

  it('shares an INST-4 value with an organ only after normalisation, as the truth says', () => {
    const organs = new Map(dataset.organs.map((o) => [o.code, o]));
    const associations = new Map(dataset.associations.map((a) => [a.uscc, a]));
    for (const c of dataset.truth.planted) {
      if (c.subject.kind !== 'association') continue;
      const organ = organs.get(c.subject.organCode)!;
      const association = associations.get(c.associationUscc)!;
      const field = c.subject.field;
      const pair =
        field === 'address'
          ? [association.address, organ.address]
          : field === 'phone'
            ? [association.phone, organ.phone]
            : [association.bankAccount, organ.bankAccount];
      expect(pair[0]).not.toBe(pair[1]);
    }
  });
});

describe('dataset files', () => {
  let dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });
  const digest = async (dir: string) => {
    const out: Record<string, string> = {};
    for (const file of (await readdir(dir)).sort()) {
      out[file] = createHash('sha256')
        .update(await readFile(join(dir, file)))
        .digest('hex');
    }
    return out;
  };

  it('writes byte-identical files for the same seed and different ones for another seed', async () => {
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => mkdtemp(join(tmpdir(), 'tuogou-demo-'))));
    dirs = [a!, b!, c!];
    await writeDatasetFiles({ seed: 2015, scale: 'demo', outDir: a! });
    await writeDatasetFiles({ seed: 2015, scale: 'demo', outDir: b! });
    await writeDatasetFiles({ seed: 7, scale: 'demo', outDir: c! });
    const [da, db, dc] = await Promise.all([digest(a!), digest(b!), digest(c!)]);
    expect(Object.keys(da).sort()).toEqual([...DATASET_FILES, 'truth.json'].sort());
    expect(Object.keys(da)).toContain('decoupling-cases.csv');
    expect(db).toEqual(da);
    expect(dc['posts.csv']).not.toBe(da['posts.csv']);
    expect(dc['truth.json']).not.toBe(da['truth.json']);
  }, 120_000);

  it('writes the import headers and one row per record', async () => {
    const dir = dirs[0]!;
    const posts = (await readFile(join(dir, 'posts.csv'), 'utf8')).split('\n');
    expect(posts[0]).toBe(
      'post_ref,association_uscc,person_name,resident_id,sex,birth_date,role,branch_name,started_on,ended_on,term_number,remunerated,approval_ref,approval_date,recommended_by_organ_code',
    );
    expect(posts.length - 2).toBe(data.posts.length);
    const rosters = (await readFile(join(dir, 'rosters-serving.csv'), 'utf8')).split('\n');
    expect(rosters[0]).toBe(
      'source,record_key,name,resident_id,sex,birth_date,status,retired_on,organ_code,organ_name,rank',
    );
    const truth = JSON.parse(await readFile(join(dir, 'truth.json'), 'utf8'));
    expect(truth.seed).toBe(2015);
    expect(truth.scale).toBe('demo');
    expect(truth.evaluationDate).toBe(dataset.evaluationDate);
    expect(truth.planted).toHaveLength(dataset.truth.planted.length);
    expect(truth.findings).toHaveLength(dataset.truth.findings.length);
    const facts = dataset.policyFacts();
    const lines = async (file: string) => (await readFile(join(dir, file), 'utf8')).trimEnd().split('\n');
    const extras = await lines('association-extras.csv');
    expect(extras[0]).toBe(headerKeys('association_extras').join(','));
    expect(extras.slice(1).map((line) => line.split(',')[0])).toEqual(
      dataset.associations.map((a) => a.uscc),
    );
    expect(await lines('decoupling-cases.csv')).toHaveLength(facts.cases.length + 1);
    expect(await lines('fee-items.csv')).toHaveLength(facts.feeItems.length + 1);
    const approvals = await lines('post-approvals.csv');
    expect(approvals).toHaveLength(dataset.postApprovals.length + 1);
  });
});
