import { ClearOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Input, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { ASSOCIATION_STATUSES, LEVELS, type TAssociationFilters } from '../../api/types.ts';
import { OrganSelect } from '../../components/OrganSelect.tsx';
import { RegionCascader } from '../../components/RegionCascader.tsx';
import { useT } from '../../i18n/index.ts';
import { levelLabel, statusLabel } from '../../labels.ts';

type TTextFilter = 'q' | 'uscc' | 'industry';

function useDraft(filters: TAssociationFilters, key: TTextFilter) {
  const current = filters[key] ?? '';
  const [draft, setDraft] = useState(current);
  // The URL is the truth: back/forward or “clear filters” must show in the box.
  useEffect(() => setDraft(current), [current]);
  return [draft, setDraft] as const;
}

export type TRegistryFiltersProps = {
  filters: TAssociationFilters;
  onChange: (filters: TAssociationFilters) => void;
};

/** The registry's filter bar. Text boxes apply on Enter (or leaving the box); pickers apply at once. */
export function RegistryFilters({ filters, onChange }: TRegistryFiltersProps) {
  const { t } = useT();
  const [q, setQ] = useDraft(filters, 'q');
  const [uscc, setUscc] = useDraft(filters, 'uscc');
  const [industry, setIndustry] = useDraft(filters, 'industry');

  const set = (patch: TAssociationFilters) => onChange({ ...filters, ...patch });
  const applyText = (key: TTextFilter, value: string) => {
    if ((filters[key] ?? '') !== value.trim()) set({ [key]: value.trim() || undefined });
  };

  return (
    <Space wrap size="middle" data-testid="registry-filters">
      <Space.Compact>
        <Input
          data-testid="registry-search"
          style={{ width: 280 }}
          placeholder={t('registry.search.placeholder')}
          value={q}
          allowClear
          onChange={(event) => {
            setQ(event.target.value);
            if (event.target.value === '') applyText('q', '');
          }}
          onPressEnter={() => applyText('q', q)}
        />
        <Button
          icon={<SearchOutlined />}
          data-testid="registry-search-button"
          onClick={() => applyText('q', q)}
        />
      </Space.Compact>
      <Input
        data-testid="registry-filter-uscc"
        style={{ width: 200 }}
        placeholder={t('registry.filter.uscc')}
        value={uscc}
        allowClear
        maxLength={18}
        onChange={(event) => {
          setUscc(event.target.value);
          if (event.target.value === '') applyText('uscc', '');
        }}
        onPressEnter={() => applyText('uscc', uscc)}
        onBlur={() => applyText('uscc', uscc)}
      />
      <Select
        data-testid="registry-filter-level"
        style={{ width: 120 }}
        placeholder={t('registry.filter.level')}
        value={filters.level}
        allowClear
        options={LEVELS.map((level) => ({ value: level, label: t(levelLabel(level)) }))}
        onChange={(level) => set({ level: level || undefined })}
      />
      <RegionCascader
        testId="registry-filter-region"
        style={{ width: 220 }}
        placeholder={t('registry.filter.region')}
        value={filters.region}
        onChange={(region) => set({ region })}
      />
      <OrganSelect
        style={{ width: 260 }}
        placeholder={t('registry.filter.organ')}
        value={filters.organ}
        onChange={(organ) => set({ organ })}
      />
      <Select
        data-testid="registry-filter-status"
        style={{ width: 120 }}
        placeholder={t('registry.filter.status')}
        value={filters.status}
        allowClear
        options={ASSOCIATION_STATUSES.map((status) => ({ value: status, label: t(statusLabel(status)) }))}
        onChange={(status) => set({ status: status || undefined })}
      />
      <Input
        data-testid="registry-filter-industry"
        style={{ width: 160 }}
        placeholder={t('registry.filter.industry')}
        value={industry}
        allowClear
        onChange={(event) => {
          setIndustry(event.target.value);
          if (event.target.value === '') applyText('industry', '');
        }}
        onPressEnter={() => applyText('industry', industry)}
        onBlur={() => applyText('industry', industry)}
      />
      <Button icon={<ClearOutlined />} data-testid="registry-filter-reset" onClick={() => onChange({})}>
        {t('registry.filter.reset')}
      </Button>
    </Space>
  );
}
