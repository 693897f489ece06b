import { Button, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { TFindingSort, TFindingSummary, TPage, TRuleEntry } from '../../api/types.ts';
import { testAttributes } from '../../components/testAttributes.ts';
import { formatDate, formatNumber } from '../../format.ts';
import { type TLanguage, type TTranslate, useT } from '../../i18n/index.ts';
import { FINDING_STATUS_COLORS, findingStatusLabel, SEVERITY_COLORS, severityLabel } from '../../labels.ts';
import { findingSortOrder, findingSortParam, PAGE_SIZES, type TFindingSortColumn } from './findingParams.ts';
import { explanationOf, pick, subjectText } from './text.ts';
import { rulesById, ruleTitleOf, useRuleCatalog } from './useRuleCatalog.ts';

/** Paging and sorting of a findings table, as kept in the URL by the page that shows it. */
export type TFindingsPaging = { page: number; pageSize: number; sort?: TFindingSort };

export type TFindingsTableProps = {
  data: TPage<TFindingSummary> | undefined;
  loading: boolean;
  paging: TFindingsPaging;
  onPagingChange: (paging: TFindingsPaging) => void;
  onOpen: (id: number) => void;
  /** The association column is left out on an association's own page. */
  showAssociation: boolean;
};

function columns(
  t: TTranslate,
  language: TLanguage,
  { paging, onOpen, showAssociation }: Pick<TFindingsTableProps, 'paging' | 'onOpen' | 'showAssociation'>,
  rules: ReadonlyMap<string, TRuleEntry>,
): TableColumnsType<TFindingSummary> {
  const sorted = (column: TFindingSortColumn) => ({
    sorter: true,
    sortOrder: findingSortOrder(paging.sort, column),
  });
  const all: TableColumnsType<TFindingSummary> = [
    {
      key: 'ruleId',
      title: t('findings.col.rule'),
      ...sorted('ruleId'),
      render: (_, finding) => {
        const title = ruleTitleOf(finding, rules);
        return (
          <Button
            type="link"
            size="small"
            style={{ padding: 0, height: 'auto', textAlign: 'left', whiteSpace: 'normal' }}
            data-testid="finding-row-open"
            onClick={() => onOpen(finding.id)}
          >
            <span>
              <Typography.Text code>{finding.ruleId}</Typography.Text> {title ? pick(title, language) : null}
            </span>
          </Button>
        );
      },
    },
    {
      key: 'severity',
      title: t('findings.col.severity'),
      ...sorted('severity'),
      render: (_, finding) => (
        <Tag color={SEVERITY_COLORS[finding.severity]}>{t(severityLabel(finding.severity))}</Tag>
      ),
    },
    {
      key: 'association',
      title: t('findings.col.association'),
      render: (_, finding) => (
        <Link to={`/registry/${finding.uscc}`} data-testid="finding-row-association">
          {finding.associationName}
        </Link>
      ),
    },
    {
      key: 'subject',
      title: t('findings.col.subject'),
      render: (_, finding) => subjectText(finding, t),
    },
    {
      key: 'explanation',
      title: t('findings.col.explanation'),
      render: (_, finding) => {
        const text = explanationOf(finding, language);
        return (
          <Typography.Paragraph style={{ maxWidth: 420, margin: 0 }} ellipsis={{ rows: 2, tooltip: text }}>
            {text}
          </Typography.Paragraph>
        );
      },
    },
    {
      key: 'status',
      title: t('findings.col.status'),
      render: (_, finding) => (
        <Tag color={FINDING_STATUS_COLORS[finding.status]} data-testid="finding-row-status">
          {t(findingStatusLabel(finding.status))}
        </Tag>
      ),
    },
    {
      key: 'firstSeenOn',
      title: t('findings.col.firstSeen'),
      ...sorted('firstSeenOn'),
      render: (_, finding) => formatDate(finding.firstSeenOn),
    },
    {
      key: 'lastSeenOn',
      title: t('findings.col.lastSeen'),
      ...sorted('lastSeenOn'),
      render: (_, finding) => formatDate(finding.lastSeenOn),
    },
    {
      key: 'deadline',
      title: t('findings.col.deadline'),
      ...sorted('deadline'),
      render: (_, finding) => formatDate(finding.deadline ?? finding.dueOn),
    },
  ];
  return showAssociation ? all : all.filter((column) => column.key !== 'association');
}

/** A page of findings: rule and title, severity, association, subject, explanation, status and dates. */
export function FindingsTable({
  data,
  loading,
  paging,
  onPagingChange,
  onOpen,
  showAssociation,
}: TFindingsTableProps) {
  const { t, language } = useT();
  const catalog = useRuleCatalog();
  const rules = rulesById(catalog.data?.items);
  return (
    <Table<TFindingSummary>
      data-testid="findings-table"
      rowKey="id"
      size="middle"
      loading={loading}
      columns={columns(t, language, { paging, onOpen, showAssociation }, rules)}
      dataSource={data?.items ?? []}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('findings.none') }}
      onRow={(finding) => testAttributes('finding-row', finding.id)}
      pagination={{
        current: paging.page,
        pageSize: paging.pageSize,
        total: data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: PAGE_SIZES.map(String),
        showTotal: (total) => t('findings.total', { total: formatNumber(total) }),
      }}
      onChange={(pagination, _filters, sorter) => {
        const single = Array.isArray(sorter) ? sorter[0] : sorter;
        const sort = findingSortParam(single?.columnKey as TFindingSortColumn | undefined, single?.order);
        const pageSize = pagination.pageSize ?? paging.pageSize;
        // A new sort or page size starts again at page 1; a page click keeps the sort.
        const reset = sort !== paging.sort || pageSize !== paging.pageSize;
        onPagingChange({ sort, pageSize, page: reset ? 1 : (pagination.current ?? 1) });
      }}
    />
  );
}
