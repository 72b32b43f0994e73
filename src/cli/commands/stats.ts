// `medco stats <annotations-dir>`: agreement and summaries of the expert ratings (CONTRACTS §4).
// Also home of the loading that `medco export` shares: annotation files, rubric, item metadata.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { formatProblem, loadDataset } from '../../core/dataset';
import { DEFAULT_FAST_THRESHOLD_MS } from '../../core/stats/annotators';
import { computeStats, DEFAULT_BOOTSTRAP, DEFAULT_SEED } from '../../core/stats/compute';
import { type AnnotationsForStats, loadAnnotationsForStats } from '../../core/stats/input';
import { type ItemMeta, type ItemMetaLookup, itemMetaLookup } from '../../core/stats/itemMeta';
import type { StatsResult } from '../../core/stats/result';
import { loadRubric } from '../../core/store';
import type { Rubric, SourceProblem } from '../../core/types';
import { UserError } from '../errors';
import { printJson, progress } from '../output';

export interface StatsInputOptions {
  dataset?: string;
  datasetFile?: string[];
  rubric?: string;
}

export interface StatsInput extends AnnotationsForStats {
  rubric: Rubric;
  itemMeta: ItemMetaLookup;
}

/** Commander parser for non-negative integer options: a bad value is a usage error (exit 2). */
export function nonNegativeInteger(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a non-negative integer');
  return Number(value);
}

export function integer(value: string): number {
  if (!/^-?\d+$/.test(value)) throw new InvalidArgumentError('expected an integer');
  return Number(value);
}

function warn(problems: readonly SourceProblem[]): void {
  for (const p of problems) process.stderr.write(`medco: warning: ${formatProblem(p)}\n`);
}

async function rubricFor(dir: string, file?: string): Promise<Rubric> {
  const candidate = file ?? path.join(dir, 'rubric.json');
  try {
    return await loadRubric(file || existsSync(candidate) ? candidate : undefined);
  } catch (err) {
    throw new UserError((err as Error).message);
  }
}

async function metaFromDatasetFiles(files: string[] | undefined): Promise<ItemMetaLookup> {
  if (!files || files.length === 0) return itemMetaLookup();
  const dataset = await loadDataset(files);
  if (dataset.items.length === 0) {
    const first = dataset.errors[0];
    throw new UserError(first ? formatProblem(first) : `${files.join(', ')}: no items could be loaded`);
  }
  warn(dataset.errors);
  return itemMetaLookup(new Map<string, ItemMeta>(dataset.items.map((item) => [item.id, { lang: item.lang, task: item.task }])));
}

export async function loadStatsInput(dir: string, options: StatsInputOptions): Promise<StatsInput> {
  const loaded = await loadAnnotationsForStats(dir, options.dataset);
  if (loaded.files.length === 0) {
    const reasons = loaded.problems.map(formatProblem);
    throw new UserError(
      reasons.length > 0
        ? `no annotation file could be read:\n  ${reasons.join('\n  ')}`
        : `${path.join(dir, options.dataset ?? '*')}: no annotation files (expected <annotations-dir>/<dataset>/<annotator>.json)`,
    );
  }
  warn(loaded.problems);
  if (loaded.problems.length > 0) {
    // The results are still printed, but they leave those annotators out: a script must notice.
    process.stderr.write(`medco: ${loaded.problems.length} annotation file(s) could not be read and are left out of the results (exit 1)\n`);
    process.exitCode = 1;
  }
  const [rubric, itemMeta] = await Promise.all([rubricFor(dir, options.rubric), metaFromDatasetFiles(options.datasetFile)]);
  return { ...loaded, rubric, itemMeta };
}

interface StatsOptions extends StatsInputOptions {
  json?: boolean;
  bootstrap: number;
  seed: number;
  fastMs: number;
}

const HELP_AFTER = `
Reads <annotations-dir>/<dataset>/<annotator>.json (every dataset folder unless --dataset) and
prints agreement per rubric dimension: Krippendorff's alpha (nominal, ordinal, interval, ratio,
with percentile bootstrap 95% CIs, items resampled), Fleiss' kappa, Gwet's AC1/AC2, ICCs (Shrout & Fleiss),
pairwise Cohen's kappa; means with t-based 95% CIs per language and task; flag frequencies;
per-annotator summaries; and, when _adjudication.json exists, agreement with the gold values.
A statistic that is undefined for the data is null (—), with the reason under "notes".

Language and task come from --dataset-file when given, else from the item id (qa-ja-001).

Exit status: 0 done, 1 no annotation file could be read (message names file and line), 2 usage.`;

export function registerStats(program: Command): void {
  program
    .command('stats')
    .description('Agreement statistics, means with confidence intervals, flags and annotator summaries of expert ratings.')
    .argument('<annotations-dir>', 'folder holding <dataset>/<annotator>.json files')
    .option('--dataset <name>', 'only this dataset folder')
    .option('--dataset-file <file...>', 'dataset file(s) giving each item\'s language and task')
    .option('--rubric <file>', 'rubric with the dimensions and scales (default: <annotations-dir>/rubric.json, else built-in)')
    .option('--json', 'print one JSON document on stdout')
    .option('--bootstrap <n>', 'bootstrap resamples for the CIs (0 = none)', nonNegativeInteger, DEFAULT_BOOTSTRAP)
    .option('--seed <s>', 'seed of the bootstrap PRNG', integer, DEFAULT_SEED)
    .option('--fast-ms <ms>', 'count ratings saved faster than this', nonNegativeInteger, DEFAULT_FAST_THRESHOLD_MS)
    .addHelpText('after', HELP_AFTER)
    .action(async (dir: string, options: StatsOptions) => {
      const stats = await computeStatsFromDir(dir, options);
      if (options.json) printJson(stats);
      else process.stdout.write(renderStats(stats));
    });
}

