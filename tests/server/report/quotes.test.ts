import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startBank, type Bank } from './bank.fixture.js';

/** Representative quotes: the item typical of its group, not the newest, never one carrying personal data. */
const cst = (s: string) => new Date(Date.parse(`${s.replace(' ', 'T')}+08:00`));
let bank: Bank;

beforeAll(async () => {
  bank = await startBank(cst('2026-11-28 10:00'));
  const { services: s, as, branch, category } = bank;
  const record = (text: string, at: string, branchId = branch['SH-PD'], kind: 'SUGGESTION' | 'PRAISE' = 'SUGGESTION') =>
    s.feedback.record(as.analyst!, { kind, channel: 'VOICE', categoryId: category.DEPOSIT, branchId, text, receivedAt: cst(at) });
  await record('理财产品赎回到账太慢', '2026-10-02 10:00');
  await record('信用卡还款提醒短信没有收到', '2026-10-08 10:00');
  await record('客户反映信用卡还款提醒短信没有收到，产生滞纳金', '2026-10-14 10:00');
  await record('信用卡还款短信提醒没有收到', '2026-10-20 10:00');
  await record('信用卡还款提醒短信没有收到 13812345678', '2026-10-26 10:00');
  await record('建议网点延长营业时间', '2026-10-27 10:00', branch.BJ);
  await record('建议网点延长周末营业时间', '2026-10-28 10:00', branch.BJ);
  await record('客户表扬柜员耐心', '2026-10-29 10:00', branch.GZ, 'PRAISE');
});
afterAll(async () => bank.hub.stop());

describe('representative quotes', () => {
  it('pick the item typical of its kind and category across the month', async () => {
    const r = await bank.services.reports.vocReport(bank.as.coordinator!, '2026-10');
    const suggestion = r.quoteGroups.find((g) => g.kind === 'SUGGESTION')!;
    expect(suggestion).toMatchObject({ categoryId: bank.category.DEPOSIT, size: 7 });
    expect(suggestion.quote.text).toBe('信用卡还款提醒短信没有收到');
    expect(r.quoteGroups.find((g) => g.kind === 'PRAISE')?.quote.text).toBe('客户表扬柜员耐心');
    expect(r.quoteGroups.some((g) => g.kind === 'PROBLEM')).toBe(false);
    expect(r.quotes.map((q) => q.id)).toEqual(r.quoteGroups.map((g) => g.quote.id));
  });

  it('come from the viewer’s branches only', async () => {
    const r = await bank.services.reports.vocReport(bank.as['bm.bj']!, '2026-10');
    expect(r.quoteGroups.map((g) => [g.kind, g.size, g.quote.branchId])).toEqual([['SUGGESTION', 2, bank.branch.BJ]]);
    expect(r.quoteGroups[0]!.quote.text).toMatch(/^建议网点延长/);
  });
});
