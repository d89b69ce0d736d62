import { Form, Input, Modal, Select } from 'antd';
import { useI18n } from '../../lib/i18n.js';
import { useHubMutation } from '../../lib/use-hub-mutation.js';
import { useReference } from '../../lib/reference.js';
import type { Severity } from '../../lib/types.js';
import { CategoryPicker } from '../common/category-picker.js';
import { EnumSelect } from '../common/enum-select.js';
import { CORRECT_PROBLEM } from './problem-corrections.query.js';
import type { ProblemDetail } from './problem-page.query.js';

interface Values {
  title: string;
  categoryId: string;
  severity: Severity;
  branchIds: string[];
  reason: string;
}

/**
 * The coordinator puts a live problem's facts right: title, category, severity, branches, with
 * the reason. Only what changed is sent; a branch its feedback or actions are in stays (the
 * server says which, next to the field).
 */
export function CorrectProblemModal({ problem, onClose }: { problem: ProblemDetail; onClose: () => void }) {
  const { t } = useI18n();
  const { branches } = useReference();
  const [form] = Form.useForm<Values>();
  const { run, fetching } = useHubMutation(CORRECT_PROBLEM);
  const before = {
    title: problem.title,
    categoryId: problem.category.id,
    severity: problem.severity,
    branchIds: problem.branches.map((b) => b.id),
  };
  const known = new Map([...branches.map((b) => [b.id, b.name] as const), ...problem.branches.map((b) => [b.id, b.name] as const)]);
  async function ok() {
    const v = await form.validateFields();
    const sameBranches = v.branchIds.length === before.branchIds.length && v.branchIds.every((id) => before.branchIds.includes(id));
    const r = await run(
      {
        input: {
          problemId: problem.id,
          expectedVersion: problem.version,
          reason: v.reason,
          title: v.title !== before.title ? v.title : undefined,
          categoryId: v.categoryId !== before.categoryId ? v.categoryId : undefined,
          severity: v.severity !== before.severity ? v.severity : undefined,
          branchIds: sameBranches ? undefined : v.branchIds,
        },
      },
      { form, problemId: problem.id, success: t('problem.corrected') },
    );
    if (r.ok) onClose();
  }
  return (
    <Modal
      open
      title={t('problem.correct')}
      onOk={ok}
      onCancel={onClose}
      confirmLoading={fetching}
      okText={t('common.save')}
      destroyOnHidden
    >
      <Form<Values> name="correct-problem" form={form} layout="vertical" initialValues={before} data-testid="correct-problem-form">
        <Form.Item name="title" label={t('problem.title')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(160px, 1fr))', gap: '0 12px' }}>
          <Form.Item name="categoryId" label={t('feedback.category')} rules={[{ required: true, message: t('form.required') }]}>
            <CategoryPicker />
          </Form.Item>
          <Form.Item name="severity" label={t('problem.severity')} rules={[{ required: true, message: t('form.required') }]}>
            <EnumSelect enumName="Severity" />
          </Form.Item>
        </div>
        <Form.Item name="branchIds" label={t('problem.branches')} extra={t('problem.branchesHint')}>
          <Select
            mode="multiple"
            options={[...known].map(([value, label]) => ({ value, label }))}
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('problem.correctReason')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
