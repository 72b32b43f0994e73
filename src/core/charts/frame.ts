// What every chart shares: the outer <svg> with its accessible name and description, the optional
// embedded style sheet of standalone files, and the plot area whose box the axes are drawn in.
import { shorten, tag, text } from './svgMarkup';
import { chartStyleRules } from './theme';

export interface ChartText {
  /** Accessible name: becomes <title> and aria-label. */
  title: string;
  /** Longer text equivalent (the numbers in words): becomes <desc>. */
  description: string;
}

export interface ChartOptions {
  width?: number;
  height?: number;
  /** A self-contained file: embeds colours with fallbacks and paints a background. */
  standalone?: boolean;
  /** Prefix of element ids, unique per document (the title and desc are referenced by id). */
  idPrefix?: string;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export function plotBox(width: number, height: number, m: Margins): Box {
  return { x: m.left, y: m.top, width: Math.max(1, width - m.left - m.right), height: Math.max(1, height - m.top - m.bottom) };
}

/** Wraps chart content into a complete, accessible SVG document. */
export function svgDocument(kind: string, width: number, height: number, label: ChartText, options: ChartOptions, ...content: string[]): string {
  const id = `${options.idPrefix ?? 'medco'}-${kind}`.replace(/[^\w-]/g, '_');
  const parts = [text('title', { id: `${id}-title` }, label.title), text('desc', { id: `${id}-desc` }, label.description)];
  if (options.standalone) {
    parts.push(text('style', {}, chartStyleRules(true)));
    parts.push(tag('rect', { class: 'medco-background', x: 0, y: 0, width, height }));
  }
  return tag(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      class: `medco-chart medco-chart-${kind}`,
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      role: 'img',
      'aria-label': label.title,
      'aria-labelledby': `${id}-title`,
      'aria-describedby': `${id}-desc`,
    },
    ...parts,
    ...content,
  );
}

/** Value ticks along a vertical axis at the left of the plot, with light grid lines across it. */
export function leftAxis(box: Box, ticks: { value: number; y: number; label: string }[], axisLabel?: string): string {
  const items = ticks.map((t) =>
    tag('g', { class: 'medco-tick', transform: `translate(0,${t.y})` },
      tag('line', { x1: box.x, x2: box.x + box.width, y1: 0, y2: 0, class: 'medco-grid-line' }),
      text('text', { x: box.x - 6, y: 0, dy: '0.32em', 'text-anchor': 'end' }, t.label),
    ),
  );
  const title = axisLabel
    ? text('text', { x: 12, y: box.y + box.height / 2, transform: `rotate(-90 12 ${box.y + box.height / 2})`, 'text-anchor': 'middle' }, axisLabel)
    : '';
  return tag('g', { class: 'medco-axis medco-grid', 'aria-hidden': 'true' },
    tag('line', { x1: box.x, x2: box.x, y1: box.y, y2: box.y + box.height }),
    ...items,
    title,
  );
}

/** Category labels under the plot. */
export function bottomLabels(box: Box, labels: { x: number; label: string }[], maxChars = 16): string {
  return tag('g', { class: 'medco-axis', 'aria-hidden': 'true' },
    tag('line', { x1: box.x, x2: box.x + box.width, y1: box.y + box.height, y2: box.y + box.height }),
    ...labels.map((l) => text('text', { x: l.x, y: box.y + box.height + 16, 'text-anchor': 'middle' }, shorten(l.label, maxChars))),
  );
}

export function plotArea(box: Box): string {
  return tag('rect', { class: 'medco-plot-area', x: box.x, y: box.y, width: box.width, height: box.height });
}

/** A legend row at the top: a swatch per series. */
export function legend(x: number, y: number, entries: { label: string; className: string }[]): string {
  let offset = 0;
  const items = entries.map((e) => {
    const g = tag('g', { transform: `translate(${x + offset},${y})` },
      tag('rect', { class: e.className, x: 0, y: -9, width: 10, height: 10 }),
      text('text', { x: 14, y: 0 }, shorten(e.label)),
    );
    offset += 24 + 7 * [...shorten(e.label)].length;
    return g;
  });
  return tag('g', { class: 'medco-legend', 'aria-hidden': 'true' }, ...items);
}
