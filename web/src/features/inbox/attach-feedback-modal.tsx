import { useState } from 'react';
import { Form, Modal, Typography } from 'antd';
import { useI18n } from '../../lib/i18n.js';
import { useHubMutation } from '../../lib/use-hub-mutation.js';
import { ATTACHABLE } from '../../lib/types.js';
import { ProblemPicker, type PickedProblem } from '../common/problem-picker.js';
import { ATTACH_FEEDBACK_MUTATION } from './attach-feedback-modal.query.js';

/** Attaches the selected feedback to a problem that is still being worked on. */
export function AttachFeedbackModal({
  feedbackIds,
  onClose,
  onAttached,
}: {
  feedbackIds: string[] | null;
  onClose: () => void;
  onAttached: (problem: { id: string; code: string }) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const [problem, setProblem] = useState<PickedProblem | undefined>();
  const { run, fetching } = useHubMutation(ATTACH_FEEDBACK_MUTATION);

  async function submit() {
    await form.validateFields();
    if (!problem) return;
    const r = await run(
      { input: { problemId: problem.id, expectedVersion: problem.version, feedbackIds: feedbackIds! } },
      { form, problemId: problem.id },
    );
    if (r.ok) onAttached(r.data.attachFeedback);
  }

  return (
    <Modal
      open={!!feedbackIds}
      title={t('inbox.attach')}
      okText={t('inbox.attach.ok')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={fetching}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('inbox.attach.hint', { n: feedbackIds?.length ?? 0 })}</Typography.Paragraph>
      <Form name="attach" form={form} layout="vertical">
        <Form.Item name="problemId" label={t('inbox.attach.target')} rules={[{ required: true, message: t('form.required') }]}>
          <ProblemPicker statuses={ATTACHABLE} onChange={(_, p) => setProblem(p)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
