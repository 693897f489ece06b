import { createReadStream } from 'node:fs';
import { stat, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { SingleBar } from 'cli-progress';
import { type Command, Option } from 'commander';
import { FACT_KINDS } from '../../import/fact-formats.ts';
import { importFolder, type TFolderFile } from '../../import/folder.ts';
import { FORMATS, IMPORT_KINDS, type TImportKind } from '../../import/formats.ts';
import { importFile, type TImportResult } from '../../import/importer.ts';
import type { TImportIssue } from '../../import/issues.ts';
import { DEFAULT_MAX_BYTES } from '../../import/read.ts';
import { formatIssueTable, issuesToCsv, issuesToJson, type TLang } from '../../import/report.ts';
import { buildTemplate } from '../../import/templates.ts';
import { withCliContext } from '../context.ts';

type TImportCommandOptions = {
  kind?: TImportKind;
  errors?: string;
  lang: TLang;
  dryRun?: boolean;
  template?: TImportKind;
  out?: string;
  maxMb?: string;
};

/** Files above this size get a progress bar. */
const PROGRESS_BYTES = 2 * 1024 * 1024;

const HELP = `
Files: CSV (UTF-8, UTF-8 with BOM or GB18030, detected automatically) or Excel .xlsx.
The kind of file is recognised from its header row; headers may be English or Chinese:
  organs        code/机关代码, name/名称, kind/类型, is_administrative/是否行政机关, level/级别, region_code/行政区划代码 …
  associations  uscc/统一社会信用代码, name/名称, level/级别, region_code/行政区划代码 …
  links         organ_code/机关代码, association_uscc/协会统一社会信用代码, kind/类型, started_on/开始日期 …
  posts         association_uscc, person_name/姓名, resident_id/身份证号, role/职务, started_on/任职开始日期 …
  rosters       source/来源, record_key/记录编号, name/姓名, status/状态, rank/职级 …
Policy facts, each with association_uscc/协会统一社会信用代码 and a key column of its own:
${FACT_KINDS.map((kind) => `  ${kind.padEnd(20)}${FORMATS[kind].title.zh}`).join('\n')}
Each file lands whole or not at all; any error rolls it back and is reported with file, row, column
and what was expected. A folder is imported in dependency order (the registry, then the facts).
Templates: tuogou import --template posts --out posts.xlsx
Every column and accepted value: docs/formats.md`;

function summary(result: TImportResult, lang: TLang): string {
  const head = result.ok
    ? lang === 'zh'
      ? result.dryRun
        ? '检查通过（未写入）'
        : '已导入'
      : result.dryRun
        ? 'checked, nothing written (dry run)'
        : 'imported'
    : lang === 'zh'
      ? `未导入：${result.errorCount} 个错误${result.truncated ? '（已达上限，其余未检查）' : ''}，数据库未改动`
      : `not imported: ${result.errorCount} error${result.errorCount === 1 ? '' : 's'}${result.truncated ? ' (limit reached, rest not checked)' : ''}; the database is unchanged`;
  const tables = result.tables
    .map((t) =>
      lang === 'zh'
        ? `${t.sheet ? `[${t.sheet}] ` : ''}${t.kind} ${t.rows} 行：新增 ${t.counts.inserted}，更新 ${t.counts.updated}，未变 ${t.counts.unchanged}`
        : `${t.sheet ? `[${t.sheet}] ` : ''}${t.kind} ${t.rows} rows: ${t.counts.inserted} inserted, ${t.counts.updated} updated, ${t.counts.unchanged} unchanged`,
    )
    .join('; ');
  const notices =
    result.noticeCount > 0
      ? lang === 'zh'
        ? `；${result.noticeCount} 条提示`
        : `; ${result.noticeCount} notices`
      : '';
  return `${result.file}: ${head}${result.ok && tables ? ` — ${tables}` : ''}${notices}`;
}

function progressBar(total: number): SingleBar {
  const bar = new SingleBar({
    format: '{file} [{bar}] {percentage}% | {rows} rows',
    stream: process.stderr,
    hideCursor: true,
    clearOnComplete: true,
  });
  bar.start(total, 0, { file: '', rows: 0 });
  return bar;
}

async function writeIssues(path: string, issues: TImportIssue[]): Promise<void> {
  await writeFile(path, path.toLowerCase().endsWith('.json') ? issuesToJson(issues) : issuesToCsv(issues));
}

/** `tuogou import <file|folder>`: spreadsheets into the registry, all-or-nothing per file. */
export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description(
      'Import spreadsheets (CSV or XLSX): the registry (organs, associations, links, posts, rosters) and the policy facts',
    )
    .argument('[path]', 'a CSV or XLSX file, or a folder of them')
    .addOption(
      new Option('--kind <kind>', 'force the kind of file instead of recognising it').choices(IMPORT_KINDS),
    )
    .option('--errors <file>', 'also write the error report to a .csv or .json file')
    .addOption(new Option('--lang <lang>', 'language of the report').choices(['zh', 'en']).default('zh'))
    .option('--dry-run', 'check everything, write nothing')
    .option('--max-mb <megabytes>', 'refuse files larger than this', String(DEFAULT_MAX_BYTES / 1024 / 1024))
    .addOption(
      new Option('--template <kind>', 'write an empty template for a kind of file').choices(IMPORT_KINDS),
    )
    .option('--out <file>', 'where --template writes (.csv or .xlsx)')
    .addHelpText('after', HELP)
    .action(async (path: string | undefined, options: TImportCommandOptions) => {
      if (options.template) {
        const out = options.out ?? `${options.template}.xlsx`;
        await writeFile(
          out,
          await buildTemplate(options.template, out.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx'),
        );
        console.log(out);
        return;
      }
      if (!path) throw new Error('name a file or folder to import, or use --template <kind>');
      const info = await stat(path);
      const maxBytes = Number(options.maxMb) * 1024 * 1024;
      if (!(maxBytes > 0)) throw new Error('--max-mb must be a positive number');
      const results = await withCliContext(async ({ db, protector }) => {
        const actor = { id: null, label: `cli:${process.env.USER ?? 'unknown'}` };
        const common = {
          db,
          protector,
          actor,
          maxBytes,
          ...(options.kind ? { kind: options.kind } : {}),
          ...(options.dryRun ? { dryRun: true } : {}),
        };
        let bar: SingleBar | undefined;
        if (info.isDirectory()) {
          return importFolder({
            ...common,
            folder: path,
            onFile: (file: TFolderFile) => {
              bar?.stop();
              bar = file.bytes >= PROGRESS_BYTES ? progressBar(file.bytes) : undefined;
              bar?.update(0, { file: file.name, rows: 0 });
            },
            onProgress: (file, progress) =>
              bar?.update(progress.bytes, { file: file.name, rows: progress.rows }),
          }).finally(() => bar?.stop());
        }
        bar = info.size >= PROGRESS_BYTES ? progressBar(info.size) : undefined;
        const name = basename(path);
        try {
          return [
            await importFile({
              ...common,
              fileName: name,
              content: createReadStream(path),
              onProgress: (progress) => bar?.update(progress.bytes, { file: name, rows: progress.rows }),
            }),
          ];
        } finally {
          bar?.stop();
        }
      });
      const issues = results.flatMap((r) => r.issues);
      if (issues.length > 0) console.log(formatIssueTable(issues, options.lang));
      for (const result of results) console.log(summary(result, options.lang));
      if (options.errors) await writeIssues(options.errors, issues);
      if (results.length === 0)
        console.log(
          options.lang === 'zh' ? '文件夹中没有 CSV 或 XLSX 文件' : 'no CSV or XLSX files in the folder',
        );
      if (results.some((r) => !r.ok)) process.exitCode = 1;
    });
}
