/** kpi: the contact center's KPIs ("three highs, three lows") and contact records. */
export const kpiModule = { name: 'kpi' };
