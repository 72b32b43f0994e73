// `medco rate <annotations-dir> --dataset D --annotator A --item I --set dim=value…`:
// saves one rating through the same AnnotationStore the extension uses (docs/formats.md §4). Exits 0
// only once the rating is durably on disk.
import { stat } from 'node:fs/promises';
import type { Command } from 'commander';
import {
  AnnotationStore,
  loadRubric,
  ratingProblems,
  fileSystemProblem,
  StoreFileError,
  RatingError,
  InvalidNameError,
  LockTimeoutError,
  LockCompromisedError,
} from '../../core/store';
import { TraceIndex } from '../../core/traces/traceIndex';
import { DEFAULT_REVIEW_RUN, reviewRunOf, runLabel, type TraceRun } from '../../core/traces/reviewRun';
import type { Rating } from '../../core/types';
import { printJson } from '../output';
import { UserError } from '../errors';
import { escapeControl, forTerminal } from '../terminalText';
import { formatInvalidValue, invalidValuesOfFile } from '../../core/stats/ratingValue';
import { ratePair } from './ratePair';
import { StudyError } from '../../core/study';
import { TracesFileError } from '../../core/traces';

interface RateOptions {
  dataset: string;
  annotator: string;
  item: string;
  set: string[];
  flag?: string[];
  clearFlags?: boolean;
  comment?: string;
  rubric?: string;
  traces?: string;
  config?: string;
  round?: string;
  durationMs?: string;
  json?: boolean;
  pair?: string;
  prefer: string[];
}

const HELP_AFTER = `
Values: an integer on the rubric's scale, or "na" / "null" for "not assessable".
Only the dimensions, flags and comment given change; the rest of the item's rating is kept.
Every change adds a revision; the previous state goes to the item's history.

Exit status: 0 saved and on disk (or unchanged); 1 bad value, unusable annotator file (left
untouched), missing annotations folder, refused annotator or dataset id; 2 usage error.
The annotations folder must exist; only the dataset folder inside it is created.

--traces records the trace of ONE run: --config (default ${DEFAULT_REVIEW_RUN.config}) and --round
(default 1); traces without a configuration name are ${DEFAULT_REVIEW_RUN.config} round 1. When the file
holds a single run only, that run is rated whatever --config says (as the review panel does).

Example:
  medco rate annotations --dataset multimedx-ja --annotator dr-sato --item qa-ja-001 \\
    --set clinical_soundness=4 --set cultural_grounding=na --flag unavailable_locally

Blind pairwise judgement (docs/formats.md §7): --pair a,b with --prefer dimension=<a|b|tie|both_bad>;
the sides (which configuration was Response 1) are recorded from the study's seed:
  medco rate annotations --dataset multimedx-pairwise --annotator dr-kato --item qa-ja-001 \\
    --pair coreasoner,direct --prefer clinical_soundness=coreasoner --prefer cultural_grounding=tie \\
    --traces multimedx-pairwise.traces.jsonl`;

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Upper bound of --duration-ms: 2^31 − 1 ms, about 24.8 days (an integer every tool reads exactly). */
export const MAX_DURATION_MS = 2_147_483_647;

/** A dimension given by two --set options (which one should win is not ours to guess), if any. */
export function repeatedSetDimension(pairs: string[]): string | undefined {
  const seen = new Set<string>();
  for (const pair of pairs) {
    const dim = pair.slice(0, Math.max(0, pair.indexOf('='))).trim();
    if (dim === '') continue; // reported by parseSetPairs
    if (seen.has(dim)) return dim;
    seen.add(dim);
  }
  return undefined;
}

/**
 * The annotations folder must already exist: a mistyped path must not silently start a new tree
 * (the ratings would be saved where nobody looks). The dataset folder inside it may be created.
 */
export async function assertAnnotationsFolder(dir: string): Promise<void> {
  try {
    if (!(await stat(dir)).isDirectory()) throw new UserError(`${dir}: not a folder (the annotations folder must be a folder)`);
  } catch (err) {
    if (err instanceof UserError) throw err;
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new UserError(`${dir}: no such annotations folder; check the path, or create the folder first (medco rate does not create it)`);
    }
    const problem = fileSystemProblem(dir, err);
    throw problem ? new UserError(problem.message) : err;
  }
}

