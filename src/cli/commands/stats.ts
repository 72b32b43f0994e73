// `medco stats <annotations-dir>`: agreement and summaries of the expert ratings (docs/formats.md §4).
// Also home of the loading that `medco export` shares: annotation files, rubric, item metadata.
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { formatProblem, loadDataset } from '../../core/dataset';
import { DEFAULT_FAST_THRESHOLD_MS } from '../../core/stats/annotators';
import { computeStats, DEFAULT_BOOTSTRAP, DEFAULT_SEED, MAX_BOOTSTRAP } from '../../core/stats/compute';
import { type AnnotationsForStats, inputSummary, loadAnnotationsForStats } from '../../core/stats/input';
import { formatInvalidValue, MAX_SCALE_POINTS, scaleProblems } from '../../core/stats/ratingValue';
import { lineOfPointer } from '../../core/schema/jsonLocation';
import { type ItemMeta, type ItemMetaLookup, itemMetaLookup } from '../../core/stats/itemMeta';
import type { StatsResult } from '../../core/stats/result';
import { listAnnotationDatasets, loadRubric, rubricFileFor } from '../../core/store';
import { ANNOTATOR_SELECTIONS, type AnnotatorSelection, isModelFile, selectAnnotatorFiles } from '../../core/judge/judgeName';
import type { Rubric } from '../../core/types';
import { UserError } from '../errors';
import { printJson, printText, progress } from '../output';
import { say, warn } from './resultMessages';

export interface StatsInputOptions {
  /** The annotations folder as given, for file names in messages. */
  annotationsDir?: string;
  dataset?: string;
  datasetFile?: string[];
  rubric?: string;
  /** Whose ratings the agreement measures use (default humans: LLM judges' files are left out). */
  annotators?: AnnotatorSelection;
}

export interface StatsInput extends AnnotationsForStats {
  rubric: Rubric;
  itemMeta: ItemMetaLookup;
}

/** The widest values the size-like flags accept: beyond them a run would exhaust memory or time. */
export const MAX_SEED = 2 ** 32 - 1;
export const MAX_FAST_MS = 86_400_000;

/** Commander parser for an integer flag within bounds: anything else is a usage error (exit 2). */
export function boundedInteger(min: number, max: number, why = ''): (value: string) => number {
  return (value: string) => {
    const n = /^-?\d{1,16}$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`expected an integer from ${min} to ${max}${why}`);
    }
    return n;
  };
}

export const bootstrapCount = boundedInteger(0, MAX_BOOTSTRAP, ' (resamples; 1000 is the default, 10000 is plenty for a paper)');
export const seedValue = boundedInteger(-MAX_SEED, MAX_SEED, ' (the PRNG keeps 32 bits)');
export const fastMs = boundedInteger(0, MAX_FAST_MS, ' (milliseconds; at most a day)');

async function rubricFor(dir: string, file?: string): Promise<Rubric> {
  const used = rubricFileFor(dir, file);
  let rubric: Rubric;
  try {
    rubric = await loadRubric(used);
  } catch (err) {
    throw new UserError((err as Error).message);
  }
  // Statistics need bounded scales: name the rubric file and the line of the dimension.
  const problem = scaleProblems(rubric.dimensions)[0];
  if (problem) {
    const text = used ? await readFile(used, 'utf8') : '';
    const line = used ? lineOfPointer(text, `/dimensions/${problem.index}`) : 1;
    throw new UserError(`${used ?? 'built-in rubric'}:${line}: ${problem.message}`);
  }
  return rubric;
}

async function metaFromDatasetFiles(files: string[] | undefined): Promise<ItemMetaLookup> {
  if (!files || files.length === 0) return itemMetaLookup();
  const dataset = await loadDataset(files);
  if (dataset.items.length === 0) {
    const first = dataset.errors[0];
    throw new UserError(first ? formatProblem(first) : `${files.join(', ')}: no items could be loaded`);
  }
  for (const p of dataset.errors) warn(formatProblem(p));
  return itemMetaLookup(new Map<string, ItemMeta>(dataset.items.map((item) => [item.id, { lang: item.lang, task: item.task }])));
}

