import { describe, it, expect } from 'vitest';
import { planRange, monthRange, monthOf, dayOf, dayStart, daysBetween, type RangePlan } from '../../../server/src/core/period.rules.js';
import {
  actionOutcome,
  median,
  percentile,
  mostTypical,
  reportingUnit,
  changedFigures,
  toSnapshotJson,
  fromSnapshotJson,
} from '../../../server/src/report/report.rules.js';

/** An instant given as Beijing wall time. */
const cst = (s: string) => Date.parse(`${s.replace(' ', 'T')}+08:00`);

describe('days and months in China Standard Time', () => {
  it('puts an instant in the local day and month', () => {
    expect(dayOf(Date.parse('2026-10-31T15:59:59.999Z'))).toBe('2026-10-31');
    expect(dayOf(Date.parse('2026-10-31T16:00:00Z'))).toBe('2026-11-01');
    expect(monthOf(new Date('2026-10-31T16:00:00Z'))).toBe('2026-11');
    expect(monthOf(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01');
    expect(dayStart('2026-11-01')).toBe(Date.parse('2026-10-31T16:00:00Z'));
  });

  it.each([
    ['2026-11', '2026-10-31T16:00:00.000Z', '2026-11-30T16:00:00.000Z', '2026-09-30T16:00:00.000Z'],
    ['2027-01', '2026-12-31T16:00:00.000Z', '2027-01-31T16:00:00.000Z', '2026-11-30T16:00:00.000Z'],
  ])('monthRange(%s)', (month, start, end, previousStart) => {
    const r = monthRange(month)!;
    expect([r.start.toISOString(), r.end.toISOString(), r.previousStart.toISOString()]).toEqual([start, end, previousStart]);
  });

  it.each(['2026-13', '2026-1', '26-11', '2026-11-01', ''])('refuses %j as a month', (m) => expect(monthRange(m)).toBeUndefined());

  it('lists the days of a span across a month end', () => {
    expect(daysBetween('2026-02-27', '2026-03-01')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
    expect(daysBetween('2026-03-01', '2026-03-01')).toEqual(['2026-03-01']);
  });
});

describe('planRange: whole months from the monthly rollup, whole days from the daily one, the ends from rows', () => {
  const none: RangePlan = { raw: [], days: [], months: [] };
  it.each<[string, number | null, number | null, { months?: boolean }, RangePlan]>([
    ['one whole day', cst('2026-10-05 00:00'), cst('2026-10-06 00:00'), {}, { ...none, days: [['2026-10-05', '2026-10-06']] }],
    [
      'inside one day',
      cst('2026-10-05 10:30'),
      cst('2026-10-05 11:30'),
      {},
      { ...none, raw: [[cst('2026-10-05 10:30'), cst('2026-10-05 11:30')]] },
    ],
    [
      'across midnight and a month end, no whole day',
      cst('2026-10-31 23:00'),
      cst('2026-11-01 01:00'),
      {},
      { ...none, raw: [[cst('2026-10-31 23:00'), cst('2026-11-01 01:00')]] },
    ],
    [
      'ragged ends around whole days of one month',
      cst('2026-09-30 20:00'),
      cst('2026-10-12 11:30'),
      {},
      {
        raw: [
          [cst('2026-09-30 20:00'), cst('2026-10-01 00:00')],
          [cst('2026-10-12 00:00'), cst('2026-10-12 11:30')],
        ],
        days: [['2026-10-01', '2026-10-12']],
        months: [],
      },
    ],
    ['two whole months', cst('2026-09-01 00:00'), cst('2026-11-01 00:00'), {}, { ...none, months: [['2026-09', '2026-11']] }],
    [
      'a whole month across the year end',
      cst('2026-12-01 00:00'),
      cst('2027-01-01 00:00'),
      {},
      { ...none, months: [['2026-12', '2027-01']] },
    ],
    [
      'everything at once',
      cst('2026-09-15 12:00'),
      cst('2026-12-03 00:00'),
      {},
      {
        raw: [[cst('2026-09-15 12:00'), cst('2026-09-16 00:00')]],
        days: [
          ['2026-09-16', '2026-10-01'],
          ['2026-12-01', '2026-12-03'],
        ],
        months: [['2026-10', '2026-12']],
      },
    ],
    [
      'the same range for a daily series: no months',
      cst('2026-09-15 12:00'),
      cst('2026-12-03 00:00'),
      { months: false },
      { raw: [[cst('2026-09-15 12:00'), cst('2026-09-16 00:00')]], days: [['2026-09-16', '2026-12-03']], months: [] },
    ],
    ['unbounded', null, null, {}, { ...none, months: [[null, null]] }],
    [
      'open start',
      null,
      cst('2026-10-05 10:30'),
      {},
      { raw: [[cst('2026-10-05 00:00'), cst('2026-10-05 10:30')]], days: [['2026-10-01', '2026-10-05']], months: [[null, '2026-10']] },
    ],
    [
      'open end',
      cst('2026-10-05 10:30'),
      null,
      {},
      { raw: [[cst('2026-10-05 10:30'), cst('2026-10-06 00:00')]], days: [['2026-10-06', '2026-11-01']], months: [['2026-11', null]] },
    ],
    ['empty', cst('2026-10-05 10:30'), cst('2026-10-05 10:30'), {}, none],
    ['reversed', cst('2026-10-06 00:00'), cst('2026-10-05 00:00'), {}, none],
  ])('%s', (_name, from, to, options, expected) => {
    expect(planRange(from, to, options)).toEqual(expected);
  });
});

describe('actionOutcome', () => {
  const at = (n: number) => new Date(n * 1000);
  it.each([
    [10, 10, 20, 'ON_TIME'],
    [10, 11, 20, 'LATE'],
    [10, null, 11, 'OVERDUE'],
    [10, null, 10, 'PENDING'],
    [10, null, 9, 'PENDING'],
  ] as const)('due %i, confirmed %s, now %i → %s', (due, confirmed, now, expected) => {
    expect(actionOutcome({ dueAt: at(due), confirmedAt: confirmed === null ? null : at(confirmed) }, at(now))).toBe(expected);
  });
});

describe('median and percentile', () => {
  it.each<[number[], number | null]>([
    [[], null],
    [[5], 5],
    [[1, 3], 2],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
  ])('median(%j) = %s', (xs, m) => expect(median(xs)).toBe(m));

  it.each<[number[], number, number | null]>([
    [[], 90, null],
    [[7], 90, 7],
    [[1, 2, 3], 90, 3],
    [[10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 90, 9],
    [[1, 2, 3, 4], 50, 2],
    [[1, 2, 3, 4], 100, 4],
  ])('percentile(%j, %i) = %s (nearest rank)', (xs, p, v) => expect(percentile(xs, p)).toBe(v));
});

describe('mostTypical', () => {
  it('picks the text closest to the rest of its group, not the first or the last', () => {
    const texts = [
      '理财产品赎回到账太慢',
      '信用卡还款提醒短信没有收到',
      '客户反映信用卡还款提醒短信没有收到，产生滞纳金',
      '信用卡还款短信提醒没有收到',
      '手机银行登录失败',
    ];
    expect(mostTypical(texts)).toBe(1);
  });
  it('breaks ties towards the earlier text', () => {
    expect(mostTypical(['手机银行登录失败', '还款提醒短信没有收到', '还款提醒短信没有收到', '理财产品赎回太慢'])).toBe(1);
  });
  it('handles one text, no text, and texts without any bigram', () => {
    expect(mostTypical(['只有一条'])).toBe(0);
    expect(mostTypical([])).toBeUndefined();
    expect(mostTypical(['好', '！', '好'])).toBe(0);
  });
});

describe('reportingUnit', () => {
  it.each([
    ['/ho/sh/shpd/', 'ho', 'sh'],
    ['/ho/sh/shpd/', 'sh', 'shpd'],
    ['/ho/sh/shpd/o1/', 'sh', 'shpd'],
    ['/ho/sh/shpd/', 'shpd', 'shpd'],
    ['/ho/', 'ho', 'ho'],
    ['/ho/sh/', 'bj', undefined],
  ])('%s under %s counts as %s', (path, root, unit) => expect(reportingUnit(path, root)).toBe(unit));
});

describe('changedFigures', () => {
  const f = (o: Record<string, number | null>) => new Map(Object.entries(o).map(([k, v]) => [k, { label: `L${k}`, value: v }]));
  it('lists changed, added and dropped figures, nothing that stayed', () => {
    expect(changedFigures(f({ a: 1, b: 2, c: 3, n: null }), f({ a: 1, b: 5, d: 4, n: null }))).toEqual([
      { key: 'b', label: 'Lb', before: 2, after: 5 },
      { key: 'd', label: 'Ld', before: null, after: 4 },
      { key: 'c', label: 'Lc', before: 3, after: null },
    ]);
    expect(changedFigures(f({ a: 0.1 + 0.2 }), f({ a: 0.3 }))).toEqual([]);
    expect(changedFigures(f({ a: null }), f({ a: 0 }))).toEqual([{ key: 'a', label: 'La', before: null, after: 0 }]);
  });
});

describe('snapshot JSON', () => {
  it('keeps dates as dates, and everything else as it was', () => {
    const value = {
      at: new Date('2026-11-01T00:00:00Z'),
      list: [{ when: new Date(5), text: '2026-11-01T00:00:00.000Z' }],
      odd: { $date: 1, other: 2 },
      n: null,
    };
    const back = fromSnapshotJson<typeof value>(toSnapshotJson(value));
    expect(back).toEqual(value);
    expect(back.at).toBeInstanceOf(Date);
    expect(back.list[0]!.when).toBeInstanceOf(Date);
    expect(typeof back.list[0]!.text).toBe('string');
  });
});
