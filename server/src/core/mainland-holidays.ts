/**
 * The default working calendar: mainland China's public holidays and make-up working days (调休),
 * as configuration data. HOLIDAYS and MAKEUP_WORKDAYS replace these lists (core/env.ts).
 *
 * 2026: the State Council's notice of 2025-11-04 (国办发明电〔2025〕7号).
 * 2027: provisional until the State Council publishes the year's arrangement (usually in November):
 * only the statutory holidays that fall on a weekday (全国年节及纪念日放假办法, 2024 revision), which
 * no arrangement makes working days; the bridge days and make-up Saturdays are not known yet. Set
 * HOLIDAYS and MAKEUP_WORKDAYS from the notice once it is out.
 */
export const MAINLAND_HOLIDAYS = [
  // 2026
  '2026-01-01..2026-01-03', // 元旦
  '2026-02-15..2026-02-23', // 春节
  '2026-04-04..2026-04-06', // 清明节
  '2026-05-01..2026-05-05', // 劳动节
  '2026-06-19..2026-06-21', // 端午节
  '2026-09-25..2026-09-27', // 中秋节
  '2026-10-01..2026-10-07', // 国庆节
  // 2027 (provisional, see above)
  '2027-01-01', // 元旦 (Friday)
  '2027-02-05', // 春节: 除夕 (Friday)
  '2027-02-08', // 春节: 初三 (Monday)
  '2027-04-05', // 清明节 (Monday)
  '2027-06-09', // 端午节 (Wednesday)
  '2027-09-15', // 中秋节 (Wednesday)
  '2027-10-01', // 国庆节 (Friday)
].join(',');

/** Weekend days worked in exchange for longer holidays (调休上班). */
export const MAINLAND_MAKEUP_WORKDAYS = [
  // 2026
  '2026-01-04',
  '2026-02-14',
  '2026-02-28',
  '2026-05-09',
  '2026-09-20',
  '2026-10-10',
].join(',');

/** The last year the default calendar is confirmed for; later years count weekends only, plus the provisional list. */
export const CONFIRMED_THROUGH_YEAR = 2026;
