import type { QuarterlyReport } from './quarterlyReport.ts';
import {
  cellText,
  quarterZh,
  reportSections,
  type Cell,
  type ReportTable,
} from './quarterlyReportTables.ts';

/**
 * The quarterly report as one self-contained HTML document laid out for A4 paper: the
 * web page shows and prints it, and headless Chromium prints the very same document to
 * PDF, so screen, paper and PDF cannot drift apart. No scripts, no external resources.
 */

const escape = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const CSS = `
@page { size: A4; margin: 16mm 14mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
  sans-serif; font-size: 10pt; color: #000; margin: 0; }
main { max-width: 182mm; margin: 0 auto; padding: 8mm 0; }
h1 { font-size: 16pt; text-align: center; margin: 0 0 4pt; }
.sub { text-align: center; margin: 0 0 12pt; }
h2 { font-size: 12pt; margin: 14pt 0 6pt; break-after: avoid; }
table { width: 100%; border-collapse: collapse; margin: 0 0 8pt; }
caption { text-align: left; font-weight: bold; padding: 2pt 0; }
th, td { border: 0.5pt solid #444; padding: 2pt 4pt; vertical-align: top; }
th { background: #eee; font-weight: bold; }
td.num { text-align: right; white-space: nowrap; }
td.short { white-space: nowrap; }
tr { break-inside: avoid; }
thead { display: table-header-group; }
.empty { color: #555; }
@media screen { body { background: #f0f0f0; } main { background: #fff; padding: 12mm 14mm; } }
`;

/** Figures align right; a short text (a date, a status) is never broken across lines. */
const cellClass = (c: Cell): string =>
  typeof c !== 'string' ? ' class="num"' : c.length <= 12 ? ' class="short"' : '';

function tableHtml(t: ReportTable): string {
  const head = t.headers.map((h) => `<th>${escape(h)}</th>`).join('');
  const body =
    t.rows.length === 0
      ? `<tr><td class="empty" colspan="${String(t.headers.length)}">无</td></tr>`
      : t.rows
          .map(
            (row) =>
              `<tr>${row
                .map((c) => `<td${cellClass(c)}>${escape(cellText(c))}</td>`)
                .join('')}</tr>`,
          )
          .join('\n');
  const caption = t.caption === null ? '' : `<caption>${escape(t.caption)}</caption>`;
  return `<table>${caption}<thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

export function reportTitle(r: QuarterlyReport): string {
  return `${r.district.nameZh}金融精准扶贫工作季度报告（${quarterZh(r.quarter)}）`;
}

export function reportHtml(r: QuarterlyReport): string {
  const sections = reportSections(r)
    .map(
      (s) =>
        `<section><h2>${escape(s.title)}</h2>\n${s.tables.map(tableHtml).join('\n')}</section>`,
    )
    .join('\n');
  const title = escape(reportTitle(r));
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title><style>${CSS}</style></head>
<body><main data-report-quarter="${escape(r.quarter)}">
<h1>${title}</h1>
<p class="sub">报区政府（武隆府办发〔2017〕53号第三十六条）· 统计截至 ${escape(r.asOf)} · 报告期 ${escape(r.from)} 至 ${escape(r.asOf)}</p>
${sections}
</main></body></html>
`;
}
