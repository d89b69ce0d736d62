import { useEffect } from 'react';
import { Form, Input, Modal, Typography } from 'antd';
import { useI18n } from '../../lib/i18n.js';
import { useHubMutation } from '../../lib/use-hub-mutation.js';
import type { Severity } from '../../lib/types.js';
import { CategoryPicker } from '../common/category-picker.js';
import { EnumSelect } from '../common/enum-select.js';
import { OPEN_PROBLEM_MUTATION } from './open-problem-modal.query.js';

export interface OpenProblemDraft {
  feedbackIds: string[];
  title?: string;
  categoryId?: string;
  severity?: Severity;
}

/** Opens a problem from feedback: title, category and severity, the selection attached. */
export function OpenProblemModal({
  draft,
  onClose,
  onOpened,
}: {
  draft: OpenProblemDraft | null;
  onClose: () => void;
  onOpened: (problem: { id: string; code: string }) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ title: string; categoryId: string; severity: Severity }>();
  const { run, fetching } = useHubMutation(OPEN_PROBLEM_MUTATION);
  useEffect(() => {
    if (draft) form.setFieldsValue({ title: draft.title ?? '', categoryId: draft.categoryId, severity: draft.severity ?? 'MEDIUM' });
  }, [draft, form]);

  async function submit() {
    const v = await form.validateFields();
    const r = await run({ input: { ...v, feedbackIds: draft!.feedbackIds } }, { form });
    if (r.ok) onOpened(r.data.openProblem);
  }

  return (
    <Modal
      open={!!draft}
      title={t('inbox.openProblem')}
      okText={t('inbox.openProblem.ok')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={fetching}
      destroyOnHidden
      forceRender
    >
      <Typography.Paragraph type="secondary">{t('inbox.openProblem.hint', { n: draft?.feedbackIds.length ?? 0 })}</Typography.Paragraph>
      <Form name="openProblem" form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="title" label={t('problem.title')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input autoFocus maxLength={200} />
        </Form.Item>
        <Form.Item name="categoryId" label={t('feedback.category')} rules={[{ required: true, message: t('form.required') }]}>
          <CategoryPicker />
        </Form.Item>
        <Form.Item name="severity" label={t('problem.severity')} rules={[{ required: true, message: t('form.required') }]}>
          <EnumSelect enumName="Severity" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
