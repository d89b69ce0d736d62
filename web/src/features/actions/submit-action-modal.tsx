import { Form, Input, Modal, Typography } from 'antd';
import { useI18n } from '../../lib/i18n.js';
import { useHubMutation } from '../../lib/use-hub-mutation.js';
import { SUBMIT_ACTION } from './action-operations.query.js';
import type { OperableAction } from './operable-action.js';
import { EvidencePanel } from '../evidence/index.js';

/**
 * The owner submits the row as done (IN_PROGRESS → SUBMITTED) with what proves it. Its own dialog,
 * not the one-text prompt, because the proof grows: the files the branch attaches go here too.
 */
export function SubmitActionModal({ action, problemId, onClose }: { action: OperableAction; problemId?: string; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ evidence: string }>();
  const { run, fetching } = useHubMutation(SUBMIT_ACTION);
  async function ok() {
    const v = await form.validateFields();
    const r = await run(
      { input: { actionId: action.id, expectedVersion: action.version, evidence: v.evidence } },
      { form, problemId, success: t('action.submitted') },
    );
    if (r.ok) onClose();
  }
  return (
    <Modal
      open
      title={t('action.submit')}
      onOk={ok}
      onCancel={onClose}
      confirmLoading={fetching}
      okText={t('common.confirm')}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{action.title}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('action.evidenceHint')}</Typography.Paragraph>
      <Form name="submit-action" form={form} layout="vertical" data-testid="submit-action-form">
        <Form.Item name="evidence" label={t('action.evidence')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input.TextArea rows={4} autoFocus />
        </Form.Item>
        {/* The proof itself: photos, the signed sheet, the notice — each uploaded as it is chosen (POST /files). */}
        <EvidencePanel parent={{ kind: 'ACTION', id: action.id }} problemId={problemId} canUpload />
      </Form>
    </Modal>
  );
}
