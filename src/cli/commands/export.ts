// `medco export <annotations-dir> --format csv|jsonl|md [--out file]`: long-format rows (one per
// item × annotator × dimension) for R or pandas, or a Markdown report with the paper's tables.
import { writeFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { longFormatRows } from '../../core/export/longFormat';
import { longRowsToCsv, longRowsToJsonl } from '../../core/export/csv';
import { statsToMarkdown } from '../../core/export/markdown';
import { computeStats, DEFAULT_BOOTSTRAP, DEFAULT_SEED } from '../../core/stats/compute';
import { UserError } from '../errors';
import { type StatsInputOptions, integer, loadStatsInput, nonNegativeInteger } from './stats';

interface ExportOptions extends StatsInputOptions {
  format: 'csv' | 'jsonl' | 'md';
  out?: string;
  bootstrap: number;
  seed: number;
}

const HELP_AFTER = `
Formats:
  csv    long format, one row per item × annotator × dimension: dataset, itemId, lang, task,
         annotator, dimension, value (empty = not assessable), revision, updatedAt, durationMs,
         flags (joined with ";")
  jsonl  the same rows, one JSON object per line (value null = not assessable)
  md     a Markdown report: agreement per dimension with CIs, means per language × task with
         CIs, flag frequencies, annotator summary, agreement with adjudicated values, notes

Without --out the export goes to stdout.`;

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('Export ratings in long format (CSV, JSONL) or a Markdown statistics report.')
    .argument('<annotations-dir>', 'folder holding <dataset>/<annotator>.json files')
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'jsonl', 'md']).makeOptionMandatory())
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--dataset <name>', 'only this dataset folder')
    .option('--dataset-file <file...>', 'dataset file(s) giving each item\'s language and task')
    .option('--rubric <file>', 'rubric with the dimensions and scales (default: <annotations-dir>/rubric.json, else built-in)')
    .option('--bootstrap <n>', 'md: bootstrap resamples for the CIs (0 = none)', nonNegativeInteger, DEFAULT_BOOTSTRAP)
    .option('--seed <s>', 'md: seed of the bootstrap PRNG', integer, DEFAULT_SEED)
    .addHelpText('after', HELP_AFTER)
    .action(async (dir: string, options: ExportOptions) => {
      const input = await loadStatsInput(dir, options);
      const dimensions = input.rubric.dimensions.map((d) => d.id);
      let text: string;
      if (options.format === 'md') {
        const stats = computeStats(input.files, {
          dataset: options.dataset,
          rubric: input.rubric,
          bootstrap: options.bootstrap,
          seed: options.seed,
          itemMeta: input.itemMeta,
          adjudication: input.datasets.length === 1 ? input.adjudications.get(input.datasets[0]) : undefined,
        });
        text = statsToMarkdown(stats);
      } else {
        const rows = longFormatRows(input.files, { dimensions, itemMeta: input.itemMeta });
        text = options.format === 'csv' ? longRowsToCsv(rows) : longRowsToJsonl(rows);
      }
      if (!options.out) {
        process.stdout.write(text);
        return;
      }
      try {
        writeFileSync(options.out, text);
      } catch (err) {
        throw new UserError(`${options.out}: cannot write the export: ${(err as Error).message}`);
      }
    });
}
