import { useEffect } from 'react';
import { Form, Input, Modal, Typography } from 'antd';
import { useI18n } from '../../lib/i18n.js';
import type { RunResult } from '../../lib/use-hub-mutation.js';
import type { FormInstance } from 'antd';

export interface TextPrompt {
  title: string;
  /** The input field's name in the API (reason, note, evidence): server errors land next to it. */
  field: string;
  label: string;
  hint?: string;
  okText?: string;
  danger?: boolean;
  submit: (text: string, form: FormInstance) => Promise<RunResult<unknown>>;
}

/** Asks for one required text (a reason, a note, the evidence) and runs the step with it. */
export function TextPromptModal({ prompt, onClose }: { prompt: TextPrompt | null; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  useEffect(() => {
    if (prompt) form.resetFields();
  }, [prompt, form]);
  async function ok() {
    const values = await form.validateFields();
    const r = await prompt!.submit(String(values[prompt!.field]), form);
    if (r.ok) onClose();
  }
  return (
    <Modal
      open={!!prompt}
      title={prompt?.title}
      okText={prompt?.okText ?? t('common.confirm')}
      okButtonProps={{ danger: prompt?.danger }}
      onOk={ok}
      onCancel={onClose}
      destroyOnHidden
    >
      {prompt?.hint && <Typography.Paragraph type="secondary">{prompt.hint}</Typography.Paragraph>}
      <Form name="prompt" form={form} layout="vertical">
        {prompt && (
          <Form.Item name={prompt.field} label={prompt.label} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
            <Input.TextArea rows={4} autoFocus />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
