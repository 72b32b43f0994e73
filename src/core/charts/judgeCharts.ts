// The Scores tab's judge-versus-physicians charts: per LLM judge file and rubric dimension, a count
// grid of the judge's score against the physicians' median per item (judgeGrid.ts), with the
// agreement figures of the statistics' "judges against physicians" section in the table's caption
// and the chart's description. The table (judge score × median, counts) is the text equivalent.
import { countGridChart } from './countGridChart';
import type { DashboardChart, TextTable, Translate } from './dashboardCharts';
import type { StatsDashboard } from './dashboardData';
import type { ChartOptions } from './frame';

const fmt = (v: number | null | undefined, digits = 2): string => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(digits) : '—');
const signed = (v: number | null | undefined): string => (typeof v === 'number' && Number.isFinite(v) ? `${v > 0 ? '+' : ''}${v.toFixed(2)}` : '—');
const safe = (name: string) => name.replace(/[^\w-]/g, '_').slice(0, 80) || '_';
const label = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));

export function judgeCharts(dash: StatsDashboard, t: Translate, options: ChartOptions = {}): DashboardChart[] {
  const charts: DashboardChart[] = [];
  for (const grid of dash.judgeGrids ?? []) {
    const dimension = dash.dimensionLabels?.[grid.dimension] || grid.dimension;
    const a = dash.stats.judges?.[grid.judge]?.[grid.dimension];
    const figures = t(
      "items {0}; weighted kappa (quadratic) {1}; Krippendorff's alpha (ordinal) with the judge {2}, without {3}; bias (judge − median) {4}, 95% CI {5}",
      grid.n,
      fmt(a?.kappa_quadratic_vs_median),
      fmt(a?.alpha_ordinal_with),
      fmt(a?.alpha_ordinal_without),
      signed(a?.bias),
      a?.bias_ci95 ? `[${signed(a.bias_ci95[0])}, ${signed(a.bias_ci95[1])}]` : '—',
    );
    const title = t("{0} against the physicians' median: {1}", grid.judge, dimension);
    // Highest judge score first, as the chart draws it from the top.
    const rows = grid.scale.map((score, i) => [label(score), ...grid.counts[i].map(String)]).reverse();
    const table: TextTable = { caption: `${title}. ${figures}`, headers: [t("Judge score \\ physicians' median"), ...grid.medians.map(label)], rows };
    const cells = grid.scale.flatMap((score, i) => grid.medians.flatMap((m, j) => (grid.counts[i][j] > 0 ? [`${label(score)}/${label(m)}: ${grid.counts[i][j]}`] : [])));
    const description = `${figures}. ${t('judge score')}/${t("physicians' median")}: ${cells.join(', ') || '—'}`;
    const id = `judge-${safe(grid.judge)}-${safe(grid.dimension)}`;
    const svg = countGridChart(
      { xs: grid.medians, ys: grid.scale, counts: grid.counts },
      { title, description },
      { ...options, idPrefix: `${options.idPrefix ?? 'medco'}-${id}`, xLabel: t("physicians' median"), yLabel: t('judge score') },
    );
    charts.push({ id, tab: 'scores', title, description, table, svg });
  }
  return charts;
}
