import { useQuery } from '@tanstack/react-query';
import { Select, Space } from 'antd';
import { listRegions } from '../api/regions.ts';
import { regionPath } from './regionPath.ts';

export type TRegionSelectProps = {
  value: string | undefined;
  onChange: (code: string | undefined) => void;
  provincePlaceholder: string;
  prefecturePlaceholder: string;
};

function useRegions(parent: string | undefined, enabled = true) {
  return useQuery({
    queryKey: ['regions', parent ?? ''],
    queryFn: () => listRegions(parent),
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/**
 * Province, then optionally prefecture, as two plain selects. The public portal uses it instead of the
 * cascader, whose tree machinery would cost the portal's small first-load budget.
 */
export function RegionSelect({
  value,
  onChange,
  provincePlaceholder,
  prefecturePlaceholder,
}: TRegionSelectProps) {
  const [province, prefecture] = value ? regionPath(value) : [];
  const provinces = useRegions(undefined);
  const prefectures = useRegions(province, province !== undefined);
  const toOptions = (items: { code: string; name: string }[] | undefined) =>
    (items ?? []).map((region) => ({ value: region.code, label: region.name }));

  return (
    <Space.Compact>
      <Select<string>
        data-testid="public-filter-province"
        style={{ width: 160 }}
        placeholder={provincePlaceholder}
        value={province}
        loading={provinces.isFetching}
        options={toOptions(provinces.data)}
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        onChange={(code) => onChange(code || undefined)}
      />
      <Select<string>
        data-testid="public-filter-prefecture"
        style={{ width: 160 }}
        placeholder={prefecturePlaceholder}
        value={prefecture}
        disabled={!province || (prefectures.data !== undefined && prefectures.data.length === 0)}
        loading={prefectures.isFetching}
        options={toOptions(prefectures.data)}
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        onChange={(code) => onChange(code || province)}
      />
    </Space.Compact>
  );
}
