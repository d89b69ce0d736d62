import { useEffect, useState } from 'react';
import { Alert, Button, Form, Input, Space, Tag } from 'antd';
import { useI18n } from '../../lib/i18n.js';
import { useViewer } from '../../lib/session.js';
import { useLiveQuery } from '../../lib/use-live-query.js';
import { useHubMutation } from '../../lib/use-hub-mutation.js';
import { formatDateTime } from '../../lib/format.js';
import type { ReportNarrativeTextFragment } from '../../gql/graphql.js';
import { Panel } from '../common/panel.js';
import { TextPromptModal, type TextPrompt } from '../common/text-prompt-modal.js';
import {
  NARRATIVE_QUERY,
  RETURN_NARRATIVE_MUTATION,
  SAVE_NARRATIVE_MUTATION,
  SUBMIT_NARRATIVE_MUTATION,
} from './report-narrative.query.js';

const SECTIONS = ['highlights', 'analysis', 'recommendations', 'innovation'] as const;
type Section = (typeof SECTIONS)[number];

/** A published version's frozen analysis, read-only: the four sections with their headings. */
export function FrozenNarrative({ narrative: n }: { narrative: ReportNarrativeTextFragment }) {
  const { t } = useI18n();
  return (
    <Panel title={t('narrative.title')} testId="report-narrative">
      {SECTIONS.filter((s) => n[s]).map((s) => (
        <section key={s} className="hub-narrative-section">
          <h3>{t(`narrative.${s}`)}</h3>
          <p style={{ whiteSpace: 'pre-wrap' }}>{n[s]}</p>
        </section>
      ))}
    </Panel>
  );
}

/**
 * The month's working analysis beside the live figures (issue 20): the analysts write and send it
 * for review, the coordinator edits or returns it; publishing the month freezes it. Branches read
 * it in the published version only.
 */
export function WorkingNarrative({ month }: { month: string }) {
  const { t } = useI18n();
  const viewer = useViewer();
  const [form] = Form.useForm<Record<Section, string>>();
  const [prompt, setPrompt] = useState<TextPrompt | null>(null);
  const [result] = useLiveQuery({ query: NARRATIVE_QUERY, variables: { month }, live: { types: ['REPORT_NARRATIVE_CHANGED'] } });
  const save = useHubMutation(SAVE_NARRATIVE_MUTATION);
  const submit = useHubMutation(SUBMIT_NARRATIVE_MUTATION);
  const sendBack = useHubMutation(RETURN_NARRATIVE_MUTATION);
  const working = result.data?.reportNarrative ?? null;
  const text = working;
  const status = working?.status ?? null;
  const version = working?.version ?? 0;
  const mayEdit = (viewer.role === 'ANALYST' && status !== 'IN_REVIEW') || (viewer.role === 'COORDINATOR' && status === 'IN_REVIEW');

  useEffect(() => {
    form.setFieldsValue({
      highlights: text?.highlights ?? '',
      analysis: text?.analysis ?? '',
      recommendations: text?.recommendations ?? '',
      innovation: text?.innovation ?? '',
    });
  }, [form, text?.highlights, text?.analysis, text?.recommendations, text?.innovation]);

  if (!['ANALYST', 'COORDINATOR', 'ADMIN'].includes(viewer.role)) return null;
  if (result.fetching && !result.data) return null;

  const onSave = async () => {
    const values = await form.validateFields();
    await save.run({ input: { month, expectedVersion: version, ...values } }, { form, success: t('narrative.saved') });
  };

  return (
    <Panel
      title={t('narrative.title')}
      testId="report-narrative"
      extra={
        <Space wrap>
          {status && <Tag data-testid="narrative-status">{t(`narrative.status.${status}`)}</Tag>}
          {working && (
            <span className="hub-muted">
              {t('narrative.lastSaved', { who: working.updatedBy.displayName, when: formatDateTime(text!.updatedAt) })}
            </span>
          )}
        </Space>
      }
    >
      {status === 'DRAFT' && working?.returnReason && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('narrative.returned', { reason: working.returnReason })} />
      )}
      <Form form={form} layout="vertical" name="narrative" disabled={!mayEdit}>
        {SECTIONS.map((s) => (
          <Form.Item key={s} name={s} label={t(`narrative.${s}`)}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 16 }} maxLength={20_000} />
          </Form.Item>
        ))}
      </Form>
      <Space wrap>
        {mayEdit && (
          <Button onClick={onSave} loading={save.fetching}>
            {t('narrative.save')}
          </Button>
        )}
        {viewer.role === 'ANALYST' && status === 'DRAFT' && (
          <Button
            type="primary"
            loading={submit.fetching}
            onClick={() => submit.run({ input: { month, expectedVersion: version } }, { success: t('narrative.submitted') })}
          >
            {t('narrative.submit')}
          </Button>
        )}
        {viewer.role === 'COORDINATOR' && status === 'IN_REVIEW' && (
          <Button
            danger
            onClick={() =>
              setPrompt({
                title: t('narrative.return'),
                field: 'reason',
                label: t('narrative.returnReason'),
                danger: true,
                submit: (reason, f) => sendBack.run({ input: { month, expectedVersion: version, reason } }, { form: f }),
              })
            }
          >
            {t('narrative.return')}
          </Button>
        )}
        {viewer.role === 'COORDINATOR' && status === 'IN_REVIEW' && <span className="hub-muted">{t('narrative.publishHint')}</span>}
      </Space>
      <TextPromptModal prompt={prompt} onClose={() => setPrompt(null)} />
    </Panel>
  );
}
