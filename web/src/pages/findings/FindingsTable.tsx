import { Button, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { TFinding, TFindingSort, TPage, TRuleEntry } from '../../api/types.ts';
import { testAttributes } from '../../components/testAttributes.ts';
import { formatDate, formatNumber } from '../../format.ts';
import { type TLanguage, type TTranslate, useT } from '../../i18n/index.ts';
import { FINDING_STATUS_COLORS, findingStatusLabel, SEVERITY_COLORS, severityLabel } from '../../labels.ts';
import { PAGE_SIZES, SORT_KEY_OF_COLUMN, sortOfHeader } from './findingParams.ts';
import { explanationOf, pick, subjectText } from './text.ts';
import { rulesById, ruleTitleOf, useRuleCatalog } from './useRuleCatalog.ts';

/** Paging of a findings table, as kept in the URL by the page that shows it. */
export type TFindingsPaging = { page: number; pageSize: number };

export type TFindingsTableProps = {
  data: TPage<TFinding> | undefined;
  loading: boolean;
  paging: TFindingsPaging;
  onPagingChange: (paging: TFindingsPaging) => void;
  onOpen: (id: number) => void;
  /** The association column is left out on an association's own page. */
  showAssociation: boolean;
  /** Sortable column headers, where the page keeps a sort (absent: the server's order, no sorters). */
  sorting?: TFindingsSorting;
};

export type TFindingsSorting = {
  sort: TFindingSort | undefined;
  onSortChange: (sort: TFindingSort | undefined) => void;
};

/** Marks the sortable columns and shows the current sort on its header. */
function withSorters(
  columns: TableColumnsType<TFinding>,
  sort: TFindingSort | undefined,
): TableColumnsType<TFinding> {
  const descending = sort?.startsWith('-') ?? false;
  const sortKey = sort?.replace(/^-/, '');
  return columns.map((column) => {
    const key = SORT_KEY_OF_COLUMN[String(column.key)];
    if (!key) return column;
    return {
      ...column,
      sorter: true,
      sortDirections: ['ascend', 'descend'],
      sortOrder: key === sortKey ? (descending ? 'descend' : 'ascend') : null,
    };
  });
}

/** The deadline cell: the rectification deadline, else the legal due date, marked when overdue. */
function DeadlineCell({ finding }: { finding: TFinding }) {
  const { t } = useT();
  const date = formatDate(finding.deadline ?? finding.dueOn);
  if (!finding.overdue) return date;
  return (
    <Space size={4}>
      <Typography.Text type="danger">{date}</Typography.Text>
      <Tag color="red" data-testid="finding-row-overdue">
        {t('findings.overdue')}
      </Tag>
    </Space>
  );
}

function columns(
  t: TTranslate,
  language: TLanguage,
  { onOpen, showAssociation }: Pick<TFindingsTableProps, 'onOpen' | 'showAssociation'>,
  rules: ReadonlyMap<string, TRuleEntry>,
): TableColumnsType<TFinding> {
  const all: TableColumnsType<TFinding> = [
    {
      key: 'rule',
      title: t('findings.col.rule'),
      render: (_, finding) => {
        const title = ruleTitleOf(finding.rule, rules);
        return (
          <Button
            type="link"
            size="small"
            style={{ padding: 0, height: 'auto', textAlign: 'left', whiteSpace: 'normal' }}
            data-testid="finding-row-open"
            onClick={() => onOpen(finding.id)}
          >
            <span>
              <Typography.Text code>{finding.rule}</Typography.Text> {title ? pick(title, language) : null}
            </span>
          </Button>
        );
      },
    },
    {
      key: 'severity',
      title: t('findings.col.severity'),
      render: (_, finding) => (
        <Tag color={SEVERITY_COLORS[finding.severity]}>{t(severityLabel(finding.severity))}</Tag>
      ),
    },
    {
      key: 'association',
      title: t('findings.col.association'),
      render: (_, finding) => (
        <Link to={`/registry/${finding.association.uscc}`} data-testid="finding-row-association">
          {finding.association.name}
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
        <Space size={4}>
          <Tag color={FINDING_STATUS_COLORS[finding.status]} data-testid="finding-row-status">
            {t(findingStatusLabel(finding.status))}
          </Tag>
          {finding.resolved ? <Tag data-testid="finding-row-resolved">{t('findings.resolved')}</Tag> : null}
        </Space>
      ),
    },
    {
      key: 'firstSeen',
      title: t('findings.col.firstSeen'),
      render: (_, finding) => formatDate(finding.firstSeen.on),
    },
    {
      key: 'lastSeen',
      title: t('findings.col.lastSeen'),
      render: (_, finding) => formatDate(finding.lastSeen.on),
    },
    {
      key: 'deadline',
      title: t('findings.col.deadline'),
      render: (_, finding) => <DeadlineCell finding={finding} />,
    },
  ];
  return showAssociation ? all : all.filter((column) => column.key !== 'association');
}

/**
 * A page of findings: rule and title, severity, association, subject, explanation, status and dates,
 * in the server's order (by association, then rule) unless a header sorts it.
 */
export function FindingsTable({
  data,
  loading,
  paging,
  onPagingChange,
  onOpen,
  showAssociation,
  sorting,
}: TFindingsTableProps) {
  const { t, language } = useT();
  const catalog = useRuleCatalog();
  const rules = rulesById(catalog.data?.items);
  return (
    <Table<TFinding>
      data-testid="findings-table"
      rowKey="id"
      size="middle"
      loading={loading}
      columns={
        sorting
          ? withSorters(columns(t, language, { onOpen, showAssociation }, rules), sorting.sort)
          : columns(t, language, { onOpen, showAssociation }, rules)
      }
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
      onChange={(pagination, _filters, sorter, extra) => {
        if (extra.action === 'sort' && sorting) {
          const one = Array.isArray(sorter) ? sorter[0] : sorter;
          sorting.onSortChange(sortOfHeader(one?.columnKey, one?.order));
          return;
        }
        const pageSize = pagination.pageSize ?? paging.pageSize;
        // A new page size starts again at page 1.
        onPagingChange({
          pageSize,
          page: pageSize !== paging.pageSize ? 1 : (pagination.current ?? 1),
        });
      }}
    />
  );
}
