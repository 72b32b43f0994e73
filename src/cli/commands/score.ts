// `medco score <dataset…> --traces <file…>`: task accuracy of the traces against the dataset's gold
// answers, paired comparisons of configurations, and (with --annotations) the model judges' mean
// ratings of long-form answers (docs/formats.md §6).
import { Option, type Command } from 'commander';
import { formatProblem, loadDataset } from '../../core/dataset';
import { DEFAULT_BOOTSTRAP, DEFAULT_SEED, MAX_BOOTSTRAP } from '../../core/stats/compute';
import { readDatasetAnnotations } from '../../core/stats/datasetAnnotations';
import { listAnnotationDatasets, loadRubric, rubricFileFor } from '../../core/store';
import type { ScorableItem } from '../../core/scoring/gold';
import { isModelAnnotator, scoreLongform, type JudgeFile } from '../../core/scoring/longform';
import { emptyTraceAnswers, addTraceText, type TraceAnswersRead } from '../../core/scoring/readTraceAnswers';
import { scoreTraces, type ScoreProblem } from '../../core/scoring/scoreTraces';
import { renderScore, type ScoreDocument, type ScoreFormat } from '../../core/scoring/tables';
import { readTextFile } from '../../core/text/utf8';
import { UserError, EXIT_USER_ERROR } from '../errors';
import { printData, printJson, progress } from '../output';
import { bootstrapCount, seedValue } from './stats';
import { say, warn } from './resultMessages';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

interface ScoreOptions {
  traces: string[];
  annotations?: string;
  json?: boolean;
  format: ScoreFormat;
  bootstrap: number;
  seed: number;
}

const HELP_AFTER = `
Scores every trace whose dataset item has a gold answer: NLI labels (entailment,
contradiction) and multiple-choice letters ("B", or "A,C": all and only the gold letters
count as correct). Per configuration (trace config.name, default coreasoner) × round
(config.round, default 1) × language × task × side (final answer, English reasoning's
answer, local reasoning's answer): n, accuracy with Wilson's 95% CI, macro-F1 with a seeded
percentile bootstrap CI over items, unparsed answers (scored wrong, counted apart). Every
pair of configurations is compared on the items both answered: difference in accuracy,
paired bootstrap CI, exact McNemar test. Several rounds: mean ± SD over rounds.

With --annotations <dir>: the 1–5 ratings of model judges (annotation files with
annotator.role "model", e.g. <dir>/<dataset>/judge-<model>.json and the judge's other runs,
judge-<model>--<config>[-r<round>].json) per configuration × round × language × dimension,
and over all rounds: mean with a 95% CI that stays on the scale (bootstrap over items, or
with --bootstrap 0 the t interval cut to the scale), next to accuracy in the overview.

A trace counts once per item, configuration and round: the latest createdAt wins; the
others are counted as superseded. Traces of items not in the dataset, items without a
usable gold answer (absent, or "neutral" in the two-label NLI set), bad lines and judge
values off the scale are counted, named on stderr (file:line) and listed under "problems".

Exit status: 0 done; 1 a problem above (results are still printed), a file that cannot
be read, nothing to score; 2 usage (bad flag value).`;

export function registerScore(program: Command): void {
  program
    .command('score')
    .description('Score traces against the dataset\'s gold answers: accuracy, macro-F1, paired comparisons, model-judge means.')
    .argument('<dataset...>', 'dataset files or folders (as for validate)')
    .requiredOption('--traces <file...>', 'traces files (*.traces.jsonl), any configurations and rounds')
    .option('--annotations <dir>', 'annotations folder: add the model judges\' ratings of long-form answers')
    .option('--json', 'print one JSON document on stdout')
    .addOption(new Option('--format <format>', 'table format').choices(['md', 'csv', 'latex']).default('md'))
    .option('--bootstrap <n>', `bootstrap resamples per interval (0 = none, at most ${MAX_BOOTSTRAP})`, bootstrapCount, DEFAULT_BOOTSTRAP)
    .option('--seed <s>', 'seed of the bootstrap PRNG', seedValue, DEFAULT_SEED)
    .addHelpText('after', HELP_AFTER)
    .action(async (datasets: string[], options: ScoreOptions) => {
      const doc = await scoreFromFiles(datasets, options);
      if (options.json) printJson(doc);
      else printData(renderScore(doc, options.format));
      reportProblems(doc);
    });
}

