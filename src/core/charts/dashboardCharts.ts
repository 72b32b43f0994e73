// The dashboard's charts, each with its text equivalent: the same function feeds the webview (SVG
// parsed into the page, table rendered beside it) and the export (SVG files). Strings come
// through `t` (English keys, STATS_UI_STRINGS of src/protocol/uiStrings.ts), localized by the host.
import { barChart } from './barChart';
import type { ChartOptions } from './frame';
import { heatmap } from './heatmap';
import { intervalChart } from './intervalChart';
import type { StatsDashboard } from './dashboardData';
import { scoreCharts } from './scoreCharts';

export type Translate = (key: string, ...args: (string | number)[]) => string;

export interface TextTable {
  caption: string;
  headers: string[];
  rows: string[][];
}

export interface DashboardChart {
  /** Stable and file-name safe: scores-<dimension>, alpha-<dimension>, annotators, flags. */
  id: string;
  title: string;
  description: string;
  svg: string;
  table: TextTable;
}


export const fmt = (v: number | null | undefined, digits = 3): string => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(digits) : '—');
export const fmtCi = (c: [number, number] | null | undefined, digits = 3): string => (c ? `[${fmt(c[0], digits)}, ${fmt(c[1], digits)}]` : '—');

/** A file-name and id safe form of a data-derived name (dimension ids come from rubric files). */
export function safeId(name: string): string {
  return name.replace(/[^\w-]/g, '_').slice(0, 80) || '_';
}

/** The rubric label of a dimension when the dashboard has one (a string, never markup), else its id. */
export function dimensionName(dash: StatsDashboard, dim: string): string {
  const label = dash.dimensionLabels?.[dim];
  return typeof label === 'string' && label.trim() !== '' ? label : dim;
}

function describe(table: TextTable): string {
  return table.rows.map((row) => row.map((cell, i) => `${table.headers[i]} ${cell}`).join(', ')).join('; ');
}

export function dashboardCharts(dash: StatsDashboard, t: Translate, options: ChartOptions = {}): DashboardChart[] {
  const charts: DashboardChart[] = [];
  const stats = dash.stats;
  const name = (dim: string) => dimensionName(dash, dim);
  const chart = (id: string, title: string, table: TextTable, render: (label: { title: string; description: string }, o: ChartOptions) => string) => {
    const description = describe(table);
    charts.push({ id, title, description, table, svg: render({ title, description }, { ...options, idPrefix: `${options.idPrefix ?? 'medco'}-${id}` }) });
  };

  for (const [dim, dist] of Object.entries(dash.distributions)) {
    const languages = Object.keys(dist.byLanguage);
    const hasNull = languages.some((l) => dist.byLanguage[l].notAssessable > 0);
    const series = dist.scale.map((score, i) => ({ label: String(score), values: languages.map((l) => dist.byLanguage[l].counts[i]) }));
    if (hasNull) series.push({ label: t('not assessable'), values: languages.map((l) => dist.byLanguage[l].notAssessable) });
    const group = stats.dimensions[dim]?.byLanguage ?? {};
    const title = t('Scores of {0} by language', name(dim));
    const table: TextTable = {
      caption: title,
      headers: [t('Language'), ...series.map((s) => s.label), t('ratings'), t('mean'), t('95% CI')],
      rows: languages.map((l, c) => [l, ...series.map((s) => String(s.values[c])), String(group[l]?.n ?? 0), fmt(group[l]?.mean, 2), fmtCi(group[l]?.ci95, 2)]),
    };
    chart(`scores-${safeId(dim)}`, title, table, (label, o) => barChart({ categories: languages, series }, label, { ...o, mode: 'stacked', axisLabel: t('ratings') }));
  }

  for (const [dim, points] of Object.entries(dash.alphaByLanguage)) {
    const title = t("Krippendorff's alpha (ordinal) of {0} by language, with 95% bootstrap CI", name(dim));
    const table: TextTable = {
      caption: title,
      headers: [t('Language'), t('items'), t('alpha (ordinal)'), t('alpha 95% CI')],
      rows: points.map((p) => [p.lang, String(p.pairableItems), fmt(p.alpha), fmtCi(p.ci95)]),
    };
    chart(`alpha-${safeId(dim)}`, title, table, (label, o) =>
      intervalChart(points.map((p) => ({ label: p.lang, value: p.alpha, ci95: p.ci95 })), label, { ...o, undefinedLabel: t('undefined'), axisLabel: 'α' }),
    );
  }

  const dims = Object.keys(stats.dimensions);
  if (stats.annotatorSummary.length > 0 && dims.length > 0) {
    const scales = dims.flatMap((d) => stats.dimensions[d].scale);
    const domain: [number, number] = scales.length ? [Math.min(...scales), Math.max(...scales)] : [1, 5];
    const title = t('Mean score per annotator and dimension');
    const values = stats.annotatorSummary.map((a) => dims.map((d) => a.dimensions[d]?.mean ?? null));
    const table: TextTable = {
      caption: title,
      headers: [t('Annotator'), t('items'), ...dims.map(name)],
      rows: stats.annotatorSummary.map((a, r) => [a.annotator, String(a.items), ...values[r].map((v) => fmt(v, 2))]),
    };
    chart('annotators', title, table, (label, o) => heatmap({ rows: stats.annotatorSummary.map((a) => a.annotator), columns: dims.map(name), values, domain }, label, o));
  }

  const flags = Object.entries(stats.flags.byFlag).sort(([a, x], [b, y]) => y.count - x.count || a.localeCompare(b));
  if (flags.length > 0) {
    const title = t('Flag counts');
    const table: TextTable = {
      caption: title,
      headers: [t('Flag'), t('count'), t('share')],
      rows: flags.map(([flag, v]) => [flag, String(v.count), `${(100 * v.rate).toFixed(1)}%`]),
    };
    chart('flags', title, table, (label, o) =>
      barChart({ categories: flags.map(([f]) => f), series: [{ label: t('count'), values: flags.map(([, v]) => v.count) }] }, label, { ...o, mode: 'grouped' }),
    );
  }
  if (dash.scores) charts.push(...scoreCharts(dash.scores, t, options));
  return charts;
}

/** The key numbers of every dimension as one table (the panel's first table, the export's summary). */
export function keyNumbersTable(dash: StatsDashboard, t: Translate): TextTable {
  return {
    caption: t('Key numbers'),
    headers: [t('Dimension'), t('ratings'), t('items'), t('mean'), t('SD'), t('95% CI'), t('alpha (ordinal)'), t('alpha 95% CI'), t('Fleiss kappa'), t('Gwet AC1')],
    rows: Object.entries(dash.stats.dimensions).map(([dim, d]) => [
      dimensionName(dash, dim),
      String(d.n),
      String(d.items),
      fmt(d.mean, 2),
      fmt(d.sd, 2),
      fmtCi(d.ci95, 2),
      fmt(d.agreement.krippendorff_alpha.ordinal),
      fmtCi(d.agreement.krippendorff_alpha.ci95_ordinal),
      fmt(d.agreement.fleiss_kappa),
      fmt(d.agreement.gwet_ac1),
    ]),
  };
}
