import { graphql } from '../../gql/index.js';

/** The KPIs of a period (the dashboard's, a month's report), each against its target. */
export const KPI_TILES_FRAGMENT = graphql(`
  fragment KpiTiles_Kpis on Kpis {
    contacts
    assessments {
      kpi
      value
      target
      meetsTarget
      higherIsBetter
    }
  }
`);

/** Callback (回访) reach rate, satisfaction and partly satisfied over a period and scope (the dashboard's, a month's report). */
export const CALLBACK_KPIS_FRAGMENT = graphql(`
  fragment CallbackKpis_Kpis on CallbackKpis {
    closed
    reached
    unreachable
    satisfied
    partly
    notSatisfied
    reachRate
    satisfactionRate
    partlySatisfiedRate
  }
`);
