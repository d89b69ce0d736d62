// What other features may use of the dashboard: the KPI tiles, which the monthly report shows too.
export { KpiTiles } from './kpi-tiles.js';
