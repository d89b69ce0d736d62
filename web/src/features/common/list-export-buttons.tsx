import { useState } from 'react';
import { Button, Space } from 'antd';
import { FileExcelOutlined, FileTextOutlined } from '@ant-design/icons';
import { useI18n } from '../../lib/i18n.js';
import { useSession } from '../../lib/session.js';
import { toast } from '../../lib/notify.js';
import { fetchExport, saveAs } from '../../lib/download.js';
import type { MessageKey } from '../../lib/translate.js';

/** The lists the hub exports (`GET /exports/lists/<file>.{xlsx,csv}`), by their file name. */
export type ExportFile = 'inbox' | 'problems' | 'actions' | 'complaints';

const FAILURE: Record<number, MessageKey> = { 401: 'error.UNAUTHENTICATED', 403: 'error.FORBIDDEN', 400: 'views.exportBadFilter' };

/** The filter as the list's query takes it: empty values left out. */
export function compactFilter(filter: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(filter).filter(([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && !v.length)),
  );
}

/**
 * Excel and CSV downloads of a list with its current filters: every row the list selects for the
 * viewer (not only the page shown), masked as on screen; the hub audits each export.
 */
export function ListExportButtons({
  file,
  filter,
  testId,
}: {
  file: ExportFile;
  /** The list's current filter, as its query's `filter` variable. */
  filter: Record<string, unknown>;
  /** Prefix of the buttons' test ids (`<testId>-xlsx`, `<testId>-csv`). */
  testId?: string;
}) {
  const { t } = useI18n();
  const { token } = useSession();
  const [busy, setBusy] = useState<'xlsx' | 'csv' | null>(null);

  async function download(format: 'xlsx' | 'csv') {
    setBusy(format);
    try {
      const url = `/exports/lists/${file}.${format}?filter=${encodeURIComponent(JSON.stringify(compactFilter(filter)))}`;
      const r = await fetchExport(url, token);
      if (r.blob) saveAs(r.blob, `${file}.${format}`);
      else toast.error(t(FAILURE[r.status] ?? 'report.exportFailed'));
    } catch {
      toast.error(t('error.NETWORK'));
    } finally {
      setBusy(null);
    }
  }

  const id = testId ?? 'list-export';
  return (
    <Space wrap size={8}>
      <Button icon={<FileExcelOutlined />} onClick={() => void download('xlsx')} loading={busy === 'xlsx'} data-testid={`${id}-xlsx`}>
        {t('report.exportXlsx')}
      </Button>
      <Button icon={<FileTextOutlined />} onClick={() => void download('csv')} loading={busy === 'csv'} data-testid={`${id}-csv`}>
        {t('views.exportCsv')}
      </Button>
    </Space>
  );
}
