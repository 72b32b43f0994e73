// Accuracy per language, one bar per configuration side by side (grouped), each with its interval
// as a whisker: the statistics panel's Scores section and its SVG export. Values are proportions
// (0–1) drawn on a 0–100 % axis. Bars carry category, series, value and bounds as data attributes.
import { scaleBand, scaleLinear } from 'd3-scale';
import { type ChartOptions, type ChartText, bottomLabels, leftAxis, legend, plotArea, plotBox, svgDocument } from './frame';
import { tag, text } from './svgMarkup';
import { seriesClass } from './theme';
import { BAR_MARGINS } from './barChart';

export interface AccuracyBar {
  value: number | null;
  interval: [number, number] | null;
}

export interface AccuracyChartData {
  categories: string[];
  /** One series per configuration; `bars[c]` belongs to `categories[c]`. */
  series: { label: string; bars: AccuracyBar[] }[];
}

const CAP = 3;

export function accuracyChart(data: AccuracyChartData, label: ChartText, options: ChartOptions & { axisLabel?: string } = {}): string {
  const width = options.width ?? Math.max(360, 90 + data.categories.length * (30 + 22 * data.series.length));
  const height = options.height ?? 260;
  const box = plotBox(width, height, BAR_MARGINS);
  const y = scaleLinear().domain([0, 1]).range([box.y + box.height, box.y]).clamp(true);
  const x = scaleBand<number>().domain(data.categories.map((_, i) => i)).range([box.x, box.x + box.width]).paddingInner(0.25).paddingOuter(0.15);
  const inner = scaleBand<number>().domain(data.series.map((_, i) => i)).range([0, x.bandwidth()]).paddingInner(0.12);
  const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);
  const pct = (v: number) => `${(100 * v).toFixed(1)}%`;

  const marks: string[] = [];
  data.categories.forEach((category, c) => {
    data.series.forEach((series, s) => {
      const bar = series.bars[c];
      if (!bar || !finite(bar.value)) return;
      const x0 = (x(c) ?? 0) + (inner(s) ?? 0);
      const cx = x0 + inner.bandwidth() / 2;
      const interval = bar.interval && finite(bar.interval[0]) && finite(bar.interval[1]) ? bar.interval : null;
      const parts = [
        tag('rect', {
          class: `medco-bar ${seriesClass(s)}`,
          x: x0,
          width: inner.bandwidth(),
          y: y(bar.value),
          height: Math.max(0, y(0) - y(bar.value)),
          'data-category': category,
          'data-series': series.label,
          'data-value': bar.value,
          'data-lo': interval?.[0],
          'data-hi': interval?.[1],
        }, text('title', {}, `${category} · ${series.label}: ${pct(bar.value)}${interval ? ` [${pct(interval[0])}, ${pct(interval[1])}]` : ''}`)),
      ];
      if (interval) {
        parts.push(
          tag('line', { class: 'medco-whisker', x1: cx, x2: cx, y1: y(interval[0]), y2: y(interval[1]) }),
          tag('line', { class: 'medco-whisker medco-cap', x1: cx - CAP, x2: cx + CAP, y1: y(interval[0]), y2: y(interval[0]) }),
          tag('line', { class: 'medco-whisker medco-cap', x1: cx - CAP, x2: cx + CAP, y1: y(interval[1]), y2: y(interval[1]) }),
        );
      }
      marks.push(tag('g', { class: 'medco-accuracy' }, ...parts));
    });
  });
  const ticks = [0, 0.2, 0.4, 0.6, 0.8, 1].map((v) => ({ value: v, y: y(v), label: `${Math.round(v * 100)}` }));
  return svgDocument(
    'accuracy',
    width,
    height,
    label,
    options,
    plotArea(box),
    leftAxis(box, ticks, options.axisLabel),
    tag('g', { class: 'medco-bars' }, ...marks),
    bottomLabels(box, data.categories.map((category, c) => ({ x: (x(c) ?? 0) + x.bandwidth() / 2, label: category }))),
    legend(box.x, 14, data.series.map((s, i) => ({ label: s.label, className: seriesClass(i) }))),
  );
}
