import { useState } from 'react';
import { Button, Space } from 'antd';
import { FileExcelOutlined, FileTextOutlined, PrinterOutlined } from '@ant-design/icons';
import { useI18n } from '../../lib/i18n.js';
import { useSession } from '../../lib/session.js';
import { toast } from '../../lib/notify.js';
import type { MessageKey } from '../../lib/translate.js';
import { fetchExport, saveAs } from '../../lib/download.js';

const FAILURE: Record<number, MessageKey> = {
  401: 'error.UNAUTHENTICATED',
  403: 'error.FORBIDDEN',
  404: 'report.exportMissing',
  400: 'report.exportFailed',
};

/** The report's exports: the Excel workbook, CSV, and the hub's print-ready page. */
export function ExportButtons({ month, branchId, version }: { month: string; branchId?: string; version?: number }) {
  const { t } = useI18n();
  const { token } = useSession();
  const [busy, setBusy] = useState<string | null>(null);
  const params = new URLSearchParams();
  if (branchId) params.set('branchId', branchId);
  if (version) params.set('version', String(version));
  const query = params.size ? `?${params}` : '';
  const base = `voc-report-${month}${version ? `-v${version}` : ''}`;

  async function run(kind: 'xlsx' | 'csv' | 'print') {
    setBusy(kind);
    // The print page opens at once (a popup must follow the click) and fills when the report arrives.
    const win = kind === 'print' ? window.open('', '_blank') : null;
    try {
      const url = kind === 'print' ? `/reports/voc/${month}/print${query}` : `/exports/voc/${month}.${kind}${query}`;
      const r = await fetchExport(url, token);
      if (!r.blob) {
        win?.close();
        toast.error(t(FAILURE[r.status] ?? 'report.exportFailed'));
      } else if (kind === 'print') {
        const href = URL.createObjectURL(new Blob([await r.blob.text()], { type: 'text/html;charset=utf-8' }));
        if (win) win.location.href = href;
        else window.open(href, '_blank');
      } else saveAs(r.blob, `${base}.${kind}`);
    } catch {
      win?.close();
      toast.error(t('error.NETWORK'));
    } finally {
      setBusy(null);
    }
  }

  return (
    <Space>
      <Button icon={<FileExcelOutlined />} onClick={() => void run('xlsx')} loading={busy === 'xlsx'} data-testid="export-xlsx">
        {t('report.exportXlsx')}
      </Button>
      <Button icon={<FileTextOutlined />} onClick={() => void run('csv')} loading={busy === 'csv'} data-testid="export-csv">
        CSV
      </Button>
      <Button icon={<PrinterOutlined />} onClick={() => void run('print')} loading={busy === 'print'} data-testid="export-print">
        {t('report.print')}
      </Button>
    </Space>
  );
}
