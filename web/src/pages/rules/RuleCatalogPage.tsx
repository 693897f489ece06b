import { SearchOutlined } from '@ant-design/icons';
import {
  Card,
  Descriptions,
  Empty,
  Input,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { RULE_FAMILIES, SEVERITIES, type TRuleEntry } from '../../api/types.ts';
import { QueryError } from '../../components/StatusPages.tsx';
import { testAttributes } from '../../components/testAttributes.ts';
import { formatNumber } from '../../format.ts';
import { type TLanguage, type TTranslate, useT } from '../../i18n/index.ts';
import { familyLabel, SEVERITY_COLORS, severityLabel } from '../../labels.ts';
import { pick } from '../findings/text.ts';
import { useRuleCatalog } from '../findings/useRuleCatalog.ts';
import { filterRules, parameterMatrix, parameterText, parseRuleParams, ruleParams } from './ruleCatalog.ts';

function columns(t: TTranslate, language: TLanguage): TableColumnsType<TRuleEntry> {
  return [
    {
      key: 'id',
      title: t('rules.col.id'),
      dataIndex: 'id',
      render: (id: string) => <Typography.Text code>{id}</Typography.Text>,
    },
    {
      key: 'family',
      title: t('rules.col.family'),
      render: (_, rule) => t(familyLabel(rule.family)),
    },
    {
      key: 'severity',
      title: t('rules.col.severity'),
      render: (_, rule) => (
        <Tag color={SEVERITY_COLORS[rule.severity]}>{t(severityLabel(rule.severity))}</Tag>
      ),
    },
    { key: 'title', title: t('rules.col.title'), render: (_, rule) => pick(rule.title, language) },
    {
      key: 'clause',
      title: t('rules.col.clause'),
      render: (_, rule) => (
        <Typography.Paragraph
          style={{ maxWidth: 360, margin: 0 }}
          ellipsis={{ rows: 2, tooltip: rule.clause }}
        >
          {rule.clause}
        </Typography.Paragraph>
      ),
    },
  ];
}

function ParameterTable({ rule }: { rule: TRuleEntry }) {
  const { t } = useT();
  const matrix = parameterMatrix(rule);
  if (matrix.rows.length === 0) {
    return <Typography.Text type="secondary">{t('rules.noParameters')}</Typography.Text>;
  }
  return (
    <Table
      data-testid="rule-parameters"
      rowKey="name"
      size="small"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={matrix.rows}
      columns={[
        {
          key: 'name',
          title: t('rules.parameter'),
          dataIndex: 'name',
          fixed: 'left',
          render: (name: string) => <Typography.Text code>{name}</Typography.Text>,
        },
        ...matrix.packs.map((pack) => ({
          key: pack.key,
          title: (
            <span data-testid="rule-parameter-pack">
              {pack.packId} · {pack.version}
              {pack.active ? null : <Tag style={{ marginInlineStart: 4 }}>{t('rules.pack.inactive')}</Tag>}
            </span>
          ),
          render: (_: unknown, row: (typeof matrix.rows)[number]) =>
            parameterText(row.values[pack.key], t('app.yes'), t('app.no')),
        })),
      ]}
    />
  );
}

function RuleDetail({ rule }: { rule: TRuleEntry }) {
  const { t, language } = useT();
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="rule-detail">
      <Descriptions
        bordered
        size="small"
        column={1}
        items={[
          { key: 'clause', label: t('rules.col.clause'), children: rule.clause },
          { key: 'appliesTo', label: t('rules.appliesTo'), children: t(`rules.appliesTo.${rule.appliesTo}`) },
          {
            key: 'example',
            label: t('rules.example'),
            children: <span data-testid="rule-example">{pick(rule.example, language)}</span>,
          },
          ...(rule.decisions.length > 0
            ? [
                {
                  key: 'decisions',
                  label: t('rules.decisions'),
                  children: (
                    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                      {rule.decisions.map((decision) => (
                        <li key={decision.zh}>{pick(decision, language)}</li>
                      ))}
                    </ul>
                  ),
                },
              ]
            : []),
        ]}
      />
      <div>
        <Typography.Title level={5}>{t('rules.parameters')}</Typography.Title>
        <ParameterTable rule={rule} />
      </div>
      <Link to={`/findings?rule=${encodeURIComponent(rule.id)}`} data-testid="rule-findings-link">
        {t('rules.findings')}
      </Link>
    </Space>
  );
}

/** The rule catalog: every rule with its clause, example and parameters per policy pack. */
export function RuleCatalogPage() {
  const { t, language } = useT();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = parseRuleParams(searchParams);
  const [draft, setDraft] = useState(filters.q ?? '');
  // The URL is the truth: back/forward must show in the box.
  useEffect(() => setDraft(filters.q ?? ''), [filters.q]);
  const query = useRuleCatalog();
  const rules = filterRules(query.data?.items ?? [], filters);
  // Typing replaces the history entry rather than adding one per keystroke.
  const update = (patch: Partial<typeof filters>, replace = false) =>
    setSearchParams(ruleParams({ ...filters, ...patch }), { replace });

  return (
    <Card
      title={
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="rules-title">
          {t('rules.title')}
        </Typography.Title>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap size="middle">
          <Input
            data-testid="rules-search"
            style={{ width: 300 }}
            prefix={<SearchOutlined />}
            placeholder={t('rules.search.placeholder')}
            value={draft}
            allowClear
            onChange={(event) => {
              setDraft(event.target.value);
              // Filtering is local and instant, so every keystroke applies.
              update({ q: event.target.value || undefined }, true);
            }}
          />
          <Select
            data-testid="rules-filter-family"
            style={{ width: 200 }}
            placeholder={t('rules.filter.family')}
            value={filters.family}
            allowClear
            options={RULE_FAMILIES.map((family) => ({ value: family, label: t(familyLabel(family)) }))}
            onChange={(family) => update({ family: family || undefined })}
          />
          <Select
            data-testid="rules-filter-severity"
            style={{ width: 140 }}
            placeholder={t('rules.filter.severity')}
            value={filters.severity}
            allowClear
            options={SEVERITIES.map((severity) => ({ value: severity, label: t(severityLabel(severity)) }))}
            onChange={(severity) => update({ severity: severity || undefined })}
          />
          <Typography.Text type="secondary" data-testid="rules-total">
            {t('rules.total', { total: formatNumber(rules.length) })}
          </Typography.Text>
        </Space>
        {query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <Table<TRuleEntry>
            data-testid="rules-table"
            rowKey="id"
            size="middle"
            loading={query.isFetching}
            columns={columns(t, language)}
            dataSource={rules}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <Empty description={t('rules.none')} /> }}
            onRow={(rule) => testAttributes('rule-row', rule.id)}
            expandable={{ expandedRowRender: (rule) => <RuleDetail rule={rule} />, expandRowByClick: true }}
          />
        )}
      </Space>
    </Card>
  );
}
