// Point estimates with confidence intervals as error bars (e.g. Krippendorff's alpha per language
// with its bootstrap 95% CI). An undefined estimate is shown as "—", never as a made-up point.
import { scaleBand, scaleLinear } from 'd3-scale';
import { type ChartOptions, type ChartText, bottomLabels, leftAxis, plotArea, plotBox, svgDocument } from './frame';
import { tag, text } from './svgMarkup';

export interface IntervalPoint {
  label: string;
  value: number | null;
  ci95: [number, number] | null;
}

export interface IntervalChartOptions extends ChartOptions {
  /** Value axis; by default [min(0, lowest bound), 1], the range agreement coefficients live in. */
  domain?: [number, number];
  axisLabel?: string;
  /** Text for an undefined estimate. */
  undefinedLabel?: string;
}

export const INTERVAL_MARGINS = { top: 16, right: 12, bottom: 28, left: 48 };
const CAP = 5;

export function intervalChart(points: IntervalPoint[], label: ChartText, options: IntervalChartOptions = {}): string {
  const width = options.width ?? Math.max(320, 90 + points.length * 60);
  const height = options.height ?? 220;
  const box = plotBox(width, height, INTERVAL_MARGINS);
  const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);
  const lows = points.flatMap((p) => [p.value, p.ci95?.[0]]).filter(finite);
  const domain = options.domain ?? [Math.min(0, ...lows), 1];
  const y = scaleLinear().domain(domain).range([box.y + box.height, box.y]).clamp(true);
  const x = scaleBand<number>().domain(points.map((_, i) => i)).range([box.x, box.x + box.width]).padding(0.3);

  const marks = points.map((p, i) => {
    const cx = (x(i) ?? 0) + x.bandwidth() / 2;
    if (!finite(p.value)) {
      return text('text', { class: 'medco-undefined', x: cx, y: y(domain[0]) - 6, 'text-anchor': 'middle', 'data-category': p.label }, options.undefinedLabel ?? '—');
    }
    const parts: string[] = [];
    if (p.ci95 && finite(p.ci95[0]) && finite(p.ci95[1])) {
      const [lo, hi] = p.ci95;
      parts.push(
        tag('line', { class: 'medco-whisker', x1: cx, x2: cx, y1: y(lo), y2: y(hi), 'data-lo': lo, 'data-hi': hi }),
        tag('line', { class: 'medco-whisker medco-cap', x1: cx - CAP, x2: cx + CAP, y1: y(lo), y2: y(lo) }),
        tag('line', { class: 'medco-whisker medco-cap', x1: cx - CAP, x2: cx + CAP, y1: y(hi), y2: y(hi) }),
      );
    }
    const ci = p.ci95 ? ` [${p.ci95[0].toFixed(3)}, ${p.ci95[1].toFixed(3)}]` : '';
    parts.push(tag('circle', { class: 'medco-point', cx, cy: y(p.value), r: 4, 'data-value': p.value }, text('title', {}, `${p.label}: ${p.value.toFixed(3)}${ci}`)));
    return tag('g', { class: 'medco-interval', 'data-category': p.label }, ...parts);
  });

  const ticks = y.ticks(6).map((v) => ({ value: v, y: y(v), label: y.tickFormat(6)(v) }));
  const zero = domain[0] < 0 && domain[1] > 0 ? tag('line', { class: 'medco-zero', x1: box.x, x2: box.x + box.width, y1: y(0), y2: y(0) }) : '';
  return svgDocument(
    'intervals',
    width,
    height,
    label,
    options,
    plotArea(box),
    leftAxis(box, ticks, options.axisLabel),
    zero,
    tag('g', { class: 'medco-intervals' }, ...marks),
    bottomLabels(box, points.map((p, i) => ({ x: (x(i) ?? 0) + x.bandwidth() / 2, label: p.label }))),
  );
}
