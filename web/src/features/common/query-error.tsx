import { Alert, Button } from 'antd';
import type { CombinedError } from 'urql';
import { describeError } from '../../lib/errors.js';
import { useI18n } from '../../lib/i18n.js';

/** A query that failed, in plain words, with a retry. */
export function QueryError({ error, retry }: { error: CombinedError; retry?: () => void }) {
  const { t } = useI18n();
  const e = describeError(error, t);
  return (
    <Alert
      type="error"
      showIcon
      title={e.message}
      description={e.detail && e.detail !== e.message ? <small>{e.detail}</small> : undefined}
      action={
        retry ? (
          <Button size="small" onClick={retry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
      style={{ marginBottom: 12 }}
    />
  );
}
