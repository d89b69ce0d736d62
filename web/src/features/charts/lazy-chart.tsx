import { lazy, Suspense } from 'react';
import { useI18n } from '../../lib/i18n.js';
import type { EChartProps } from './echart.js';

const EChart = lazy(async () => ({ default: (await import('./echart.js')).EChart }));

/** A chart whose ECharts code loads only when a chart is drawn, after the page's first paint. */
export function Chart(props: Omit<EChartProps, 'lang'>) {
  const { lang } = useI18n();
  return (
    <Suspense fallback={<div className="hub-chart-placeholder" style={{ height: props.height }} aria-hidden />}>
      <EChart {...props} lang={lang} />
    </Suspense>
  );
}
