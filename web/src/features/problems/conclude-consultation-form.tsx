import { Button, Divider, Form, Input, Space } from 'antd';
import { useI18n } from '../../lib/i18n.js';
import { useReference } from '../../lib/reference.js';
import { useHubMutation } from '../../lib/use-hub-mutation.js';
import type { Outcome, RootCause } from '../../lib/types.js';
import { EnumSelect } from '../common/enum-select.js';
import { LinkageTableEditor, emptyAction, toActionInput, type ActionDraft } from './linkage-table-editor.js';
import type { ProblemDetail } from './problem-page.query.js';
import { CONCLUDE_MUTATION } from './conclude-consultation-form.query.js';

interface Values {
  rootCause: RootCause;
  rootCauseDetail: string;
  remediationPlan: string;
  outcome: Outcome;
  actions: ActionDraft[];
}

/** The consultation opinion (会诊意见): root cause, plan, outcome, and the linkage table. */
export function ConcludeConsultationForm({ problem, onCancel }: { problem: ProblemDetail; onCancel: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { run, fetching } = useHubMutation(CONCLUDE_MUTATION);
  const { branchById } = useReference();
  // Suggested rows: each department the diagnosis proposed, each branch the feedback came from —
  // feedback from a sub-branch or an outlet suggests the branch (分行) above it, which owns the fix.
  const branchOf = (id: string): string | undefined => {
    for (let b = branchById.get(id); b; b = b.parent ? branchById.get(b.parent.id) : undefined) if (b.level === 'BRANCH') return b.id;
    return undefined;
  };
  const branchIds = [
    ...new Set(problem.branches.map((b) => (b.level === 'BRANCH' ? b.id : branchOf(b.id))).filter((id) => id !== undefined)),
  ];
  const suggested = [
    ...(problem.diagnosis?.proposedDepartments ?? []).map((d) => emptyAction('department', d.id)),
    ...branchIds.map((id) => emptyAction('branch', id)),
  ].slice(0, 6);

  async function submit(v: Values) {
    await run(
      {
        input: {
          problemId: problem.id,
          expectedVersion: problem.version,
          rootCause: v.rootCause,
          rootCauseDetail: v.rootCauseDetail,
          remediationPlan: v.remediationPlan,
          outcome: v.outcome,
          actions: v.actions.map(toActionInput),
        },
      },
      { form, problemId: problem.id, success: t('conclusion.issued') },
    );
  }

  return (
    <Form<Values>
      name="conclude"
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{ rootCause: problem.diagnosis?.suspectedCause, actions: suggested }}
      data-testid="conclude-form"
    >
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(220px, 1fr))', gap: '0 12px' }}>
        <Form.Item name="rootCause" label={t('conclusion.rootCause')} rules={[{ required: true, message: t('form.required') }]}>
          <EnumSelect enumName="RootCause" />
        </Form.Item>
        <Form.Item name="outcome" label={t('conclusion.outcome')} rules={[{ required: true, message: t('form.required') }]}>
          <EnumSelect enumName="Outcome" />
        </Form.Item>
      </div>
      <Form.Item
        name="rootCauseDetail"
        label={t('conclusion.rootCauseDetail')}
        rules={[{ required: true, whitespace: true, message: t('form.required') }]}
      >
        <Input.TextArea rows={3} />
      </Form.Item>
      <Form.Item
        name="remediationPlan"
        label={t('conclusion.plan')}
        rules={[{ required: true, whitespace: true, message: t('form.required') }]}
      >
        <Input.TextArea rows={3} />
      </Form.Item>
      <Divider titlePlacement="start" style={{ margin: '8px 0' }}>
        {t('linkage.title')}
      </Divider>
      <LinkageTableEditor />
      <Space style={{ marginTop: 16 }}>
        <Button type="primary" htmlType="submit" loading={fetching}>
          {t('conclusion.submit')}
        </Button>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}