/** `dim=value` pairs → rating dimensions (checked against the rubric afterwards). */
export function parseSetPairs(pairs: string[]): Rating {
  const rating: Rating = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UserError(`--set ${pair}: expected dimension=value, e.g. clinical_soundness=4`);
    const dim = pair.slice(0, eq).trim();
    const raw = pair.slice(eq + 1).trim().toLowerCase();
    if (dim === 'flags' || dim === 'comment') throw new UserError(`--set ${pair}: use --${dim === 'flags' ? 'flag' : 'comment'} for ${dim}`);
    let value: number | null;
    if (raw === 'na' || raw === 'null' || raw === 'n/a') value = null;
    else if (/^[+-]?\d+$/.test(raw)) value = Number(raw);
    else throw new UserError(`--set ${pair}: "${raw}" is not an integer, "na" or "null"`);
    rating[dim] = value;
  }
  return rating;
}

/** The item's trace of the chosen run (reviewRun.ts: a file of one run only is that run). */
async function traceIdentity(file: string, itemId: string, run: TraceRun): Promise<{ traceId: string; traceSha256: string }> {
  // A missing --traces file is "not found" (TracesFileError names it), not "no trace for item".
  const index = await TraceIndex.load(file, { run, missing: 'error' });
  const trace = index.get(itemId);
  if (!trace) {
    const { problems } = index;
    const runs = index.runs.map((r) => `${runLabel(r)} (${r.traces})`).join(', ');
    const hint = [
      runs ? `runs in the file: ${runs}` : '',
      problems.length > 0 ? `${problems.length} unreadable line(s), first: ${problems[0].file}:${problems[0].line}: ${problems[0].message}` : '',
    ].filter(Boolean).join('; ');
    throw new UserError(`${file}: no trace for item ${itemId} of configuration ${runLabel(index.shownRun!)}${hint ? ` (${hint})` : ''}`);
  }
  return { traceId: trace.id, traceSha256: index.sha256(itemId)! };
}

