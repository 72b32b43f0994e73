// The dashboard's charts, each with its text equivalent: the same function feeds the webview (SVG
// parsed into the page, table rendered beside it) and the export (SVG files). Strings come
// through `t` (English keys, STATS_UI_STRINGS of src/protocol/uiStrings.ts), localized by the host.
import { barChart } from './barChart';
import type { ChartOptions } from './frame';
import { heatmap } from './heatmap';
import { intervalChart } from './intervalChart';
import type { StatsDashboard } from './dashboardData';
import { judgeCharts } from './judgeCharts';
import { scoreCharts } from './scoreCharts';

export type Translate = (key: string, ...args: (string | number)[]) => string;

export interface TextTable {
  caption: string;
  headers: string[];
  rows: string[][];
}

export interface DashboardChart {
  /** Stable and file-name safe: scores-<dimension>, alpha-<dimension>, annotators, flags, strengths-<dimension>, winrates-<dimension>. */
  id: string;
  /** The panel tab it belongs to: ratings (default), scores (accuracy, judges against physicians) or blind pairwise preferences. */
  tab?: 'ratings' | 'scores' | 'preferences';
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
  const chart = (id: string, title: string, table: TextTable, render: (label: { title: string; description: string }, o: ChartOptions) => string, tab?: 'preferences') => {
    const description = describe(table);
    charts.push({ id, title, description, table, svg: render({ title, description }, { ...options, idPrefix: `${options.idPrefix ?? 'medco'}-${id}` }), ...(tab ? { tab } : {}) });
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
  if (dash.scores) charts.push(...scoreCharts(dash.scores, t, options).map((c) => ({ ...c, tab: 'scores' as const })));
  charts.push(...judgeCharts(dash, t, options));
  preferenceCharts(dash, t, chart);
  return charts;
}

type AddChart = (id: string, title: string, table: TextTable, render: (label: { title: string; description: string }, o: ChartOptions) => string, tab?: 'preferences') => void;

/** Per dimension with pairwise judgements: Bradley–Terry strengths and each pair's win rate. */
function preferenceCharts(dash: StatsDashboard, t: Translate, chart: AddChart): void {
  for (const [dim, p] of Object.entries(dash.stats.preferences ?? {})) {
    const name = dimensionName(dash, dim);
    const systems = Object.keys(p.bradley_terry.log_strength).sort(
      (a, b) => (p.bradley_terry.log_strength[b] ?? -Infinity) - (p.bradley_terry.log_strength[a] ?? -Infinity),
    );
    const strengthTitle = t('Bradley–Terry strengths of {0}, with 95% bootstrap CI', name);
    const points = systems.map((s) => ({ label: s, value: p.bradley_terry.log_strength[s], ci95: p.bradley_terry.ci95[s] }));
    const bounds = points.flatMap((x) => [x.value, ...(x.ci95 ?? [])]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    const reach = Math.max(1, ...bounds.map(Math.abs));
    chart(
      `strengths-${safeId(dim)}`,
      strengthTitle,
      { caption: strengthTitle, headers: [t('System'), t('log-strength'), t('95% CI')], rows: points.map((x) => [x.label, fmt(x.value), fmtCi(x.ci95)]) },
      (label, o) => intervalChart(points, label, { ...o, domain: [-reach, reach], undefinedLabel: t('undefined'), axisLabel: 'θ' }),
      'preferences',
    );
    const winTitle = t('Win rate of {0} per pair (tie = half), with Wilson 95% CI', name);
    const pairLabel = (a: string, b: string) => t('{0} vs {1}', a, b);
    chart(
      `winrates-${safeId(dim)}`,
      winTitle,
      {
        caption: winTitle,
        headers: [t('Pair'), t('judgements'), t('wins a'), t('wins b'), t('ties'), t('both unacceptable'), t('win rate a'), t('95% CI'), t('sign test p')],
        rows: p.pairs.map((x) => [pairLabel(x.a, x.b), String(x.n), String(x.wins_a), String(x.wins_b), String(x.ties), String(x.both_bad), fmt(x.win_rate_a), fmtCi(x.ci95), fmt(x.sign_test_p, 4)]),
      },
      (label, o) => intervalChart(p.pairs.map((x) => ({ label: pairLabel(x.a, x.b), value: x.win_rate_a, ci95: x.ci95 })), label, { ...o, domain: [0, 1], undefinedLabel: t('undefined'), axisLabel: t('win rate a') }),
      'preferences',
    );
  }
}

/** One line per dimension on position bias and agreement on preferences, under the preference charts. */
export function preferenceSummary(dash: StatsDashboard, t: Translate): TextTable | null {
  const entries = Object.entries(dash.stats.preferences ?? {});
  if (entries.length === 0) return null;
  return {
    caption: t('Position bias and agreement on preferences'),
    headers: [t('Dimension'), t('judgements'), t('Response 1 won'), t('decisive'), t('sign test p'), t('alpha (nominal)')],
    rows: entries.map(([dim, p]) => [
      dimensionName(dash, dim),
      String(p.judgements),
      String(p.position_bias.side1_wins),
      String(p.position_bias.decisive),
      fmt(p.position_bias.sign_test_p, 4),
      fmt(p.alpha_nominal),
    ]),
  };
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
