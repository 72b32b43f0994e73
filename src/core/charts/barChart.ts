// Bars of counts per category (e.g. per language), one series per score: stacked (share of each
// score within a language) or grouped (side by side). Bars carry their series, category and value
// as data attributes so the webview and tests can find them.
import { scaleBand, scaleLinear } from 'd3-scale';
import { type ChartOptions, type ChartText, bottomLabels, leftAxis, legend, plotArea, plotBox, svgDocument } from './frame';
import { tag, text } from './svgMarkup';
import { seriesClass } from './theme';

export interface BarSeries {
  label: string;
  /** One value per category, same order as `categories`. */
  values: number[];
}

export interface BarChartData {
  categories: string[];
  series: BarSeries[];
}

export interface BarChartOptions extends ChartOptions {
  mode?: 'stacked' | 'grouped';
  axisLabel?: string;
}

export const BAR_MARGINS = { top: 28, right: 12, bottom: 28, left: 48 };

export function barChart(data: BarChartData, label: ChartText, options: BarChartOptions = {}): string {
  const width = options.width ?? Math.max(320, 90 + data.categories.length * 70);
  const height = options.height ?? 240;
  const mode = options.mode ?? 'stacked';
  const box = plotBox(width, height, BAR_MARGINS);
  const clean = (v: number) => (Number.isFinite(v) && v > 0 ? v : 0);
  const totals = data.categories.map((_, c) => data.series.reduce((sum, s) => sum + clean(s.values[c] ?? 0), 0));
  const max = mode === 'stacked' ? Math.max(0, ...totals) : Math.max(0, ...data.series.flatMap((s) => s.values.map(clean)));
  const y = scaleLinear().domain([0, max > 0 ? max : 1]).nice().range([box.y + box.height, box.y]);
  const x = scaleBand<number>().domain(data.categories.map((_, i) => i)).range([box.x, box.x + box.width]).paddingInner(0.25).paddingOuter(0.15);
  const inner = scaleBand<number>().domain(data.series.map((_, i) => i)).range([0, x.bandwidth()]).paddingInner(0.08);

  const bars: string[] = [];
  data.categories.forEach((category, c) => {
    let stackTop = 0;
    data.series.forEach((series, s) => {
      const value = clean(series.values[c] ?? 0);
      const x0 = x(c) ?? 0;
      const base = mode === 'stacked' ? stackTop : 0;
      const top = base + value;
      stackTop = top;
      const rect = {
        class: `medco-bar ${seriesClass(s)}`,
        x: mode === 'stacked' ? x0 : x0 + (inner(s) ?? 0),
        width: mode === 'stacked' ? x.bandwidth() : inner.bandwidth(),
        y: y(top),
        height: Math.max(0, y(base) - y(top)),
        'data-category': category,
        'data-series': series.label,
        'data-value': value,
      };
      bars.push(tag('rect', rect, text('title', {}, `${category} · ${series.label}: ${value}`)));
    });
  });

  const ticks = y.ticks(5).map((v) => ({ value: v, y: y(v), label: y.tickFormat(5)(v) }));
  return svgDocument(
    'bars',
    width,
    height,
    label,
    options,
    plotArea(box),
    leftAxis(box, ticks, options.axisLabel),
    tag('g', { class: 'medco-bars' }, ...bars),
    bottomLabels(box, data.categories.map((category, c) => ({ x: (x(c) ?? 0) + x.bandwidth() / 2, label: category })), Math.max(3, Math.floor(x.step() / 7))),
    legend(box.x, 14, data.series.map((s, i) => ({ label: s.label, className: seriesClass(i) }))),
  );
}
