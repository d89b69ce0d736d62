import { useState } from 'react';
import { Button, Card, Table, Typography } from 'antd';
import { FileExcelOutlined, PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../lib/i18n.js';
import { useSession, useViewer } from '../../lib/session.js';
import { fetchExport, saveAs } from '../../lib/download.js';
import { toast } from '../../lib/notify.js';
import { formatDate } from '../../lib/format.js';
import { ActionStatusTag } from '../common/action-status-tag.js';
import { ActionCardList, ActionOperations, ActionTitle, actionRowClass } from '../actions/index.js';
import { useNarrow } from '../../lib/use-narrow.js';
import { ActionUpdates } from './action-updates.js';
import { EvidencePanel, mayAttachToAction } from '../evidence/index.js';
import { AddActionModal } from './add-action-modal.js';
import type { LinkageTableActionFragment } from '../../gql/graphql.js';
import type { ProblemDetail } from './problem-page.query.js';

/** The head-office/branch linkage table (总、分行联动服务表): one row per owner; overdue rows stand out. */
export function LinkageTable({ problem }: { problem: ProblemDetail }) {
  const { t } = useI18n();
  const viewer = useViewer();
  const { token } = useSession();
  const [adding, setAdding] = useState(false);
  const [exporting, setExporting] = useState(false);
  const narrow = useNarrow();
  async function exportXlsx() {
    setExporting(true);
    try {
      const r = await fetchExport(`/exports/problems/${problem.id}/linkage.xlsx`, token);
      if (r.blob) saveAs(r.blob, `linkage-${problem.code}.xlsx`);
      else toast.error(t('report.exportFailed'));
    } catch {
      toast.error(t('error.NETWORK'));
    } finally {
      setExporting(false);
    }
  }
  // Withdrawn rows stay listed but are owed by no one: progress counts the others.
  const live = problem.actions.filter((a) => a.status !== 'CANCELLED');
  const done = live.filter((a) => a.status === 'CONFIRMED').length;
  const tools = (
    <span>
      <Typography.Text type="secondary" style={{ marginRight: 8 }}>
        {t('linkage.progress', { done, total: live.length })}
      </Typography.Text>
      <Button size="small" icon={<FileExcelOutlined />} loading={exporting} onClick={() => void exportXlsx()} style={{ marginRight: 8 }}>
        {t('linkage.export')}
      </Button>
      {viewer.role === 'COORDINATOR' && problem.status === 'REMEDIATING' && (
        <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
          {t('linkage.add')}
        </Button>
      )}
    </span>
  );
  return (
    <Card
      size="small"
      title={<h2 className="hub-card-title">{t('linkage.title')}</h2>}
      extra={narrow ? undefined : tools}
      style={{ marginBottom: 12 }}
      data-testid="linkage-table"
    >
      {narrow && <div className="hub-card-tools">{tools}</div>}
      {narrow ? (
        <ActionCardList
          rows={problem.actions}
          testId="linkage-cards"
          problemId={problem.id}
          details={(a) => (
            <>
              <ActionUpdates action={a} />
              <EvidencePanel parent={{ kind: 'ACTION', id: a.id }} problemId={problem.id} canUpload={mayAttachToAction(viewer, a)} />
            </>
          )}
          emptyText={t('linkage.none')}
        />
      ) : (
        <Table<LinkageTableActionFragment>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={problem.actions}
          locale={{ emptyText: t('linkage.none') }}
          rowClassName={actionRowClass}
          expandable={{
            expandedRowRender: (a) => (
              <>
                <ActionUpdates action={a} />
                <EvidencePanel parent={{ kind: 'ACTION', id: a.id }} problemId={problem.id} canUpload={mayAttachToAction(viewer, a)} />
              </>
            ),
          }}
          columns={[
            { title: t('action.owner'), width: 140, render: (_, a) => a.branch?.name ?? a.department?.name },
            { title: t('action.title'), render: (_, a) => <ActionTitle action={a} /> },
            {
              title: t('action.dueAt'),
              width: 110,
              render: (_, a) => <span className={a.overdue ? 'hub-overdue-text' : undefined}>{formatDate(a.dueAt)}</span>,
            },
            { title: t('common.status'), width: 150, render: (_, a) => <ActionStatusTag status={a.status} overdue={a.overdue} /> },
            { title: t('common.operations'), width: 260, render: (_, a) => <ActionOperations action={a} problemId={problem.id} /> },
          ]}
        />
      )}
      <AddActionModal problemId={problem.id} open={adding} onClose={() => setAdding(false)} />
    </Card>
  );
}
