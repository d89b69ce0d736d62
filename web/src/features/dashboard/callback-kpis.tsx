import { useI18n } from '../../lib/i18n.js';
import { formatPercent } from '../../lib/format.js';
import type { CallbackKpisKpisFragment } from '../../gql/graphql.js';

/** Callback reach rate and satisfaction, beside the dashboard's KPI tiles; nothing before any callback closed. */
export function CallbackKpis({ kpis }: { kpis: CallbackKpisKpisFragment | null | undefined }) {
  const { t } = useI18n();
  if (!kpis || kpis.closed === 0) return null;
  return (
    <div className="hub-kpis" data-testid="callback-kpis">
      <section className="hub-panel hub-kpi-tile" data-testid="kpi-callbackReach">
        <div className="hub-panel-body">
          <h3 className="hub-stat-title" style={{ margin: 0, fontWeight: 'normal' }}>
            {t('kpi.callbackReach')}
          </h3>
          <div className="hub-kpi-value">{formatPercent(kpis.reachRate)}</div>
          <div className="hub-kpi-target">{t('kpi.callbackClosed', { n: kpis.closed })}</div>
        </div>
      </section>
      <section className="hub-panel hub-kpi-tile" data-testid="kpi-callbackSatisfaction">
        <div className="hub-panel-body">
          <h3 className="hub-stat-title" style={{ margin: 0, fontWeight: 'normal' }}>
            {t('kpi.callbackSatisfaction')}
          </h3>
          <div className="hub-kpi-value">{formatPercent(kpis.satisfactionRate)}</div>
          <div className="hub-kpi-target">{`${kpis.satisfied} / ${kpis.partly} / ${kpis.notSatisfied}`}</div>
        </div>
      </section>
    </div>
  );
}
