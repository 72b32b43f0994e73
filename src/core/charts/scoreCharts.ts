// The Scores section of the statistics panel: task accuracy of the final answers by language, one
// bar per configuration with its interval (Wilson 95% CI for one round; mean ± SD over rounds when
// there are several), one chart per task, each with its table as text equivalent.
import { compareConfigs } from '../scoring/configOrder';
import { accuracyChart, type AccuracyBar } from './accuracyChart';
import type { DashboardChart, TextTable, Translate } from './dashboardCharts';
import type { ChartOptions } from './frame';

/**
 * What `medco score` computed (src/core/scoring/scoreTraces: ScoreResult, RoundSummary), as the
 * dashboard carries it. Declared here by shape: the webview bundles this file, and the scoring
 * modules read files.
 */
export interface DashboardScores {
  results: { config: string; round: number; lang: string; task: string; side: string; n: number; accuracy: number | null; ci95: [number, number] | null }[];
  rounds: { config: string; lang: string; task: string; side: string; rounds: number[]; accuracy_mean: number | null; accuracy_sd: number | null }[];
}

const pct = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? (100 * v).toFixed(1) : '—');
const safe = (name: string) => name.replace(/[^\w-]/g, '_').slice(0, 80) || '_';

export function scoreCharts(scores: DashboardScores, t: Translate, options: ChartOptions = {}): DashboardChart[] {
  const charts: DashboardChart[] = [];
  const finals = scores.rounds.filter((r) => r.side === 'final');
  for (const task of [...new Set(finals.map((r) => r.task))].sort()) {
    const list = finals.filter((r) => r.task === task);
    const languages = [...new Set(list.map((r) => r.lang))].sort();
    const configs = [...new Set(list.map((r) => r.config))].sort(compareConfigs);
    const bar = (config: string, lang: string): AccuracyBar & { n: string; rounds: number; what: string } => {
      const r = list.find((x) => x.config === config && x.lang === lang);
      if (!r) return { value: null, interval: null, n: '—', rounds: 0, what: '—' };
      const perRound = scores.results.filter((x) => x.side === 'final' && x.task === task && x.config === config && x.lang === lang);
      if (r.rounds.length === 1 && perRound.length === 1) {
        return { value: r.accuracy_mean, interval: perRound[0].ci95, n: String(perRound[0].n), rounds: 1, what: perRound[0].ci95 ? `[${pct(perRound[0].ci95[0])}, ${pct(perRound[0].ci95[1])}]` : '—' };
      }
      const mean = r.accuracy_mean;
      const sd = r.accuracy_sd;
      const interval: [number, number] | null = mean !== null && sd !== null ? [Math.max(0, mean - sd), Math.min(1, mean + sd)] : null;
      return { value: mean, interval, n: perRound.map((x) => x.n).join('/'), rounds: r.rounds.length, what: `± ${pct(sd)}` };
    };
    const title = t('Accuracy on {0} by language and configuration (final answers)', task.toUpperCase());
    const table: TextTable = {
      caption: title,
      headers: [t('Language'), t('Configuration'), t('rounds'), t('items'), t('accuracy %'), t('95% CI or ± SD over rounds')],
      rows: languages.flatMap((lang) => configs.map((config) => {
        const b = bar(config, lang);
        return [lang, config, String(b.rounds), b.n, pct(b.value), b.what];
      })),
    };
    const description = table.rows.map((row) => row.map((cell, i) => `${table.headers[i]} ${cell}`).join(', ')).join('; ');
    const id = `accuracy-${safe(task)}`;
    const svg = accuracyChart(
      { categories: languages, series: configs.map((config) => ({ label: config, bars: languages.map((lang) => bar(config, lang)) })) },
      { title, description },
      { ...options, idPrefix: `${options.idPrefix ?? 'medco'}-${id}`, axisLabel: t('accuracy %') },
    );
    charts.push({ id, title, description, table, svg });
  }
  return charts;
}
