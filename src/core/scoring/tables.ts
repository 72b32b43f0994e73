// `medco score --format md|csv|latex`: the score report as tables. Markdown for reading, CSV in long
// format (one row per statistic) for R or pandas, LaTeX as papers print it: one booktabs table per
// task (and per judged dimension), configurations as rows, languages as columns, the mean over
// rounds (± SD when there are several), the best value of each column in bold.
import { compareConfigs } from './configOrder';
import type { ScoreReport } from './scoreTraces';
import type { LongformOverRounds, LongformScore } from './longform';

export type ScoreFormat = 'md' | 'csv' | 'latex';

export interface ScoreDocument extends ScoreReport {
  longform?: LongformScore[];
  /** The same ratings over every round (with --annotations). */
  longform_rounds?: LongformOverRounds[];
}

const pct = (v: number | null | undefined, digits = 1) => (v === null || v === undefined ? '—' : (100 * v).toFixed(digits));
const num = (v: number | null | undefined, digits = 3) => (v === null || v === undefined ? '—' : v.toFixed(digits));
const interval = (ci: [number, number] | null | undefined, f: (v: number) => string) => (ci ? `[${f(ci[0])}, ${f(ci[1])}]` : '—');
const pValue = (p: number | null) => (p === null ? '—' : p < 0.001 ? '<0.001' : p.toFixed(3));

/** Markdown cells are text: pipes and line breaks from config names or ids must not break the table. */
function mdCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
}

function mdTable(header: string[], rows: string[][]): string {
  return [header, header.map(() => '---'), ...rows].map((r) => `| ${r.map(mdCell).join(' | ')} |`).join('\n') + '\n';
}

/**
 * One row per configuration × language: the final answers' accuracy per task (mean over rounds,
 * ± SD with several) beside each judge's mean rating per task and dimension (all rounds, 95% CI):
 * the paper's accuracy and "overall score" side by side.
 */
function overview(doc: ScoreDocument): string {
  const finals = doc.rounds.filter((r) => r.side === 'final');
  const judged = doc.longform_rounds ?? [];
  if (finals.length === 0 || judged.length === 0) return '';
  const tasks = [...new Set(finals.map((r) => r.task))].sort();
  const judgeColumns = [...new Set(judged.map((l) => `${l.judge}\u0000${l.task}\u0000${l.dimension}`))].sort();
  const rows = [...new Set([...finals.map((r) => `${r.config}\u0000${r.lang}`), ...judged.map((l) => `${l.config}\u0000${l.lang}`)])].sort((a, b) => {
    const [ca, la] = a.split('\u0000');
    const [cb, lb] = b.split('\u0000');
    return compareConfigs(ca, cb) || (la < lb ? -1 : la > lb ? 1 : 0);
  });
  const header = ['config', 'lang', ...tasks.map((t) => `${t} accuracy %`), ...judgeColumns.map((k) => k.split('\u0000').join(' · ') + ' (95% CI)')];
  const body = rows.map((row) => {
    const [config, lang] = row.split('\u0000');
    const accuracy = tasks.map((task) => {
      const r = finals.find((x) => x.config === config && x.lang === lang && x.task === task);
      if (!r || r.accuracy_mean === null) return '—';
      return r.accuracy_sd === null ? pct(r.accuracy_mean) : `${pct(r.accuracy_mean)} ± ${pct(r.accuracy_sd)}`;
    });
    const scores = judgeColumns.map((k) => {
      const [judge, task, dimension] = k.split('\u0000');
      const l = judged.find((x) => x.judge === judge && x.task === task && x.dimension === dimension && x.config === config && x.lang === lang);
      return l && l.mean !== null ? `${num(l.mean, 2)} ${interval(l.ci95, (v) => num(v, 2))}` : '—';
    });
    return [config, lang, ...accuracy, ...scores];
  });
  return '## Overview: accuracy and judge scores by configuration and language\n\n' + mdTable(header, body) + '\n';
}

