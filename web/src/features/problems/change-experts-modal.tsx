import { Form, Input, Modal, Select } from 'antd';
import { useI18n } from '../../lib/i18n.js';
import { useHubMutation } from '../../lib/use-hub-mutation.js';
import { ExpertPicker } from '../common/expert-picker.js';
import { INVITE_EXPERTS, REMOVE_EXPERTS } from './problem-corrections.query.js';
import type { ProblemDetail } from './problem-page.query.js';

/**
 * The coordinator changes who sits in an open consultation, with the reason: more experts join
 * (they are told at once), or experts leave (one at least stays; the server says so next to the field).
 */
export function ChangeExpertsModal({ problem, mode, onClose }: { problem: ProblemDetail; mode: 'invite' | 'remove'; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ expertIds: string[]; reason: string }>();
  const invite = useHubMutation(INVITE_EXPERTS);
  const remove = useHubMutation(REMOVE_EXPERTS);
  const experts = problem.consultation?.experts ?? [];
  const proposed = problem.diagnosis?.proposedDepartments.map((d) => d.id) ?? [];
  async function ok() {
    const v = await form.validateFields();
    const input = { problemId: problem.id, expectedVersion: problem.version, expertIds: v.expertIds, reason: v.reason };
    const opts = { form, problemId: problem.id };
    const r =
      mode === 'invite'
        ? await invite.run({ input }, { ...opts, success: t('consultation.invited') })
        : await remove.run({ input }, { ...opts, success: t('consultation.removed') });
    if (r.ok) onClose();
  }
  return (
    <Modal
      open
      title={t(mode === 'invite' ? 'consultation.inviteMore' : 'consultation.removeExperts')}
      onOk={ok}
      onCancel={onClose}
      confirmLoading={invite.fetching || remove.fetching}
      okText={t(mode === 'invite' ? 'consultation.inviteMore' : 'consultation.removeExperts')}
      okButtonProps={{ danger: mode === 'remove' }}
      destroyOnHidden
    >
      <Form name={`experts-${mode}`} form={form} layout="vertical">
        <Form.Item
          name="expertIds"
          label={t(mode === 'invite' ? 'consultation.invite' : 'consultation.experts')}
          rules={[{ required: true, message: t('form.required') }]}
        >
          {mode === 'invite' ? (
            <ExpertPicker preferDepartments={proposed} />
          ) : (
            <Select
              mode="multiple"
              options={experts.map((e) => ({ value: e.id, label: `${e.displayName}（${e.department?.name ?? '—'}）` }))}
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: '100%' }}
            />
          )}
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('consultation.changeReason')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