/**
 * Reads the annotations folder for stats and export. Files that cannot be read are named on
 * stderr and left out (exit 1, results still printed); files used despite a mismatch of dataset
 * or annotator id are named with a warning (exit unchanged). See ../../core/stats/datasetAnnotations.
 */
export async function loadStatsInput(dir: string, options: StatsInputOptions): Promise<StatsInput> {
  if (options.dataset !== undefined) await requireDatasetFolder(dir, options.dataset);
  const loaded = await loadAnnotationsForStats(dir, options.dataset);
  if (loaded.files.length === 0) {
    const reasons = loaded.problems.map(formatProblem);
    throw new UserError(
      reasons.length > 0
        ? `no annotation file could be read:\n  ${reasons.join('\n  ')}`
        : `${path.join(dir, options.dataset ?? '*')}: no annotation files (expected <annotations-dir>/<dataset>/<annotator>.json)`,
    );
  }
  for (const w of loaded.warnings) warn(formatProblem(w));
  for (const p of loaded.problems) warn(formatProblem(p));
  if (loaded.problems.length > 0) {
    // The results are still printed, but they leave those files out: a script must notice.
    say(`${loaded.problems.length} file(s) could not be read and are left out of the results (exit 1)`);
    process.exitCode = 1;
  }
  const [rubric, itemMeta] = await Promise.all([rubricFor(dir, options.rubric), metaFromDatasetFiles(options.datasetFile)]);
  return { ...loaded, rubric, itemMeta };
}

/** `--dataset X` naming no dataset folder is a typo: say which folders there are. */
async function requireDatasetFolder(dir: string, dataset: string): Promise<void> {
  const folder = path.join(dir, dataset);
  if (existsSync(folder) && statSync(folder).isDirectory()) return;
  const known = existsSync(dir) && statSync(dir).isDirectory() ? await listAnnotationDatasets(dir) : [];
  throw new UserError(`--dataset ${dataset}: no such dataset folder in ${dir} (datasets: ${known.join(', ') || 'none'})`);
}

/** Computes the statistics document of a loaded folder, with what was left out recorded in it. */
export function statsOfInput(input: StatsInput, options: StatsInputOptions & Partial<Pick<StatsOptions, 'bootstrap' | 'seed' | 'fastMs'>>): StatsResult {
  const dataset = input.datasets.length === 1 ? input.datasets[0] : undefined;
  let stats: StatsResult;
  try {
    stats = computeStats(input.files, {
      dataset: options.dataset,
      rubric: input.rubric,
      bootstrap: options.bootstrap,
      seed: options.seed,
      fastThresholdMs: options.fastMs,
      itemMeta: input.itemMeta,
      adjudication: dataset ? input.adjudications.get(dataset) : undefined,
      sourceOf: (f) => input.sources.get(f),
      adjudicationSource: dataset ? path.join(options.annotationsDir ?? '', dataset, '_adjudication.json') : undefined,
      annotators: options.annotators,
    });
  } catch (err) {
    if (err instanceof RangeError) throw new UserError(err.message);
    throw err;
  }
  stats.input = inputSummary(input);
  for (const w of input.warnings) stats.notes.unshift({ at: 'input', reason: `used with a warning: ${formatProblem(w)}` });
  for (const p of input.problems) stats.notes.unshift({ at: 'input', reason: `left out: ${formatProblem(p)}` });
  return stats;
}

/** Stats and the Markdown report leave invalid values out: name them, and exit 1 like a file left out. */
export function reportInvalidLeftOut(stats: StatsResult): void {
  if (stats.invalid.length === 0) return;
  reportInvalidValues(stats.invalid.map(formatInvalidValue), 'are left out of the statistics (exit 1)');
  process.exitCode = 1;
}

const MAX_LISTED = 20;

