import { Button, Form, Input, Space } from 'antd';
import { useI18n } from '../../lib/i18n.js';
import { useHubMutation } from '../../lib/use-hub-mutation.js';
import type { RootCause, Severity } from '../../lib/types.js';
import { DepartmentPicker } from '../common/department-picker.js';
import { EnumSelect } from '../common/enum-select.js';
import type { ProblemDetail } from './problem-page.query.js';
import { SUBMIT_DIAGNOSIS_MUTATION } from './diagnosis-form.query.js';
import { REVISE_DIAGNOSIS } from './problem-corrections.query.js';

interface Values {
  summary: string;
  customerImpact: string;
  suspectedCause: RootCause;
  proposedDepartmentIds: string[];
  severity: Severity;
  /** Only when revising: why the diagnosis changes. */
  reason?: string;
}

/**
 * The contact center's preliminary diagnosis (初诊意见): what, whom it hurts, why, who should fix it.
 * With `onRevised`, the given diagnosis rewritten (until the consultation opens), with the reason.
 */
export function DiagnosisForm({ problem, onRevised }: { problem: ProblemDetail; onRevised?: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const submitDiagnosis = useHubMutation(SUBMIT_DIAGNOSIS_MUTATION);
  const revise = useHubMutation(REVISE_DIAGNOSIS);
  const d = onRevised ? problem.diagnosis : null;
  async function submit({ reason, ...v }: Values) {
    const input = { problemId: problem.id, expectedVersion: problem.version, ...v };
    const opts = { form, problemId: problem.id };
    if (!onRevised) {
      await submitDiagnosis.run({ input }, { ...opts, success: t('diagnosis.submitted') });
      return;
    }
    const r = await revise.run({ input: { ...input, reason: reason ?? '' } }, { ...opts, success: t('diagnosis.revised') });
    if (r.ok) onRevised();
  }
  return (
    <Form<Values>
      name={onRevised ? 'revise-diagnosis' : 'diagnosis'}
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={
        d
          ? {
              summary: d.summary,
              customerImpact: d.customerImpact,
              suspectedCause: d.suspectedCause,
              proposedDepartmentIds: d.proposedDepartments.map((p) => p.id),
              severity: problem.severity,
            }
          : { severity: problem.severity, proposedDepartmentIds: [] }
      }
      data-testid={onRevised ? 'revise-diagnosis-form' : 'diagnosis-form'}
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
      {onRevised && (
        <Form.Item
          name="reason"
          label={t('diagnosis.reviseReason')}
          rules={[{ required: true, whitespace: true, message: t('form.required') }]}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
      )}
      <Space>
        <Button type="primary" htmlType="submit" loading={submitDiagnosis.fetching || revise.fetching}>
          {t(onRevised ? 'diagnosis.reviseSave' : 'diagnosis.submit')}
        </Button>
        {onRevised && <Button onClick={onRevised}>{t('common.cancel')}</Button>}
      </Space>
    </Form>
  );
}
