import { SingleBar } from 'cli-progress';
import { type Command, Option } from 'commander';
import { isIsoDate } from '../../core/policy/dates.ts';
import type { TRegistryScope } from '../../db/repositories/registry-read.repository.ts';
import { runMatchRun } from '../../jobs/match-runs.ts';
import { withCliContext } from '../context.ts';

type TMatchRunOptions = { asOf?: string; region?: string; json?: boolean; lang: 'zh' | 'en' };

const HELP = `
Matches the holders of the posts in the database against the roster records in the database (loaded
with tuogou import; rosters are kept as keyed hashes and masks) and stores the run: its matches and
possible matches become the official status the PERS rules read at the next \`tuogou screen\`, and the
possible matches wait in the review queue of the web app. Reviewers' decisions in force are applied:
a confirmed pair stays a match, a rejected pair is never proposed again.`;

/** `tuogou match run`: a stored matching run over the registry, with a progress bar. */
export function registerMatchRunCommand(program: Command): void {
  const match = program.commands.find((c) => c.name() === 'match');
  if (!match) throw new Error('the match command must be registered before `match run`');
  // `match` has --as-of and --lang of its own: options after `run` belong to `run` (the root must
  // hand the words after `match` over unparsed for that).
  program.enablePositionalOptions();
  match.enablePositionalOptions();
  match
    .command('run')
    .description('Match the post holders in the database against the stored rosters and store the run')
    .option('--as-of <date>', 'date of the run YYYY-MM-DD, for ID checks (default: today)')
    .option('--region <code>', 'only the posts of associations registered in this region')
    .option('--json', 'print the run as JSON')
    .addOption(new Option('--lang <lang>', 'language of messages').choices(['zh', 'en']).default('zh'))
    .addHelpText('after', HELP)
    .action(async (options: TMatchRunOptions) => {
      if (options.asOf !== undefined && !isIsoDate(options.asOf))
        throw new Error(`--as-of must be a date YYYY-MM-DD, got "${options.asOf}"`);
      if (options.region !== undefined && !/^\d{6}$/.test(options.region))
        throw new Error(`--region must be a 6-digit region code, got "${options.region}"`);
      const scope: TRegistryScope = options.region
        ? { kind: 'region', regionCode: options.region }
        : { kind: 'all' };
      const zh = options.lang === 'zh';
      const actor = { id: null, label: `cli:${process.env.USER ?? 'unknown'}` };
      const bar = new SingleBar({
        format: `{phase} [{bar}] {value}/{total} ${zh ? '条任职' : 'posts'}`,
        stream: process.stderr,
        hideCursor: true,
        clearOnComplete: true,
      });
      const phases = zh
        ? { indexing: '建立名册索引', matching: '比对', storing: '保存' }
        : { indexing: 'indexing rosters', matching: 'matching', storing: 'storing' };
      let started = false;
      const result = await withCliContext(({ db, protector }) =>
        runMatchRun({
          db,
          protector,
          actor,
          scope,
          ...(options.asOf ? { asOf: options.asOf } : {}),
          onProgress: (p) => {
            if (!process.stderr.isTTY || options.json) return;
            if (!started) {
              bar.start(p.postsTotal, p.postsDone, { phase: phases[p.phase] });
              started = true;
            } else bar.update(p.postsDone, { phase: phases[p.phase] });
          },
        }),
      ).finally(() => {
        if (started) bar.stop();
      });
      const { done: _, ...counts } = result;
      if (options.json) {
        console.log(JSON.stringify(counts, null, 2));
        return;
      }
      console.log(
        zh
          ? `比对运行 ${counts.runId}：名册记录 ${counts.rosterRecords} 条，任职 ${counts.postsDone} 条；匹配 ${counts.matches}，待审核 ${counts.possibles}（沿用审核确认 ${counts.confirmedApplied}，否决 ${counts.rejectedApplied}）`
          : `matching run ${counts.runId}: ${counts.rosterRecords} roster records, ${counts.postsDone} posts; ${counts.matches} matches, ${counts.possibles} possible matches to review (${counts.confirmedApplied} confirmations and ${counts.rejectedApplied} rejections applied)`,
      );
    });
}
