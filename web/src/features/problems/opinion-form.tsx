import { Button, Form, Input, Radio } from 'antd';
import { useI18n } from '../../lib/i18n.js';
import { useHubMutation } from '../../lib/use-hub-mutation.js';
import { SUBMIT_OPINION_MUTATION } from './opinion-form.query.js';

/** An invited expert's opinion: agree with the diagnosis or not, and why. */
export function OpinionForm({ problemId, onSubmitted }: { problemId: string; onSubmitted?: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ body: string; agreesWithDiagnosis: boolean }>();
  const { run, fetching } = useHubMutation(SUBMIT_OPINION_MUTATION);
  async function submit(v: { body: string; agreesWithDiagnosis: boolean }) {
    const r = await run({ input: { problemId, ...v } }, { form, problemId, success: t('opinion.submitted') });
    if (r.ok) onSubmitted?.();
  }
  return (
    <Form
      name="opinion"
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{ agreesWithDiagnosis: true }}
      data-testid="opinion-form"
    >
      <Form.Item name="agreesWithDiagnosis" label={t('opinion.agrees')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: true, label: t('opinion.agree') },
            { value: false, label: t('opinion.disagree') },
          ]}
        />
      </Form.Item>
      <Form.Item name="body" label={t('opinion.body')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
        <Input.TextArea rows={8} placeholder={t('opinion.bodyHint')} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={fetching}>
        {t('opinion.submit')}
      </Button>
    </Form>
  );
}