export function registerRate(program: Command): void {
  program
    .command('rate')
    .description('Save one rating (rubric dimensions, flags, comment) for one item, as the review panel does.')
    .argument('<annotations-dir>', 'annotations folder (holds <dataset>/<annotator>.json)')
    .requiredOption('--dataset <id>', 'dataset id (folder under the annotations dir)')
    .requiredOption('--annotator <id>', 'annotator id (file name)')
    .requiredOption('--item <id>', 'item id, e.g. qa-ja-001')
    .option('--set <dim=value>', 'set a rubric dimension (repeatable); value "na" = not assessable', collect, [])
    .option('--flag <flag>', 'raise a rubric flag (repeatable); replaces the item\'s flags', collect)
    .option('--clear-flags', 'remove all flags')
    .option('--comment <text>', 'free-text comment (replaces the previous one; "" removes it)')
    .option('--rubric <file>', 'rubric file (default: the built-in medco-expert rubric)')
    .option('--traces <file>', 'record the id and sha256 of the item\'s trace of one run (--config, --round) in this *.traces.jsonl')
    .option('--config <name>', `with --traces: the configuration rated (default ${DEFAULT_REVIEW_RUN.config}; a file of one run: that run)`)
    .option('--round <n>', 'with --traces: the round rated (default 1)')
    .option('--duration-ms <ms>', 'time spent on the item, in milliseconds')
    .option('--pair <a,b>', 'save a blind pairwise judgement of configurations a and b instead of a rating')
    .option('--prefer <dim=outcome>', 'with --pair: the better configuration, "tie" or "both_bad" for a dimension (repeatable)', collect, [])
    .option('--json', 'print the saved item entry as JSON')
    .addHelpText('after', HELP_AFTER)
    .action(async (annotationsDir: string, options: RateOptions, cmd: Command) => {
      const usage = (message: string) => cmd.error(`medco rate: ${message}`, { exitCode: 2, code: 'medco.usage' });
      let pair: [string, string] | undefined;
      if (options.pair !== undefined) {
        const parts = options.pair.split(',').map((s) => s.trim());
        if (parts.length !== 2 || parts.some((p) => p === '') || parts[0] === parts[1]) usage('--pair expects two different configuration names, e.g. --pair coreasoner,direct');
        if (options.set.length > 0) usage('--set rates one trace; with --pair give --prefer dimension=<config|tie|both_bad>');
        if (options.prefer.length === 0 && options.flag === undefined && !options.clearFlags && options.comment === undefined) {
          usage('nothing to save: give at least one --prefer, --flag, --clear-flags or --comment');
        }
        pair = [parts[0], parts[1]];
      } else if (options.prefer.length > 0) usage('--prefer needs --pair a,b');
      if (!pair && options.set.length === 0 && options.flag === undefined && !options.clearFlags && options.comment === undefined) {
        cmd.error('medco rate: nothing to save: give at least one --set, --flag, --clear-flags or --comment', { exitCode: 2, code: 'medco.usage' });
      }
      if (options.flag && options.clearFlags) {
        cmd.error('medco rate: --flag and --clear-flags cannot be combined', { exitCode: 2, code: 'medco.usage' });
      }
      const repeated = repeatedSetDimension(options.set);
      if (repeated !== undefined) {
        cmd.error(`medco rate: --set ${repeated}=… is given more than once; give each dimension once`, { exitCode: 2, code: 'medco.usage' });
      }
      let durationMs: number | undefined;
      if (options.durationMs !== undefined) {
        durationMs = Number(options.durationMs);
        if (!/^\d+$/.test(options.durationMs.trim()) || durationMs > MAX_DURATION_MS) {
          cmd.error(`medco rate: --duration-ms must be a whole number of milliseconds from 0 to ${MAX_DURATION_MS}`, { exitCode: 2, code: 'medco.usage' });
        }
      }
      const run = reviewRunOf(options.config, options.round);
      if (!run) usage('--round must be a whole number from 1, e.g. --round 2');
      if ((options.config !== undefined || options.round !== undefined) && (!options.traces || pair)) usage('--config and --round choose the trace of --traces; they need --traces and no --pair');
      if (options.item.trim() === '') cmd.error('medco rate: --item must not be empty', { exitCode: 2, code: 'medco.usage' });
      try {
        await assertAnnotationsFolder(annotationsDir);
        const rubric = await loadRubric(options.rubric).catch((err: unknown) => {
          throw err instanceof StoreFileError ? new UserError(err.message) : err; // a rubric is only read: no "left untouched"
        });
        if (pair) {
          await ratePair(annotationsDir, { ...options, pair, durationMs }, rubric);
          return;
        }
        const rating = parseSetPairs(options.set);
        if (options.flag) rating.flags = options.flag;
        if (options.clearFlags) rating.flags = [];
        if (options.comment !== undefined) rating.comment = options.comment;
        const problems = ratingProblems(rating, rubric);
        if (problems.length > 0) throw new UserError(`${options.rubric ?? 'rubric ' + rubric.id}: ${problems.join('; ')}`);
        const trace = options.traces ? await traceIdentity(options.traces, options.item, run!) : {};
        const store = await AnnotationStore.open({ annotationsDir, dataset: options.dataset, annotator: options.annotator, rubric });
        if (store.problem) throw new UserError(`${store.problem.message} (the file was left untouched)`);
        const { entry, changed } = await store.saveRating(options.item, { rating, mode: 'merge', durationMs, ...trace });
        if (options.json) printJson(entry);
        else {
          const what = changed ? `saved revision ${entry.revision}` : `unchanged (revision ${entry.revision})`;
          process.stdout.write(`${escapeControl(options.item)}: ${what} in ${escapeControl(store.file)}\n`);
        }
        // Values off the rubric's scale elsewhere in the file (hand edits) are kept as the
        // annotator's record, but never silently: statistics will leave them out.
        for (const v of invalidValuesOfFile(store.data, store.file, rubric.dimensions)) {
          process.stderr.write(forTerminal(`medco: warning: ${escapeControl(formatInvalidValue(v))}\n`));
        }
      } catch (err) {
        if (err instanceof StoreFileError) throw new UserError(`${err.message} (the file was left untouched)`);
        if (err instanceof TracesFileError || err instanceof StudyError) throw new UserError(err.message);
        if (err instanceof RatingError || err instanceof InvalidNameError || err instanceof LockTimeoutError || err instanceof LockCompromisedError) {
          throw new UserError(err.message);
        }
        throw err;
      }
    });
}
