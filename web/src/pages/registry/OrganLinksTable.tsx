import { Table, type TableColumnsType, Tag, Typography } from 'antd';
import type { TLink } from '../../api/types.ts';
import { testAttributes } from '../../components/testAttributes.ts';
import { formatDate } from '../../format.ts';
import { type TTranslate, useT } from '../../i18n/index.ts';
import { linkKindLabel, organKindLabel } from '../../labels.ts';

function columns(t: TTranslate): TableColumnsType<TLink> {
  return [
    {
      key: 'organ',
      title: t('field.organ'),
      render: (_, link) => (
        <div>
          <div>{link.organ.name}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {link.organ.code}
          </Typography.Text>
        </div>
      ),
    },
    {
      key: 'kind',
      title: t('field.linkKind'),
      render: (_, link) => <Tag color="purple">{t(linkKindLabel(link.kind))}</Tag>,
    },
    {
      key: 'organKind',
      title: t('field.organKind'),
      render: (_, link) => t(organKindLabel(link.organ.kind)),
    },
    {
      key: 'isAdministrative',
      title: t('field.isAdministrative'),
      render: (_, link) => t(link.organ.isAdministrative ? 'app.yes' : 'app.no'),
    },
    { key: 'parent', title: t('field.parentOrgan'), render: (_, link) => link.organ.parent?.name ?? '—' },
    { key: 'startedOn', title: t('field.startedOn'), render: (_, link) => formatDate(link.startedOn) },
    {
      key: 'endedOn',
      title: t('field.endedOn'),
      render: (_, link) => (link.endedOn ? formatDate(link.endedOn) : t('app.current')),
    },
  ];
}

/** The association's links to administrative organs: 主办 / 主管 / 联系 / 挂靠 / 代管, with dates. */
export function OrganLinksTable({ links }: { links: TLink[] }) {
  const { t } = useT();
  return (
    <Table<TLink>
      data-testid="detail-links"
      size="small"
      pagination={false}
      rowKey={(link) => `${link.organ.code}:${link.kind}:${link.startedOn}`}
      columns={columns(t)}
      dataSource={links}
      scroll={{ x: 'max-content' }}
      onRow={(link) => testAttributes('detail-link-row', link.organ.code)}
    />
  );
}
