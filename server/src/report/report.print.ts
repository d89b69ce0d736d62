import type { VocReportData } from './voc-report.service.js';
import type { Cell, CellFormat, ReportNames, ReportTable } from './voc-report.layout.js';
import { reportTables, reportTitle } from './voc-report.layout.js';
import { LABELS } from './report.labels.js';

const CHINA_OFFSET_MS = 8 * 3_600_000;
const COLORS = { primary: '#1f5fa8', previous: '#9db7d5', praise: '#2e8b57', problem: '#c0392b', suggestion: '#d68910', line: '#444' };

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A cell as the page shows it: grouped counts, 0.0 % shares, 0.0 days, Beijing dates, — for nothing. */
export function formatCell(value: Cell, format: CellFormat): string {
  if (value === null) return '—';
  if (value instanceof Date) return new Date(value.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
  if (typeof value === 'string') return value;
  if (format === 'pct') return `${(value * 100).toFixed(1)}%`;
  if (format === 'days') return value.toFixed(1);
  return value.toLocaleString('en-US');
}

function table(t: ReportTable, limit = Infinity): string {
  const rows = t.rows.slice(0, limit);
  const numeric = (f: CellFormat) => f !== 'text' && f !== 'date';
  return `<table data-table="${t.key}"><thead><tr>${t.columns.map((c) => `<th>${esc(c.header)}</th>`).join('')}</tr></thead><tbody>${
    rows.length
      ? rows
          .map(
            (r) =>
              `<tr>${r
                .map((v, i) => {
                  const f = t.columns[i]?.format ?? 'text';
                  return `<td${numeric(f) && typeof v === 'number' ? ' class="num"' : ''}>${esc(formatCell(v, f))}</td>`;
                })
                .join('')}</tr>`,
          )
          .join('')
      : `<tr><td colspan="${t.columns.length}" class="empty">本月无</td></tr>`
  }</tbody></table>`;
}

/** Horizontal bars, one per item, with the value at the bar's end. */
function barChart(title: string, items: { label: string; value: number; color?: string }[], format: (v: number) => string): string {
  const rowH = 22;
  const labelW = 110;
  const width = 640;
  const max = Math.max(1, ...items.map((i) => i.value));
  const height = items.length * rowH + 10;
  const bars = items
    .map((item, i) => {
      const w = ((width - labelW - 70) * item.value) / max;
      const y = 5 + i * rowH;
      return `<text x="${labelW - 6}" y="${y + 15}" text-anchor="end">${esc(item.label)}</text><rect x="${labelW}" y="${y + 3}" width="${w.toFixed(
        1,
      )}" height="${rowH - 8}" fill="${item.color ?? COLORS.primary}"/><text x="${(labelW + w + 4).toFixed(1)}" y="${y + 15}">${esc(format(item.value))}</text>`;
    })
    .join('');
  return `<figure><figcaption>${esc(title)}</figcaption><svg role="img" aria-label="${esc(title)}" viewBox="0 0 ${width} ${height}" width="100%">${bars}</svg></figure>`;
}

/** Two bars per item (this month, the month before). */
function pairedBars(title: string, items: { label: string; now: number; before: number }[]): string {
  const width = 640;
  const height = 200;
  const left = 40;
  const bottom = 170;
  const max = Math.max(1, ...items.flatMap((i) => [i.now, i.before]));
  const slot = (width - left - 10) / Math.max(1, items.length);
  const barW = Math.min(28, slot / 3);
  const h = (v: number) => ((bottom - 20) * v) / max;
  const bars = items
    .map((item, i) => {
      const x = left + i * slot + slot / 2;
      return `<rect x="${(x - barW).toFixed(1)}" y="${(bottom - h(item.before)).toFixed(1)}" width="${barW.toFixed(1)}" height="${h(
        item.before,
      ).toFixed(
        1,
      )}" fill="${COLORS.previous}"/><rect x="${x.toFixed(1)}" y="${(bottom - h(item.now)).toFixed(1)}" width="${barW.toFixed(1)}" height="${h(
        item.now,
      ).toFixed(1)}" fill="${COLORS.primary}"/><text x="${(x + barW / 2).toFixed(1)}" y="${(bottom - h(item.now) - 3).toFixed(
        1,
      )}" text-anchor="middle" class="small">${item.now}</text><text x="${x.toFixed(1)}" y="${bottom + 16}" text-anchor="middle">${esc(item.label)}</text>`;
    })
    .join('');
  const legend = `<rect x="${width - 170}" y="4" width="10" height="10" fill="${COLORS.primary}"/><text x="${width - 156}" y="13" class="small">本月</text><rect x="${
    width - 110
  }" y="4" width="10" height="10" fill="${COLORS.previous}"/><text x="${width - 96}" y="13" class="small">上月</text>`;
  return `<figure><figcaption>${esc(title)}</figcaption><svg role="img" aria-label="${esc(title)}" viewBox="0 0 ${width} ${height}" width="100%"><line x1="${left}" y1="${bottom}" x2="${width - 10}" y2="${bottom}" stroke="${COLORS.line}"/>${bars}${legend}</svg></figure>`;
}

/** Bars largest first with the cumulative share as a line (0–100 % on the right). */
function paretoChart(title: string, items: { label: string; count: number; cumulative: number }[]): string {
  const width = 640;
  const height = 210;
  const left = 40;
  const right = width - 40;
  const bottom = 175;
  const top = 15;
  const max = Math.max(1, ...items.map((i) => i.count));
  const slot = (right - left) / Math.max(1, items.length);
  const points: string[] = [];
  const bars = items
    .map((item, i) => {
      const x = left + i * slot;
      const h = ((bottom - top) * item.count) / max;
      points.push(`${(x + slot / 2).toFixed(1)},${(bottom - (bottom - top) * item.cumulative).toFixed(1)}`);
      return `<rect x="${(x + slot * 0.15).toFixed(1)}" y="${(bottom - h).toFixed(1)}" width="${(slot * 0.7).toFixed(1)}" height="${h.toFixed(
        1,
      )}" fill="${COLORS.primary}"/><text x="${(x + slot / 2).toFixed(1)}" y="${bottom + 16}" text-anchor="middle">${esc(item.label)}</text>`;
    })
    .join('');
  const line = points.length
    ? `<polyline points="${points.join(' ')}" fill="none" stroke="${COLORS.problem}" stroke-width="2"/>${points
        .map((p) => `<circle cx="${p.split(',')[0]}" cy="${p.split(',')[1]}" r="3" fill="${COLORS.problem}"/>`)
        .join('')}`
    : '';
  return `<figure><figcaption>${esc(title)}</figcaption><svg role="img" aria-label="${esc(title)}" viewBox="0 0 ${width} ${height}" width="100%"><line x1="${left}" y1="${bottom}" x2="${right}" y2="${bottom}" stroke="${COLORS.line}"/><text x="${right + 4}" y="${top + 4}" class="small">100%</text><text x="${right + 4}" y="${bottom}" class="small">0%</text>${bars}${line}</svg></figure>`;
}

/** Each KPI as a bar against a tick at its target. */
function kpiChart(r: VocReportData): string {
  const rowH = 24;
  const labelW = 100;
  const width = 640;
  const scale = width - labelW - 90;
  const rows = r.kpis.assessments
    .map((a, i) => {
      const y = 4 + i * rowH;
      const w = (a.value ?? 0) * scale;
      const color = a.meetsTarget === null ? '#bbb' : a.meetsTarget ? COLORS.praise : COLORS.problem;
      return `<text x="${labelW - 6}" y="${y + 15}" text-anchor="end">${esc(LABELS.kpi[a.kpi])}</text><rect x="${labelW}" y="${y + 4}" width="${w.toFixed(
        1,
      )}" height="${rowH - 10}" fill="${color}"/><line x1="${(labelW + a.target * scale).toFixed(1)}" y1="${y + 1}" x2="${(
        labelW +
        a.target * scale
      ).toFixed(1)}" y2="${y + rowH - 3}" stroke="${COLORS.line}" stroke-width="2"/><text x="${labelW + scale + 6}" y="${y + 15}">${esc(
        a.value === null ? '—' : `${(a.value * 100).toFixed(1)}%`,
      )}</text>`;
    })
    .join('');
  const height = r.kpis.assessments.length * rowH + 8;
  return `<figure><figcaption>服务指标（竖线为目标，绿色达标，红色未达标）</figcaption><svg role="img" aria-label="服务指标" viewBox="0 0 ${width} ${height}" width="100%">${rows}</svg></figure>`;
}

const STYLE = `
@page { size: A4; margin: 14mm 12mm 16mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: #222; margin: 0 auto; max-width: 190mm; font-size: 10pt; line-height: 1.5; }
header { border-bottom: 3px solid ${COLORS.primary}; margin-bottom: 10pt; padding-bottom: 6pt; }
h1 { font-size: 18pt; margin: 0; color: ${COLORS.primary}; }
.meta { color: #555; font-size: 9pt; }
h2 { font-size: 13pt; border-left: 4px solid ${COLORS.primary}; padding-left: 6pt; margin: 14pt 0 6pt; break-after: avoid; }
section { break-inside: avoid-page; }
.cards { display: flex; gap: 6pt; flex-wrap: wrap; }
.card { flex: 1 1 0; border: 1px solid #ccd; border-radius: 4pt; padding: 5pt 8pt; min-width: 28mm; }
.card b { display: block; font-size: 15pt; color: ${COLORS.primary}; }
table { width: 100%; border-collapse: collapse; margin: 4pt 0; font-size: 9pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th { background: #dce6f1; font-weight: 600; }
th, td { border: 1px solid #b8c4d3; padding: 2pt 4pt; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.empty { color: #888; text-align: center; }
figure { margin: 6pt 0; break-inside: avoid; }
figcaption { font-weight: 600; font-size: 9.5pt; margin-bottom: 2pt; }
svg text { font-size: 11px; fill: #222; }
svg text.small { font-size: 9px; }
blockquote { margin: 4pt 0; padding: 4pt 8pt; border-left: 3px solid #ccd; background: #f6f8fb; break-inside: avoid; }
blockquote .who { color: #666; font-size: 8.5pt; }
footer { margin-top: 14pt; color: #777; font-size: 8pt; border-top: 1px solid #ccc; padding-top: 4pt; }
@media screen { body { padding: 12mm; background: #fff; } }
`;

/**
 * The monthly report as a print-ready, self-contained page (inline CSS, inline SVG charts, nothing
 * fetched): A4, Chinese, tables that keep their headers across pages. The browser prints it to PDF.
 */
export function reportPage(r: VocReportData, names: ReportNames): string {
  const title = reportTitle(r, names);
  const tables = new Map(reportTables(r, names).map((t) => [t.key, t]));
  const t = (key: string) => tables.get(key)!;
  const card = (key: string, label: string, value: number) =>
    `<div class="card">${esc(label)}<b data-figure="${key}">${value.toLocaleString('en-US')}</b></div>`;
  const kindColor = { PRAISE: COLORS.praise, PROBLEM: COLORS.problem, SUGGESTION: COLORS.suggestion } as const;
  const quotes = r.quoteGroups
    .map(
      (g) =>
        `<blockquote><div>${esc(names.quoteText(g.quote))}</div><div class="who" style="color:${kindColor[g.kind]}">${esc(
          `${LABELS.kind[g.kind]} · ${names.category(g.categoryId)} · 同类 ${g.size} 条 · ${LABELS.channel[g.quote.channel]} · ${names.branch(
            g.quote.branchId,
          )} · ${formatCell(g.quote.receivedAt, 'date')}`,
        )}</div></blockquote>`,
    )
    .join('');
  const cycleOverall = r.cycleTimes.filter((c) => c.categoryId === null && c.month === r.month);
  // The analysts' narrative of a published version, before the figures it reads.
  const narrative = tables.get('narrative');
  const analysis = narrative
    ? `<section data-section="narrative"><h2>月度分析</h2>${narrative.rows
        .map(
          ([heading, text]) =>
            `<h3>${esc(String(heading))}</h3>${String(text)
              .split('\n')
              .map((line) => `<p>${esc(line)}</p>`)
              .join('')}`,
        )
        .join('')}</section>`
    : '';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${STYLE}</style></head>
<body>
<header><h1>${esc(title)}</h1><div class="meta">范围：${esc(names.scope)} ｜ ${esc(
    names.version === null ? '实时数据（未发布）' : `已发布第 ${names.version} 版`,
  )} ｜ 数据截至 ${esc(formatCell(r.generatedAt, 'date'))}（北京时间）</div></header>
${analysis}<section><h2>一、客户之声概览</h2><div class="cards">${card('praise', '赞扬之声', r.praise)}${card('problems', '问题之声', r.problems)}${card(
    'suggestions',
    '建议之声',
    r.suggestions,
  )}${card('total', '合计', r.total)}${card('complaints', '其中投诉', r.complaints)}</div>
${barChart(
  '渠道分布',
  r.byChannel.map((c) => ({ label: LABELS.channel[c.channel], value: c.count })),
  (v) => `${v}`,
)}${table(t('channels'))}</section>
<section><h2>二、问题类别（与上月对比）</h2>${pairedBars(
    '各业务类别客户之声数量',
    r.topCategories.map((c) => ({ label: names.category(c.categoryId), now: c.count, before: c.previousCount })),
  )}${table(t('categories'))}</section>
<section><h2>三、机构分布</h2>${barChart(
    '各机构客户之声数量',
    r.byBranch.slice(0, 15).map((b) => ({ label: names.branch(b.branchId), value: b.total })),
    (v) => `${v}`,
  )}${table(t('branches'))}</section>
<section><h2>四、服务指标（三高三低）</h2>${kpiChart(r)}${table(t('kpis'))}</section>
<section><h2>五、代表性客户原声</h2>${quotes || '<p>本月无</p>'}</section>
<section><h2>六、问题闭环</h2>
<div class="cards">${card('newProblems', '新增问题', r.newProblems.length)}${card('resolvedProblems', '已解决问题', r.resolvedProblems.length)}${card(
    'actionsDue',
    '本月到期联动事项',
    r.actionsDue,
  )}${card('actionsDoneOnTime', '按时完成', r.actionsDoneOnTime)}${card('actionsOverdue', '未按时完成', r.actionsOverdue)}</div>
<h3>新增问题</h3>${table(t('newProblems'), 40)}<h3>已解决问题</h3>${table(t('resolvedProblems'), 40)}</section>
<section><h2>七、产品与流程创新</h2>${table(t('innovations'))}</section>
<section><h2>八、分行联动排行</h2>${table(t('league'))}</section>
<section><h2>九、环节周期</h2>${barChart(
    '各环节用时中位数（天，全部类别）',
    cycleOverall.map((c) => ({ label: LABELS.stage[c.stage], value: c.medianDays })),
    (v) => v.toFixed(1),
  )}${table(t('cycleTimes'))}</section>
<section><h2>十、根因分析（帕累托）</h2>${paretoChart(
    '各根本原因问题数与累计占比',
    r.rootCauses.map((c) => ({ label: LABELS.rootCause[c.rootCause], count: c.count, cumulative: c.cumulativeShare })),
  )}${table(t('rootCauses'))}</section>
<footer>VOC Hub 客户之声联动平台 · 本报告中的客户个人信息已按查看人权限脱敏 · ${esc(title)}</footer>
</body></html>`;
}
