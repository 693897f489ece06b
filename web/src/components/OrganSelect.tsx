import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { listOrgans } from '../api/organs.ts';

export type TOrganSelectProps = {
  value: string | undefined;
  onChange: (code: string | undefined) => void;
  placeholder: string;
  style?: React.CSSProperties;
  testId?: string;
};

const SEARCH_DELAY_MS = 250;

/** Searchable organ picker fed by `/api/organs?q=`; the value is the organ code. */
export function OrganSelect({
  value,
  onChange,
  placeholder,
  style,
  testId = 'registry-filter-organ',
}: TOrganSelectProps) {
  const [search, setSearch] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(search.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search]);

  // Without typing, search by the selected code so that a value from the URL shows its name.
  const q = debounced || value || '';
  const query = useQuery({
    queryKey: ['organs', 'options', q],
    queryFn: () => listOrgans({ q: q || undefined, page: 1, pageSize: 20 }),
    staleTime: 60_000,
  });
  const options = (query.data?.items ?? []).map((organ) => ({ value: organ.code, label: organ.name }));
  if (value && !options.some((option) => option.value === value)) options.unshift({ value, label: value });

  return (
    <Select<string>
      data-testid={testId}
      style={style}
      placeholder={placeholder}
      value={value}
      options={options}
      loading={query.isFetching}
      allowClear
      showSearch={{ filterOption: false, onSearch: setSearch }}
      onChange={(code) => {
        setSearch('');
        onChange(code || undefined);
      }}
    />
  );
}
