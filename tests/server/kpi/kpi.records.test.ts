import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startBank, type Bank } from '../report/bank.fixture.js';
import { ReportService } from '../../../server/src/report/report.service.js';
import { KpiService, type ContactFields } from '../../../server/src/kpi/kpi.service.js';
import { callbackKpisOf } from '../../../server/src/callback/index.js';
import { complaintLeagueFacts } from '../../../server/src/complaint/index.js';
import type { HubDeps } from '../../../server/src/core/hub.js';
import { loadEnv } from '../../../server/src/core/env.js';
import type { KpiValues } from '../../../server/src/kpi/kpi.rules.js';

/**
 * The KPIs over known contact records, recorded through the service (so through the rollups), for
 * ranges that hit every way of reading them: whole months, whole days, partial days, branches.
 */
const cst = (s: string) => new Date(Date.parse(`${s.replace(' ', 'T')}+08:00`));
let bank: Bank;

const contact = (at: string, channel: ContactFields['channel'], fields: Partial<ContactFields>): ContactFields => ({
  channel,
  offeredAt: cst(at),
  answered: true,
  waitSeconds: 0,
  transferred: false,
  workOrder: false,
  complaint: false,
  ...fields,
});

beforeAll(async () => {
  bank = await startBank(cst('2026-11-28 10:00'));
  const { branch } = bank;
  await bank.services.kpis.recordContacts(bank.as.analyst!, [
    // r1..r5 on 5 October
    contact('2026-10-05 10:00', 'VOICE', { branchId: branch['SH-PD'], waitSeconds: 10, satisfaction: 5, customerRef: 'C1' }),
    contact('2026-10-05 11:00', 'VOICE', { branchId: branch.SH, waitSeconds: 25, transferred: true, satisfaction: 4, customerRef: 'C2' }),
    contact('2026-10-05 12:00', 'VOICE', {
      branchId: branch.BJ,
      waitSeconds: 26,
      workOrder: true,
      complaint: true,
      satisfaction: 2,
      customerRef: 'C1',
    }),
    contact('2026-10-05 13:00', 'ONLINE', { waitSeconds: 3, firstResponseSeconds: 30, satisfaction: 3 }),
    contact('2026-10-05 14:00', 'ONLINE', { waitSeconds: 40, firstResponseSeconds: 31, customerRef: 'C3' }),
    // r6: C2 exactly 7 days after r2 — a repeat; r7 unanswered; r8: C1 8 days after r3 — not a repeat
    contact('2026-10-12 11:00', 'WECHAT', { answered: false, waitSeconds: 60, customerRef: 'C2' }),
    contact('2026-10-12 12:00', 'VOICE', { answered: false, waitSeconds: 5, customerRef: 'C4' }),
  ]);
  await bank.services.kpis.recordContacts(bank.as.analyst!, [
    {
      ...contact('2026-10-13 12:00', 'VOICE', { waitSeconds: 20, customerRef: 'C1' }),
      offeredAt: new Date(cst('2026-10-13 12:00').getTime() + 1000),
    },
  ]);
});
afterAll(async () => bank.hub.stop());

const kpis = async (from: Date | null, to: Date | null, viewer = bank.as.coordinator!, branchId: string | null = null) =>
  (await bank.services.reports.dashboard(viewer, { from, to, branchId })).kpis;
const values = (k: KpiValues) => ({
  contacts: k.contacts,
  serviceLevel: k.serviceLevel,
  answerRate: k.answerRate,
  responseRate: k.responseRate,
  satisfactionRate: k.satisfactionRate,
  transferRate: k.transferRate,
  workOrderRate: k.workOrderRate,
  complaintRate: k.complaintRate,
  repeatContactRate: k.repeatContactRate,
});

