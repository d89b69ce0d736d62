import { useEffect, type ReactNode } from 'react';
import { Form, Input, Modal } from 'antd';
import type { FormInstance } from 'antd';
import { useI18n } from '../../lib/i18n.js';
import type { RunResult } from '../../lib/use-hub-mutation.js';

export interface CodeNameEdit {
  title: string;
  initial?: { code?: string; name?: string; [k: string]: unknown };
  /** Extra fields (a parent, a level) between code and name. */
  extra?: ReactNode;
  submit: (values: { code: string; name: string; [k: string]: unknown }, form: FormInstance) => Promise<RunResult<unknown>>;
}

/** Edits the code and name of an organisation entry (a branch, a department, a category, a product). */
export function CodeNameModal({ edit, onClose }: { edit: CodeNameEdit | null; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  useEffect(() => {
    if (edit) {
      form.resetFields();
      form.setFieldsValue(edit.initial ?? {});
    }
  }, [edit, form]);
  async function ok() {
    const v = await form.validateFields();
    const r = await edit!.submit(v, form);
    if (r.ok) onClose();
  }
  return (
    <Modal open={!!edit} title={edit?.title} onOk={ok} onCancel={onClose} forceRender>
      <Form name="codeName" form={form} layout="vertical">
        <Form.Item
          name="code"
          label={t('org.code')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
          extra={t('org.codeHint')}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="name" label={t('org.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input autoComplete="off" />
        </Form.Item>
        {edit?.extra}
      </Form>
    </Modal>
  );
}
