import { useQueryClient } from '@tanstack/react-query';
import { Cascader } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { listRegions } from '../api/regions.ts';
import type { TRegion } from '../api/types.ts';
import { isCountyCode, regionPath } from './regionPath.ts';

type TRegionOption = { value: string; label: string; isLeaf: boolean; children?: TRegionOption[] };

// Provinces are keyed under the empty parent.
type TChildren = Record<string, TRegion[]>;

function buildOptions(children: TChildren, parent: string): TRegionOption[] | undefined {
  return children[parent]
    ?.filter((region) => region.code !== parent)
    .map((region) => {
      const below = children[region.code];
      return {
        value: region.code,
        label: region.name,
        isLeaf: isCountyCode(region.code) || (below !== undefined && below.length === 0),
        children: below?.length ? buildOptions(children, region.code) : undefined,
      };
    });
}

export type TRegionCascaderProps = {
  value: string | undefined;
  onChange: (code: string | undefined) => void;
  placeholder: string;
  style?: React.CSSProperties;
  testId?: string;
};

/**
 * Province → prefecture → county picker fed by `/api/regions`, loading each level when opened. Any
 * level can be chosen: a province code means the whole province.
 */
export function RegionCascader({ value, onChange, placeholder, style, testId }: TRegionCascaderProps) {
  const queryClient = useQueryClient();
  const [children, setChildren] = useState<TChildren>({});

  const load = useCallback(
    async (parent: string) => {
      const items = await queryClient.fetchQuery({
        queryKey: ['regions', parent],
        queryFn: () => listRegions(parent || undefined),
        staleTime: Number.POSITIVE_INFINITY,
      });
      setChildren((previous) => (previous[parent] ? previous : { ...previous, [parent]: items }));
    },
    [queryClient],
  );

  // Load the provinces, and the levels above a value that came from the URL so its names show.
  useEffect(() => {
    const parents = ['', ...(value ? regionPath(value).slice(0, -1) : [])];
    for (const parent of parents) void load(parent).catch(() => undefined);
  }, [value, load]);

  return (
    <Cascader<TRegionOption>
      data-testid={testId}
      style={style}
      placeholder={placeholder}
      options={buildOptions(children, '') ?? []}
      value={value ? regionPath(value) : undefined}
      changeOnSelect
      allowClear
      loadData={(selected) => {
        const last = selected[selected.length - 1];
        if (last && !children[last.value]) void load(last.value).catch(() => undefined);
      }}
      onChange={(path) => onChange(path?.length ? String(path[path.length - 1]) : undefined)}
    />
  );
}
