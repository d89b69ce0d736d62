import { useEffect, useState } from 'react';
import { Alert, Button, Checkbox, Descriptions, Empty, Form, Input, Modal, Space, Timeline, Typography } from 'antd';
import { useQuery } from 'urql';
import { useI18n } from '../../lib/i18n.js';
import { useHubMutation } from '../../lib/use-hub-mutation.js';
import { formatDateTime } from '../../lib/format.js';
import { useReference } from '../../lib/reference.js';
import { useViewer } from '../../lib/session.js';
import type { Channel, FeedbackKind } from '../../lib/types.js';
import { BranchPicker } from '../common/branch-picker.js';
import { CategoryPicker } from '../common/category-picker.js';
import { EnumSelect } from '../common/enum-select.js';
import { KindTag } from '../common/kind-tag.js';
import { QueryError } from '../common/query-error.js';
import { TextPromptModal, type TextPrompt } from '../common/text-prompt-modal.js';
import { CORRECT_FEEDBACK_MUTATION, FEEDBACK_DETAIL_QUERY, VOID_FEEDBACK_MUTATION } from './feedback-detail-modal.query.js';

interface CorrectionValues {
  kind: FeedbackKind;
  channel: Channel;
  categoryId: string;
  branchId: string;
  complaint: boolean;
  customerRef?: string;
  text: string;
  reason: string;
}

/**
 * One customer voice opened from a list: what it says, its corrections, and — for the agent who
 * recorded it within the correction window, or an analyst — a correction form and the void.
 */
