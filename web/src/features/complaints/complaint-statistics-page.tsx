import { useState } from 'react';
import { Button, Card, Col, Row, Select, Space, Statistic, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { FileExcelOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import dayjs from 'dayjs';
import { useI18n } from '../../lib/i18n.js';
import { useSession } from '../../lib/session.js';
import { toast } from '../../lib/notify.js';
import { fetchExport, saveAs } from '../../lib/download.js';
import { formatDateTime } from '../../lib/format.js';
import { useLiveQuery } from '../../lib/use-live-query.js';
import { COMPLAINT_EVENTS } from '../../lib/live-rules.js';
import type { MessageKey } from '../../lib/translate.js';
import type { ComplaintStatisticsPageFiguresFragment, ComplaintStatisticsPageStatisticsQuery } from '../../gql/graphql.js';
import { PageHeader } from '../common/page-header.js';
import { QueryError } from '../common/query-error.js';
import { BranchFilter } from '../common/branch-filter.js';
import { COMPLAINT_STATISTICS_QUERY } from './complaint-statistics-page.query.js';

type Figures = ComplaintStatisticsPageFiguresFragment;
type Statistics = ComplaintStatisticsPageStatisticsQuery['complaintStatistics'];
type CodeRow = Statistics['byCode'][number];
type BranchRow = Statistics['byBranch'][number];

/** `YYYY-Qn` of a day. */
const quarterOf = (d: dayjs.Dayjs) => `${d.year()}-Q${Math.floor(d.month() / 3) + 1}`;

/** The quarter picker's choices: this quarter and the seven before it, newest first. */
const recentQuarters = (): string[] => Array.from({ length: 8 }, (_, i) => quarterOf(dayjs().subtract(3 * i, 'month')));

/** The figures' columns, in the regulator's order (the XLSX's). */
const FIGURES: readonly { key: keyof Figures; label: MessageKey; width: number }[] = [
  { key: 'received', label: 'complaintStats.received', width: 72 },
  { key: 'decidedWithin15Days', label: 'complaintStats.within15', width: 84 },
  { key: 'decidedWithin30Days', label: 'complaintStats.within30', width: 84 },
  { key: 'decidedWithin60Days', label: 'complaintStats.within60', width: 84 },
  { key: 'overdue', label: 'complaintStats.overdue', width: 72 },
  { key: 'withdrawn', label: 'complaintStats.withdrawn', width: 72 },
  { key: 'reviewRequested', label: 'complaintStats.reviewRequested', width: 84 },
  { key: 'reviewUpheld', label: 'complaintStats.reviewUpheld', width: 84 },
  { key: 'reviewChanged', label: 'complaintStats.reviewChanged', width: 84 },
  { key: 'reviewPending', label: 'complaintStats.reviewPending', width: 84 },
  { key: 'averageHandlingDays', label: 'complaintStats.averageDays', width: 96 },
];

const cell = (f: Figures, key: keyof Figures): string => {
  const v = f[key];
  if (key === 'averageHandlingDays') return v === null || v === undefined ? '—' : Number(v).toFixed(2);
  return String(v);
};

const FAILURE: Record<number, MessageKey> = {
  401: 'error.UNAUTHENTICATED',
  403: 'error.FORBIDDEN',
  404: 'report.exportMissing',
};

/**
 * The quarter's regulatory complaint statistics (《办法》's periodic statistics): cases received in the
 * quarter by JR/T 0169-2018 code and by the branch complained about, with the XLSX the regulator
 * gets. Head office sees the bank, a branch manager their subtree (and may narrow it).
 */
export function ComplaintStatisticsPage() {
  const { t } = useI18n();
  const { token } = useSession();
  const [params, setParams] = useSearchParams();
  const quarters = recentQuarters();
  const quarter = params.get('quarter') ?? quarters[0]!;
  const [branchId, setBranchId] = useState<string | undefined>();
  const [downloading, setDownloading] = useState(false);
  const [{ data, error, fetching }, refetch] = useLiveQuery({
    query: COMPLAINT_STATISTICS_QUERY,
    variables: { quarter, branchId },
    live: { types: COMPLAINT_EVENTS },
  });
  const s = data?.complaintStatistics;

  async function download() {
    setDownloading(true);
    try {
      const query = branchId ? `?${new URLSearchParams({ branchId })}` : '';
      const r = await fetchExport(`/exports/complaints/${quarter}.xlsx${query}`, token);
      if (r.blob) saveAs(r.blob, `complaint-statistics-${quarter}.xlsx`);
      else toast.error(t(FAILURE[r.status] ?? 'report.exportFailed'));
    } catch {
      toast.error(t('error.NETWORK'));
    } finally {
      setDownloading(false);
    }
  }

  const figureColumns = <R extends { figures: Figures }>(): ColumnsType<R> =>
    FIGURES.map((f) => ({
      key: f.key,
      title: t(f.label),
      width: f.width,
      align: 'right' as const,
      render: (_: unknown, r: R) => (
        <span data-figure={f.key} className={f.key === 'overdue' && r.figures.overdue ? 'hub-overdue-text' : undefined}>
          {cell(r.figures, f.key)}
        </span>
      ),
    }));

  const quarterOptions = (quarters.includes(quarter) ? quarters : [quarter, ...quarters]).map((q) => ({ value: q, label: q }));

  return (
    <>
      <PageHeader
        title={t('complaintStats.title', { quarter })}
        sub={
          s
            ? `${s.branch ? `${s.branch.name} · ` : ''}${t('complaintStats.asOf', { when: formatDateTime(s.asOf) })}`
            : t('complaintStats.sub')
        }
        extra={
          <Space wrap>
            <Select<string>
              value={quarter}
              onChange={(q) => setParams({ quarter: q })}
              options={quarterOptions}
              style={{ width: 120 }}
              aria-label={t('complaintStats.quarter')}
              data-testid="complaint-stats-quarter"
            />
            <BranchFilter value={branchId} onChange={setBranchId} scoped />
            <Button icon={<FileExcelOutlined />} onClick={() => void download()} loading={downloading} data-testid="complaint-stats-xlsx">
              {t('complaintStats.download')}
            </Button>
          </Space>
        }
      />
      {error && <QueryError error={error} retry={() => refetch({ requestPolicy: 'network-only' })} />}
      {!s && fetching && <div className="hub-loading" role="status" aria-label={t('common.loading')} />}
      {s && (
        <>
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }} data-testid="complaint-stats-total">
            {FIGURES.filter((f) => !f.key.startsWith('reviewUpheld') && !f.key.startsWith('reviewChanged')).map((f) => (
              <Col xs={12} md={6} lg={3} key={f.key}>
                <Card size="small">
                  <Statistic
                    title={t(f.label)}
                    value={cell(s.total, f.key)}
                    styles={{ content: { color: f.key === 'overdue' && s.total.overdue ? '#b71c1c' : undefined } }}
                    data-testid={`complaint-stats-total-${f.key}`}
                  />
                </Card>
              </Col>
            ))}
          </Row>
          <Card size="small" title={t('complaintStats.byCode')} style={{ marginBottom: 12 }}>
            <Table<CodeRow>
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              rowKey={(r) => `${r.channelCode}-${r.businessCode}-${r.causeCode}`}
              dataSource={s.byCode}
              data-testid="complaint-stats-by-code"
              locale={{ emptyText: t('complaintStats.empty') }}
              columns={[
                {
                  key: 'channel',
                  title: t('complaintStats.channel'),
                  render: (_, r) => <CodeCell code={r.channelCode} name={r.channelName} />,
                },
                {
                  key: 'business',
                  title: t('complaintStats.business'),
                  render: (_, r) => <CodeCell code={r.businessCode} name={r.businessName} />,
                },
                { key: 'cause', title: t('complaintStats.cause'), render: (_, r) => <CodeCell code={r.causeCode} name={r.causeName} /> },
                ...figureColumns<CodeRow>(),
              ]}
            />
          </Card>
          <Card size="small" title={t('complaintStats.byBranch')}>
            <Table<BranchRow>
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              rowKey={(r) => r.branch.id}
              dataSource={s.byBranch}
              data-testid="complaint-stats-by-branch"
              locale={{ emptyText: t('complaintStats.empty') }}
              columns={[
                {
                  key: 'branch',
                  title: t('complaintStats.branch'),
                  render: (_, r) => <CodeCell code={r.branch.code} name={r.branch.name} />,
                },
                ...figureColumns<BranchRow>(),
              ]}
            />
          </Card>
        </>
      )}
    </>
  );
}

/** A code with its name under it. */
function CodeCell({ code, name }: { code: string; name: string }) {
  return (
    <span className="hub-code-cell">
      <span className="hub-code">{code}</span> {name}
    </span>
  );
}
