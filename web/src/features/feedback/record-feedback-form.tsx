import { useCallback, useRef } from 'react';
import { Button, Checkbox, DatePicker, Form, Input, Radio, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useI18n } from '../../lib/i18n.js';
import { useHubMutation } from '../../lib/use-hub-mutation.js';
import { newKey } from '../../lib/ids.js';
import type { Channel, FeedbackKind } from '../../lib/types.js';
import { enumValues } from '../../lib/translate.js';
import { BranchPicker } from '../common/branch-picker.js';
import { CategoryPicker } from '../common/category-picker.js';
import { EnumSelect } from '../common/enum-select.js';
import { ComplaintRegisterFields, useRegisterComplaint, type ComplaintRegisterValues } from '../complaints/index.js';
import { RECORD_FEEDBACK_MUTATION } from './record-feedback-form.query.js';

interface Values extends ComplaintRegisterValues {
  kind: FeedbackKind;
  complaint: boolean;
  channel: Channel;
  categoryId: string;
  branchId: string;
  customerRef?: string;
  text: string;
  receivedAt?: Dayjs;
}

const CHANNEL_KEY = 'hub.lastChannel';
const RESET_FIELDS = [
  'kind',
  'complaint',
  'text',
  'customerRef',
  'receivedAt',
  'categoryId',
  'branchId',
  'registerCase',
  'channelCode',
  'businessCode',
  'causeCode',
  'request',
  'subjectStaffId',
  'subjectDepartmentId',
] as const;
const KIND_KEYS: Record<string, FeedbackKind> = { '1': 'PROBLEM', '2': 'SUGGESTION', '3': 'PRAISE' };
/** After a choice in one picker, the cursor moves on to the next field: no Tab needed. */
const NEXT_FIELD: Partial<Record<keyof Values, keyof Values>> = { channel: 'categoryId', categoryId: 'branchId', branchId: 'customerRef' };

/**
 * Recording a customer voice in seconds, keyboard only if one likes: in each picker type to search
 * and press Enter (the cursor then moves on by itself), Alt+1/2/3 for the kind, Alt+C for a
 * complaint (Alt+R then registers its case in the same submit), Ctrl+Enter to save.
 */
