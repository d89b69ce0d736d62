import { Form, Input, Modal, Typography } from 'antd';
import { useI18n } from '../../lib/i18n.js';
import { useHubMutation } from '../../lib/use-hub-mutation.js';
import { ATTACHABLE } from '../../lib/types.js';
import { ProblemPicker } from '../common/problem-picker.js';
import { MERGE_PROBLEMS } from './problem-corrections.query.js';

/**
 * Merges a duplicate into another problem at any open stage (mergeProblems): its feedback, actions
 * and history move there, with the reason; the server refuses a target whose stage cannot take
 * the duplicate's actions, next to the field.
 */
export function MergeProblemModal({
  problem,
  onClose,
}: {
  problem: { id: string; version: number; code: string } | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ intoProblemId: string; reason: string }>();
  const { run, fetching } = useHubMutation(MERGE_PROBLEMS);
  async function ok() {
    const v = await form.validateFields();
    const r = await run(
      { input: { problemId: problem!.id, expectedVersion: problem!.version, intoProblemId: v.intoProblemId, reason: v.reason } },
      { form, problemId: problem!.id, success: t('problem.merged') },
    );
    if (r.ok) onClose();
  }
  return (
    <Modal
      open={!!problem}
      title={t('problem.merge')}
      onOk={ok}
      onCancel={onClose}
      confirmLoading={fetching}
      okText={t('problem.merge')}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('problem.mergeHint', { code: problem?.code ?? '' })}</Typography.Paragraph>
      <Form name="merge" form={form} layout="vertical">
        <Form.Item name="intoProblemId" label={t('problem.mergeTarget')} rules={[{ required: true, message: t('form.required') }]}>
          <ProblemPicker statuses={ATTACHABLE} excludeId={problem?.id} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('problem.mergeReason')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