export function FeedbackDetailModal({ feedbackId, onClose }: { feedbackId: string | null; onClose: () => void }) {
  const { t, te } = useI18n();
  const viewer = useViewer();
  const [form] = Form.useForm<CorrectionValues>();
  const [editing, setEditing] = useState(false);
  const [prompt, setPrompt] = useState<TextPrompt | null>(null);
  const [{ data, error, fetching }, refetch] = useQuery({
    query: FEEDBACK_DETAIL_QUERY,
    variables: { id: feedbackId ?? '' },
    pause: !feedbackId,
    requestPolicy: 'network-only',
  });
  const correct = useHubMutation(CORRECT_FEEDBACK_MUTATION);
  const voidIt = useHubMutation(VOID_FEEDBACK_MUTATION);
  const { branchById, categories } = useReference();
  const f = data?.node && 'corrections' in data.node ? data.node : null;
  const kind = Form.useWatch('kind', form);

  useEffect(() => setEditing(false), [feedbackId]);

  function startEditing() {
    if (!f) return;
    form.setFieldsValue({
      kind: f.kind,
      channel: f.channel,
      categoryId: f.category.id,
      branchId: f.branch.id,
      complaint: f.complaint,
      customerRef: f.customerRef ?? '',
      text: f.text,
      reason: '',
    });
    setEditing(true);
  }

  async function save(v: CorrectionValues) {
    if (!f) return;
    // Only what changed is sent: the server refuses a correction that changes nothing.
    const input = {
      feedbackId: f.id,
      expectedVersion: f.version,
      reason: v.reason,
      kind: v.kind !== f.kind ? v.kind : undefined,
      channel: v.channel !== f.channel ? v.channel : undefined,
      categoryId: v.categoryId !== f.category.id ? v.categoryId : undefined,
      branchId: v.branchId !== f.branch.id ? v.branchId : undefined,
      complaint: (v.kind === 'PROBLEM' && !!v.complaint) !== f.complaint ? v.kind === 'PROBLEM' && !!v.complaint : undefined,
      customerRef: (v.customerRef?.trim() || null) !== (f.customerRef ?? null) ? v.customerRef?.trim() || null : undefined,
      text: v.text !== f.text ? v.text : undefined,
    };
    const r = await correct.run({ input }, { form, success: t('feedback.corrected') });
    if (!r.ok) return;
    setEditing(false);
    refetch({ requestPolicy: 'network-only' });
  }

  function askVoid() {
    if (!f) return;
    setPrompt({
      title: t('feedback.voidTitle'),
      field: 'reason',
      label: t('feedback.reason'),
      hint: t('feedback.voidHint'),
      okText: t('feedback.void'),
      danger: true,
      submit: async (reason, promptForm) => {
        const r = await voidIt.run(
          { input: { feedbackId: f.id, expectedVersion: f.version, reason } },
          { form: promptForm, success: t('feedback.voidDone') },
        );
        if (r.ok) refetch({ requestPolicy: 'network-only' });
        return r;
      },
    });
  }

  const fieldValue = (field: string, value: string | null | undefined): string => {
    if (value === null || value === undefined || value === '') return '—';
    if (field === 'kind') return te('FeedbackKind', value as FeedbackKind);
    if (field === 'channel') return te('Channel', value as Channel);
    if (field === 'branchId') return branchById.get(value)?.name ?? value;
    if (field === 'categoryId') return categories.find((c) => c.id === value)?.name ?? value;
    if (field === 'receivedAt') return formatDateTime(value);
    if (field === 'complaint') return value === 'true' ? t('common.yes') : t('common.no');
    return value;
  };

  const ownRecord = f?.recordedBy?.id === viewer.id;
  return (
    <Modal
      open={!!feedbackId}
      title={t('feedback.detail')}
      onCancel={onClose}
      footer={null}
      width={720}
      destroyOnHidden
      data-testid="feedback-detail"
    >
      {error && <QueryError error={error} retry={() => refetch({ requestPolicy: 'network-only' })} />}
      {!f && fetching && <Typography.Text type="secondary">{t('common.loading')}</Typography.Text>}
      {f && !editing && (
        <>
          {f.voidedAt && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={t('feedback.voided')}
              description={`${f.voidedBy?.displayName ?? ''} · ${formatDateTime(f.voidedAt)} · ${f.voidReason ?? ''}`}
            />
          )}
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('feedback.kind')}>
              <KindTag kind={f.kind} complaint={f.complaint} />
            </Descriptions.Item>
            <Descriptions.Item label={t('feedback.channel')}>{te('Channel', f.channel)}</Descriptions.Item>
            <Descriptions.Item label={t('feedback.category')}>{f.category.name}</Descriptions.Item>
            <Descriptions.Item label={t('feedback.branch')}>{f.branch.name}</Descriptions.Item>
            <Descriptions.Item label={t('feedback.receivedAt')}>{formatDateTime(f.receivedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('feedback.customerRef')}>{f.customerRef ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('feedback.recordedBy')} span={2}>
              {f.recordedBy?.displayName ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('feedback.text')} span={2}>
              <span className={f.voidedAt ? 'hub-feedback-text hub-struck' : 'hub-feedback-text'}>{f.text}</span>
            </Descriptions.Item>
          </Descriptions>
          {!f.voidedAt && ownRecord && viewer.role === 'AGENT' && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }} data-testid="feedback-window">
              {t(f.viewerMayCorrect ? 'feedback.windowAgent' : 'feedback.windowPassed', {
                when: formatDateTime(f.agentCorrectableUntil),
              })}
            </Typography.Paragraph>
          )}
          {f.viewerMayCorrect && (
            <Space style={{ marginTop: 8 }}>
              <Button type="primary" onClick={startEditing}>
                {t('feedback.correct')}
              </Button>
              <Button danger onClick={askVoid}>
                {t('feedback.void')}
              </Button>
            </Space>
          )}
          <Typography.Title level={3} style={{ fontSize: 14, marginTop: 16 }}>
            {t('feedback.history')}
          </Typography.Title>
          {f.corrections.length ? (
            <Timeline
              items={f.corrections.map((c, i) => ({
                key: i,
                color: c.voided ? 'red' : 'blue',
                content: (
                  <div>
                    <Typography.Text>
                      {t(c.voided ? 'feedback.historyVoid' : 'feedback.historyCorrect', { who: c.actor.displayName, reason: c.reason })}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
                      {formatDateTime(c.at)}
                    </Typography.Text>
                    {c.changes.map((ch) => (
                      <div key={ch.field} style={{ fontSize: 12 }}>
                        {t(`feedback.field.${ch.field}` as never)}：<del>{fieldValue(ch.field, ch.from)}</del> →{' '}
                        {fieldValue(ch.field, ch.to)}
                      </div>
                    ))}
                  </div>
                ),
              }))}
            />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('feedback.historyEmpty')} />
          )}
        </>
      )}
      {f && editing && (
        <Form<CorrectionValues> name="correct" form={form} layout="vertical" onFinish={save} data-testid="correct-form">
          <Form.Item name="kind" label={t('feedback.kind')} rules={[{ required: true }]}>
            <EnumSelect enumName="FeedbackKind" style={{ width: 220 }} />
          </Form.Item>
          {kind === 'PROBLEM' && (
            <Form.Item name="complaint" valuePropName="checked">
              <Checkbox>{t('feedback.complaint')}</Checkbox>
            </Form.Item>
          )}
          <Form.Item name="channel" label={t('feedback.channel')} rules={[{ required: true }]}>
            <EnumSelect enumName="Channel" style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="categoryId" label={t('feedback.category')} rules={[{ required: true }]}>
            <CategoryPicker style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="branchId" label={t('feedback.branch')} rules={[{ required: true }]}>
            <BranchPicker style={{ width: 320 }} />
          </Form.Item>
          <Form.Item name="customerRef" label={t('feedback.customerRef')}>
            <Input style={{ width: 220 }} autoComplete="off" />
          </Form.Item>
          <Form.Item name="text" label={t('feedback.text')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
            <Input.TextArea rows={4} maxLength={4000} />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('feedback.reason')}
            extra={t('feedback.reasonHint')}
            rules={[{ required: true, whitespace: true, message: t('form.required') }]}
          >
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={correct.fetching}>
              {t('common.save')}
            </Button>
            <Button onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      )}
      <TextPromptModal prompt={prompt} onClose={() => setPrompt(null)} />
    </Modal>
  );
}