async function readTracesFiles(files: readonly string[]): Promise<TraceAnswersRead> {
  const read = emptyTraceAnswers();
  for (const file of files) {
    let decoded;
    try {
      decoded = await readTextFile(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const reason = code === 'ENOENT' ? 'traces file not found' : code === 'EISDIR' ? 'is a folder, not a traces file' : `cannot read the traces file (${(err as Error).message})`;
      throw new UserError(`${file}: ${reason}`);
    }
    addTraceText(read, decoded.text, file, decoded.badLines);
  }
  return read;
}

/** The judge files of the annotations folder: the dataset's folder if it has one, else every folder. */
async function readJudgeFiles(dir: string, dataset: string, problems: ScoreProblem[]): Promise<JudgeFile[]> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UserError(`${dir}: --annotations is not a folder`);
  const folders = existsSync(path.join(dir, dataset)) ? [dataset] : await listAnnotationDatasets(dir);
  const judges: JudgeFile[] = [];
  for (const folder of folders) {
    const read = await readDatasetAnnotations(dir, folder);
    for (const p of read.leftOut) problems.push({ ...p, kind: 'annotation', message: `${p.message}; left out` });
    for (const file of read.files) if (isModelAnnotator(file)) judges.push({ file, source: read.sources.get(file) ?? path.join(dir, folder) });
  }
  return judges;
}

export async function scoreFromFiles(datasets: string[], options: Omit<ScoreOptions, 'format' | 'json'>): Promise<ScoreDocument> {
  progress('medco: loading the dataset…');
  const dataset = await loadDataset(datasets);
  if (dataset.items.length === 0) {
    const first = dataset.errors[0];
    throw new UserError(first ? formatProblem(first) : `${datasets.join(', ')}: no items could be loaded`);
  }
  progress('medco: reading traces…');
  const read = await readTracesFiles(options.traces);
  if (read.lines === 0 && read.problems.length === 0) throw new UserError(`${options.traces.join(', ')}: no traces to score`);
  const items = new Map<string, ScorableItem>(dataset.items.map((item) => [item.id, item as unknown as ScorableItem]));
  progress('medco: scoring…');
  const report = scoreTraces(items, read, { bootstrap: options.bootstrap, seed: options.seed });
  // The dataset's own errors (a bad label, a duplicate id) explain the items left unscored.
  report.problems.unshift(...dataset.errors.map((p) => ({ ...p, kind: 'dataset' as const })));
  let longform: ScoreDocument['longform'];
  let longformRounds: ScoreDocument['longform_rounds'];
  if (options.annotations !== undefined) {
    const rubric = await loadRubric(rubricFileFor(options.annotations)).catch((err: Error) => {
      throw new UserError(err.message);
    });
    const judges = await readJudgeFiles(options.annotations, dataset.name, report.problems);
    if (judges.length === 0) warn(`${options.annotations}: no model judge files (annotator.role "model"); no long-form scores`);
    ({ rows: longform, overRounds: longformRounds } = scoreLongform(judges, read, rubric.dimensions, options, report.problems));
  }
  const { results, comparisons, rounds, counts, problems, bootstrap, seed } = report;
  const doc: ScoreDocument = { results, comparisons, rounds, ...(longform ? { longform, longform_rounds: longformRounds } : {}), counts, problems, bootstrap, seed };
  if (report.counts.scored === 0 && (doc.longform ?? []).length === 0) {
    reportProblems(doc);
    throw new UserError('nothing to score: no trace of an item with a gold answer (and no model judge ratings)');
  }
  return doc;
}

const MAX_LISTED = 20;

/** Problems on stderr (the first 20; --json lists all), the counts, and exit 1 when there were any. */
function reportProblems(doc: ScoreDocument): void {
  for (const p of doc.problems.slice(0, MAX_LISTED)) warn(formatProblem(p));
  if (doc.problems.length > MAX_LISTED) warn(`… and ${doc.problems.length - MAX_LISTED} more (--json lists all under "problems")`);
  const c = doc.counts;
  const notScored = [
    c.unknown_item > 0 ? `${c.unknown_item} of items not in the dataset` : '',
    c.no_gold > 0 ? `${c.no_gold} of items without a usable gold answer` : '',
    c.bad_lines > 0 ? `${c.bad_lines} bad line(s)` : '',
  ].filter((s) => s !== '');
  say(
    `${c.scored} trace(s) scored; ${c.superseded} superseded by a later trace of the same item, configuration and round` +
      (notScored.length > 0 ? `; not scored: ${notScored.join(', ')}` : '') +
      (c.reference > 0 ? `; ${c.reference} of QA items (reference answers: scored by judges only)` : ''),
  );
  if (doc.problems.length > 0) process.exitCode = EXIT_USER_ERROR;
}
