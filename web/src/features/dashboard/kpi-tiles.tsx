import { ArrowDownOutlined, ArrowUpOutlined, CheckCircleFilled, WarningFilled } from '@ant-design/icons';
import { useI18n } from '../../lib/i18n.js';
import { formatPercent } from '../../lib/format.js';
import { KPI_LABELS } from '../../lib/kpi.js';
import type { KpiTilesKpisFragment } from '../../gql/graphql.js';

/** The three highs and the three lows (and repeat contacts), each against its configured target. */
export function KpiTiles({ assessments }: { assessments: KpiTilesKpisFragment['assessments'] }) {
  const { t } = useI18n();
  return (
    <div className="hub-kpis" data-testid="kpi-tiles">
      {assessments.map((a) => {
        const better = t(a.higherIsBetter ? 'kpi.higherBetter' : 'kpi.lowerBetter');
        return (
          <section
            key={a.kpi}
            className={`hub-panel hub-kpi-tile ${a.meetsTarget === null ? '' : a.meetsTarget ? 'hub-kpi-good' : 'hub-kpi-bad'}`}
            data-testid={`kpi-${a.kpi}`}
          >
            <div className="hub-panel-body">
              <div style={{ display: 'flex', justifyContent: 'space-between' }}>
                <h3 className="hub-stat-title" style={{ margin: 0, fontWeight: 'normal' }}>
                  {KPI_LABELS[a.kpi] ? t(KPI_LABELS[a.kpi]) : a.kpi}{' '}
                  <span title={better}>
                    {a.higherIsBetter ? <ArrowUpOutlined aria-label={better} /> : <ArrowDownOutlined aria-label={better} />}
                  </span>
                </h3>
                {a.meetsTarget === null ? null : a.meetsTarget ? (
                  <CheckCircleFilled style={{ color: '#2e7d32' }} aria-label={t('kpi.met')} />
                ) : (
                  <WarningFilled style={{ color: '#c62828' }} aria-label={t('kpi.missed')} />
                )}
              </div>
              <div className="hub-kpi-value">{formatPercent(a.value)}</div>
              <div className="hub-kpi-target">
                {t('kpi.target')} {a.higherIsBetter ? '≥' : '≤'} {formatPercent(a.target, 0)}
              </div>
            </div>
          </section>
        );
      })}
    </div>
  );
}