export function renderMarkdown(doc: ScoreDocument): string {
  let out = '# Scores\n\n' + overview(doc);
  if (doc.results.length > 0) {
    out += '## Accuracy and macro-F1\n\n' + mdTable(
      ['config', 'round', 'lang', 'task', 'side', 'n', 'accuracy %', '95% CI (Wilson)', 'macro-F1', '95% CI (bootstrap)', 'unparsed'],
      doc.results.map((r) => [r.config, String(r.round), r.lang, r.task, r.side, String(r.n), pct(r.accuracy), interval(r.ci95, (v) => pct(v)), num(r.macro_f1), interval(r.macro_f1_ci95, (v) => num(v)), String(r.unparsed)]),
    );
  } else out += 'No classification items (NLI, multiple choice) were scored.\n';
  if (doc.rounds.some((r) => r.rounds.length > 1)) {
    out += '\n## Over rounds (mean ± SD)\n\n' + mdTable(
      ['config', 'lang', 'task', 'side', 'rounds', 'accuracy %', 'macro-F1'],
      doc.rounds.map((r) => [r.config, r.lang, r.task, r.side, r.rounds.join(', '), `${pct(r.accuracy_mean)} ± ${pct(r.accuracy_sd)}`, `${num(r.macro_f1_mean)} ± ${num(r.macro_f1_sd)}`]),
    );
  }
  if (doc.comparisons.length > 0) {
    out += '\n## Paired comparisons (same items)\n\n' + mdTable(
      ['a', 'b', 'round', 'lang', 'task', 'side', 'n', 'a − b (points)', '95% CI (paired bootstrap)', 'only a', 'only b', 'McNemar exact p'],
      doc.comparisons.map((c) => [c.a, c.b, String(c.round), c.lang, c.task, c.side, String(c.n), pct(c.diff), interval(c.ci95, (v) => pct(v)), String(c.only_a), String(c.only_b), pValue(c.mcnemar_p)]),
    );
  }
  if (doc.longform && doc.longform.length > 0) {
    out += '\n## Long-form answers rated by model judges (1–5)\n\n' + mdTable(
      ['judge', 'config', 'round', 'lang', 'task', 'dimension', 'n', 'mean', 'SD', '95% CI (bootstrap)'],
      doc.longform.map((l) => [l.judge, l.config, String(l.round), l.lang, l.task, l.dimension, String(l.n), num(l.mean, 2), num(l.sd, 2), interval(l.ci95, (v) => num(v, 2))]),
    );
  }
  if (doc.longform_rounds && doc.longform_rounds.some((l) => l.rounds.length > 1)) {
    out += '\n## Long-form answers over rounds (all ratings; CI resamples items)\n\n' + mdTable(
      ['judge', 'config', 'lang', 'task', 'dimension', 'rounds', 'items', 'n', 'mean', '95% CI', 'SD over rounds'],
      doc.longform_rounds.map((l) => [l.judge, l.config, l.lang, l.task, l.dimension, l.rounds.join(', '), String(l.items), String(l.n), num(l.mean, 2), interval(l.ci95, (v) => num(v, 2)), num(l.sd_over_rounds, 2)]),
    );
  }
  out += `\n${doc.counts.scored} trace(s) scored, ${doc.counts.superseded} superseded by a later trace of the same item, configuration and round, ${doc.problems.length} problem(s).\n`;
  return out;
}

// ---------------------------------------------------------------- CSV (long format)

const CSV_HEADER = ['metric', 'config', 'compared_with', 'judge', 'round', 'lang', 'task', 'side', 'dimension', 'n', 'value', 'ci_low', 'ci_high', 'unparsed', 'p_value'];

function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // A leading =, +, -, @ would run as a formula in a spreadsheet: names from files stay text.
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function renderCsv(doc: ScoreDocument): string {
  const rows: (string | number | null)[][] = [CSV_HEADER];
  for (const r of doc.results) {
    rows.push(['accuracy', r.config, null, null, r.round, r.lang, r.task, r.side, null, r.n, r.accuracy, r.ci95?.[0] ?? null, r.ci95?.[1] ?? null, r.unparsed, null]);
    rows.push(['macro_f1', r.config, null, null, r.round, r.lang, r.task, r.side, null, r.n, r.macro_f1, r.macro_f1_ci95?.[0] ?? null, r.macro_f1_ci95?.[1] ?? null, r.unparsed, null]);
  }
  for (const c of doc.comparisons) {
    rows.push(['accuracy_diff', c.a, c.b, null, c.round, c.lang, c.task, c.side, null, c.n, c.diff, c.ci95?.[0] ?? null, c.ci95?.[1] ?? null, null, c.mcnemar_p]);
  }
  for (const l of doc.longform ?? []) {
    rows.push(['judge_mean', l.config, null, l.judge, l.round, l.lang, l.task, null, l.dimension, l.n, l.mean, l.ci95?.[0] ?? null, l.ci95?.[1] ?? null, null, null]);
  }
  // All rounds pooled: the round column is empty.
  for (const l of doc.longform_rounds ?? []) {
    rows.push(['judge_mean_all_rounds', l.config, null, l.judge, null, l.lang, l.task, null, l.dimension, l.n, l.mean, l.ci95?.[0] ?? null, l.ci95?.[1] ?? null, null, null]);
  }
  return rows.map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}

// ---------------------------------------------------------------- LaTeX

export function latexEscape(text: string): string {
  return text.replace(/[\\{}$&#^_%~]/g, (c) => {
    if (c === '\\') return '\\textbackslash{}';
    if (c === '^') return '\\textasciicircum{}';
    if (c === '~') return '\\textasciitilde{}';
    return `\\${c}`;
  });
}

interface Cell {
  mean: number | null;
  sd: number | null;
}

