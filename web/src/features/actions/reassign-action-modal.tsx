import { DatePicker, Form, Input, Modal, Radio, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useI18n } from '../../lib/i18n.js';
import { useHubMutation } from '../../lib/use-hub-mutation.js';
import { formatDate } from '../../lib/format.js';
import { BranchPicker } from '../common/branch-picker.js';
import { DepartmentPicker } from '../common/department-picker.js';
import { REASSIGN_ACTION } from './action-corrections.query.js';
import type { OperableAction } from './operable-action.js';

interface Values {
  ownerType: 'branch' | 'department';
  branchId?: string;
  departmentId?: string;
  dueAt?: Dayjs;
  reason: string;
}

/** The coordinator hands a row to another branch or department (ASSIGNED again), with the reason. */
export function ReassignActionModal({ action, problemId, onClose }: { action: OperableAction; problemId?: string; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const ownerType = Form.useWatch('ownerType', form);
  const { run, fetching } = useHubMutation(REASSIGN_ACTION);
  async function ok() {
    const v = await form.validateFields();
    const r = await run(
      {
        input: {
          actionId: action.id,
          expectedVersion: action.version,
          reason: v.reason,
          ...(v.ownerType === 'branch' ? { branchId: v.branchId } : { departmentId: v.departmentId }),
          dueAt: v.dueAt ? v.dueAt.endOf('day').toISOString() : undefined,
        },
      },
      { form, problemId, success: t('action.reassigned') },
    );
    if (r.ok) onClose();
  }
  return (
    <Modal
      open
      title={t('action.reassignTitle')}
      onOk={ok}
      onCancel={onClose}
      confirmLoading={fetching}
      okText={t('action.reassign')}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {action.title} · {action.branch?.name ?? action.department?.name} · {t('extension.currentDue', { date: formatDate(action.dueAt) })}
      </Typography.Paragraph>
      <Form<Values>
        name="reassign"
        form={form}
        layout="vertical"
        initialValues={{ ownerType: action.department ? 'department' : 'branch' }}
        data-testid="reassign-form"
      >
        <Form.Item name="ownerType" label={t('linkage.ownerType')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'branch', label: t('linkage.branch') },
              { value: 'department', label: t('linkage.department') },
            ]}
          />
        </Form.Item>
        {ownerType === 'department' ? (
          <Form.Item name="departmentId" label={t('action.reassignTo')} rules={[{ required: true, message: t('form.required') }]}>
            <DepartmentPicker style={{ width: '100%' }} />
          </Form.Item>
        ) : (
          <Form.Item name="branchId" label={t('action.reassignTo')} rules={[{ required: true, message: t('form.required') }]}>
            <BranchPicker style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item name="dueAt" label={t('action.reassignDue')}>
          <DatePicker disabledDate={(d) => d.isBefore(dayjs().startOf('day'))} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('action.reassignReason')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
