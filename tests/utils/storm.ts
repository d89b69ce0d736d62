/**
 * An outage storm as agents write it down (issue #15): hundreds of customers reporting one failure
 * at one branch in one category, each report in the words of its agent — an opener, one of a few
 * ways to say the failure, a detail, a closer — so that the 3-in-3 rule sees paraphrases, not copies.
 * Shared by the tests of the rule's cost and the storm benchmark.
 */
const OPENERS = ['客户来电反映：', '客户致电表示，', '客户到网点投诉称', '客户在手机银行意见反馈中提交：', '客户表示', ''];
const FAILURES = [
  '手机银行转账失败，提示系统繁忙',
  '手机银行转账一直失败，提示系统繁忙，请稍后再试',
  '用手机银行转账失败，页面提示系统繁忙',
  '手机银行转账总是失败，一直提示系统繁忙',
];
const DETAILS = ['', '，已经试了半个小时', '，急着付房租', '，换了网络也不行', '，重新登录也一样', '，柜台说系统在排查'];
const CLOSERS = ['希望银行尽快解决。', '客户情绪较为激动，要求回电。', '请相关部门核实处理。', '客户要求给予解释。', ''];

/** The storm's i-th report (i ≥ 0). */
export function stormText(i: number): string {
  return `${OPENERS[i % OPENERS.length]}${FAILURES[(i >> 1) % FAILURES.length]}${DETAILS[(i >> 2) % DETAILS.length]}。${CLOSERS[(i >> 3) % CLOSERS.length]}`;
}

/** Everyday reports about varied things: a control workload with nothing to alert about. */
const TOPICS = [
  '信用卡被扣了年费，办卡时说免年费',
  'ATM机吞卡，要等三个工作日才能取回',
  '网点排队时间太长，只开了两个窗口',
  '短信验证码收不到，无法完成支付',
  '理财产品收益低于预期，销售时没有提示风险',
  '房贷提前还款要预约两个月',
  '工资卡被无故冻结，没有收到通知',
  '外币兑换的汇率比别家高',
  '网点门口没有停车位，老人办业务很不方便',
  '社保卡激活时提示证件信息不符',
  '贵金属回购价格不透明，与宣传不一致',
];

/** The control workload's i-th report. */
export function controlText(i: number): string {
  return `${OPENERS[i % OPENERS.length]}${TOPICS[i % TOPICS.length]}，编号${i}。${CLOSERS[(i >> 1) % CLOSERS.length]}`;
}
