// A count grid (bubble chart) of two ordinal scores: one circle per (x, y) pair whose area grows
// with the count, the count written beside it, and the diagonal x = y drawn, so agreement reads as
// circles on the line. Used for an LLM judge's score against the physicians' median.
import { type ChartOptions, type ChartText, leftAxis, plotArea, plotBox, svgDocument, bottomLabels } from './frame';
import { tag, text } from './svgMarkup';

export interface CountGridData {
  /** Column values (x), ascending. */
  xs: number[];
  /** Row values (y), ascending: drawn bottom to top. */
  ys: number[];
  /** counts[row][column]. */
  counts: number[][];
}

export interface CountGridOptions extends ChartOptions {
  xLabel?: string;
  yLabel?: string;
}

const CELL = 40;
const MARGIN = { top: 16, right: 16, bottom: 40, left: 56 };

const label = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));

export function countGridChart(data: CountGridData, chartText: ChartText, options: CountGridOptions = {}): string {
  const width = options.width ?? MARGIN.left + MARGIN.right + Math.max(1, data.xs.length) * CELL;
  const height = options.height ?? MARGIN.top + MARGIN.bottom + Math.max(1, data.ys.length) * CELL;
  const box = plotBox(width, height, MARGIN);
  const cw = box.width / Math.max(1, data.xs.length);
  const ch = box.height / Math.max(1, data.ys.length);
  const cx = (j: number) => box.x + cw * (j + 0.5);
  const cy = (i: number) => box.y + box.height - ch * (i + 0.5);
  const max = Math.max(0, ...data.counts.flat());
  const radius = (count: number) => (max === 0 ? 0 : Math.max(2, (Math.min(cw, ch) / 2 - 3) * Math.sqrt(count / max)));

  // The diagonal x = y, through the centres of the cells where both values are equal.
  const equal = data.ys.flatMap((y, i) => {
    const j = data.xs.indexOf(y);
    return j < 0 ? [] : [{ x: cx(j), y: cy(i) }];
  });
  const diagonal = equal.length >= 2
    ? tag('line', { class: 'medco-zero', 'stroke-dasharray': '4 3', x1: equal[0].x, y1: equal[0].y, x2: equal[equal.length - 1].x, y2: equal[equal.length - 1].y, 'aria-hidden': 'true' })
    : '';
  const points: string[] = [];
  data.ys.forEach((y, i) => {
    data.xs.forEach((x, j) => {
      const count = data.counts[i]?.[j] ?? 0;
      if (count === 0) return;
      const r = radius(count);
      points.push(
        tag('g', { class: 'medco-count', 'data-x': x, 'data-y': y, 'data-count': count },
          tag('circle', { class: 'medco-point', cx: cx(j), cy: cy(i), r, 'fill-opacity': 0.55 }, text('title', {}, `${options.xLabel ?? 'x'} ${label(x)}, ${options.yLabel ?? 'y'} ${label(y)}: ${count}`)),
          text('text', { class: 'medco-cell-label', x: cx(j), y: cy(i), dy: '0.32em', 'text-anchor': 'middle' }, String(count)),
        ),
      );
    });
  });
  return svgDocument(
    'countgrid',
    width,
    height,
    chartText,
    options,
    plotArea(box),
    leftAxis(box, data.ys.map((y, i) => ({ value: y, y: cy(i), label: label(y) })), options.yLabel),
    bottomLabels(box, data.xs.map((x, j) => ({ x: cx(j), label: label(x) }))),
    options.xLabel ? text('text', { class: 'medco-axis-title', x: box.x + box.width / 2, y: height - 6, 'text-anchor': 'middle', 'aria-hidden': 'true' }, options.xLabel) : '',
    diagonal,
    tag('g', { class: 'medco-counts' }, ...points),
  );
}
