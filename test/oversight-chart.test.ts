import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { CHART_FONT, renderChartSvg } from '../src/web/admin/views/chart-svg';

// The server-drawn charts: an SVG a screen reader can name, the page's CSP can show (no inline styles),
// with the numbers and labels in it and staff-entered names escaped.

describe('server-side SVG charts', () => {
  const spec = {
    title: '依申请公开<办理>',
    categories: ['教育局', '<script>alert(1)</script>'],
    series: [
      { name: '收到申请', values: [3, 1] },
      { name: '逾期答复', values: [2, 0], tone: 'bad' as const },
    ],
    stacked: false,
    horizontal: true,
  };

  it('is an image with a title and an accessible name', () => {
    const svg = parse(renderChartSvg(spec, '依申请公开办理，2026年')).querySelector('svg');
    expect(svg?.getAttribute('role')).toBe('img');
    expect(svg?.getAttribute('aria-label')).toBe('依申请公开办理，2026年');
    expect(svg?.querySelector('title')?.text).toBe('依申请公开办理，2026年');
    expect(svg?.getAttribute('width')).toBe('100%');
    expect(svg?.getAttribute('viewBox')).toMatch(/^0 0 1000 \d+$/);
  });

  it('carries the labels and numbers as text, in a CJK font, escaped', () => {
    const svg = renderChartSvg(spec, '图');
    const texts = parse(svg)
      .querySelectorAll('text')
      .map((t) => t.text);
    for (const t of [
      '教育局',
      '收到申请',
      '逾期答复',
      '3',
      '2',
      '1',
      '依申请公开<办理>',
      '<script>alert(1)</script>',
    ])
      expect(texts).toContain(t);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain(`font-family="${CHART_FONT}"`);
    expect(CHART_FONT.startsWith('Noto Sans CJK SC')).toBe(true);
    expect(svg).toContain('fill="#c62828"'); // the 'bad' tone
  });

  it('has no style attribute or element, which the CSP (style-src self) would block', () => {
    const svg = renderChartSvg({ ...spec, stacked: true, horizontal: false }, '图');
    expect(svg).not.toMatch(/\sstyle=|<style/);
    expect(svg).toMatch(/font-size="1\dpx"/);
    expect(svg).not.toMatch(/ecmeta_|zr\d+-cls/);
  });
});
