import type { ReactNode } from 'react';
import { useI18n } from '../../lib/i18n.js';
import { formatPercent } from '../../lib/format.js';
import type { CallbackKpisKpisFragment } from '../../gql/graphql.js';

/** One callback KPI tile, drawn like the dashboard's KPI tiles: its title, its rate, and the counts under it. */
function CallbackKpiTile({ testId, title, rate, under }: { testId: string; title: string; rate: number | null; under: ReactNode }) {
  return (
    <section className="hub-panel hub-kpi-tile" data-testid={testId}>
      <div className="hub-panel-body">
        <h3 className="hub-stat-title" style={{ margin: 0, fontWeight: 'normal' }}>
          {title}
        </h3>
        <div className="hub-kpi-value">{formatPercent(rate)}</div>
        <div className="hub-kpi-target">{under}</div>
      </div>
    </section>
  );
}

/**
 * Callback reach rate, satisfaction and partly satisfied, beside the KPI tiles of the dashboard and
 * of the monthly report; nothing before any callback closed.
 */
export function CallbackKpis({ kpis }: { kpis: CallbackKpisKpisFragment | null | undefined }) {
  const { t } = useI18n();
  if (!kpis || kpis.closed === 0) return null;
  return (
    <div className="hub-kpis" data-testid="callback-kpis">
      <CallbackKpiTile
        testId="kpi-callbackReach"
        title={t('kpi.callbackReach')}
        rate={kpis.reachRate}
        under={t('kpi.callbackClosed', { n: kpis.closed })}
      />
      <CallbackKpiTile
        testId="kpi-callbackSatisfaction"
        title={t('kpi.callbackSatisfaction')}
        rate={kpis.satisfactionRate}
        under={t('kpi.callbackVerdicts', { satisfied: kpis.satisfied, partly: kpis.partly, not: kpis.notSatisfied })}
      />
      <CallbackKpiTile
        testId="kpi-callbackPartly"
        title={t('kpi.callbackPartly')}
        rate={kpis.partlySatisfiedRate}
        under={t('kpi.callbackReached', { n: kpis.reached, unreachable: kpis.unreachable })}
      />
    </div>
  );
}
