// What other features may use of the dashboard: the KPI tiles and the callback KPIs, which the monthly report shows too.
export { KpiTiles } from './kpi-tiles.js';
export { CallbackKpis } from './callback-kpis.js';
