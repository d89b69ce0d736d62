import { Form, Modal } from 'antd';
import { useI18n } from '../../lib/i18n.js';
import { useHubMutation } from '../../lib/use-hub-mutation.js';
import { LinkageTableEditor, emptyAction, toActionInput, type ActionDraft } from './linkage-table-editor.js';
import { ADD_ACTION_MUTATION } from './add-action-modal.query.js';

/** Adds rows to the linkage table of a problem in remediation (after a reopening, say). */
export function AddActionModal({ problemId, open, onClose }: { problemId: string; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ actions: ActionDraft[] }>();
  const { run, fetching } = useHubMutation(ADD_ACTION_MUTATION);
  async function ok() {
    const v = await form.validateFields();
    for (const [i, a] of v.actions.entries()) {
      const r = await run({ input: { problemId, action: toActionInput(a) } }, { problemId });
      if (!r.ok) {
        if (r.error.field)
          form.setFields([{ name: ['actions', i, ...r.error.field.slice(1)] as never, errors: [r.error.fieldMessage ?? r.error.message] }]);
        return;
      }
    }
    onClose();
  }
  return (
    <Modal open={open} title={t('linkage.add')} onOk={ok} onCancel={onClose} confirmLoading={fetching} width={900} destroyOnHidden>
      <Form name="addAction" form={form} layout="vertical" initialValues={{ actions: [emptyAction('branch')] }}>
        <LinkageTableEditor />
      </Form>
    </Modal>
  );
}
