import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { ChartSpec, SeriesTone } from '../../../modules/oversight';

echarts.use([BarChart, GridComponent, LegendComponent, TitleComponent, SVGRenderer]);

// Bar charts drawn on the server as SVG (echarts SSR, architecture.md "echarts server-side SVG"), inline in
// the page and readable without JavaScript. The page's CSP allows no inline styles, so echarts' style
// attributes become SVG presentation attributes and its hover <style> block is dropped.

// A family fonts-noto-cjk installs (Debian), so Chinese labels render the same on the server's browsers.
export const CHART_FONT = 'Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, sans-serif';
const WIDTH = 1000;
const palette = [
  '#1f5fa8',
  '#a85a00',
  '#2e8540',
  '#b22b2b',
  '#6f42c1',
  '#0f7f8c',
  '#8a6d3b',
  '#5b6770',
  '#c2185b',
];
const toneColors: Record<SeriesTone, string> = {
  good: '#2e7d32',
  bad: '#c62828',
  warn: '#9a5b00',
  muted: '#6b7280',
};

function heightOf(spec: ChartSpec): number {
  if (!spec.horizontal) return 380;
  const perCategory = spec.stacked ? 30 : 12 + spec.series.length * 14;
  return 120 + spec.categories.length * perCategory;
}

function optionOf(spec: ChartSpec): echarts.EChartsCoreOption {
  // every month label while they fit; long department names are cut at 200px (the table has them whole)
  const axisLabel = spec.horizontal
    ? { width: 200, overflow: 'truncate' }
    : { interval: spec.categories.length <= 24 ? 0 : 'auto' };
  const category = { type: 'category', data: spec.categories, inverse: spec.horizontal, axisLabel };
  const value = { type: 'value', minInterval: 1 };
  return {
    animation: false,
    color: palette,
    textStyle: { fontFamily: CHART_FONT, fontSize: 13, color: '#222' },
    title: { text: spec.title, left: 0, top: 4, textStyle: { fontSize: 15, color: '#222' } },
    legend: { top: 34, left: 0, textStyle: { color: '#222' } },
    grid: { top: 72, left: 8, right: 32, bottom: 8 }, // echarts 6 keeps axis labels inside by default
    xAxis: spec.horizontal ? value : category,
    yAxis: spec.horizontal ? category : value,
    series: spec.series.map((s, i) => ({
      name: s.name,
      itemStyle: { color: s.tone ? toneColors[s.tone] : palette[i % palette.length] },
      type: 'bar',
      stack: spec.stacked ? 'total' : undefined,
      data: s.values,
      barMaxWidth: 28,
      label: {
        show: true,
        position: spec.stacked ? 'inside' : spec.horizontal ? 'right' : 'top',
        color: spec.stacked ? '#fff' : '#222',
        formatter: (p: { value: number }) => (p.value ? String(p.value) : ''),
      },
    })),
  };
}

const styleAttr = /\sstyle="([^"]*)"/g;

/** echarts' SVG made CSP-safe: style attributes → presentation attributes, no <style>, no hover classes. */
export function cspSafeSvg(svg: string): string {
  return svg
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/\s(?:class="zr\d+-cls-\d+"|ecmeta_[a-z_]+="[^"]*"|pointer-events="[^"]*")/g, '')
    .replace(styleAttr, (_m, css: string) =>
      css
        .split(';')
        .map((d) => d.split(':').map((x) => x.trim()))
        .filter(([k, v]) => k && v && /^[a-z-]+$/.test(k))
        .map(([k, v]) => ` ${k}="${v}"`)
        .join(''),
    );
}

/** The chart as an SVG string with a title, role="img" and an accessible name. */
export function renderChartSvg(spec: ChartSpec, label: string): string {
  const height = heightOf(spec);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height });
  try {
    chart.setOption(optionOf(spec));
    const svg = cspSafeSvg(chart.renderToSVGString());
    const name = escapeXml(label);
    return svg
      .replace(
        /^<svg width="\d+" height="\d+"/,
        `<svg width="100%" role="img" aria-label="${name}" focusable="false"`,
      )
      .replace(/(<svg[^>]*>)/, `$1<title>${name}</title>`);
  } finally {
    chart.dispose();
  }
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A server-drawn chart, inline; the table with the same numbers follows it on the page. */
export function Chart(props: { spec: ChartSpec; label: string }) {
  // echarts escapes the text it draws (tested in test/oversight-chart.test.ts); the label is escaped above
  return <div class="chart" dangerouslySetInnerHTML={{ __html: renderChartSvg(props.spec, props.label) }} />;
}
