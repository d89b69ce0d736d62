import { Button, Form, Input } from 'antd';
import { useI18n } from '../../lib/i18n.js';
import { useHubMutation } from '../../lib/use-hub-mutation.js';
import type { RootCause, Severity } from '../../lib/types.js';
import { DepartmentPicker } from '../common/department-picker.js';
import { EnumSelect } from '../common/enum-select.js';
import type { ProblemDetail } from './problem-page.query.js';
import { SUBMIT_DIAGNOSIS_MUTATION } from './diagnosis-form.query.js';

interface Values {
  summary: string;
  customerImpact: string;
  suspectedCause: RootCause;
  proposedDepartmentIds: string[];
  severity: Severity;
}

/** The contact center's preliminary diagnosis (初诊意见): what, whom it hurts, why, who should fix it. */
export function DiagnosisForm({ problem }: { problem: ProblemDetail }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { run, fetching } = useHubMutation(SUBMIT_DIAGNOSIS_MUTATION);
  async function submit(v: Values) {
    await run(
      { input: { problemId: problem.id, expectedVersion: problem.version, ...v } },
      { form, problemId: problem.id, success: t('diagnosis.submitted') },
    );
  }
  return (
    <Form<Values>
      name="diagnosis"
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{ severity: problem.severity, proposedDepartmentIds: [] }}
      data-testid="diagnosis-form"
    >
      <Form.Item name="summary" label={t('diagnosis.summary')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
        <Input.TextArea rows={3} placeholder={t('diagnosis.summaryHint')} />
      </Form.Item>
      <Form.Item
        name="customerImpact"
        label={t('diagnosis.impact')}
        rules={[{ required: true, whitespace: true, message: t('form.required') }]}
      >
        <Input.TextArea rows={2} placeholder={t('diagnosis.impactHint')} />
      </Form.Item>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))', gap: '0 12px' }}>
        <Form.Item name="suspectedCause" label={t('diagnosis.cause')} rules={[{ required: true, message: t('form.required') }]}>
          <EnumSelect enumName="RootCause" />
        </Form.Item>
        <Form.Item name="severity" label={t('problem.severity')}>
          <EnumSelect enumName="Severity" />
        </Form.Item>
      </div>
      <Form.Item name="proposedDepartmentIds" label={t('diagnosis.departments')} rules={[{ required: true, message: t('form.required') }]}>
        <DepartmentPicker multiple style={{ width: '100%' }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={fetching}>
        {t('diagnosis.submit')}
      </Button>
    </Form>
  );
}
