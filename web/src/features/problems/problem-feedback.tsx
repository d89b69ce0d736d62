import { useState } from 'react';
import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import { FeedbackDetailModal } from '../feedback/index.js';
import { useI18n } from '../../lib/i18n.js';
import { useViewer } from '../../lib/session.js';
import { useNarrow } from '../../lib/use-narrow.js';
import { useHubMutation } from '../../lib/use-hub-mutation.js';
import { formatDateTime } from '../../lib/format.js';
import { ATTACHABLE } from '../../lib/types.js';
import { KindTag } from '../common/kind-tag.js';
import { TextPromptModal, type TextPrompt } from '../common/text-prompt-modal.js';
import { DETACH_FEEDBACK } from './problem-corrections.query.js';
import type { ProblemDetail, ProblemFeedbackItem as Item } from './problem-page.query.js';

/** The customer voices grouped into this problem; one attached by mistake goes back to the inbox (analyst, coordinator). */
export function ProblemFeedback({ problem }: { problem: ProblemDetail }) {
  const { t, te } = useI18n();
  const viewer = useViewer();
  const narrow = useNarrow();
  const [prompt, setPrompt] = useState<TextPrompt | null>(null);
  const detach = useHubMutation(DETACH_FEEDBACK);
  const items = problem.feedback.edges.map((e) => e.node);
  const mayDetach = (viewer.role === 'ANALYST' || viewer.role === 'COORDINATOR') && ATTACHABLE.includes(problem.status);
  const askDetach = (f: Item) =>
    setPrompt({
      title: t('feedback.detach'),
      field: 'reason',
      label: t('feedback.detachReason'),
      hint: t('feedback.detachHint'),
      okText: t('feedback.detach'),
      danger: true,
      submit: (reason, form) =>
        detach.run(
          { input: { problemId: problem.id, expectedVersion: problem.version, feedbackIds: [f.id], reason } },
          { form, problemId: problem.id, success: t('feedback.detached') },
        ),
    });
  const [opened, setOpened] = useState<string | null>(null);
  return (
    <Card
      size="small"
      title={<h2 className="hub-card-title">{t('problem.feedback', { n: problem.feedback.totalCount })}</h2>}
      style={{ marginBottom: 12 }}
      data-testid="problem-feedback"
    >
      <Table<Item>
        size="small"
        rowKey="id"
        dataSource={items}
        pagination={items.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
        // On a phone the columns scroll inside the card, not the page.
        scroll={narrow ? { x: 640 } : undefined}
        columns={[
          { title: t('feedback.receivedAt'), width: 140, render: (_, f) => formatDateTime(f.receivedAt) },
          { title: t('feedback.kind'), width: 110, render: (_, f) => <KindTag kind={f.kind} complaint={f.complaint} /> },
          { title: t('feedback.channel'), width: 90, render: (_, f) => te('Channel', f.channel) },
          { title: t('feedback.branch'), width: 120, render: (_, f) => f.branch.name },
          {
            title: t('feedback.text'),
            // A voided item stays listed for the audit, struck through.
            render: (_, f) => (
              <>
                {f.voidedAt && <Tag color="default">{t('feedback.voided')}</Tag>}
                <Typography.Paragraph
                  ellipsis={{ rows: 3, expandable: true, symbol: t('common.expand') }}
                  style={{ margin: 0 }}
                  className={f.voidedAt ? 'hub-struck' : undefined}
                >
                  {f.text}
                </Typography.Paragraph>
              </>
            ),
          },
          {
            title: t('common.operations'),
            width: mayDetach ? 150 : 80,
            render: (_, f) => (
              <Space size={4} wrap>
                <Button size="small" type="link" onClick={() => setOpened(f.id)}>
                  {f.viewerMayCorrect ? t('feedback.correct') : t('feedback.open')}
                </Button>
                {mayDetach && !f.voidedAt && (
                  <Button size="small" onClick={() => askDetach(f)} aria-label={t('feedback.detachOne', { text: f.text.slice(0, 20) })}>
                    {t('feedback.detachShort')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {problem.feedback.totalCount > items.length && (
        <Typography.Text type="secondary">
          {t('problem.feedbackMore', { n: items.length, total: problem.feedback.totalCount })}
        </Typography.Text>
      )}
      {prompt && <TextPromptModal prompt={prompt} onClose={() => setPrompt(null)} />}
      <FeedbackDetailModal feedbackId={opened} onClose={() => setOpened(null)} />
    </Card>
  );
}
