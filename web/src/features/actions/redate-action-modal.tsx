import { DatePicker, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useI18n } from '../../lib/i18n.js';
import { useHubMutation } from '../../lib/use-hub-mutation.js';
import { formatDate } from '../../lib/format.js';
import { CHANGE_ACTION_DUE_DATE } from './action-corrections.query.js';
import type { OperableAction } from './operable-action.js';

/** The coordinator gives a row another due date, with the reason; its owners are told. */
export function RedateActionModal({ action, problemId, onClose }: { action: OperableAction; problemId?: string; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ dueAt: Dayjs; reason: string }>();
  const { run, fetching } = useHubMutation(CHANGE_ACTION_DUE_DATE);
  async function ok() {
    const v = await form.validateFields();
    const r = await run(
      { input: { actionId: action.id, expectedVersion: action.version, dueAt: v.dueAt.endOf('day').toISOString(), reason: v.reason } },
      { form, problemId, success: t('action.redated') },
    );
    if (r.ok) onClose();
  }
  return (
    <Modal open title={t('action.redate')} onOk={ok} onCancel={onClose} confirmLoading={fetching} okText={t('common.save')} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        {action.title} · {t('extension.currentDue', { date: formatDate(action.dueAt) })}
      </Typography.Paragraph>
      <Form name="redate" form={form} layout="vertical">
        <Form.Item name="dueAt" label={t('action.newDue')} rules={[{ required: true, message: t('form.required') }]}>
          <DatePicker disabledDate={(d) => d.isBefore(dayjs().startOf('day'))} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('action.redateReason')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
