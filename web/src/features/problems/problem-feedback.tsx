import { useState } from 'react';
import { Button, Card, Table, Tag, Typography } from 'antd';
import { FeedbackDetailModal } from '../feedback/index.js';
import { useI18n } from '../../lib/i18n.js';
import { formatDateTime } from '../../lib/format.js';
import { KindTag } from '../common/kind-tag.js';
import type { ProblemDetail, ProblemFeedbackItem as Item } from './problem-page.query.js';

/** The customer voices grouped into this problem. */
export function ProblemFeedback({ problem }: { problem: ProblemDetail }) {
  const { t, te } = useI18n();
  const items = problem.feedback.edges.map((e) => e.node);
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
            width: 80,
            render: (_, f) => (
              <Button size="small" type="link" onClick={() => setOpened(f.id)}>
                {f.viewerMayCorrect ? t('feedback.correct') : t('feedback.open')}
              </Button>
            ),
          },
        ]}
      />
      {problem.feedback.totalCount > items.length && (
        <Typography.Text type="secondary">
          {t('problem.feedbackMore', { n: items.length, total: problem.feedback.totalCount })}
        </Typography.Text>
      )}
      <FeedbackDetailModal feedbackId={opened} onClose={() => setOpened(null)} />
    </Card>
  );
}
