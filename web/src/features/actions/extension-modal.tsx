import { DatePicker, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useI18n } from '../../lib/i18n.js';
import { useHubMutation } from '../../lib/use-hub-mutation.js';
import { formatDate } from '../../lib/format.js';
import { REQUEST_EXTENSION } from './action-operations.query.js';

/** A branch asks for a later due date, with the reason. */
export function ExtensionModal({
  action,
  problemId,
  onClose,
}: {
  action: { id: string; dueAt: string; title: string } | null;
  problemId?: string;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ dueAt: Dayjs; reason: string }>();
  const { run, fetching } = useHubMutation(REQUEST_EXTENSION);
  async function ok() {
    const v = await form.validateFields();
    const r = await run(
      { input: { actionId: action!.id, dueAt: v.dueAt.endOf('day').toISOString(), reason: v.reason } },
      { form, problemId, success: t('extension.requested') },
    );
    if (r.ok) onClose();
  }
  return (
    <Modal
      open={!!action}
      title={t('extension.request')}
      onOk={ok}
      onCancel={onClose}
      confirmLoading={fetching}
      okText={t('extension.send')}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {action?.title} · {t('extension.currentDue', { date: formatDate(action?.dueAt) })}
      </Typography.Paragraph>
      <Form name="extension" form={form} layout="vertical">
        <Form.Item name="dueAt" label={t('extension.newDue')} rules={[{ required: true, message: t('form.required') }]}>
          <DatePicker disabledDate={(d) => !!action && d.isBefore(dayjs(action.dueAt).add(1, 'day').startOf('day'))} />
        </Form.Item>
        <Form.Item name="reason" label={t('extension.reason')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
