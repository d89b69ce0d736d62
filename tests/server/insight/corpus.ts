/**
 * A background corpus for the insight tests: 600 complaints written down the way agents do, each
 * with one of a few standard openers and closers, so that the boilerplate is as common as in real
 * feedback and weighs as little. Similarity is weighted by how rare each n-gram is among the items
 * indexed: a test that compares two texts alone would compare them in a corpus of two.
 */
const OPENERS = ['客户在手机银行意见反馈中提交：', '客户来电反映：', '客户到网点投诉称', '客户致电表示，', '客户表示', ''];
const CLOSERS = ['客户情绪较为激动，要求回电。', '希望银行尽快解决。', '请相关部门核实处理。', '客户要求给予解释。', ''];
const COMPLAINTS = [
  '手机银行转账一直提示系统繁忙',
  '信用卡被扣了年费，办卡时说免年费',
  'ATM机吞卡，要等三个工作日才能取回',
  '网点排队时间太长，只开了两个窗口',
  '客服热线一直打不通，等了半个小时',
  '短信验证码收不到，无法完成支付',
  '理财产品收益低于预期，销售时没有提示风险',
  '房贷提前还款要预约两个月',
  '工资卡被无故冻结，没有收到通知',
  '外币兑换的汇率比别家高',
];

/** A long closer some complaints end with (one in 30 items, as in the demo). */
export const COMPLAINT_CLOSER = '客户表示如不处理将向监管部门投诉。';
export const OPENER = OPENERS[0]!;
export const CLOSER = CLOSERS[0]!;

export function background(n = 600): string[] {
  return Array.from(
    { length: n },
    (_, k) =>
      `${OPENERS[k % OPENERS.length]}${COMPLAINTS[k % COMPLAINTS.length]}${k % 3 ? '' : `，金额${k * 100}元`}。${k % 30 === 7 ? COMPLAINT_CLOSER : CLOSERS[(k >> 1) % CLOSERS.length]}`,
  );
}

/**
 * The background corpus as a feedback import file (CSV): problems without a customer, of one
 * category at one branch, all received at `receivedAt` (bank time, `YYYY-MM-DD HH:mm`), to be kept
 * out of the windows a test looks at. For tests on a hub, whose weights come from every indexed item.
 */
export function backgroundCsv(receivedAt: string, category = 'SERVICE', branch = 'HO'): string {
  const quote = (f: string) => (/[",\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f);
  return [
    ['kind', 'channel', 'category', 'branch', 'receivedAt', 'text'],
    ...background().map((text) => ['PROBLEM', 'VOICE', category, branch, receivedAt, text]),
  ]
    .map((r) => r.map(quote).join(','))
    .join('\r\n');
}
