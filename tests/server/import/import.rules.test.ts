import { describe, it, expect } from 'vitest';
import { checkFileName, FILE_NAME_MAX } from '../../../server/src/import/import.rules.js';

describe('checkFileName (issue 24, item 13)', () => {
  const kept: [string, string][] = [
    ['daily.csv', 'daily.csv'],
    ['  客户之声 2026年3月 (导出) v2.xlsx ', '客户之声 2026年3月 (导出) v2.xlsx'],
    ["O'Brien & co. [final] #2.csv", "O'Brien & co. [final] #2.csv"],
    ['.hidden.csv', '.hidden.csv'],
    ['x'.repeat(FILE_NAME_MAX), 'x'.repeat(FILE_NAME_MAX)],
  ];
  it.each(kept)('keeps %j', (raw, name) => {
    expect(checkFileName(raw)).toEqual({ ok: true, name });
  });

  const refused: string[] = [
    '',
    '   ',
    'a\r\nb.csv',
    'a\nb.csv',
    'a\u0000.csv',
    'a\u007f.csv',
    'a\u0085.csv',
    '<script>alert(1)</script>.csv',
    'a"b.csv',
    '../../etc/passwd',
    '..\\..\\boot.ini',
    'dir/file.csv',
    'C:file.csv',
    'what?.csv',
    'star*.csv',
    'pipe|.csv',
    'invoice\u202Egpj.exe',
    'a\u2066b.csv',
    '.',
    '..',
    'x'.repeat(FILE_NAME_MAX + 1),
  ];
  it.each(refused.map((r) => [JSON.stringify(r), r]))('refuses %s', (_label, raw) => {
    const result = checkFileName(raw);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(/^fileName /);
  });
});
