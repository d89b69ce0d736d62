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

/** Callback (回访) reach rate and satisfaction over the dashboard's period and scope. */
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
  }
`);
