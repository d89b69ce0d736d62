import { useState, type ReactNode } from 'react';
import { Alert, Button, Checkbox, DatePicker, Form, Input, Modal, Popconfirm, Space, Typography, type FormInstance } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '../../lib/i18n.js';
import { useViewer } from '../../lib/session.js';
import { useHubMutation, type RunResult } from '../../lib/use-hub-mutation.js';
import { enumValues } from '../../lib/translate.js';
import type { ComplaintPageCaseFragment } from '../../gql/graphql.js';
import { ATTACHABLE, type ComplaintRemedy } from '../../lib/types.js';
import { TextPromptModal, type TextPrompt } from '../common/text-prompt-modal.js';
import { ProblemPicker } from '../common/problem-picker.js';
import { PersonPicker } from './person-picker.js';
import { allowedSteps, mustRecuse } from './complaint-rules.js';
import {
  ACCEPT_COMPLAINT,
  ARCHIVE_COMPLAINT,
  ASSIGN_COMPLAINT,
  COMPLETE_COMPLAINT_REVIEW,
  DECIDE_COMPLAINT,
  EXTEND_COMPLAINT,
  LINK_COMPLAINT,
  REQUEST_COMPLAINT_REVIEW,
  WITHDRAW_COMPLAINT,
} from './complaint-operations.query.js';

interface FormStep {
  title: string;
  hint?: string;
  okText?: string;
  testId: string;
  initialValues?: Record<string, unknown>;
  fields: ReactNode;
  submit: (values: any, form: FormInstance) => Promise<RunResult<unknown>>;
}

