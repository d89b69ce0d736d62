import { useCallback } from 'react';
import { Form, Input, Switch, type FormInstance } from 'antd';
import { useI18n } from '../../lib/i18n.js';
import { useHubMutation, type RunResult } from '../../lib/use-hub-mutation.js';
import { formatDate } from '../../lib/format.js';
import { toast } from '../../lib/notify.js';
import type { ComplaintRegisterRegisterMutation } from '../../gql/graphql.js';
import { DepartmentPicker } from '../common/department-picker.js';
import { ComplaintCodePicker } from './complaint-code-picker.js';
import { PersonPicker } from './person-picker.js';
import { REGISTER_COMPLAINT } from './complaint-register.query.js';

/**
 * The case's fields inside the agent's feedback form. Their names are the API's own
 * (RegisterComplaintInput), so that a refused field is shown next to it.
 */
export interface ComplaintRegisterValues {
  registerCase?: boolean;
  channelCode?: string;
  businessCode?: string;
  causeCode?: string;
  request?: string;
  subjectStaffId?: string;
  subjectDepartmentId?: string;
}

/**
 * Offered in the feedback form when the agent marks a complaint: one switch (Alt+R) opens the
 * case's fields, registered in the same submit. Off by default, so that a complaint flag alone
 * still records as before (the case may also be registered later, directly).
 */
export function ComplaintRegisterFields() {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  const registering = Form.useWatch('registerCase', form) === true;
  const branchId = Form.useWatch('branchId', form) as string | undefined;
  const required = [{ required: registering, message: t('form.required') }];
  return (
    <div data-testid="complaint-register" style={{ borderLeft: '3px solid #b71c1c', paddingLeft: 8, marginBottom: 12 }}>
      <Form.Item
        name="registerCase"
        label={t('complaint.register.label')}
        valuePropName="checked"
        initialValue={false}
        extra={registering ? t('complaint.register.hint') : t('complaint.register.offer')}
      >
        <Switch />
      </Form.Item>
      {registering && (
        <>
          <Form.Item name="channelCode" label={t('complaint.channelCode')} rules={required}>
            <ComplaintCodePicker axis="CHANNEL" />
          </Form.Item>
          <Form.Item name="businessCode" label={t('complaint.businessCode')} rules={required}>
            <ComplaintCodePicker axis="BUSINESS" />
          </Form.Item>
          <Form.Item name="causeCode" label={t('complaint.causeCode')} rules={required}>
            <ComplaintCodePicker axis="CAUSE" />
          </Form.Item>
          <Form.Item name="request" label={t('complaint.request')} rules={[{ ...required[0], whitespace: true }]}>
            <Input.TextArea rows={2} count={{ show: true, max: 4000 }} />
          </Form.Item>
          <Form.Item name="subjectStaffId" label={t('complaint.subjectStaff')}>
            <PersonPicker preferBranchId={branchId} allowClear />
          </Form.Item>
          <Form.Item name="subjectDepartmentId" label={t('complaint.subjectDepartment')}>
            <DepartmentPicker style={{ width: 320 }} />
          </Form.Item>
        </>
      )}
    </div>
  );
}

/**
 * Registers the case of a feedback item just recorded: the second half of the agent's one submit.
 * A refusal lands next to its field and the form is kept, so that submitting again (the feedback's
 * idempotency key unchanged) registers it then.
 */
export function useRegisterComplaint() {
  const { t } = useI18n();
  const { run, fetching } = useHubMutation(REGISTER_COMPLAINT);
  const register = useCallback(
    async (feedbackId: string, v: ComplaintRegisterValues, form: FormInstance): Promise<RunResult<ComplaintRegisterRegisterMutation>> => {
      const r = await run(
        {
          input: {
            feedbackId,
            channelCode: v.channelCode ?? '',
            businessCode: v.businessCode ?? '',
            causeCode: v.causeCode ?? '',
            request: v.request ?? '',
            subjectStaffId: v.subjectStaffId || undefined,
            subjectDepartmentId: v.subjectDepartmentId || undefined,
          },
        },
        { form },
      );
      if (r.ok) toast.success(t('complaint.registered', { date: formatDate(r.data.registerComplaint.dueAt) }));
      return r;
    },
    [run, t],
  );
  return { register, fetching };
}
