// `medco export <annotations-dir> --format csv|jsonl|md [--out file]`: long-format rows (one per
// item × annotator × dimension) for R or pandas, or a Markdown report with the paper's tables.
import { type Command, Option } from 'commander';
import { longFormatRows } from '../../core/export/longFormat';
import { longRowsToCsv, longRowsToJsonl } from '../../core/export/csv';
import { statsToMarkdown } from '../../core/export/markdown';
import { DEFAULT_BOOTSTRAP, DEFAULT_SEED, MAX_BOOTSTRAP } from '../../core/stats/compute';
import { formatInvalidValue, scalesOfStats } from '../../core/stats/ratingValue';
import { formatProblem } from '../../core/dataset/problems';
import { printData } from '../output';
import { checkOutputPath, type OutputTarget, writeOutput } from './outputGuard';
import { say, warn } from './resultMessages';
import { bootstrapCount, loadStatsInput, reportInvalidLeftOut, reportInvalidValues, seedValue, type StatsInputOptions, statsOfInput } from './stats';
import { readCurrentTraces } from './tracesInput';

interface ExportOptions extends StatsInputOptions {
  format: 'csv' | 'jsonl' | 'md';
  out?: string;
  force?: boolean;
  traces?: string;
  bootstrap: number;
  seed: number;
}

const HELP_AFTER = `
Formats:
  csv    long format, one row per item × annotator × dimension: dataset, itemId, lang, task,
         annotator, dimension, value, revision, updatedAt, durationMs, flags (joined with ";"),
         status, role, traceId, config, round, stale, gold
  jsonl  the same rows, one JSON object per line
  md     a Markdown report: agreement per dimension with CIs, means per language × task with
         CIs, flag frequencies, annotator summary, agreement with adjudicated values, files
         left out, invalid values, notes

status: rated (value set), not_assessable (saved null), unrated (no value saved for the
dimension), invalid (a saved value off the rubric's scale or not an integer: value empty, left
out of every statistic, named on stderr). gold: the valid adjudicated value. config, round and
stale need --traces.

Without --out the export goes to stdout. --out never writes an annotation file (not even with
--force) nor a .json file inside the annotations folder; it writes elsewhere in the annotations
folder, over a traces file, over an input of the run (--dataset-file, --traces, --rubric) or
over an existing file that is not an earlier medco export only with --force. Paths are compared
after resolving symlinks.

Bounds: --bootstrap 0–${MAX_BOOTSTRAP}, --seed ±4294967295.

Exit status: 0 done; 1 a file could not be read (named; the export is still written without it),
md only: values were invalid; also an --out refused, an unknown --dataset; 2 usage.`;

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('Export ratings in long format (CSV, JSONL) or a Markdown statistics report.')
    .argument('<annotations-dir>', 'folder holding <dataset>/<annotator>.json files')
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'jsonl', 'md']).makeOptionMandatory())
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--force', 'with --out: allow replacing a file that is not an earlier export (never an annotation file)')
    .option('--dataset <name>', 'only this dataset folder')
    .option('--dataset-file <file...>', 'dataset file(s) giving each item\'s language and task')
    .option('--traces <file>', 'the current *.traces.jsonl: fills config, round and stale')
    .option('--rubric <file>', 'rubric with the dimensions and scales (default: <annotations-dir>/rubric.json, else built-in)')
    .option('--bootstrap <n>', `md: bootstrap resamples for the CIs (0 = none, at most ${MAX_BOOTSTRAP})`, bootstrapCount, DEFAULT_BOOTSTRAP)
    .option('--seed <s>', 'md: seed of the bootstrap PRNG', seedValue, DEFAULT_SEED)
    .addHelpText('after', HELP_AFTER)
    .action(async (dir: string, options: ExportOptions) => {
      // Refuse a bad --out before any work, and again right before writing (it may appear meanwhile).
      const guard = () =>
        checkOutputPath(options.out!, {
          annotationsDir: dir,
          inputs: [...(options.datasetFile ?? []), ...(options.traces ? [options.traces] : []), ...(options.rubric ? [options.rubric] : [])],
          force: options.force === true,
        });
      let target: OutputTarget | undefined = options.out ? guard() : undefined;
      const input = await loadStatsInput(dir, options);
      // The statistics' scales also decide each row's status, so export and stats agree.
      const stats = statsOfInput(input, { ...options, annotationsDir: dir, bootstrap: options.format === 'md' ? options.bootstrap : 0 });
      let text: string;
      if (options.format === 'md') {
        reportInvalidLeftOut(stats);
        text = statsToMarkdown(stats);
      } else {
        // Rows keep invalid values (status "invalid", value empty): named, but nothing is left out.
        reportInvalidValues(stats.invalid.map(formatInvalidValue), 'are exported empty (rows: status "invalid"; gold: empty)');
        const traces = options.traces ? await readCurrentTraces(options.traces) : undefined;
        for (const p of traces?.problems ?? []) warn(formatProblem(p));
        if (traces && traces.problems.length > 0) {
          say(`${traces.problems.length} line(s) of ${options.traces} could not be read; their items have no config, round or stale (exit 1)`);
          process.exitCode = 1;
        }
        const rows = longFormatRows(options.dataset ? input.files.filter((f) => f.dataset === options.dataset) : input.files, {
          dimensions: input.rubric.dimensions.map((d) => d.id),
          itemMeta: input.itemMeta,
          scales: scalesOfStats(stats.dimensions),
          adjudications: input.adjudications,
          traces: traces?.traces,
        });
        text = options.format === 'csv' ? longRowsToCsv(rows) : longRowsToJsonl(rows);
      }
      if (!target) {
        printData(text);
        return;
      }
      target = guard();
      await writeOutput(target, text);
      if (process.stderr.isTTY) say(`wrote ${target.shown}`);
    });
}
