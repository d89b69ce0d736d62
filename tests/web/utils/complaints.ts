import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { choose } from './browser.js';

/**
 * The complaint pages' steps shared by the browser journeys (complaints.test.ts, complaint-journey.test.ts),
 * driven as the people do: the agent's feedback form with the case's fields, the handler's dialogs.
 */

/** The case's state as the complaint page shows it. */
export const complaintStatus = (page: Page) => page.getByTestId('complaint-status').getAttribute('data-status');

/**
 * Fills the agent's feedback form, complaint flagged and the case's fields open, with a complaint
 * about 上海分行's counter service (JR/T 0169: A0101 营业现场, B03 银行卡, C01 服务态度); the
 * marker goes into the text and the customer's request so a test finds its own case.
 */
export async function fillComplaint(page: Page, marker: string, customerRef = 'C20061'): Promise<void> {
  await choose(page, page.getByLabel('业务类别', { exact: true }), '电子银行');
  await choose(page, page.getByLabel('涉及机构'), '上海分行');
  await page.getByLabel('客户标识').fill(customerRef);
  await page.getByLabel('反馈内容').fill(`${marker} 客户在营业厅办理挂失时被要求重复排队，投诉网点服务。`);
  await choose(page, page.getByLabel('投诉渠道（A）', { exact: true }), '营业现场');
  await choose(page, page.getByLabel('业务类型（B）', { exact: true }), '银行卡');
  await choose(page, page.getByLabel('投诉原因（C）', { exact: true }), '服务态度');
  await page.getByLabel('客户诉求', { exact: true }).fill(`${marker} 要求网点说明原因并致歉`);
}

/** On the case page: 指定处理人 with the dialog's default (the branch manager themself); the case goes HANDLING. */
export async function assignToSelf(page: Page): Promise<void> {
  await page.getByRole('button', { name: '指定处理人' }).click();
  await page.getByRole('dialog').getByTestId('assign-form').waitFor();
  await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  await expect.poll(() => complaintStatus(page), { timeout: 5000 }).toBe('HANDLING');
}

/**
 * On the case page: 作出处理决定 with the decision letter's fields; every remedy is offered by
 * default and 仲裁 is taken off, so REVIEW, MEDIATION and LITIGATION are told. The case goes DECIDED.
 */
export async function decide(page: Page): Promise<void> {
  await page.getByRole('button', { name: '作出处理决定' }).click();
  const dialog = page.getByRole('dialog');
  const form = dialog.getByTestId('decide-form');
  await form.getByLabel('核实情况').fill('经调阅监控，网点当日叫号系统故障导致客户重复排队。');
  await form.getByLabel('处理依据及理由').fill('依据网点服务规范，网点应在系统故障时人工引导；已对当班人员进行辅导。');
  for (const r of ['申请核实', '调解', '仲裁', '诉讼']) expect(await form.getByLabel(r).isChecked()).toBe(true);
  await form.getByLabel('仲裁').uncheck();
  await dialog.getByRole('button', { name: '告知客户处理决定' }).click();
  await expect.poll(() => complaintStatus(page), { timeout: 5000 }).toBe('DECIDED');
}
