import { describe, it, expect } from 'vitest';
import {
  computeKpis,
  assessKpis,
  addCounters,
  zeroCounters,
  rate,
  KPI_NAMES,
  type KpiCounters,
  type KpiValues,
} from '../../../server/src/kpi/kpi.rules.js';

const counters = (c: Partial<KpiCounters>): KpiCounters => ({ ...zeroCounters(), ...c });
const targets = {
  SERVICE_LEVEL: 0.8,
  ANSWER_RATE: 0.9,
  RESPONSE_RATE: 0.9,
  SATISFACTION_RATE: 0.85,
  TRANSFER_RATE: 0.1,
  WORK_ORDER_RATE: 0.15,
  COMPLAINT_RATE: 0.01,
  REPEAT_CONTACT_RATE: 0.15,
};

describe('rate', () => {
  it.each([
    [1, 2, 0.5],
    [0, 5, 0],
    [3, 3, 1],
    [0, 0, null],
    [4, 0, null],
  ])('%i ÷ %i = %s (null without a denominator, never NaN)', (n, d, expected) => {
    expect(rate(n, d)).toBe(expected);
  });
});

describe('computeKpis', () => {
  const nulls: KpiValues = {
    contacts: 0,
    serviceLevel: null,
    answerRate: null,
    responseRate: null,
    satisfactionRate: null,
    transferRate: null,
    workOrderRate: null,
    complaintRate: null,
    repeatContactRate: null,
  };
  it.each<[string, Partial<KpiCounters>, KpiValues]>([
    ['no records: every rate null, not 0 or NaN', {}, nulls],
    [
      'one unanswered call: answer rate and service level 0, the rates over answered null',
      { offered: 1 },
      { ...nulls, contacts: 1, serviceLevel: 0, answerRate: 0 },
    ],
    [
      'one answered call within 25 s, rated 5, same customer not seen before',
      { offered: 1, answered: 1, answeredWithinThreshold: 1, rated: 1, satisfied: 1, identified: 1 },
      {
        ...nulls,
        contacts: 1,
        serviceLevel: 1,
        answerRate: 1,
        satisfactionRate: 1,
        transferRate: 0,
        workOrderRate: 0,
        complaintRate: 0,
        repeatContactRate: 0,
      },
    ],
    [
      // 10 offered, 8 answered, 6 of them within 25 s; 4 sessions record a first response, 3 within
      // 30 s; 5 rated, 4 of them 4 or 5; of the answered 2 transferred, 1 work order, 1 complaint;
      // 6 carry a customer reference, 3 of them repeats.
      'a mixed set',
      {
        offered: 10,
        answered: 8,
        answeredWithinThreshold: 6,
        responded: 4,
        respondedWithinThreshold: 3,
        rated: 5,
        satisfied: 4,
        transferred: 2,
        workOrders: 1,
        complaints: 1,
        identified: 6,
        repeats: 3,
      },
      {
        contacts: 10,
        serviceLevel: 0.6,
        answerRate: 0.8,
        responseRate: 0.75,
        satisfactionRate: 0.8,
        transferRate: 0.25,
        workOrderRate: 0.125,
        complaintRate: 0.125,
        repeatContactRate: 0.5,
      },
    ],
  ])('%s', (_name, c, expected) => {
    expect(computeKpis(counters(c))).toEqual(expected);
  });
});

describe('addCounters', () => {
  it('sums every counter, so that the KPIs of a sum are the KPIs of the union', () => {
    const a = counters({ offered: 3, answered: 2, answeredWithinThreshold: 1, repeats: 1, identified: 2 });
    const b = counters({ offered: 1, answered: 1, answeredWithinThreshold: 1, identified: 1 });
    expect(addCounters(a, b)).toEqual(counters({ offered: 4, answered: 3, answeredWithinThreshold: 2, repeats: 1, identified: 3 }));
    expect(computeKpis(a).serviceLevel).toBe(0.5);
  });
});

describe('assessKpis', () => {
  it('judges "high" KPIs against a floor and "low" ones against a ceiling, both inclusive; no value, no verdict', () => {
    const values: KpiValues = {
      contacts: 100,
      serviceLevel: 0.8, // exactly the floor: meets
      answerRate: 0.89, // below the floor
      responseRate: null, // nothing to judge
      satisfactionRate: 0.9,
      transferRate: 0.1, // exactly the ceiling: meets
      workOrderRate: 0.2, // above the ceiling
      complaintRate: 0,
      repeatContactRate: 0.16,
    };
    const byKpi = Object.fromEntries(assessKpis(values, targets).map((a) => [a.kpi, a]));
    expect(Object.keys(byKpi)).toEqual([...KPI_NAMES]);
    expect(Object.fromEntries(Object.entries(byKpi).map(([k, a]) => [k, a.meetsTarget]))).toEqual({
      SERVICE_LEVEL: true,
      ANSWER_RATE: false,
      RESPONSE_RATE: null,
      SATISFACTION_RATE: true,
      TRANSFER_RATE: true,
      WORK_ORDER_RATE: false,
      COMPLAINT_RATE: true,
      REPEAT_CONTACT_RATE: false,
    });
    expect(byKpi.TRANSFER_RATE).toMatchObject({ value: 0.1, target: 0.1, higherIsBetter: false });
    expect(byKpi.SERVICE_LEVEL).toMatchObject({ higherIsBetter: true, target: 0.8 });
  });
});