/** Names invalid values on stderr (the first 20; every one is in the notes or the rows). */
export function reportInvalidValues(lines: readonly string[], what: string): void {
  const count = lines.length;
  if (count === 0) return;
  for (const line of lines.slice(0, MAX_LISTED)) warn(line);
  if (count > MAX_LISTED) warn(`… and ${count - MAX_LISTED} more`);
  say(`${count} saved value(s) off the rubric scale or not integers ${what}`);
}

interface StatsOptions extends StatsInputOptions {
  json?: boolean;
  bootstrap: number;
  seed: number;
  fastMs: number;
}

const HELP_AFTER = `
Reads <annotations-dir>/<dataset>/<annotator>.json (every dataset folder unless --dataset) and
prints agreement per rubric dimension: Krippendorff's alpha (nominal, ordinal, interval, ratio),
Fleiss' kappa (Gwet's generalisation for missing ratings), Gwet's AC1 and AC2 (linear, quadratic,
ordinal, ratio weights) and pairwise Cohen's kappa, each with a percentile bootstrap 95% CI (items
resampled, seeded); ICCs (Shrout & Fleiss) on the items every annotator rated, with F-distribution
95% CIs (McGraw & Wong 1996); means with 95% CIs that stay on the scale (bootstrap percentile; with
--bootstrap 0 the t interval truncated to the scale) per language and task; flag frequencies;
per-annotator summaries; when _adjudication.json exists, agreement with the gold values; and, when
annotator files hold blind pairwise "comparisons", preference statistics (win rates with Wilson
CIs, exact sign tests, Bradley–Terry strengths with bootstrap CIs, position bias, alpha nominal).

LLM judges' files (annotator.role "model", written by \`medco judge\`) are left out of the
agreement measures unless --annotators models|all; whenever there are some, a section "judges
against physicians" gives, per judge and dimension, quadratic-weighted kappa with the physicians'
median per item, Krippendorff's ordinal alpha of the physicians with and without the judge, and
the mean bias (judge − median) with its t-based 95% CI.
A statistic that is undefined for the data is null (—), with the reason under "notes".

Language and task come from --dataset-file when given, else from the item id (qa-ja-001).

A saved value off the rubric's scale or not an integer (7 on 1–5, 3.5, a gold value 9) is
invalid: left out of every statistic, named (file, item, dimension) on stderr and in "notes",
listed under "invalid". A file whose dataset or annotator id differs from its folder or file
name is used under the folder and file name, with a warning.

Bounds: --bootstrap 0–${MAX_BOOTSTRAP}, --seed ±${MAX_SEED}, --fast-ms 0–${MAX_FAST_MS}; a rubric
scale may have at most ${MAX_SCALE_POINTS} points (e.g. 0–100).

Exit status: 0 done; 1 a file could not be read (named with its line) or values were invalid:
the results are printed without them; also no annotation file, an unknown --dataset, a rubric
that cannot be used; 2 usage (bad flag value).`;

export function registerStats(program: Command): void {
  program
    .command('stats')
    .description('Agreement statistics, means with confidence intervals, flags and annotator summaries of expert ratings.')
    .argument('<annotations-dir>', 'folder holding <dataset>/<annotator>.json files')
    .option('--dataset <name>', 'only this dataset folder')
    .option('--dataset-file <file...>', 'dataset file(s) giving each item\'s language and task')
    .option('--rubric <file>', 'rubric with the dimensions and scales (default: <annotations-dir>/rubric.json, else built-in)')
    .option('--json', 'print one JSON document on stdout')
    .option('--bootstrap <n>', `bootstrap resamples for the CIs (0 = none, at most ${MAX_BOOTSTRAP})`, bootstrapCount, DEFAULT_BOOTSTRAP)
    .option('--seed <s>', 'seed of the bootstrap PRNG', seedValue, DEFAULT_SEED)
    .option('--fast-ms <ms>', 'count ratings saved faster than this', fastMs, DEFAULT_FAST_THRESHOLD_MS)
    .addOption(
      new Option('--annotators <who>', 'whose ratings the agreement measures use: physicians, LLM judges\' files (role "model"), or all')
        .choices(ANNOTATOR_SELECTIONS)
        .default('humans'),
    )
    .addHelpText('after', HELP_AFTER)
    .action(async (dir: string, options: StatsOptions) => {
      const stats = await computeStatsFromDir(dir, options);
      if (options.json) printJson(stats);
      else printText(renderStats(stats));
    });
}

