import { useQuery } from '@tanstack/react-query';
import type { CSSProperties, ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { getPublicDraw, listPublicDraws, type TPublicDraw } from '../../api/inspections.ts';
import { KIND_LABELS, OUTCOME_LABELS, STATE_LABELS, type TPhrase, usePick, verifyCommand } from './text.ts';

// The public draw pages are part of the portal's first-load budget: plain elements only, no table or
// form components.

const box: CSSProperties = { border: '1px solid #e5e5e5', borderRadius: 8, padding: 16, margin: '12px 0' };
const mono: CSSProperties = {
  fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace',
  wordBreak: 'break-all',
};
const cell: CSSProperties = { borderBottom: '1px solid #eee', padding: '4px 8px', textAlign: 'left' };

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section style={box} data-testid={testId}>
      <h3 style={{ marginTop: 0 }}>{title}</h3>
      {children}
    </section>
  );
}

function Table({ head, rows, testId }: { head: string[]; rows: ReactNode[][]; testId?: string }) {
  return (
    <div style={{ overflowX: 'auto' }}>
      <table style={{ borderCollapse: 'collapse', width: '100%' }} data-testid={testId}>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} style={cell}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions of a fixed result
            <tr key={i}>
              {row.map((value, j) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed
                <td key={j} style={cell}>
                  {value}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Status({
  loading,
  error,
  pick,
}: {
  loading: boolean;
  error: unknown;
  pick: (p: TPhrase) => string;
}) {
  if (loading) return <p>{pick({ zh: '加载中…', en: 'Loading…' })}</p>;
  if (error)
    return (
      <p role="alert">{pick({ zh: '无法加载，请稍后再试。', en: 'Could not load; try again later.' })}</p>
    );
  return null;
}

/** Every draw: the committed ones with their commitment, the drawn ones with their seed. */
export function PublicDrawListPage() {
  const pick = usePick();
  const query = useQuery({ queryKey: ['public-draws'], queryFn: listPublicDraws });
  return (
    <div data-testid="public-draws">
      <h1>{pick({ zh: '“双随机、一公开”抽查', en: 'Random inspections' })}</h1>
      <p>
        {pick({
          zh: '抽取前公示抽取范围、分层、数量和种子的承诺值；抽取后公布种子和结果。任何人都可以用公开数据重新抽取并核对。',
          en: 'Before each draw the frame, strata, quotas and a commitment to the seed are published; after it, the seed and the result. Anyone can re-run the draw from the public data.',
        })}
      </p>
      <Status loading={query.isLoading} error={query.error} pick={pick} />
      {query.data && (
        <Table
          testId="public-draws-table"
          head={[
            pick({ zh: '编号', en: 'Draw' }),
            pick({ zh: '名称', en: 'Title' }),
            pick({ zh: '状态', en: 'State' }),
            pick({ zh: '公示日期', en: 'Published' }),
            pick({ zh: '抽中', en: 'Selected' }),
          ]}
          rows={query.data.items.map((d) => [
            <Link key="id" to={`/public/inspections/${d.id}`}>
              {d.id}
            </Link>,
            pick(d.title),
            pick(STATE_LABELS[d.state]),
            d.publishedOn,
            d.state === 'committed' ? '—' : d.selected,
          ])}
        />
      )}
    </div>
  );
}

function DrawBody({ draw, pick }: { draw: TPublicDraw; pick: (p: TPhrase) => string }) {
  const origin = typeof window === 'undefined' ? 'http://localhost:3000' : window.location.origin;
  return (
    <>
      <p>
        {pick(KIND_LABELS[draw.kind])} · {pick(STATE_LABELS[draw.state])} ·{' '}
        {pick({ zh: `公示于 ${draw.publishedOn}`, en: `published on ${draw.publishedOn}` })} ·{' '}
        {pick({ zh: `政策包 ${draw.pack.id}`, en: `policy pack ${draw.pack.id}` })}
      </p>
      <Section
        title={pick({ zh: '1. 抽取前公示', en: '1. Published before the draw' })}
        testId="draw-commitment"
      >
        <p>{pick({ zh: '公示文件 SHA-256：', en: 'SHA-256 of the published document:' })}</p>
        <p style={mono} data-testid="draw-document-sha256">
          {draw.published.sha256}
        </p>
        <p>{pick({ zh: '种子承诺值（种子的 SHA-256）：', en: 'Seed commitment (SHA-256 of the seed):' })}</p>
        <p style={mono} data-testid="draw-commitment-value">
          {draw.seedCommitment}
        </p>
        <Table
          testId="draw-quotas"
          head={[
            pick({ zh: '分层', en: 'Stratum' }),
            pick({ zh: '总数', en: 'Population' }),
            pick({ zh: '抽取数', en: 'Quota' }),
          ]}
          rows={draw.strata.map((s) => [
            pick(s.label),
            s.population,
            draw.quotas.find((q) => q.stratum === s.id)?.count ?? 0,
          ])}
        />
        <p>
          <a
            href={`data:application/json;charset=utf-8,${encodeURIComponent(draw.published.json)}`}
            download={`${draw.id}.json`}
          >
            {pick({
              zh: '下载公示文件（含全部抽取范围）',
              en: 'Download the published document (with the whole frame)',
            })}
          </a>
        </p>
      </Section>
      <Section title={pick({ zh: '2. 种子与抽取结果', en: '2. Seed and result' })} testId="draw-result">
        {draw.seed === null ? (
          <p data-testid="draw-seed-pending">
            {pick({
              zh: '尚未抽取：种子保密，抽取后公布。届时可核对其 SHA-256 是否等于上面的承诺值。',
              en: 'Not drawn yet: the seed stays secret until the draw. Then check that its SHA-256 equals the commitment above.',
            })}
          </p>
        ) : (
          <>
            <p>{pick({ zh: '种子：', en: 'Seed:' })}</p>
            <p style={mono} data-testid="draw-seed">
              {draw.seed}
            </p>
            <Table
              testId="draw-selections"
              head={[
                pick({ zh: '分层', en: 'Stratum' }),
                pick({ zh: '名次', en: 'Rank' }),
                pick({ zh: '统一社会信用代码', en: 'USCC' }),
                pick({ zh: '名称', en: 'Name' }),
              ]}
              rows={draw.selections.map((s) => [
                s.stratum,
                s.rank,
                <Link key="uscc" to={`/public/associations/${s.uscc}`}>
                  <span style={mono}>{s.uscc}</span>
                </Link>,
                s.name,
              ])}
            />
          </>
        )}
      </Section>
      {draw.results.length > 0 && (
        <Section title={pick({ zh: '3. 检查结果', en: '3. Inspection results' })} testId="draw-results">
          <Table
            head={[
              pick({ zh: '名称', en: 'Name' }),
              pick({ zh: '检查日期', en: 'Inspected on' }),
              pick({ zh: '结论', en: 'Outcome' }),
              pick({ zh: '摘要', en: 'Summary' }),
            ]}
            rows={draw.results.map((r) => [
              r.name,
              r.inspectedOn,
              pick(OUTCOME_LABELS[r.outcome]),
              pick({ zh: r.summaryZh, en: r.summaryEn }),
            ])}
          />
        </Section>
      )}
      <Section title={pick({ zh: '如何核验', en: 'How to verify' })} testId="draw-verify">
        <p>
          {pick({
            zh: '无需账号。用本平台的命令行工具，只读取公开数据，重新抽取并与公布结果比对：',
            en: 'No account needed. The command-line tool reads only public data, re-runs the draw and compares it with the published result:',
          })}
        </p>
        <pre style={{ ...mono, background: '#f6f6f6', padding: 8 }}>{verifyCommand(draw.id, origin)}</pre>
        <p>
          {pick({
            zh: '也可以不用本平台：算法（tuogou-draw/1）对每个单位计算 HMAC-SHA256(种子, 编号 + "\\n" + 分层 + "\\n" + 代码)，按分数排序取前若干名；详见说明文档中约二十行的独立核验脚本。',
            en: 'Or without this platform: the algorithm (tuogou-draw/1) scores each organisation with HMAC-SHA256(seed, drawId + "\\n" + stratum + "\\n" + USCC) and takes the lowest scores; the documentation has a twenty-line independent verifier.',
          })}
        </p>
      </Section>
    </>
  );
}

/** One draw: commitment, then seed, quotas and selection, and how to verify it. */
export function PublicDrawPage() {
  const pick = usePick();
  const { id = '' } = useParams();
  const query = useQuery({ queryKey: ['public-draw', id], queryFn: () => getPublicDraw(id) });
  return (
    <div data-testid="public-draw">
      <p>
        <Link to="/public/inspections">{pick({ zh: '← 全部抽查', en: '← All draws' })}</Link>
      </p>
      <h1 data-testid="public-draw-title">{query.data ? pick(query.data.title) : id}</h1>
      <Status loading={query.isLoading} error={query.error} pick={pick} />
      {query.data && <DrawBody draw={query.data} pick={pick} />}
    </div>
  );
}
