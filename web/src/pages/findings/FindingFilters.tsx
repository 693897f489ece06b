import { ClearOutlined } from '@ant-design/icons';
import { Button, Checkbox, Select, Space, Tag } from 'antd';
import { FINDING_STATUSES, RULE_FAMILIES, SEVERITIES, type TFindingFilters } from '../../api/types.ts';
import { useSession } from '../../auth/session.ts';
import { OrganSelect } from '../../components/OrganSelect.tsx';
import { RegionCascader } from '../../components/RegionCascader.tsx';
import { useT } from '../../i18n/index.ts';
import { familyLabel, findingStatusLabel, severityLabel } from '../../labels.ts';
import { withFamily } from './findingParams.ts';
import { pick } from './text.ts';
import { useRuleCatalog } from './useRuleCatalog.ts';

export type TFindingFiltersProps = {
  filters: TFindingFilters;
  onChange: (filters: TFindingFilters) => void;
};

/** The findings list's filter bar; every picker applies at once. */
export function FindingFilters({ filters, onChange }: TFindingFiltersProps) {
  const { t, language } = useT();
  // The rule picker offers the catalog; a rule id from the URL still shows if the catalog is missing.
  const rules = useRuleCatalog();
  const ruleOptions = (rules.data?.items ?? [])
    .filter((rule) => !filters.family || rule.family === filters.family)
    .map((rule) => ({ value: rule.id, label: `${rule.id} ${pick(rule.title, language)}` }));
  if (filters.rule && !ruleOptions.some((option) => option.value === filters.rule)) {
    ruleOptions.unshift({ value: filters.rule, label: filters.rule });
  }
  const set = (patch: TFindingFilters) => onChange({ ...filters, ...patch });
  const session = useSession();
  // An association sees only its own findings: region and organ would narrow nothing.
  const ownOnly = session.status === 'authenticated' && session.user.role === 'association';

  return (
    <Space wrap size="middle" data-testid="findings-filters">
      {filters.association ? (
        // Set by the link on an association's page; shown so the narrowed list does not puzzle anyone.
        <Tag
          closable
          color="blue"
          data-testid="findings-filter-association"
          onClose={() => set({ association: undefined })}
        >
          {t('findings.filter.association', { uscc: filters.association })}
        </Tag>
      ) : null}
      <Select
        data-testid="findings-filter-rule"
        style={{ width: 280 }}
        placeholder={t('findings.filter.rule')}
        value={filters.rule}
        options={ruleOptions}
        loading={rules.isFetching}
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        onChange={(rule) => set({ rule: rule || undefined })}
      />
      <Select
        data-testid="findings-filter-family"
        style={{ width: 180 }}
        placeholder={t('findings.filter.family')}
        value={filters.family}
        allowClear
        options={RULE_FAMILIES.map((family) => ({ value: family, label: t(familyLabel(family)) }))}
        onChange={(family) => onChange(withFamily(filters, family || undefined))}
      />
      <Select
        data-testid="findings-filter-severity"
        style={{ width: 120 }}
        placeholder={t('findings.filter.severity')}
        value={filters.severity}
        allowClear
        options={SEVERITIES.map((severity) => ({ value: severity, label: t(severityLabel(severity)) }))}
        onChange={(severity) => set({ severity: severity || undefined })}
      />
      {ownOnly ? null : (
        <RegionCascader
          testId="findings-filter-region"
          style={{ width: 220 }}
          placeholder={t('findings.filter.region')}
          value={filters.region}
          onChange={(region) => set({ region })}
        />
      )}
      {ownOnly ? null : (
        <OrganSelect
          testId="findings-filter-organ"
          style={{ width: 260 }}
          placeholder={t('findings.filter.organ')}
          value={filters.organ}
          onChange={(organ) => set({ organ })}
        />
      )}
      <Select
        data-testid="findings-filter-status"
        style={{ width: 130 }}
        placeholder={t('findings.filter.status')}
        value={filters.status}
        allowClear
        options={FINDING_STATUSES.map((status) => ({ value: status, label: t(findingStatusLabel(status)) }))}
        onChange={(status) => set({ status: status || undefined })}
      />
      <Checkbox
        data-testid="findings-filter-include-resolved"
        checked={filters.includeResolved === true}
        onChange={(event) => set({ includeResolved: event.target.checked || undefined })}
      >
        {t('findings.filter.includeResolved')}
      </Checkbox>
      <Button icon={<ClearOutlined />} data-testid="findings-filter-reset" onClick={() => onChange({})}>
        {t('findings.filter.reset')}
      </Button>
    </Space>
  );
}
