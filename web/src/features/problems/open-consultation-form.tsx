import { Button, DatePicker, Form } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { keepEnterInField } from '../common/keep-enter.js';
import { useI18n } from '../../lib/i18n.js';
import { useHubMutation } from '../../lib/use-hub-mutation.js';
import { ExpertPicker } from '../common/expert-picker.js';
import type { ProblemDetail } from './problem-page.query.js';
import { OPEN_CONSULTATION_MUTATION } from './open-consultation-form.query.js';

/** The coordinator opens the consultation (会诊) and invites head-office experts. */
export function OpenConsultationForm({ problem }: { problem: ProblemDetail }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ expertIds: string[]; dueAt?: Dayjs }>();
  const { run, fetching } = useHubMutation(OPEN_CONSULTATION_MUTATION);
  const proposed = problem.diagnosis?.proposedDepartments.map((d) => d.id) ?? [];
  async function submit(v: { expertIds: string[]; dueAt?: Dayjs }) {
    await run(
      {
        input: {
          problemId: problem.id,
          expectedVersion: problem.version,
          expertIds: v.expertIds,
          dueAt: v.dueAt ? v.dueAt.endOf('day').toISOString() : undefined,
        },
      },
      { form, problemId: problem.id, success: t('consultation.opened') },
    );
  }
  return (
    <Form name="consult" form={form} layout="vertical" onFinish={submit} data-testid="open-consultation-form">
      <Form.Item
        name="expertIds"
        label={t('consultation.invite')}
        rules={[{ required: true, message: t('form.required') }]}
        extra={t('consultation.inviteHint')}
      >
        <ExpertPicker preferDepartments={proposed} />
      </Form.Item>
      <Form.Item name="dueAt" label={t('consultation.dueAt')}>
        <DatePicker disabledDate={(d) => d.isBefore(dayjs().startOf('day'))} onKeyDown={keepEnterInField} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={fetching}>
        {t('consultation.open')}
      </Button>
    </Form>
  );
}
