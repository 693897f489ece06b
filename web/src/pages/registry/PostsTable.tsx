import { Table, type TableColumnsType, Typography } from 'antd';
import type { TPost } from '../../api/types.ts';
import { testAttributes } from '../../components/testAttributes.ts';
import { formatDate, orEmpty } from '../../format.ts';
import { type TTranslate, useT } from '../../i18n/index.ts';
import { postRoleLabel, sexLabel } from '../../labels.ts';
import { ShowIdentifierButton } from './ShowIdentifierButton.tsx';

function columns(t: TTranslate, canRevealId: boolean): TableColumnsType<TPost> {
  const base: TableColumnsType<TPost> = [
    { key: 'role', title: t('field.postRole'), render: (_, post) => t(postRoleLabel(post.role)) },
    { key: 'name', title: t('field.personName'), render: (_, post) => post.person.name },
    {
      key: 'idMasked',
      title: t('field.idMasked'),
      render: (_, post) => <Typography.Text code>{orEmpty(post.person.idMasked)}</Typography.Text>,
    },
    {
      key: 'sex',
      title: t('field.sex'),
      render: (_, post) => (post.person.sex ? t(sexLabel(post.person.sex)) : orEmpty(null)),
    },
    { key: 'birthYear', title: t('field.birthYear'), render: (_, post) => orEmpty(post.person.birthYear) },
    { key: 'branchName', title: t('field.branchName'), render: (_, post) => orEmpty(post.branchName) },
    { key: 'termNumber', title: t('field.termNumber'), render: (_, post) => orEmpty(post.termNumber) },
    { key: 'startedOn', title: t('field.startedOn'), render: (_, post) => formatDate(post.startedOn) },
    {
      key: 'endedOn',
      title: t('field.endedOn'),
      render: (_, post) => (post.endedOn ? formatDate(post.endedOn) : t('app.current')),
    },
    {
      key: 'remunerated',
      title: t('field.remunerated'),
      render: (_, post) =>
        post.remunerated === null ? orEmpty(null) : t(post.remunerated ? 'app.yes' : 'app.no'),
    },
    { key: 'approvalRef', title: t('field.approvalRef'), render: (_, post) => orEmpty(post.approvalRef) },
  ];
  if (!canRevealId) return base;
  return [
    ...base,
    {
      key: 'actions',
      title: t('field.actions'),
      fixed: 'end',
      render: (_, post) =>
        post.person.idMasked ? (
          <ShowIdentifierButton personId={post.person.id} personName={post.person.name} />
        ) : null,
    },
  ];
}

/** Office-holders of the association, with masked IDs; regulators and admins may open one with a reason. */
export function PostsTable({ posts, canRevealId }: { posts: TPost[]; canRevealId: boolean }) {
  const { t } = useT();
  return (
    <Table<TPost>
      data-testid="detail-posts"
      size="small"
      rowKey="id"
      pagination={posts.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      columns={columns(t, canRevealId)}
      dataSource={posts}
      scroll={{ x: 'max-content' }}
      onRow={(post) => testAttributes('detail-post-row', post.id)}
    />
  );
}
