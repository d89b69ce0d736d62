import { useI18n } from '../../lib/i18n.js';
import { useLiveSnapshot } from '../../lib/session.js';

/** The live feed's connection, in a word and a dot. */
export function ConnectionIndicator() {
  const { t } = useI18n();
  const { connection } = useLiveSnapshot();
  return (
    <span
      className={`hub-live hub-live-${connection}`}
      role="status"
      aria-live="polite"
      title={t(`live.hint.${connection}`)}
      data-testid="live-status"
      data-state={connection}
    >
      <span className="hub-live-dot" aria-hidden />
      <span className="hub-live-label">{t(`live.${connection}`)}</span>
    </span>
  );
}
