import { registerEnumType } from 'type-graphql';
import { enumOf } from '../core/enum.js';
import { KPI_NAMES } from './kpi.rules.js';

export const KpiName = enumOf(KPI_NAMES);
registerEnumType(KpiName, { name: 'KpiName', description: 'The contact-center KPIs: 三高三低 and the repeat-contact rate.' });
