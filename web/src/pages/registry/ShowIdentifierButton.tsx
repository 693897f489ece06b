import { EyeOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { revealIdentifier } from '../../api/persons.ts';
import { useT } from '../../i18n/index.ts';

type TReasonForm = { reason: string };

/**
 * “Show ID” for regulators and admins: asks why, then fetches the full resident ID. The server writes
 * the audit event; the ID lives only in this dialog and is forgotten when it closes.
 */
export function ShowIdentifierButton({ personId, personName }: { personId: number; personName: string }) {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<TReasonForm>();
  const reveal = useMutation({ mutationFn: revealIdentifier });

  const close = () => {
    setOpen(false);
    reveal.reset();
    form.resetFields();
  };

  return (
    <>
      <Button size="small" icon={<EyeOutlined />} onClick={() => setOpen(true)} data-testid="post-show-id">
        {t('detail.showId')}
      </Button>
      <Modal
        open={open}
        title={`${t('detail.showId.title')} · ${personName}`}
        onCancel={close}
        destroyOnHidden
        footer={
          reveal.data ? (
            <Button onClick={close}>{t('detail.showId.close')}</Button>
          ) : (
            <Button
              type="primary"
              loading={reveal.isPending}
              onClick={() => form.submit()}
              data-testid="show-id-submit"
            >
              {t('detail.showId.submit')}
            </Button>
          )
        }
      >
        {reveal.data ? (
          <div>
            <Typography.Text type="secondary">{t('detail.showId.result')}</Typography.Text>
            <Typography.Paragraph copyable strong style={{ fontSize: 18 }} data-testid="show-id-result">
              {reveal.data.residentId}
            </Typography.Paragraph>
          </div>
        ) : (
          <Form<TReasonForm>
            form={form}
            layout="vertical"
            onFinish={({ reason }) => reveal.mutate({ personId, reason: reason.trim() })}
          >
            <Alert type="warning" showIcon title={t('detail.showId.notice')} style={{ marginBottom: 16 }} />
            {reveal.error ? (
              <Alert type="error" showIcon title={reveal.error.message} style={{ marginBottom: 16 }} />
            ) : null}
            <Form.Item
              name="reason"
              label={t('detail.showId.reason')}
              rules={[{ required: true, whitespace: true, message: t('detail.showId.reason.required') }]}
            >
              <Input.TextArea rows={3} maxLength={500} showCount data-testid="show-id-reason" />
            </Form.Item>
          </Form>
        )}
      </Modal>
    </>
  );
}
