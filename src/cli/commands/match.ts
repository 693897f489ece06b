import { writeFile } from 'node:fs/promises';
import { SingleBar } from 'cli-progress';
import { type Command, Option } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { loadConfig } from '../../config.ts';
import { isIsoDate } from '../../core/policy/dates.ts';
import { formatIssueTable, issuesToCsv, type TLang } from '../../import/report.ts';
import {
  createMatchCsvWriter,
  MATCH_CSV_HEADER,
  MatchInputError,
  matchCsvRow,
  runMatchFromFiles,
  type TMatchCsvWriter,
  type TMatchPhase,
  type TMatchRunSummary,
} from '../../jobs/match.ts';
import { loadOrCreateSecret } from '../../security/personal-data.ts';

type TMatchCommandOptions = {
  posts: string;
  serving: string;
  retired: string;
  out?: string;
  decisions?: string;
  organs?: string;
  links?: string;
  issues?: string;
  asOf?: string;
  lang: TLang;
  oneThread?: boolean;
};

const HELP = `
Screens the holders of association posts against the rosters of serving officials and retired
leading cadres (PERS rules). Files are read as tuogou import reads them: CSV in UTF-8, UTF-8 with BOM
or GB18030, or Excel .xlsx; headers in English or Chinese (tuogou import --help, docs/formats.md).

  --posts      posts file (posts format: person_name/姓名, resident_id/身份证号, birth_date/出生日期,
               sex/性别, association_uscc, post_ref/任职编号 …)
  --serving    roster of serving officials (rosters format: source/来源, record_key/记录编号,
               name/姓名, resident_id/身份证号, status/状态, organ_code/机关代码 or organ_name/机关名称 …)
  --retired    roster of retired leading cadres (same format)
  --organs     optional organ directory (organs format): resolves roster employers given by name or
               abbreviation
  --links      optional organ–association links (links format): a roster organ that sponsors or
               supervises the post's association counts as evidence
  --out        where to write the matches and possible matches as CSV (UTF-8 with BOM); without it
               the CSV goes to standard output. Columns:
                 post_id      post_ref, or row:<n> (<sheet>!row:<n> in a workbook) when the post has none
                 source, record_key   the roster record (roster source and its key)
                 decision     match (posterior ≥ 0.9) or possible (≥ 0.05: to be reviewed)
                 probability  posterior probability that the post holder is this record's person
                 score        log₂ odds: the weights of the reasons added up
                 status, rank the record's status and rank
                 reasons      each field compared, in Chinese, with its weight in bits
                 verdict      empty: for the reviewer
  --decisions  reviewer verdicts of an earlier run: that run's output with the verdict column filled
               in (确认/confirmed: the same person; 否决/rejected: not). A confirmed pair stays a
               match; a rejected pair is never proposed again.
  --issues     also write every row problem (errors and notices) to this CSV file

A file that cannot be read, or lacks a required column, is refused before any matching, as is a
posts file broken anywhere. A cell that does not parse is reported (file, row, column, what was
expected; resident IDs masked) and treated as unknown; a row without a name or record key is skipped.
Roster names and IDs are used only as keyed fingerprints in memory: nothing of the rosters is written.
The fingerprint key derives from TUOGOU_SECRET, or from the secret kept in the data folder.`;

function parseAsOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!isIsoDate(value)) throw new Error(`--as-of must be a date YYYY-MM-DD, got "${value}"`);
  return value;
}

const PHASE: Record<TLang, Record<TMatchPhase, string>> = {
  zh: { checking: '检查', indexing: '建立名册索引', matching: '比对' },
  en: { checking: 'checking', indexing: 'indexing rosters', matching: 'matching' },
};

function summaryLines(summary: TMatchRunSummary, lang: TLang): string[] {
  const files = summary.files.map((f) =>
    lang === 'zh'
      ? `  ${f.file}: 读取 ${f.rows} 行${f.skipped ? `，跳过 ${f.skipped} 行` : ''}`
      : `  ${f.file}: ${f.rows} rows read${f.skipped ? `, ${f.skipped} skipped` : ''}`,
  );
  return lang === 'zh'
    ? [
        ...files,
        `名册记录 ${summary.rosterRecords} 条，任职 ${summary.posts} 条：匹配 ${summary.matches}，待审核 ${summary.possibles}`,
        `用时 ${summary.seconds} 秒（其中建立索引 ${summary.indexSeconds} 秒）；错误 ${summary.errorCount} 个，提示 ${summary.noticeCount} 条`,
      ]
    : [
        ...files,
        `${summary.rosterRecords} roster records, ${summary.posts} posts: ${summary.matches} matches, ${summary.possibles} possible matches`,
        `${summary.seconds} s (indexing ${summary.indexSeconds} s); ${summary.errorCount} row errors, ${summary.noticeCount} notices`,
      ];
}

