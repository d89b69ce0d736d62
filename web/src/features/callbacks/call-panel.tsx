import { useState } from 'react';
import { Alert, Button, Descriptions, Form, Input, Radio, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../lib/i18n.js';
import { useViewer } from '../../lib/session.js';
import { useHubMutation } from '../../lib/use-hub-mutation.js';
import { enumValues } from '../../lib/translate.js';
import { formatDateTime } from '../../lib/format.js';
import type { CallbackRowCallbackFragment } from '../../gql/graphql.js';
import type { CallbackVerdict } from '../../lib/types.js';
import { Panel } from '../common/panel.js';
import { RECORD_CALLBACK_ATTEMPT, REVEAL_CUSTOMER_PHONE } from './callback-row.query.js';
import { CallbackDue, CallbackStatusTag, CallbackVerdictTag } from './callback-tags.js';
import { CallbackCase } from './callback-case.js';

type Callback = CallbackRowCallbackFragment;

/**
 * The agent's call: the phone revealed for this call only (the server audits every reveal, and the
 * number lives in this panel's state, gone when another callback is chosen), then either "not
 * reached" (retried until the server's maximum, then UNREACHABLE) or reached with the customer's
 * verdict and words. Coordinators and admins see the same panel without the controls.
 */
export function CallPanel({ callback, onRecorded }: { callback: Callback; onRecorded: (c: Callback) => void }) {
  const { t, te } = useI18n();
  const viewer = useViewer();
  const [phone, setPhone] = useState<{ shown: true; value: string | null } | null>(null);
  const [form] = Form.useForm<{ verdict: CallbackVerdict; customerWords?: string; note?: string }>();
  const reveal = useHubMutation(REVEAL_CUSTOMER_PHONE);
  const record = useHubMutation(RECORD_CALLBACK_ATTEMPT);
  const canCall = viewer.role === 'AGENT' && callback.status === 'OPEN';
  const verdict = Form.useWatch('verdict', form);

  async function showPhone() {
    const r = await reveal.run({ input: { callbackId: callback.id } });
    if (r.ok) setPhone({ shown: true, value: r.data.revealCustomerPhone.phone ?? null });
  }
  async function notReached() {
    const note = form.getFieldValue('note') as string | undefined;
    const r = await record.run(
      { input: { callbackId: callback.id, expectedVersion: callback.version, reached: false, note: note?.trim() || undefined } },
      { success: t('callback.recordedNotReached') },
    );
    if (r.ok) onRecorded(r.data.recordCallbackAttempt);
  }
  async function reached() {
    const v = await form.validateFields(['verdict', 'customerWords']);
    const note = form.getFieldValue('note') as string | undefined;
    const r = await record.run(
      {
        input: {
          callbackId: callback.id,
          expectedVersion: callback.version,
          reached: true,
          verdict: v.verdict,
          customerWords: v.customerWords?.trim() || undefined,
          note: note?.trim() || undefined,
        },
      },
      { form, success: t('callback.recorded') },
    );
    if (r.ok) {
      setPhone(null);
      onRecorded(r.data.recordCallbackAttempt);
    }
  }

  return (
    <Panel title={t('callback.panel')} testId="call-panel">
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('callback.customer')}>{callback.customerRef ?? t('callback.anonymous')}</Descriptions.Item>
        <Descriptions.Item label={t('callback.phone')}>
          <span data-testid="masked-phone">{callback.customerPhone ?? '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('common.status')}>
          <CallbackStatusTag status={callback.status} />
        </Descriptions.Item>
        <Descriptions.Item label={t('callback.dueAt')}>
          <CallbackDue dueAt={callback.dueAt} overdue={callback.overdue} />
        </Descriptions.Item>
        <Descriptions.Item label={t('callback.problem')}>
          {callback.problem ? (
            <Link to={`/problems/${callback.problem.id}`}>{`${callback.problem.code} ${callback.problem.title}`}</Link>
          ) : (
            '—'
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('callback.case')}>
          <CallbackCase c={callback.complaintCase} />
        </Descriptions.Item>
        <Descriptions.Item label={t('callback.attempts')}>
          <span data-testid="callback-attempts" data-attempts={callback.attempts}>
            {t('callback.attemptsN', { n: callback.attempts })}
          </span>
        </Descriptions.Item>
        {callback.verdict && (
          <Descriptions.Item label={t('callback.verdict')}>
            <CallbackVerdictTag verdict={callback.verdict} /> {callback.customerWords}
          </Descriptions.Item>
        )}
      </Descriptions>

      {callback.attemptHistory.length > 0 && (
        <ol data-testid="callback-history" aria-label={t('callback.history')} style={{ margin: '8px 0', paddingInlineStart: 20 }}>
          {callback.attemptHistory.map((a, i) => (
            <li key={i}>
              {formatDateTime(a.at)} {a.reached ? t('callback.reached') : t('callback.notReached')}
              {a.verdict ? (
                <>
                  {' '}
                  · <CallbackVerdictTag verdict={a.verdict} testId="attempt-verdict" />
                </>
              ) : null}
              {a.note ? ` · ${a.note}` : ''}
            </li>
          ))}
        </ol>
      )}

      {canCall && (
        <div data-testid="call-controls" style={{ marginTop: 12 }}>
          <Space direction="vertical" style={{ width: '100%' }}>
            <Alert type="info" showIcon message={t('callback.revealAudit')} />
            {phone ? (
              <Typography.Text strong copyable={!!phone.value} data-testid="revealed-phone">
                {phone.value ?? t('callback.noPhone')}
              </Typography.Text>
            ) : (
              <Button onClick={showPhone} loading={reveal.fetching}>
                {t('callback.reveal')}
              </Button>
            )}
            <Form form={form} layout="vertical" name="callback-form" data-testid="callback-form">
              <Form.Item name="note" label={t('callback.note')}>
                <Input maxLength={500} />
              </Form.Item>
              <Space wrap style={{ marginBottom: 12 }}>
                <Button onClick={notReached} loading={record.fetching}>
                  {t('callback.notReached')}
                </Button>
                <Typography.Text type="secondary">{t('callback.notReachedHint')}</Typography.Text>
              </Space>
              <Form.Item name="verdict" label={t('callback.verdict')} rules={[{ required: true, message: t('form.required') }]}>
                <Radio.Group options={enumValues('CallbackVerdict').map((v) => ({ value: v, label: te('CallbackVerdict', v) }))} />
              </Form.Item>
              {verdict === 'NOT_SATISFIED' && (
                <Alert type="warning" showIcon message={t('callback.notSatisfiedHint')} style={{ marginBottom: 12 }} />
              )}
              <Form.Item name="customerWords" label={t('callback.words')}>
                <Input.TextArea rows={3} maxLength={2000} />
              </Form.Item>
              <Button type="primary" onClick={reached} loading={record.fetching}>
                {t('callback.record')}
              </Button>
            </Form>
          </Space>
        </div>
      )}
    </Panel>
  );
}