describe('KPIs over known contact records', () => {
  it('one whole day (5 October): by hand', async () => {
    // 5 offered, all answered; within 25 s: r1 (10), r2 (25, the threshold counts), r4 (3); first
    // responses r4 (30, counts) and r5 (31); ratings 5, 4, 2, 3; one transfer, one work order, one
    // complaint; customers on r1, r2, r3, r5, and r3 repeats r1.
    expect(values(await kpis(cst('2026-10-05 00:00'), cst('2026-10-06 00:00')))).toEqual({
      contacts: 5,
      serviceLevel: 0.6,
      answerRate: 1,
      responseRate: 0.5,
      satisfactionRate: 0.5,
      transferRate: 0.2,
      workOrderRate: 0.2,
      complaintRate: 0.2,
      repeatContactRate: 0.25,
    });
  });

  it('everything, and the whole month of October: the same eight records', async () => {
    const expected = {
      contacts: 8,
      serviceLevel: 0.5, // r1, r2, r4, r8 of 8
      answerRate: 0.75, // 6 of 8
      responseRate: 0.5,
      satisfactionRate: 0.5,
      transferRate: 1 / 6,
      workOrderRate: 1 / 6,
      complaintRate: 1 / 6,
      repeatContactRate: 2 / 7, // r3 and r6 of the 7 with a customer
    };
    expect(values(await kpis(null, null))).toEqual(expected);
    expect(values(await kpis(cst('2026-10-01 00:00'), cst('2026-11-01 00:00')))).toEqual(expected);
    expect((await kpis(null, null)).counters).toMatchObject({
      offered: 8,
      answered: 6,
      answeredWithinThreshold: 4,
      identified: 7,
      repeats: 2,
    });
  });

  it('part of a day (read from the records themselves)', async () => {
    expect(values(await kpis(cst('2026-10-05 10:30'), cst('2026-10-05 11:30')))).toEqual({
      contacts: 1,
      serviceLevel: 1,
      answerRate: 1,
      responseRate: null,
      satisfactionRate: 1,
      transferRate: 1,
      workOrderRate: 0,
      complaintRate: 0,
      repeatContactRate: 0,
    });
  });

  it('ragged ends across a month boundary', async () => {
    // r1..r6: 6 offered, 5 answered, 3 within 25 s; r3 and r6 repeat, of r1, r2, r3, r5, r6.
    const k = await kpis(cst('2026-09-30 20:00'), cst('2026-10-12 11:30'));
    expect([k.contacts, k.serviceLevel, k.answerRate, k.repeatContactRate]).toEqual([6, 0.5, 5 / 6, 0.4]);
  });

  it('an empty range: every rate null, never 0 or NaN', async () => {
    const k = await kpis(cst('2026-11-01 00:00'), cst('2026-11-02 00:00'));
    expect(values(k)).toEqual({
      contacts: 0,
      serviceLevel: null,
      answerRate: null,
      responseRate: null,
      satisfactionRate: null,
      transferRate: null,
      workOrderRate: null,
      complaintRate: null,
      repeatContactRate: null,
    });
    expect(k.assessments.map((a) => a.meetsTarget)).toEqual(Array(8).fill(null));
  });

  it('one single unanswered record', async () => {
    await bank.services.kpis.recordContacts(bank.as.analyst!, [contact('2026-11-10 09:00', 'VOICE', { answered: false, waitSeconds: 30 })]);
    expect(values(await kpis(cst('2026-11-10 00:00'), cst('2026-11-11 00:00')))).toEqual({
      contacts: 1,
      serviceLevel: 0,
      answerRate: 0,
      responseRate: null,
      satisfactionRate: null,
      transferRate: null,
      workOrderRate: null,
      complaintRate: null,
      repeatContactRate: null,
    });
  });

  it('a branch manager sees their subtree only; a branch filter cuts to one subtree', async () => {
    // bm.sh: r1 (SH-PD) and r2 (SH).
    expect(values(await kpis(cst('2026-10-05 00:00'), cst('2026-10-06 00:00'), bank.as['bm.sh']!))).toMatchObject({
      contacts: 2,
      serviceLevel: 1,
      satisfactionRate: 1,
      transferRate: 0.5,
      repeatContactRate: 0,
    });
    // The coordinator asking for BJ: r3 alone, a repeat of r1 at another branch.
    expect(values(await kpis(cst('2026-10-05 00:00'), cst('2026-10-06 00:00'), bank.as.coordinator!, bank.branch.BJ))).toMatchObject({
      contacts: 1,
      serviceLevel: 0,
      complaintRate: 1,
      repeatContactRate: 1,
    });
  });

  it('a contact dated before existing ones makes them repeats, in the same write', async () => {
    await bank.services.kpis.recordContacts(bank.as.analyst!, [
      contact('2026-10-04 12:00', 'ONLINE', { waitSeconds: 1, customerRef: 'C3' }),
    ]);
    // r5 (C3, 5 October 14:00) is now a repeat: 2 of 4 on that day.
    expect((await kpis(cst('2026-10-05 00:00'), cst('2026-10-06 00:00'))).repeatContactRate).toBe(0.5);
    expect((await kpis(cst('2026-10-04 00:00'), cst('2026-10-05 00:00'))).repeatContactRate).toBe(0);
    // Two contacts of one customer at the same instant in one batch: the later-stored one repeats.
    await bank.services.kpis.recordContacts(bank.as.analyst!, [
      contact('2026-10-20 09:00', 'VOICE', { customerRef: 'C6' }),
      contact('2026-10-20 09:00', 'VOICE', { customerRef: 'C6' }),
      contact('2026-10-19 09:00', 'VOICE', { customerRef: 'C7' }),
      contact('2026-10-18 09:00', 'VOICE', { customerRef: 'C7' }),
    ]);
    expect((await kpis(cst('2026-10-20 00:00'), cst('2026-10-21 00:00'))).repeatContactRate).toBe(0.5);
    expect((await kpis(cst('2026-10-18 00:00'), cst('2026-10-20 00:00'))).counters).toMatchObject({ identified: 2, repeats: 1 });
  });

  it('thresholds, window and targets are configuration; a change rebuilds the rollups at start', async () => {
    const env = {
      ...bank.hub.deps.env,
      KPI_SERVICE_LEVEL_SECONDS: 10,
      KPI_RESPONSE_SECONDS: 31,
      KPI_REPEAT_WINDOW_DAYS: 1,
      KPI_TARGET_SERVICE_LEVEL: 0.35,
    };
    const reportOn = (d: HubDeps) => new ReportService(d, new KpiService(d, (q) => callbackKpisOf(d.store.read, q)), complaintLeagueFacts);
    const changed = reportOn({ ...bank.hub.deps, env });
    const day = async (s: ReportService) =>
      (await s.dashboard(bank.as.coordinator!, { from: cst('2026-10-05 00:00'), to: cst('2026-10-06 00:00') })).kpis;
    const k = await day(changed);
    // Within 10 s: r1 (10) and r4 (3); first response within 31 s: r4 and r5; within one day r3
    // still repeats r1 (2 hours before) and r5 repeats the contact of 4 October (26 hours) no more.
    expect([k.serviceLevel, k.responseRate, k.repeatContactRate, k.serviceLevelSeconds, k.responseSeconds, k.repeatWindowDays]).toEqual([
      0.4, 1, 0.25, 10, 31, 1,
    ]);
    expect(k.assessments.find((a) => a.kpi === 'SERVICE_LEVEL')).toMatchObject({ value: 0.4, target: 0.35, meetsTarget: true });
    // Back to the defaults: rebuilt again.
    const back = await day(reportOn(bank.hub.deps));
    expect([back.serviceLevel, back.responseRate, back.repeatContactRate]).toEqual([0.6, 0.5, 0.5]);
    expect(back.assessments.find((a) => a.kpi === 'SERVICE_LEVEL')).toMatchObject({ target: 0.8, meetsTarget: false });
  });

  it('reads the configuration from the environment, refusing nonsense', () => {
    const env = loadEnv({ KPI_SERVICE_LEVEL_SECONDS: '20', KPI_TARGET_COMPLAINT_RATE: '0.02' } as NodeJS.ProcessEnv);
    expect([env.KPI_SERVICE_LEVEL_SECONDS, env.KPI_RESPONSE_SECONDS, env.KPI_REPEAT_WINDOW_DAYS, env.KPI_TARGET_COMPLAINT_RATE]).toEqual([
      20, 30, 7, 0.02,
    ]);
    expect(() => loadEnv({ KPI_TARGET_SERVICE_LEVEL: '80' } as NodeJS.ProcessEnv)).toThrow(/KPI_TARGET_SERVICE_LEVEL/);
    expect(() => loadEnv({ KPI_SERVICE_LEVEL_SECONDS: '2.5' } as NodeJS.ProcessEnv)).toThrow(/KPI_SERVICE_LEVEL_SECONDS/);
  });
});