/** `tuogou match`: officials screening from files, matches and possible matches as CSV. */
export function registerMatchCommand(program: Command): void {
  program
    .command('match')
    .description(
      'Find serving officials and retired cadres among post holders, from files (CSV or XLSX), as CSV',
    )
    // Required for matching files; optional at this level so that `tuogou match run` (the registry) parses.
    .option('--posts <file>', 'posts of associations (posts format)')
    .option('--serving <file>', 'roster of serving officials (rosters format)')
    .option('--retired <file>', 'roster of retired leading cadres (rosters format)')
    .option('--out <file.csv>', 'write matches and possible matches here (default: standard output)')
    .option('--decisions <file>', 'reviewer verdicts: an earlier output with the verdict column filled in')
    .option('--organs <file>', 'organ directory, to resolve roster employers given by name')
    .option('--links <file>', 'organ–association links, so that a linked organ counts as evidence')
    .option('--issues <file.csv>', 'also write every row problem to this CSV file')
    .option('--as-of <date>', 'date of the run YYYY-MM-DD, for ID and date checks (default: today)')
    .addOption(new Option('--lang <lang>', 'language of messages').choices(['zh', 'en']).default('zh'))
    .option('--one-thread', 'index the rosters on this thread instead of a worker thread')
    .addHelpText('after', HELP)
    .action(async (options: TMatchCommandOptions) => {
      for (const name of ['posts', 'serving', 'retired'] as const)
        if (!options[name]) throw new Error(`error: required option '--${name} <file>' not specified`);
      const today = parseAsOf(options.asOf);
      const config = loadConfig();
      const secret = loadOrCreateSecret({ secret: config.secret, dataDir: config.dataDir });
      const lang = options.lang;
      const toStdout = options.out === undefined;
      const say = (line: string) => (toStdout ? console.error(line) : console.log(line));
      const bar = new SingleBar({
        format: `{phase} {file} [{bar}] {percentage}% | {rows} ${lang === 'zh' ? '行' : 'rows'}`,
        stream: process.stderr,
        hideCursor: true,
        clearOnComplete: true,
      });
      let barStarted = false;
      const writer: TMatchCsvWriter | null = options.out ? createMatchCsvWriter(options.out) : null;
      if (toStdout) process.stdout.write(`\uFEFF${stringify([[...MATCH_CSV_HEADER]])}`);
      const run = runMatchFromFiles({
        posts: options.posts,
        serving: options.serving,
        retired: options.retired,
        secret,
        ...(options.decisions ? { decisions: options.decisions } : {}),
        ...(options.organs ? { organs: options.organs } : {}),
        ...(options.links ? { links: options.links } : {}),
        ...(today ? { today } : {}),
        indexInWorker: options.oneThread !== true,
        onProgress: (p) => {
          const payload = { phase: PHASE[lang][p.phase], file: p.file, rows: p.rows };
          if (!barStarted) {
            bar.start(p.totalBytes, p.bytes, payload);
            barStarted = true;
          } else bar.update(p.bytes, payload);
        },
      });
      let summary: TMatchRunSummary;
      try {
        let step = await run.next();
        while (!step.done) {
          if (writer) await writer.add(step.value);
          else process.stdout.write(stringify([matchCsvRow(step.value)]));
          step = await run.next();
        }
        summary = step.value;
        await writer?.close();
      } catch (error) {
        await writer?.abort();
        if (barStarted) bar.stop();
        if (error instanceof MatchInputError) {
          console.error(formatIssueTable(error.issues, lang));
          if (options.issues) await writeFile(options.issues, issuesToCsv(error.issues));
          process.exitCode = 1;
          console.error(
            lang === 'zh'
              ? '文件不能使用，未进行比对，未写出结果'
              : 'a file cannot be used: nothing was matched and no output was written',
          );
          return;
        }
        throw error;
      }
      if (barStarted) bar.stop();
      const errors = summary.issues.filter((i) => i.severity === 'error');
      if (errors.length > 0) console.error(formatIssueTable(errors.slice(0, 20), lang));
      if (options.issues) await writeFile(options.issues, issuesToCsv(summary.issues));
      for (const line of summaryLines(summary, lang)) say(line);
      if (options.out) say(lang === 'zh' ? `结果：${options.out}` : `output: ${options.out}`);
    });
}
