import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summaryFilterOf } from '../../src/cli/commands/summary.ts';
import {
  dashboardOverview,
  dashboardProgress,
  type TDashboardOverview,
  type TDashboardRequest,
} from '../../src/db/repositories/dashboard.repository.ts';
import { generateWorkSummary, MissingCjkFontError, resolveCjkFont } from '../../src/reports/index.ts';
import { batchZh } from '../../src/reports/labels.ts';
import { SUMMARY_HEADINGS } from '../../src/reports/summary.ts';
import { PERSON_IN_EXPLANATION, SEED_TODAY, seedDashboard, type TSeed } from '../dashboard/seed.ts';
import { openTestDatabase } from '../support/database.ts';

let db: Awaited<ReturnType<typeof openTestDatabase>>;
let seed: TSeed;

beforeAll(async () => {
  db = await openTestDatabase();
  seed = await seedDashboard(db);
});
afterAll(async () => {
  await db?.drop();
});

const REQUEST: TDashboardRequest = {
  scope: { kind: 'all' },
  filter: { from: '2020-01-01' },
  today: SEED_TODAY,
};

/** The sentences of the summary that carry the dashboard's headline numbers. */
function numberedPhrases(o: TDashboardOverview): string[] {
  return [
    `纳入统计的行业协会商会共${o.associations}家`,
    `脱钩案件共${o.cases}件`,
    `已完成脱钩${o.decoupled}件`,
    `推进中${o.inProgress}件`,
    `受阻${o.blocked}件`,
    `经批准暂不脱钩${o.exempt}件`,
    `完成脱钩${o.decoupledInPeriod}件`,
    `逾期未批复脱钩方案${o.overduePlan}件`,
    `逾期未完成脱钩${o.overdueCompletion}件`,
    `逾期案件合计${o.overdue}件`,
    `尚未消除的问题线索${o.findings}条`,
    `其中违规${o.findingsViolation}条`,
    `受阻案件${o.blocked}件`,
  ];
}

/** Text without the line breaks and spaces a PDF puts where lines wrap. */
const squeeze = (text: string) => text.replaceAll(/\s+/g, '');

describe('the work summary as PDF', () => {
  let pdf: Buffer;
  let text: string;

  beforeAll(async () => {
    pdf = (await generateWorkSummary({ db, request: REQUEST, format: 'pdf' })).bytes;
    const document = await getDocumentProxy(new Uint8Array(pdf));
    text = squeeze((await extractText(document, { mergePages: true })).text);
  }, 180_000);

  it('has the Chinese title and section headings', () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(text).toContain('全国行业协会商会与行政机关脱钩工作总结');
    for (const heading of SUMMARY_HEADINGS) expect(text).toContain(heading);
  });

  it('states the numbers of the dashboard query for the same filter', async () => {
    const overview = await dashboardOverview(db, REQUEST);
    // Not a trivially empty country: the phrases below say something.
    expect(overview.cases).toBeGreaterThan(5);
    expect(overview.blocked).toBeGreaterThan(0);
    for (const phrase of numberedPhrases(overview)) expect(text).toContain(phrase);
  });

  it('gives typical problems by rule family with association names as examples, never a person', () => {
    expect(text).toContain('人员管理分离方面，问题线索3条');
    expect(text).toMatch(/涉及3家协会，如测试(n3|n4|b1)行业协会、测试(n3|n4|b1)行业协会/);
    expect(text).toContain(seed.cases.get('n4')!.name);
    expect(text).not.toContain(PERSON_IN_EXPLANATION);
  });

  it('embeds the CJK font (a subset with its file in the font dictionary)', () => {
    const raw = pdf.toString('latin1');
    const fonts = [...raw.matchAll(/\/BaseFont\s*\/([A-Z]{6}\+[^\s/>]+)/g)].map((m) => m[1]!);
    expect(fonts.some((name) => /NotoSansCJKsc|SourceHanSansSC/.test(name))).toBe(true);
    expect(raw).toMatch(/\/FontFile[23]?\s+\d+\s+0\s+R/);
    // Every font is embedded: no descriptor without its font file.
    const descriptors = raw.match(/\/Type\s*\/FontDescriptor/g) ?? [];
    const files = raw.match(/\/FontFile[23]?\s/g) ?? [];
    expect(files.length).toBe(descriptors.length);
  });

  it('embeds the charts as images', () => {
    const images = pdf.toString('latin1').match(/\/Subtype\s*\/Image/g) ?? [];
    expect(images.length).toBeGreaterThanOrEqual(4);
  });
});