export async function computeStatsFromDir(dir: string, options: StatsInputOptions & Partial<Pick<StatsOptions, 'bootstrap' | 'seed' | 'fastMs'>>): Promise<StatsResult> {
  progress('medco: reading annotations…');
  const input = await loadStatsInput(dir, options);
  if (selectAnnotatorFiles(input.files, options.annotators).length === 0) {
    const models = input.files.filter(isModelFile).length;
    throw new UserError(
      `--annotators ${options.annotators ?? 'humans'}: none of the ${input.files.length} annotator file(s) in ${dir} is ${options.annotators === 'models' ? 'an LLM judge\'s (role "model")' : 'a physician\'s'} ` +
        `(${models} judge file(s)); use --annotators ${options.annotators === 'models' ? 'humans' : 'models'} or all`,
    );
  }
  progress('medco: computing statistics…');
  const stats = statsOfInput(input, { ...options, annotationsDir: dir });
  reportInvalidLeftOut(stats);
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
    const invalid = d.invalid > 0 ? `; ${d.invalid} invalid value(s) left out, see notes` : '';
    out += `${dim}  (n = ${d.n} ratings on ${d.items} items, mean ${fmt(d.mean, 2)}, SD ${fmt(d.sd, 2)}, 95% CI ${ci(d.ci95, 2)}${invalid})\n`;
    const iccCi = a.icc_ci95 ?? {};
    out += table([
      ['measure', 'value', '95% CI'],
      ['Krippendorff alpha, nominal', fmt(a.krippendorff_alpha.nominal), ci(a.krippendorff_alpha.ci95_nominal)],
      ['Krippendorff alpha, ordinal', fmt(a.krippendorff_alpha.ordinal), ci(a.krippendorff_alpha.ci95_ordinal)],
      ['Krippendorff alpha, interval', fmt(a.krippendorff_alpha.interval), ci(a.krippendorff_alpha.ci95_interval)],
      ['Krippendorff alpha, ratio', fmt(a.krippendorff_alpha.ratio), ci(a.krippendorff_alpha.ci95_ratio)],
      ['Fleiss kappa (Gwet, missing ratings)', fmt(a.fleiss_kappa), ci(a.fleiss_kappa_ci95)],
      ['Gwet AC1', fmt(a.gwet_ac1), ci(a.gwet_ac1_ci95)],
      ...(['linear', 'quadratic', 'ordinal', 'ratio'] as const).map((w) => [`Gwet AC2, ${w}`, fmt(a.gwet_ac2[w]), ci(a.gwet_ac2_ci95?.[w])]),
      ...(['ICC1', 'ICC2', 'ICC3', 'ICC1k', 'ICC2k', 'ICC3k'] as const).map((k) => [`${k} (${a.icc_items ?? 0} complete items)`, fmt(a.icc?.[k]), ci(iccCi[k])]),
    ]);
    if (a.cohen_kappa_pairwise.length > 0) {
      out += '\n' + table([
        ['pair', 'n', 'kappa', '95% CI', 'linear', '95% CI', 'quadratic', '95% CI'],
        ...a.cohen_kappa_pairwise.map((p) => [
          p.annotators.join(' × '), String(p.n),
          fmt(p.unweighted), ci(p.ci95?.unweighted), fmt(p.linear), ci(p.ci95?.linear), fmt(p.quadratic), ci(p.ci95?.quadratic),
        ]),
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
  if (s.preferences) out += '\n' + renderPreferences(s.preferences);
  if (s.adjudication) {
    out += '\nAgreement with adjudicated values\n' + table([
      ['dimension', 'annotator', 'n', 'exact', 'mean |diff|', 'kappa quadratic'],
      ...Object.entries(s.adjudication).flatMap(([dim, list]) =>
        list.map((g) => [dim, g.annotator, String(g.n), g.exactMatch === null ? '—' : `${(100 * g.exactMatch).toFixed(1)}%`, fmt(g.meanAbsDiff, 2), fmt(g.quadraticKappa)]),
      ),
    ]);
  }
  if (s.judges) out += renderJudges(s.judges);
  if (s.notes.length > 0) out += `\nNotes (— = undefined for these data):\n${s.notes.map((n) => `  ${n.at}: ${n.reason}\n`).join('')}`;
  return out;
}

function renderPreferences(preferences: NonNullable<StatsResult['preferences']>): string {
  let out = 'Blind pairwise preferences (a tie or "both unacceptable" counts as half a win; Wilson 95% CI; exact sign test on decisive judgements)\n';
  for (const [dim, p] of Object.entries(preferences)) {
    out += `\n${dim}  (${p.judgements} judgement(s); alpha nominal over the 4 outcomes ${fmt(p.alpha_nominal)})\n`;
    out += table([
      ['a', 'b', 'n', 'wins a', 'wins b', 'ties', 'both bad', 'win rate a', '95% CI', 'sign test p'],
      ...p.pairs.map((x) => [x.a, x.b, String(x.n), String(x.wins_a), String(x.wins_b), String(x.ties), String(x.both_bad), fmt(x.win_rate_a), ci(x.ci95), fmt(x.sign_test_p, 4)]),
    ]);
    const systems = Object.keys(p.bradley_terry.log_strength);
    if (systems.length > 0) {
      out += '\n' + table([
        ['system', 'Bradley–Terry log-strength', '95% CI (bootstrap over items)'],
        ...systems
          .sort((x, y) => (p.bradley_terry.log_strength[y] ?? -Infinity) - (p.bradley_terry.log_strength[x] ?? -Infinity))
          .map((sys) => [sys, fmt(p.bradley_terry.log_strength[sys]), ci(p.bradley_terry.ci95[sys])]),
      ]);
    }
    const bias = p.position_bias;
    out += `\nResponse 1 won ${bias.side1_wins} of ${bias.decisive} decisive judgement(s) with a recorded side (sign test p ${fmt(bias.sign_test_p, 4)})\n`;
    const langs = Object.entries(p.byLanguage);
    if (langs.length > 1) {
      out += '\n' + table([
        ['language', 'a', 'b', 'n', 'win rate a', '95% CI', 'sign test p', 'alpha nominal'],
        ...langs.flatMap(([lang, g]) => g.pairs.map((x) => [lang, x.a, x.b, String(x.n), fmt(x.win_rate_a), ci(x.ci95), fmt(x.sign_test_p, 4), fmt(g.alpha_nominal)])),
      ]);
    }
  }
  return out;
}

/** The "judges against physicians" section of the text output. */
function renderJudges(judges: NonNullable<StatsResult['judges']>): string {
  const rows = Object.entries(judges).flatMap(([judge, dims]) =>
    Object.entries(dims).map(([dim, a]) => [
      judge,
      dim,
      String(a.n),
      fmt(a.kappa_quadratic_vs_median),
      fmt(a.alpha_ordinal_with),
      fmt(a.alpha_ordinal_without),
      a.bias === null ? '—' : `${a.bias >= 0 ? '+' : ''}${a.bias.toFixed(2)}`,
      ci(a.bias_ci95, 2),
    ]),
  );
  return (
    '\nJudges against physicians (reference: the physicians\' median per item)\n' +
    table([['judge', 'dimension', 'n', 'kappa quadratic', 'alpha ordinal with', 'without', 'bias', '95% CI'], ...rows])
  );
}
