import { reportTitle, SECTION_HEADINGS } from './report-labels';
import { formatCell, type LayoutCell, type LayoutTable, reportTableLayouts } from './report-layout';
import type { AnnualReport } from './report-schema';

// The report as HTML in the national layout (国办公开办函〔2021〕30号; law-and-formats.md §2.2–2.5): the six
// sections, tables 2–4 as real tables whose header cells are <th> with scope, merged with rowspan and
// colspan as in the format (the grids of report-layout.ts, shared with the Word rendering). Missing cells
// (null) print as "/" (§2.6 S5). Uses only the tags and attributes the item sanitiser keeps (h2, p,
// table, th scope/colspan/rowspan, td colspan), so the fragment can be the body of the published 年报
// item; the <h1> title is optional.

const esc = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

const attrs = (a: Record<string, string | number | undefined>) =>
  Object.entries(a)
    .filter(([, v]) => v !== undefined && v !== 1)
    .map(([k, v]) => ` ${k}="${v}"`)
    .join('');

// Headings are <th scope>; the corner note and the figures are <td>.
function htmlCell(c: LayoutCell): string {
  if ('value' in c) return `<td${attrs({ colspan: c.colSpan })}>${formatCell(c.value)}</td>`;
  const tag = c.scope ? 'th' : 'td';
  return `<${tag}${attrs({ colspan: c.colSpan, rowspan: c.rowSpan, scope: c.scope })}>${esc(c.text)}</${tag}>`;
}

function htmlTable({ head, body }: LayoutTable): string {
  const rows = (cells: LayoutCell[][]) =>
    cells.map((row) => `<tr>${row.map(htmlCell).join('')}</tr>`).join('');
  if (head.length === 0) return `<table border="1">${rows(body)}</table>`;
  return `<table border="1"><thead>${rows(head)}</thead><tbody>${rows(body)}</tbody></table>`;
}

const paragraphs = (text: string) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((line) => `<p>${esc(line)}</p>`);

/** The report as an HTML fragment in the national layout (with an <h1> title unless `heading` is false). */
export function renderAnnualReportHtml(report: AnnualReport, options: { heading?: boolean } = {}): string {
  const [s1, s2, s3, s4, s5, s6] = SECTION_HEADINGS;
  const [t2, t3, t4] = reportTableLayouts(report);
  const parts = [
    ...(options.heading === false ? [] : [`<h1>${esc(reportTitle(report.agency, report.year))}</h1>`]),
    `<h2>${s1}</h2>`,
    ...paragraphs(report.narrative.overview),
    `<h2>${s2}</h2>`,
    htmlTable(t2),
    `<h2>${s3}</h2>`,
    htmlTable(t3),
    `<h2>${s4}</h2>`,
    htmlTable(t4),
    `<h2>${s5}</h2>`,
    ...paragraphs(report.narrative.problems),
    `<h2>${s6}</h2>`,
    ...paragraphs(report.narrative.other),
  ];
  return `<article class="annual-report">\n${parts.join('\n')}\n</article>\n`;
}
