// A rows × columns grid of means (annotator × dimension): cell opacity grows with the value on the
// scale, and the value is written in the cell, so the colour is never the only carrier of meaning.
import { scaleBand, scaleLinear } from 'd3-scale';
import { type ChartOptions, type ChartText, svgDocument } from './frame';
import { shorten, tag, text } from './svgMarkup';

export interface HeatmapData {
  rows: string[];
  columns: string[];
  /** values[row][column]; null = no ratings. */
  values: (number | null)[][];
  /** The scale the values lie on, e.g. [1, 5]. */
  domain: [number, number];
}

export interface HeatmapOptions extends ChartOptions {
  digits?: number;
}

const LEFT = 120;
const TOP = 28;
const CELL_H = 28;

export function heatmap(data: HeatmapData, label: ChartText, options: HeatmapOptions = {}): string {
  const width = options.width ?? Math.max(320, LEFT + 20 + data.columns.length * 130);
  const height = options.height ?? TOP + 8 + Math.max(1, data.rows.length) * CELL_H;
  const x = scaleBand<number>().domain(data.columns.map((_, i) => i)).range([LEFT, width - 8]).paddingInner(0.05);
  const y = scaleBand<number>().domain(data.rows.map((_, i) => i)).range([TOP, height - 8]).paddingInner(0.05);
  // A faint floor so that the lowest score is still a visible cell.
  const opacity = scaleLinear().domain(data.domain).range([0.12, 1]).clamp(true);
  const digits = options.digits ?? 2;

  const cells: string[] = [];
  data.rows.forEach((row, r) => {
    data.columns.forEach((column, c) => {
      const v = data.values[r]?.[c] ?? null;
      const box = { x: x(c) ?? 0, y: y(r) ?? 0, width: x.bandwidth(), height: y.bandwidth() };
      const shown = v === null || !Number.isFinite(v) ? '—' : v.toFixed(digits);
      const cell = v === null || !Number.isFinite(v)
        ? tag('rect', { class: 'medco-cell-empty', ...box, 'data-row': row, 'data-column': column })
        : tag('rect', { class: 'medco-cell', ...box, 'fill-opacity': opacity(v), 'data-row': row, 'data-column': column, 'data-value': v },
          text('title', {}, `${row} · ${column}: ${shown}`));
      cells.push(cell, text('text', { class: 'medco-cell-label', x: box.x + box.width / 2, y: box.y + box.height / 2, dy: '0.32em', 'text-anchor': 'middle' }, shown));
    });
  });
  return svgDocument(
    'heatmap',
    width,
    height,
    label,
    options,
    tag('g', { class: 'medco-axis', 'aria-hidden': 'true' },
      ...data.columns.map((column, c) => text('text', { x: (x(c) ?? 0) + x.bandwidth() / 2, y: TOP - 8, 'text-anchor': 'middle' }, shorten(column, Math.max(3, Math.floor(x.bandwidth() / 7))))),
      ...data.rows.map((row, r) => text('text', { x: LEFT - 8, y: (y(r) ?? 0) + y.bandwidth() / 2, dy: '0.32em', 'text-anchor': 'end' }, shorten(row, 15))),
    ),
    tag('g', { class: 'medco-cells' }, ...cells),
  );
}
