import { Card, Table, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { useI18n } from '../../lib/i18n.js';
import { useLiveQuery } from '../../lib/use-live-query.js';
import { PROBLEM_RECURRENCE_QUERY } from './problem-recurrence.query.js';

/** Did the fix work? Similar feedback before remediation against after the last action was confirmed. */
export function ProblemRecurrence({ problemId }: { problemId: string }) {
  const { t } = useI18n();
  const [{ data }] = useLiveQuery({
    query: PROBLEM_RECURRENCE_QUERY,
    variables: { id: problemId },
    live: {
      problemId,
      types: ['VERIFICATION_STARTED', 'PROBLEM_RESOLVED', 'PROBLEM_REOPENED', 'CONSULTATION_CONCLUDED', 'ACTION_STATUS_CHANGED'],
    },
  });
  const r = data?.problem?.recurrence;
  if (!r) return null;
  const fell = r.changePercent !== null && r.changePercent < 0;
  return (
    <Card
      size="small"
      title={<h2 className="hub-card-title">{t('recurrence.title')}</h2>}
      style={{ marginBottom: 12 }}
      data-testid="recurrence"
    >
      <div style={{ display: 'flex', gap: 24, flexWrap: 'wrap', marginBottom: 8 }}>
        <div>
          <div className="hub-stat-title">{t('recurrence.before', { n: r.windowDays })}</div>
          <div className="hub-stat-value">{r.before}</div>
        </div>
        <div>
          <div className="hub-stat-title">{t('recurrence.after', { n: r.windowDays })}</div>
          <div className="hub-stat-value">{r.after}</div>
        </div>
        <div>
          <div className="hub-stat-title">{t('recurrence.change')}</div>
          <div className="hub-stat-value" style={{ color: r.changePercent === null ? undefined : fell ? '#1b5e20' : '#b71c1c' }}>
            {r.changePercent === null ? (
              '—'
            ) : (
              <>
                {fell ? <ArrowDownOutlined aria-hidden /> : <ArrowUpOutlined aria-hidden />} {Math.abs(r.changePercent).toFixed(0)}%
              </>
            )}
          </div>
        </div>
      </div>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {r.changePercent === null ? t('recurrence.pending') : fell ? t('recurrence.fell') : t('recurrence.rose')}
      </Typography.Paragraph>
      {r.byBranch.length > 0 && (
        <Table
          size="small"
          rowKey={(b) => b.branch.id}
          pagination={false}
          dataSource={r.byBranch}
          columns={[
            { title: t('feedback.branch'), render: (_, b) => b.branch.name },
            { title: t('recurrence.beforeShort'), dataIndex: 'before', width: 90 },
            { title: t('recurrence.afterShort'), dataIndex: 'after', width: 90 },
          ]}
        />
      )}
    </Card>
  );
}
