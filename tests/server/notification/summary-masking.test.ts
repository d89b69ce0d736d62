import { describe, it, expect } from 'vitest';
import { NOTIFICATION_KINDS } from '../../../server/src/notification/notification.table.js';
import { alertText, digestSummary, praiseText, PRAISE_QUOTE_MAX, summaryOf } from '../../../server/src/notification/notification.rules.js';
import { formatLocal } from '../../../server/src/core/calendar.rules.js';
import { maskPersonalData } from '../../../server/src/core/mask.rules.js';

/**
 * The inbox line is masked for viewers without the right to see personal data, because the staff
 * text it quotes (an action's title, a note) may hold a customer's number. The hub's own parts of
 * the line (a problem code, a due date and time, counts) must never read as one: a branch
 * manager's 新的整改任务「…」（VOC-2026-00065），2026-12-18 07:15 前完成 was masked as a card number
 * at some minutes of the day, because the code's and the date's digits chain across the brackets
 * and the comma into 21 digits, 16–19 of which pass Luhn at some minutes. So every kind's line is
 * composed at every minute of two days, for problem codes across the year's range, and masking
 * must leave it as it is.
 */
const MINUTE = 60_000;
const START = Date.UTC(2026, 11, 17, 16, 0); // 2026-12-18 00:00 in bank time (UTC+8)
const CODES = ['VOC-2026-00001', 'VOC-2026-00065', 'VOC-2026-01234', 'VOC-2026-99999', 'VOC-2027-40917'];

function* linesAt(due: string, code: string): Generator<[string, string]> {
  for (const kind of NOTIFICATION_KINDS) {
    const line = summaryOf(kind, {
      problemCode: code,
      actionTitle: '更换自助机读卡器',
      due,
      status: 'CONSULTING',
      actorName: '王芳',
      decision: 'GRANTED',
      note: `应于 ${due} 前完成`,
      complaintId: 'cmp_01KC2V9R3Q8ZJ4M7T6W5X0Y1AB',
      eventType: 'ACTION_ASSIGNED',
    });
    yield [kind, line];
  }
}

describe('the hub’s own words in an inbox line are never masked as personal data', () => {
  it('every kind, every minute of two days, problem codes across the range', () => {
    const altered: string[] = [];
    for (let t = START; t < START + 2 * 24 * 60 * MINUTE; t += MINUTE) {
      const due = formatLocal(t);
      for (const code of CODES)
        for (const [kind, line] of linesAt(due, code)) if (maskPersonalData(line) !== line) altered.push(`${kind}: ${line}`);
    }
    expect(altered.slice(0, 5)).toEqual([]);
  });

  it('alert lines and the digest, with large counts', () => {
    const lines = [alertText(123456, 9876543, 72, '北京分行朝阳支行', '信用卡'), digestSummary(20261218, 715, 99999) ?? ''];
    expect(lines.filter((line) => maskPersonalData(line) !== line)).toEqual([]);
  });

  it('a customer’s number in an action’s title is still masked in the line', () => {
    const line = summaryOf('ACTION_ASSIGNED', {
      problemCode: 'VOC-2026-00065',
      actionTitle: '回电客户 13812345678',
      due: '2026-12-18 07:15',
      status: null,
      actorName: null,
      decision: null,
    });
    expect(maskPersonalData(line)).not.toContain('13812345678');
    expect(maskPersonalData(line)).toContain('VOC-2026-00065');
    expect(maskPersonalData(line)).toContain('2026-12-18 07:15');
  });
});

describe('a praise line quotes the customer without leaving part of a number behind', () => {
  it('a cut inside a number drops the number’s visible start', () => {
    const words =
      '网点的大堂经理很热情地帮我办理了业务，还耐心解释了每一项费用，排队的时候还给老人倒水，环境也很整洁，我非常满意，希望银行表扬这位经理，请联系我';
    // The quote keeps 1 to 10 of the mobile's 11 digits before the cut: none may show.
    for (let cut = 1; cut <= 10; cut++) {
      const text = `${words.slice(0, PRAISE_QUOTE_MAX - cut)}13812345678谢谢`;
      const line = praiseText('北京分行', text);
      expect(line).not.toMatch(/\d/);
      expect(line.endsWith('…」')).toBe(true);
    }
  });

  it('a short praise is quoted whole, and masked on reading', () => {
    const line = praiseText('北京分行', '柜员服务好，电话 138 1234 5678');
    expect(line).toBe('客户赞扬了北京分行：「柜员服务好，电话 138 1234 5678」');
    expect(maskPersonalData(line)).toBe('客户赞扬了北京分行：「柜员服务好，电话 138****5678」');
  });
});
