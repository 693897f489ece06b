import { Spin } from 'antd';
import { useT } from '../i18n/index.ts';

/** A centred spinner for a page or a lazily loaded chunk; kept apart from the heavier status pages. */
export function PageLoading() {
  const { t } = useT();
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: 64 }}>
      <Spin description={t('app.loading')} />
    </div>
  );
}