export async function computeStatsFromDir(dir: string, options: StatsInputOptions & Partial<Pick<StatsOptions, 'bootstrap' | 'seed' | 'fastMs'>>): Promise<StatsResult> {
  progress('medco: reading annotations…');
  const input = await loadStatsInput(dir, options);
  const adjudication = input.datasets.length === 1 ? input.adjudications.get(input.datasets[0]) : undefined;
  progress('medco: computing statistics…');
  const stats = computeStats(input.files, {
    dataset: options.dataset,
    rubric: input.rubric,
    bootstrap: options.bootstrap,
    seed: options.seed,
    fastThresholdMs: options.fastMs,
    itemMeta: input.itemMeta,
    adjudication,
  });
  for (const p of input.problems) stats.notes.unshift({ at: 'input', reason: formatProblem(p) });
  return stats;
}

// ---------------------------------------------------------------- human output

const fmt = (v: number | null | undefined, digits = 3) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits));
const ci = (c: [number, number] | null | undefined, digits = 3) => (c ? `[${fmt(c[0], digits)}, ${fmt(c[1], digits)}]` : '—');

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd()).join('\n') + '\n';
}

export function renderStats(s: StatsResult): string {
  let out = `Dataset ${s.dataset ?? s.datasets.join(', ')}: ${s.items} item(s), ${s.annotators.length} annotator(s): ${s.annotators.join(', ')}\n\n`;
  for (const [dim, d] of Object.entries(s.dimensions)) {
    const a = d.agreement;
    out += `${dim}  (n = ${d.n} ratings on ${d.items} items, mean ${fmt(d.mean, 2)}, SD ${fmt(d.sd, 2)}, 95% CI ${ci(d.ci95, 2)})\n`;
    out += table([
      ['measure', 'value', '95% CI'],
      ['Krippendorff alpha, nominal', fmt(a.krippendorff_alpha.nominal), ci(a.krippendorff_alpha.ci95_nominal)],
      ['Krippendorff alpha, ordinal', fmt(a.krippendorff_alpha.ordinal), ci(a.krippendorff_alpha.ci95_ordinal)],
      ['Krippendorff alpha, interval', fmt(a.krippendorff_alpha.interval), ci(a.krippendorff_alpha.ci95_interval)],
      ['Krippendorff alpha, ratio', fmt(a.krippendorff_alpha.ratio), ci(a.krippendorff_alpha.ci95_ratio)],
      ['Fleiss kappa', fmt(a.fleiss_kappa), ''],
      ['Gwet AC1', fmt(a.gwet_ac1), ''],
      ['Gwet AC2, linear', fmt(a.gwet_ac2.linear), ''],
      ['Gwet AC2, quadratic', fmt(a.gwet_ac2.quadratic), ''],
      ...(['ICC1', 'ICC2', 'ICC3', 'ICC1k', 'ICC2k', 'ICC3k'] as const).map((k) => [k, fmt(a.icc?.[k]), '']),
    ]);
    if (a.cohen_kappa_pairwise.length > 0) {
      out += '\n' + table([
        ['pair', 'n', 'kappa', 'linear', 'quadratic'],
        ...a.cohen_kappa_pairwise.map((p) => [p.annotators.join(' × '), String(p.n), fmt(p.unweighted), fmt(p.linear), fmt(p.quadratic)]),
      ]);
    }
    const groups = Object.entries(d.byLanguageTask).flatMap(([lang, byTask]) => Object.entries(byTask).map(([task, g]) => [lang, task, g] as const));
    if (groups.length > 0) {
      out += '\n' + table([
        ['language', 'task', 'n', 'mean', 'SD', '95% CI', 'alpha ordinal'],
        ...groups.map(([lang, task, g]) => [lang, task, String(g.n), fmt(g.mean, 2), fmt(g.sd, 2), ci(g.ci95, 2), fmt(g.krippendorff_alpha_ordinal)]),
      ]);
    }
    out += '\n';
  }
  const flags = Object.entries(s.flags.byFlag).sort(([, x], [, y]) => y.count - x.count);
  if (flags.length > 0) {
    out += table([['flag', 'count', 'share'], ...flags.map(([f, v]) => [f, String(v.count), `${(100 * v.rate).toFixed(1)}%`])]) + '\n';
  }
  const dims = Object.keys(s.dimensions);
  out += table([
    ['annotator', 'items', ...dims.map((d) => `mean ${d}`), 'median s', `< ${(s.annotatorSummary[0]?.fastThresholdMs ?? 0) / 1000} s`, 'flagged'],
    ...s.annotatorSummary.map((a) => [
      a.annotator,
      String(a.items),
      ...dims.map((d) => fmt(a.dimensions[d]?.mean, 2)),
      a.medianDurationMs === null ? '—' : (a.medianDurationMs / 1000).toFixed(1),
      String(a.fastItems),
      String(a.flaggedItems),
    ]),
  ]);
  if (s.adjudication) {
    out += '\nAgreement with adjudicated values\n' + table([
      ['dimension', 'annotator', 'n', 'exact', 'mean |diff|', 'kappa quadratic'],
      ...Object.entries(s.adjudication).flatMap(([dim, list]) =>
        list.map((g) => [dim, g.annotator, String(g.n), g.exactMatch === null ? '—' : `${(100 * g.exactMatch).toFixed(1)}%`, fmt(g.meanAbsDiff, 2), fmt(g.quadraticKappa)]),
      ),
    ]);
  }
  if (s.notes.length > 0) out += `\nNotes (— = undefined for these data):\n${s.notes.map((n) => `  ${n.at}: ${n.reason}\n`).join('')}`;
  return out;
}
