import { useState } from 'react';
import { Alert, Button, DatePicker, Popconfirm, Select, Space } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import dayjs from 'dayjs';
import { useI18n } from '../../lib/i18n.js';
import { useViewer } from '../../lib/session.js';
import { useLiveQuery } from '../../lib/use-live-query.js';
import { useHubMutation } from '../../lib/use-hub-mutation.js';
import { formatDateTime, lastMonth } from '../../lib/format.js';
import { PageHeader } from '../common/page-header.js';
import { QueryError } from '../common/query-error.js';
import { BranchFilter } from '../common/branch-filter.js';
import { ExportButtons } from './export-buttons.js';
import { VocReportBody } from './voc-report-body.js';
import { FrozenNarrative, WorkingNarrative } from './report-narrative.js';
import { PUBLISHED_REPORT_QUERY, PUBLISH_REPORT_MUTATION, VOC_REPORT_QUERY } from './voc-report-page.query.js';

/**
 * The monthly Voice of the Customer report (每月客户之声): live figures for any month, or a
 * published (frozen) version; charts, exports, and for the coordinator, publishing an ended month.
 */
export function VocReportPage() {
  const { t } = useI18n();
  const viewer = useViewer();
  const [params, setParams] = useSearchParams();
  const month = params.get('month') ?? lastMonth();
  const version = params.get('version') ? Number(params.get('version')) : undefined;
  const [branchId, setBranchId] = useState<string | undefined>();
  const [live, refetchLive] = useLiveQuery({
    query: VOC_REPORT_QUERY,
    variables: { month, branchId },
    live: {},
    pause: version !== undefined,
  });
  const [published, refetchPublished] = useLiveQuery({
    query: PUBLISHED_REPORT_QUERY,
    variables: { month, version, branchId },
    live: { types: ['REPORT_PUBLISHED'] },
    pause: version === undefined,
  });
  const publish = useHubMutation(PUBLISH_REPORT_MUTATION);
  const current = version === undefined ? live : published;
  const report = version === undefined ? live.data?.vocReport : published.data?.publishedVocReport?.report;
  const versions = (version === undefined ? live.data?.publishedVocReports : published.data?.publishedVocReports) ?? [];
  const shown = published.data?.publishedVocReport;
  const ended = !dayjs(`${month}-01`).add(1, 'month').isAfter(dayjs());
  const set = (next: { month?: string; version?: number }) => {
    const p: Record<string, string> = { month: next.month ?? month };
    if (next.version) p.version = String(next.version);
    setParams(p);
  };

  return (
    <>
      <PageHeader
        // One line: the month's controls move below the title when they do not fit beside it.
        title={<span style={{ whiteSpace: 'nowrap' }}>{t('report.title', { month })}</span>}
        sub={
          report
            ? `${report.branch ? `${report.branch.name} · ` : ''}${t(version ? 'report.frozenAt' : 'report.liveAt', { when: formatDateTime(report.generatedAt) })}`
            : t('report.sub')
        }
        extra={
          <Space wrap>
            <DatePicker
              picker="month"
              value={dayjs(`${month}-01`)}
              allowClear={false}
              disabledDate={(d) => d.isAfter(dayjs(), 'month')}
              onChange={(d) => d && set({ month: d.format('YYYY-MM') })}
              aria-label={t('report.month')}
            />
            <Select<number>
              value={version ?? 0}
              onChange={(v) => set({ version: v || undefined })}
              style={{ width: 190 }}
              aria-label={t('report.version')}
              options={[
                { value: 0, label: t('report.liveVersion') },
                ...versions.map((v) => ({
                  value: v.version,
                  label: t('report.versionLabel', { n: v.version, when: formatDateTime(v.publishedAt).slice(0, 10) }),
                })),
              ]}
            />
            <BranchFilter value={branchId} onChange={setBranchId} />
            <ExportButtons month={month} branchId={branchId} version={version} />
            {viewer.role === 'COORDINATOR' && (
              <Popconfirm
                title={t('report.publishConfirm', { month })}
                description={t('report.publishHint')}
                disabled={!ended}
                onConfirm={async () => {
                  const r = await publish.run({ input: { month } }, { success: t('report.published') });
                  if (r.ok) set({ version: r.data.publishVocReport.version });
                }}
              >
                <Button
                  type="primary"
                  icon={<SendOutlined />}
                  disabled={!ended}
                  loading={publish.fetching}
                  title={ended ? undefined : t('report.publishNotYet')}
                >
                  {t('report.publish')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        }
      />
      {current.error && (
        <QueryError
          error={current.error}
          retry={() => (version === undefined ? refetchLive : refetchPublished)({ requestPolicy: 'network-only' })}
        />
      )}
      {shown && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('report.versionBanner', {
            n: shown.version,
            who: shown.publishedBy?.displayName ?? t('common.system'),
            when: formatDateTime(shown.publishedAt),
          })}
          description={
            <>
              <div>{shown.summary}</div>
              {shown.changes.length > 0 && (
                <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
                  {shown.changes.map((c) => (
                    <li key={c.key}>
                      {c.label}：{c.before ?? '—'} → {c.after ?? '—'}
                    </li>
                  ))}
                </ul>
              )}
            </>
          }
        />
      )}
      {version !== undefined && published.data && !shown && (
        <Alert type="warning" showIcon title={t('report.versionMissing')} style={{ marginBottom: 12 }} />
      )}
      {!report && current.fetching && <div className="hub-loading" role="status" aria-label={t('common.loading')} />}
      {version === undefined && <WorkingNarrative month={month} />}
      {version !== undefined && shown?.narrative && <FrozenNarrative narrative={shown.narrative} />}
      {report && <VocReportBody report={report} />}
    </>
  );
}
