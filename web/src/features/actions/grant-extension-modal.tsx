import { DatePicker, Form, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useI18n } from '../../lib/i18n.js';
import { useHubMutation } from '../../lib/use-hub-mutation.js';
import { formatDate } from '../../lib/format.js';
import { DECIDE_EXTENSION } from './action-operations.query.js';
import type { OperableAction } from './operable-action.js';

/**
 * The coordinator grants an extension: the date asked for, or another one (a shorter grace than
 * the branch asked, say); only a date other than the one asked is sent as grantedDueAt.
 */
export function GrantExtensionModal({ action, problemId, onClose }: { action: OperableAction; problemId?: string; onClose: () => void }) {
  const { t } = useI18n();
  const asked = dayjs(action.extension!.requestedDueAt);
  const [form] = Form.useForm<{ grantedDueAt: Dayjs }>();
  const { run, fetching } = useHubMutation(DECIDE_EXTENSION);
  async function ok() {
    const v = await form.validateFields();
    const other = !v.grantedDueAt.isSame(asked, 'day');
    const r = await run(
      { input: { actionId: action.id, grant: true, grantedDueAt: other ? v.grantedDueAt.endOf('day').toISOString() : undefined } },
      { form, problemId, success: t('extension.granted') },
    );
    if (r.ok) onClose();
  }
  return (
    <Modal
      open
      title={t('extension.grant')}
      onOk={ok}
      onCancel={onClose}
      confirmLoading={fetching}
      okText={t('extension.grant')}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {action.title} · {t('extension.currentDue', { date: formatDate(action.dueAt) })}
      </Typography.Paragraph>
      <Typography.Paragraph>
        {t('extension.asked', { date: formatDate(action.extension!.requestedDueAt), reason: action.extension!.reason })}
      </Typography.Paragraph>
      <Form name="grant" form={form} layout="vertical" initialValues={{ grantedDueAt: asked }}>
        <Form.Item
          name="grantedDueAt"
          label={t('extension.grantedDue')}
          extra={t('extension.grantedDueHint')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <DatePicker
            disabledDate={(d) => d.isBefore(dayjs(action.dueAt).add(1, 'day').startOf('day')) || d.isBefore(dayjs().startOf('day'))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