/** A step that needs a few fields: refusals land next to the field they name, the dialog stays open. */
function StepModal({ step, onClose }: { step: FormStep; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  async function ok() {
    const values = await form.validateFields();
    setBusy(true);
    const r = await step.submit(values, form).finally(() => setBusy(false));
    if (r.ok) onClose();
  }
  return (
    <Modal
      open
      title={step.title}
      okText={step.okText ?? t('common.confirm')}
      onOk={ok}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
    >
      {step.hint && <Typography.Paragraph type="secondary">{step.hint}</Typography.Paragraph>}
      <Form name={step.testId} form={form} layout="vertical" initialValues={step.initialValues} data-testid={step.testId}>
        {step.fields}
      </Form>
    </Modal>
  );
}

/**
 * The steps the viewer may take on the case now, for their role and its state (complaint-rules.ts):
 * assign under 回避, extend (the second by head office), decide with the decision letter's fields,
 * the customer's acceptance, 核实 asked and done, withdrawal, archiving, the root-cause link.
 */
export function ComplaintOperations({ c }: { c: ComplaintPageCaseFragment }) {
  const { t } = useI18n();
  const viewer = useViewer();
  const [prompt, setPrompt] = useState<TextPrompt | null>(null);
  const [formStep, setFormStep] = useState<FormStep | null>(null);
  const assign = useHubMutation(ASSIGN_COMPLAINT);
  const extend = useHubMutation(EXTEND_COMPLAINT);
  const decide = useHubMutation(DECIDE_COMPLAINT);
  const accept = useHubMutation(ACCEPT_COMPLAINT);
  const requestReview = useHubMutation(REQUEST_COMPLAINT_REVIEW);
  const completeReview = useHubMutation(COMPLETE_COMPLAINT_REVIEW);
  const withdraw = useHubMutation(WITHDRAW_COMPLAINT);
  const archive = useHubMutation(ARCHIVE_COMPLAINT);
  const link = useHubMutation(LINK_COMPLAINT);
  const steps = new Set(allowedSteps(viewer, c));
  const ref = { caseId: c.id, expectedVersion: c.version };
  const required = [{ required: true, whitespace: true, message: t('form.required') }];
  const buttons: ReactNode[] = [];

  if (steps.has('assign'))
    buttons.push(
      <Button
        key="assign"
        type={c.handler ? 'default' : 'primary'}
        onClick={() =>
          setFormStep({
            title: c.handler ? t('complaint.reassign') : t('complaint.assign'),
            hint: t('complaint.assignHint'),
            testId: 'assign-form',
            initialValues: { handlerId: c.handler?.id ?? viewer.id },
            fields: (
              <Form.Item name="handlerId" label={t('complaint.handler')} rules={[{ required: true, message: t('form.required') }]}>
                <PersonPicker preferBranchId={c.branch.id} />
              </Form.Item>
            ),
            submit: (v: { handlerId: string }, form) =>
              assign.run({ input: { ...ref, handlerId: v.handlerId } }, { form, success: t('complaint.assigned') }),
          })
        }
      >
        {c.handler ? t('complaint.reassign') : t('complaint.assign')}
      </Button>,
    );
  if (steps.has('decide'))
    buttons.push(
      <Button
        key="decide"
        type="primary"
        onClick={() =>
          setFormStep({
            title: t('complaint.decide'),
            hint: t('complaint.decideHint'),
            okText: t('complaint.decideSubmit'),
            testId: 'decide-form',
            initialValues: { remedies: enumValues('ComplaintRemedy') },
            fields: (
              <>
                <Form.Item name="findings" label={t('complaint.findings')} rules={required}>
                  <Input.TextArea rows={3} />
                </Form.Item>
                <Form.Item name="basis" label={t('complaint.basis')} rules={required}>
                  <Input.TextArea rows={3} />
                </Form.Item>
                <Form.Item name="remedies" label={t('complaint.remedies')} rules={[{ required: true, message: t('form.required') }]}>
                  <RemedyChecks />
                </Form.Item>
              </>
            ),
            submit: (v: { findings: string; basis: string; remedies: ComplaintRemedy[] }, form) =>
              decide.run(
                { input: { ...ref, findings: v.findings, basis: v.basis, remedies: [...v.remedies] } },
                { form, success: t('complaint.decided') },
              ),
          })
        }
      >
        {t('complaint.decide')}
      </Button>,
    );
  if (steps.has('extend'))
    buttons.push(
      <Button
        key="extend"
        onClick={() =>
          setFormStep({
            title: c.extensions === 0 ? t('complaint.extend') : t('complaint.extend2'),
            hint: c.extensions === 0 ? t('complaint.extendHint1') : t('complaint.extendHint2'),
            testId: 'extend-form',
            initialValues: { customerToldAt: dayjs() },
            fields: (
              <>
                <Form.Item name="reason" label={t('complaint.extendReason')} rules={required}>
                  <Input.TextArea rows={3} />
                </Form.Item>
                <Form.Item
                  name="customerToldAt"
                  label={t('complaint.customerToldAt')}
                  rules={[{ required: true, message: t('form.required') }]}
                >
                  <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={(d) => d.isAfter(dayjs())} />
                </Form.Item>
              </>
            ),
            submit: (v: { reason: string; customerToldAt: dayjs.Dayjs }, form) =>
              extend.run(
                { input: { ...ref, reason: v.reason, customerToldAt: v.customerToldAt.toISOString() } },
                { form, success: t('complaint.extended') },
              ),
          })
        }
      >
        {c.extensions === 0 ? t('complaint.extend') : t('complaint.extend2')}
      </Button>,
    );
  if (steps.has('accept'))
    buttons.push(
      <Popconfirm
        key="accept"
        title={t('complaint.acceptConfirm')}
        onConfirm={() => accept.run({ input: ref }, { success: t('complaint.accepted') })}
      >
        <Button>{t('complaint.accept')}</Button>
      </Popconfirm>,
    );
  if (steps.has('requestReview'))
    buttons.push(
      <Button
        key="request-review"
        onClick={() =>
          setPrompt({
            title: t('complaint.requestReview'),
            field: 'reason',
            label: t('complaint.reviewReason'),
            submit: (reason, form) => requestReview.run({ input: { ...ref, reason } }, { form, success: t('complaint.reviewRequested') }),
          })
        }
      >
        {t('complaint.requestReview')}
      </Button>,
    );
  if (steps.has('completeReview'))
    buttons.push(
      <Button
        key="complete-review"
        type="primary"
        onClick={() =>
          setPrompt({
            title: t('complaint.completeReview'),
            field: 'outcome',
            label: t('complaint.reviewOutcomeLabel'),
            submit: (outcome, form) => completeReview.run({ input: { ...ref, outcome } }, { form, success: t('complaint.reviewed') }),
          })
        }
      >
        {t('complaint.completeReview')}
      </Button>,
    );
  if (steps.has('archive'))
    buttons.push(
      <Popconfirm
        key="archive"
        title={t('complaint.archiveConfirm')}
        onConfirm={() => archive.run({ input: ref }, { success: t('complaint.archived') })}
      >
        <Button>{t('complaint.archive')}</Button>
      </Popconfirm>,
    );
  if (steps.has('link'))
    buttons.push(
      <Button
        key="link"
        onClick={() =>
          setFormStep({
            title: t('complaint.link'),
            testId: 'link-form',
            initialValues: { problemId: c.problem?.id },
            fields: (
              <Form.Item name="problemId" label={t('complaint.problem')} rules={[{ required: true, message: t('form.required') }]}>
                <ProblemPicker statuses={ATTACHABLE} />
              </Form.Item>
            ),
            submit: (v: { problemId: string }, form) =>
              link.run({ input: { ...ref, problemId: v.problemId } }, { form, success: t('complaint.linked') }),
          })
        }
      >
        {t('complaint.link')}
      </Button>,
    );
  if (steps.has('withdraw'))
    buttons.push(
      <Button
        key="withdraw"
        danger
        onClick={() =>
          setPrompt({
            title: t('complaint.withdraw'),
            field: 'note',
            label: t('complaint.withdrawNote'),
            danger: true,
            submit: (note, form) => withdraw.run({ input: { ...ref, note } }, { form, success: t('complaint.withdrawn') }),
          })
        }
      >
        {t('complaint.withdraw')}
      </Button>,
    );

  const recused = mustRecuse(viewer, c) && ['REGISTERED', 'HANDLING', 'REVIEW_REQUESTED'].includes(c.status);
  const waitsForHeadOffice =
    c.extensions === 1 && !steps.has('extend') && viewer.role === 'BRANCH_MANAGER' && ['REGISTERED', 'HANDLING'].includes(c.status);
  return (
    <div data-testid="complaint-operations">
      {recused && <Alert type="warning" showIcon title={t('complaint.recused')} style={{ marginBottom: 8 }} />}
      {waitsForHeadOffice && <Alert type="info" showIcon title={t('complaint.needsHeadOffice')} style={{ marginBottom: 8 }} />}
      <Space wrap>{buttons}</Space>
      {prompt && <TextPromptModal prompt={prompt} onClose={() => setPrompt(null)} />}
      {formStep && <StepModal step={formStep} onClose={() => setFormStep(null)} />}
    </div>
  );
}

/** The remedies the decision tells the customer of (all four unless the handler says otherwise). */
function RemedyChecks({ value, onChange }: { value?: string[]; onChange?: (v: string[]) => void }) {
  const { te } = useI18n();
  return (
    <Checkbox.Group
      value={value}
      onChange={(v) => onChange?.(v as string[])}
      options={enumValues('ComplaintRemedy').map((r) => ({ value: r, label: te('ComplaintRemedy', r) }))}
    />
  );
}