export function RecordFeedbackForm({
  onRecorded,
  onTextChange,
}: {
  onRecorded?: (id: string) => void;
  /** The customer's words as typed, for the knowledge base's suggestions beside the form. */
  onTextChange?: (text: string) => void;
}) {
  const { t, te, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const key = useRef(newKey());
  const firstField = useRef<HTMLDivElement>(null);
  const { run, fetching } = useHubMutation(RECORD_FEEDBACK_MUTATION);
  const kind = Form.useWatch('kind', form);
  const complaint = Form.useWatch('complaint', form);
  const { register, fetching: registering } = useRegisterComplaint();

  const submit = useCallback(
    async (v: Values) => {
      localStorage.setItem(CHANNEL_KEY, v.channel);
      const input = {
        kind: v.kind,
        channel: v.channel,
        categoryId: v.categoryId,
        branchId: v.branchId,
        text: v.text,
        complaint: v.kind === 'PROBLEM' ? !!v.complaint : false,
        customerRef: v.customerRef?.trim() || undefined,
        receivedAt: v.receivedAt ? v.receivedAt.toISOString() : undefined,
        idempotencyKey: key.current,
      };
      // A complaint's case is registered in the same submit, from the feedback just recorded.
      const withCase = input.complaint && v.registerCase === true;
      const r = await run({ input }, { form, success: t('record.saved') });
      if (!r.ok) return;
      // Refused: the form is kept with the same key, so that submitting again records nothing twice.
      if (withCase && !(await register(r.data.recordFeedback.id, v, form)).ok) return;
      key.current = newKey();
      form.resetFields([...RESET_FIELDS]);
      onTextChange?.('');
      onRecorded?.(r.data.recordFeedback.id);
      // Ready for the next call: the cursor back on the first field.
      setTimeout(() => firstField.current?.querySelector<HTMLInputElement>('input:checked')?.focus(), 0);
    },
    [form, run, register, t, onRecorded, onTextChange],
  );

  function onKeyDown(e: React.KeyboardEvent) {
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
      e.preventDefault();
      form.submit();
    } else if (e.altKey && KIND_KEYS[e.key]) {
      e.preventDefault();
      form.setFieldValue('kind', KIND_KEYS[e.key]);
    } else if (e.altKey && e.key.toLowerCase() === 'c') {
      e.preventDefault();
      form.setFieldValue('complaint', !form.getFieldValue('complaint'));
    } else if (e.altKey && e.key.toLowerCase() === 'r' && form.getFieldValue('complaint')) {
      e.preventDefault();
      form.setFieldValue('registerCase', !form.getFieldValue('registerCase'));
    }
  }

  const stored = localStorage.getItem(CHANNEL_KEY) as Channel | null;
  return (
    <div onKeyDown={onKeyDown}>
      <Form<Values>
        name="record"
        form={form}
        layout="horizontal"
        // English labels are longer ("What the customer said"): a wider column, and a label that
        // still does not fit wraps rather than being cut.
        labelCol={{ flex: lang === 'en' ? '176px' : '96px' }}
        labelWrap
        onFinish={submit}
        initialValues={{ kind: 'PROBLEM', complaint: false, channel: stored && enumValues('Channel').includes(stored) ? stored : 'VOICE' }}
        requiredMark
        data-testid="record-form"
        onValuesChange={(changed: Partial<Values>) => {
          if ('text' in changed) onTextChange?.(changed.text ?? '');
          const next = NEXT_FIELD[Object.keys(changed)[0] as keyof Values];
          if (next) setTimeout(() => document.getElementById(`record_${next}`)?.focus(), 0);
        }}
      >
        <div ref={firstField}>
          <Form.Item name="kind" label={t('feedback.kind')} rules={[{ required: true }]}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={enumValues('FeedbackKind').map((k, i) => ({ value: k, label: `${te('FeedbackKind', k)} ${i + 1}` }))}
              aria-label={t('feedback.kind')}
            />
          </Form.Item>
        </div>
        {kind === 'PROBLEM' && (
          <Form.Item name="complaint" valuePropName="checked" label={t('feedback.complaint')}>
            <Checkbox>{t('record.complaintHint')}</Checkbox>
          </Form.Item>
        )}
        <Form.Item name="channel" label={t('feedback.channel')} rules={[{ required: true, message: t('form.required') }]}>
          <EnumSelect enumName="Channel" style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="categoryId" label={t('feedback.category')} rules={[{ required: true, message: t('form.required') }]}>
          <CategoryPicker style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="branchId" label={t('feedback.branch')} rules={[{ required: true, message: t('form.required') }]}>
          <BranchPicker style={{ width: 320 }} />
        </Form.Item>
        <Form.Item name="customerRef" label={t('feedback.customerRef')}>
          <Input style={{ width: 220 }} placeholder={t('record.customerRefHint')} autoComplete="off" />
        </Form.Item>
        <Form.Item name="text" label={t('feedback.text')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input.TextArea rows={5} count={{ show: true, max: 4000 }} placeholder={t('record.textHint')} />
        </Form.Item>
        <Form.Item name="receivedAt" label={t('feedback.receivedAt')} extra={t('record.receivedAtHint')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={(d) => d.isAfter(new Date())} />
        </Form.Item>
        {kind === 'PROBLEM' && complaint && <ComplaintRegisterFields />}
        <Form.Item label=" " colon={false}>
          <Space wrap>
            <Button type="primary" htmlType="submit" loading={fetching || registering}>
              {t('record.submit')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                onTextChange?.('');
              }}
            >
              {t('common.clear')}
            </Button>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              <span className="hub-kbd">Ctrl</span>+<span className="hub-kbd">Enter</span> {t('record.kbdSubmit')} ·{' '}
              <span className="hub-kbd">Alt</span>+<span className="hub-kbd">1</span>/<span className="hub-kbd">2</span>/
              <span className="hub-kbd">3</span> {t('record.kbdKind')} · <span className="hub-kbd">Alt</span>+
              <span className="hub-kbd">C</span> {t('record.kbdComplaint')}
            </Typography.Text>
          </Space>
        </Form.Item>
      </Form>
    </div>
  );
}