describe('the work summary as Word', () => {
  let documentXml: string;
  let zip: JSZip;

  beforeAll(async () => {
    const bytes = (await generateWorkSummary({ db, request: REQUEST, format: 'docx' })).bytes;
    zip = await JSZip.loadAsync(bytes);
    documentXml = await zip.file('word/document.xml')!.async('string');
  }, 180_000);

  /** The document's text, run by run, joined. */
  const textOf = (xml: string) =>
    [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');

  it('states the numbers of the dashboard query for the same filter', async () => {
    const text = textOf(documentXml);
    const overview = await dashboardOverview(db, REQUEST);
    for (const heading of SUMMARY_HEADINGS) expect(text).toContain(heading);
    for (const phrase of numberedPhrases(overview)) expect(text).toContain(phrase);
    expect(text).not.toContain(PERSON_IN_EXPLANATION);
  });

  it('has the progress table by batch with the dashboard’s counts', async () => {
    const progress = await dashboardProgress(db, REQUEST);
    const rows = [...documentXml.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].map((m) =>
      [...m[1]!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => textOf(c[1]!)),
    );
    for (const batch of new Set(progress.map((p) => p.batch))) {
      const total = progress.filter((p) => p.batch === batch).reduce((s, p) => s + p.count, 0);
      const decoupled = progress.find((p) => p.batch === batch && p.state === 'decoupled')?.count ?? 0;
      const row = rows.find((r) => r[0] === batchZh(batch));
      expect(row, batch).toBeDefined();
      expect(row!.slice(1, 3)).toEqual([String(total), String(decoupled)]);
    }
  });

  it('embeds the four charts as PNG pictures', async () => {
    const media = Object.keys(zip.files).filter((name) => /^word\/media\/.+\.png$/.test(name));
    expect(media).toHaveLength(4);
    const first = await zip.file(media[0]!)!.async('nodebuffer');
    expect(first.subarray(1, 4).toString('latin1')).toBe('PNG');
  });
});

describe('the CJK font', () => {
  it('is found among the installed fonts', () => {
    expect(resolveCjkFont().path).toMatch(/\.(ttc|otf|ttf)$/);
  });

  it('when missing, fails with what to install', () => {
    expect(() => resolveCjkFont({ candidates: [] })).toThrow(MissingCjkFontError);
    expect(() => resolveCjkFont({ candidates: [] })).toThrow(/fonts-noto-cjk/);
    expect(() => resolveCjkFont({ setting: '/nonexistent/font.otf' })).toThrow(
      /TUOGOU_CJK_FONT.*does not exist/,
    );
  });

  it('takes a configured collection face as file#PostScriptName', () => {
    const found = resolveCjkFont();
    const font = resolveCjkFont({ setting: `${found.path}#NotoSansCJKsc-Regular` });
    expect(font).toEqual({ path: found.path, postscriptName: 'NotoSansCJKsc-Regular' });
  });
});

describe('tuogou summary', () => {
  const options = { jurisdiction: '110000', out: 'summary.pdf' };

  it('refuses bad options naming the option and what was expected', () => {
    expect(() => summaryFilterOf({ ...options, jurisdiction: '11' })).toThrow(
      /--jurisdiction must be a 6-digit/,
    );
    expect(() => summaryFilterOf({ ...options, from: '2020-13-01' })).toThrow(/--from must be a date/);
    expect(() => summaryFilterOf({ ...options, from: '2020-06-01', to: '2020-01-01' })).toThrow(
      /--from \(2020-06-01\) must not be after --to/,
    );
    expect(() => summaryFilterOf({ ...options, out: 'summary.txt' })).toThrow(
      /--out must end in .docx or .pdf/,
    );
    expect(() => summaryFilterOf({ ...options, batch: 'batch-9' })).toThrow(/--batch must be one of/);
    expect(summaryFilterOf({ ...options, level: 'provincial' })).toEqual({
      filter: { jurisdiction: '110000', level: 'provincial' },
      format: 'pdf',
    });
  });

  it('writes a Word file on the configured database, and nothing on a refusal', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tuogou-summary-cli-'));
    try {
      const bin = fileURLToPath(new URL('../../bin/tuogou.js', import.meta.url));
      const env = { ...process.env, TUOGOU_DATA_DIR: join(dir, 'data'), DATABASE_URL: '' };
      const out = join(dir, '总结.docx');
      const args = ['summary', '--jurisdiction', '110000', '--from', '2020-01-01', '--to', '2020-12-31'];
      const result = spawnSync(process.execPath, [bin, ...args, '--out', out], { encoding: 'utf8', env });
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/0 cases/);
      const zipped = await JSZip.loadAsync(await readFile(out));
      expect(await zipped.file('word/document.xml')!.async('string')).toContain(
        '北京市行业协会商会与行政机关脱钩工作总结',
      );
      const refused = spawnSync(process.execPath, [bin, ...args, '--out', join(dir, 'x.txt')], {
        encoding: 'utf8',
        env,
      });
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toMatch(/--out must end in .docx or .pdf/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