/** One booktabs table: rows × columns of mean (± SD), the best mean of each column in bold. `caption` is LaTeX. */
function latexTable(caption: string, label: string, rows: string[], columns: string[], cell: (row: string, column: string) => Cell | undefined, format: (v: number) => string, higherIsBetter = true): string {
  const best = new Map<string, number>();
  for (const column of columns) {
    const means = rows.map((r) => cell(r, column)?.mean).filter((m): m is number => m !== null && m !== undefined);
    if (means.length > 0) best.set(column, higherIsBetter ? Math.max(...means) : Math.min(...means));
  }
  const lines = [
    '\\begin{table}[t]',
    '\\centering',
    `\\caption{${caption}}`,
    `\\label{${label}}`,
    `\\begin{tabular}{l${'r'.repeat(columns.length)}}`,
    '\\toprule',
    ['Configuration', ...columns.map(latexEscape)].join(' & ') + ' \\\\',
    '\\midrule',
  ];
  for (const row of rows) {
    const cells = columns.map((column) => {
      const c = cell(row, column);
      if (!c || c.mean === null) return '--';
      const text = format(c.mean) + (c.sd === null ? '' : ` $\\pm$ ${format(c.sd)}`);
      // Ties are all best: compare what is printed, not the last bits of a float.
      return best.has(column) && format(best.get(column)!) === format(c.mean) ? `\\textbf{${text}}` : text;
    });
    lines.push([latexEscape(row), ...cells].join(' & ') + ' \\\\');
  }
  lines.push('\\bottomrule', '\\end{tabular}', '\\end{table}');
  return lines.join('\n') + '\n';
}

const sortedLangs = (langs: Iterable<string>) => [...new Set(langs)].sort();
const sortedConfigs = (configs: Iterable<string>) => [...new Set(configs)].sort(compareConfigs);

export function renderLatex(doc: ScoreDocument): string {
  const parts: string[] = ['% medco score: mean over rounds (± SD over rounds when there are several); best per column in bold.', '% Requires \\usepackage{booktabs}.'];
  const finals = doc.rounds.filter((r) => r.side === 'final');
  for (const task of [...new Set(finals.map((r) => r.task))].sort()) {
    const list = finals.filter((r) => r.task === task);
    const rounds = Math.max(...list.map((r) => r.rounds.length));
    const caption = `Accuracy (\\%) on ${latexEscape(task.toUpperCase())}, final answers${rounds > 1 ? `, mean $\\pm$ SD over ${rounds} rounds` : ''}.`;
    parts.push(
      latexTable(
        caption,
        `tab:score-${task}`.replace(/[^A-Za-z0-9:-]/g, '-'),
        sortedConfigs(list.map((r) => r.config)),
        sortedLangs(list.map((r) => r.lang)),
        (config, lang) => {
          const r = list.find((x) => x.config === config && x.lang === lang);
          return r && { mean: r.accuracy_mean, sd: r.accuracy_sd };
        },
        (v) => (100 * v).toFixed(1),
      ),
    );
  }
  const longform = doc.longform ?? [];
  for (const key of [...new Set(longform.map((l) => `${l.judge}\u0000${l.task}\u0000${l.dimension}`))].sort()) {
    const [judge, task, dimension] = key.split('\u0000');
    const list = longform.filter((l) => l.judge === judge && l.task === task && l.dimension === dimension);
    const cells = new Map<string, Cell>();
    for (const group of groupRounds(list)) cells.set(`${group.config}\u0000${group.lang}`, group);
    parts.push(
      latexTable(
        `${latexEscape(dimension)} (1--5) on ${latexEscape(task.toUpperCase())} rated by ${latexEscape(judge)}, mean over rounds.`,
        `tab:judge-${task}-${dimension}`.replace(/[^A-Za-z0-9:-]/g, '-'),
        sortedConfigs(list.map((l) => l.config)),
        sortedLangs(list.map((l) => l.lang)),
        (config, lang) => cells.get(`${config}\u0000${lang}`),
        (v) => v.toFixed(2),
      ),
    );
  }
  if (parts.length === 2) parts.push('% Nothing was scored.');
  return parts.join('\n');
}

/** Long-form means per configuration × language, averaged over rounds. */
function groupRounds(list: readonly LongformScore[]): { config: string; lang: string; mean: number | null; sd: number | null }[] {
  const groups = new Map<string, LongformScore[]>();
  for (const l of list) {
    const key = `${l.config}\u0000${l.lang}`;
    groups.set(key, [...(groups.get(key) ?? []), l]);
  }
  return [...groups.values()].map((g) => {
    const means = g.flatMap((l) => (l.mean === null ? [] : [l.mean]));
    const mean = means.length === 0 ? null : means.reduce((a, b) => a + b, 0) / means.length;
    const sd = means.length < 2 || mean === null ? null : Math.sqrt(means.reduce((s, v) => s + (v - mean) ** 2, 0) / (means.length - 1));
    return { config: g[0].config, lang: g[0].lang, mean, sd };
  });
}

export function renderScore(doc: ScoreDocument, format: ScoreFormat): string {
  if (format === 'csv') return renderCsv(doc);
  if (format === 'latex') return renderLatex(doc);
  return renderMarkdown(doc);
}
