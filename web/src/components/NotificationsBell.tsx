import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Empty, List, Popover, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import {
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  type TNotification,
} from '../api/cases.ts';
import { formatDateTime } from '../format.ts';
import { useT } from '../i18n/index.ts';
import { caseText, pickText } from '../pages/cases/text.ts';

const KIND_COLORS: Record<string, string> = { 'CASE-1': 'orange', 'CASE-2': 'red', 'CASE-3': 'magenta' };

/**
 * The bell in the header: the unread count, and the latest notices (overdue plans and cases, re-coupling,
 * cases waiting for the user's side). Opening a notice marks it read and goes to its case. Polled each
 * minute, so a notice raised by the daily job or another user's move shows without a reload.
 */
export function NotificationsBell() {
  const { language } = useT();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const query = useQuery({
    queryKey: ['notifications'],
    queryFn: listNotifications,
    refetchInterval: 60_000,
  });
  const refresh = () => void client.invalidateQueries({ queryKey: ['notifications'] });
  const markOne = useMutation({ mutationFn: markNotificationRead, onSuccess: refresh });
  const markAll = useMutation({ mutationFn: markAllNotificationsRead, onSuccess: refresh });
  const unread = query.data?.unread ?? 0;

  const openNotice = (notice: TNotification) => {
    if (!notice.readAt) markOne.mutate(notice.id);
    setOpen(false);
    if (notice.caseId !== null) navigate(`/cases/${notice.caseId}`);
  };

  const content = (
    <div style={{ width: 380, maxHeight: 480, overflowY: 'auto' }} data-testid="notifications-panel">
      {(query.data?.items.length ?? 0) === 0 ? (
        <Empty description={caseText(language, 'notifications.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <List
          size="small"
          dataSource={query.data?.items ?? []}
          renderItem={(notice) => (
            <List.Item
              data-testid="notification-item"
              data-kind={notice.kind}
              data-read={notice.readAt ? 'true' : 'false'}
              style={{ cursor: 'pointer', opacity: notice.readAt ? 0.6 : 1 }}
              onClick={() => openNotice(notice)}
            >
              <Space orientation="vertical" size={0}>
                <Space size={4}>
                  {KIND_COLORS[notice.kind] ? (
                    <Tag color={KIND_COLORS[notice.kind]}>{notice.kind}</Tag>
                  ) : null}
                  <Typography.Text strong={!notice.readAt}>
                    {pickText(notice.title, language)}
                  </Typography.Text>
                </Space>
                <Typography.Text type="secondary">{pickText(notice.body, language)}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(notice.createdAt)}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </div>
  );

  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      title={
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <span>{caseText(language, 'notifications.title')}</span>
          <Button
            size="small"
            type="link"
            disabled={unread === 0}
            loading={markAll.isPending}
            onClick={() => markAll.mutate()}
            data-testid="notifications-read-all"
          >
            {caseText(language, 'notifications.readAll')}
          </Button>
        </Space>
      }
      content={content}
    >
      <Badge count={unread} size="small" data-testid="notifications-count" data-count={unread}>
        <Button
          shape="circle"
          icon={<BellOutlined />}
          aria-label={caseText(language, 'notifications.title')}
          data-testid="notifications-bell"
        />
      </Badge>
    </Popover>
  );
}
