// `medco export <annotations-dir> --format …` (docs/formats.md §8): long-format tables (one row per
// item × annotator × dimension, plus the flags and concepts tables) as CSV, JSONL or Parquet for R
// or pandas; a Markdown report or LaTeX tables for a paper; a Hugging Face dataset release;
// expert-filtered traces for distillation; tasks for Label Studio and Argilla.
import { type Command, InvalidArgumentError, Option } from 'commander';
import { longFormatRows } from '../../core/export/longFormat';
import { rowsToCsv, rowsToJsonl } from '../../core/export/csv';
import { statsToMarkdown } from '../../core/export/markdown';
import { paperTablesToMarkdown, statsToLatex } from '../../core/export/paperTables';
import { rowsToParquet } from '../../core/export/parquet';
import { CONCEPT_COLUMNS, conceptRows, FLAG_COLUMNS, flagRows } from '../../core/export/sideTables';
import { CONCEPT_PARQUET, FLAG_PARQUET, LONG_PARQUET, type TableName } from '../../core/export/tables';
import { DEFAULT_SAFETY_FLAGS, sftExport } from '../../core/export/sft';
import { hfRelease } from '../../core/export/hfRelease';
import { labelStudioConfig, labelStudioTasks } from '../../core/interchange/labelStudio';
import { argillaRecords, argillaSettings } from '../../core/interchange/argilla';
import { LONG_COLUMNS } from '../../core/export/longFormat';
import { UserError } from '../errors';
import { checkOutputFolder, writeFolder } from './exportFolder';
import { DEFAULT_BOOTSTRAP, DEFAULT_SEED, MAX_BOOTSTRAP } from '../../core/stats/compute';
import { formatInvalidValue, scalesOfStats } from '../../core/stats/ratingValue';
import { formatProblem } from '../../core/dataset/problems';
import { printData } from '../output';
import { checkOutputPath, type OutputTarget, writeOutput } from './outputGuard';
import { say, warn } from './resultMessages';
import { bootstrapCount, loadStatsInput, reportInvalidLeftOut, reportInvalidValues, seedValue, type StatsInputOptions, statsOfInput } from './stats';
import { readCurrentTraces } from './tracesInput';

type Format = 'csv' | 'jsonl' | 'parquet' | 'md' | 'latex' | 'hf' | 'sft' | 'labelstudio' | 'argilla';

interface ExportOptions extends StatsInputOptions {
  format: Format;
  out?: string;
  force?: boolean;
  traces?: string;
  table: TableName;
  min: Record<string, number>;
  safetyFlag?: string[];
  withAnnotatorIds?: boolean;
  license?: string;
  bootstrap: number;
  seed: number;
}

const FORMATS: Format[] = ['csv', 'jsonl', 'parquet', 'md', 'latex', 'hf', 'sft', 'labelstudio', 'argilla'];
const FOLDER_FORMATS: Format[] = ['hf', 'labelstudio', 'argilla'];
const NEEDS_TRACES: Format[] = ['sft', 'labelstudio', 'argilla'];

const HELP_AFTER = `
Formats (one example each in README "medco export"):
  csv, jsonl  long format, one row per item × annotator × dimension: dataset, itemId, lang, task,
              annotator, dimension, value, revision, updatedAt, durationMs (time spent), flags
              (joined with ";" in CSV), status, role, traceId, config, round, stale, gold,
              comment, model. --table flags: one row per raised flag; --table concepts: one row
              per concept-level judgement (conceptId, side, text, alignedWith, judgement, value,
              note).
  parquet     the three tables as Parquet (needs --out x.parquet): x.parquet (long),
              x.flags.parquet, x.concepts.parquet.
  md          a Markdown report: agreement per dimension with CIs, means per language × task,
              flags, annotators, agreement with adjudicated values, then the tables for papers.
  latex       tables for papers (booktabs): agreement per dimension with CIs, alpha per
              dimension × language, means with CIs per dimension × language.
  hf          a Hugging Face dataset release folder (--out dir): data/<lang>/test.jsonl and a
              README.md dataset card; annotators as pseudonyms unless --with-annotator-ids.
  sft         chat JSONL of the traces rated at or above --min on every dimension (median of the
              physicians, or the adjudicated gold) with no safety flag, and <out>.manifest.json
              (needs --traces and --out).
  labelstudio a folder with tasks.json and label_config.xml (needs --traces).
  argilla     a folder in Argilla's to_disk layout: .argilla/settings.json, .argilla/dataset.json,
              records.json (needs --traces).

status: rated (value set), not_assessable (saved null), unrated (no value saved for the
dimension), invalid (a saved value off the rubric's scale or not an integer: value empty, left
out of every statistic, named on stderr). gold: the valid adjudicated value. config, round,
model and stale need --traces; lang and task come from --dataset-file, else the item id.

sft safety flags (default): ${DEFAULT_SAFETY_FLAGS.join(', ')}; --safety-flag replaces the list.
--min dim=N sets a threshold (default 4 on every dimension).

Without --out, csv, jsonl, md and latex go to stdout. --out never writes an annotation file (not
even with --force) nor a .json file inside the annotations folder; it writes elsewhere in the
annotations folder, over a traces file, over an input of the run (--dataset-file, --traces,
--rubric) or over an existing file that is not an earlier medco export only with --force. A
folder export replaces only an empty folder or an earlier folder export. Paths are compared
after resolving symlinks.

Bounds: --bootstrap 0–${MAX_BOOTSTRAP}, --seed ±4294967295.

Exit status: 0 done; 1 a file could not be read (named; the export is still written without it),
md/latex/hf only: values were invalid; also an --out refused, an unknown --dataset; 2 usage.`;

function thresholdPair(value: string, previous: Record<string, number> = {}): Record<string, number> {
  const m = /^([^=]+)=(\d+)$/.exec(value.trim());
  if (!m) throw new InvalidArgumentError('expected dimension=N, e.g. clinical_soundness=4');
  return { ...previous, [m[1].trim()]: Number(m[2]) };
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** x.parquet → x.flags.parquet; x → x.flags.parquet. */
function siblingOf(out: string, table: string, ext: string): string {
  const base = out.endsWith(ext) ? out.slice(0, -ext.length) : out;
  return `${base}.${table}${ext}`;
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('Export ratings (CSV, JSONL, Parquet), paper tables (Markdown, LaTeX), a Hugging Face release, SFT data, Label Studio or Argilla tasks.')
    .argument('<annotations-dir>', 'folder holding <dataset>/<annotator>.json files')
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).makeOptionMandatory())
    .option('--out <path>', 'write to this file (a folder for hf, labelstudio, argilla) instead of stdout')
    .option('--force', 'with --out: allow replacing a file that is not an earlier export (never an annotation file)')
    .option('--dataset <name>', 'only this dataset folder')
    .option('--dataset-file <file...>', 'dataset file(s) giving each item\'s language and task')
    .option('--traces <file>', 'the current *.traces.jsonl: config, round, model, stale; the texts of sft, hf, labelstudio, argilla')
    .option('--rubric <file>', 'rubric with the dimensions and scales (default: <annotations-dir>/rubric.json, else built-in)')
    .addOption(new Option('--table <table>', 'csv, jsonl: which table').choices(['long', 'flags', 'concepts']).default('long'))
    .option('--min <dim=N>', 'sft: minimum score of a dimension (repeatable; default 4 each)', thresholdPair, {})
    .option('--safety-flag <flag>', 'sft: a flag that excludes a trace (repeatable; replaces the default list)', collect)
    .option('--with-annotator-ids', 'hf: release annotator ids (default: pseudonyms A1, A2, …)')
    .option('--license <id>', 'hf: license of the release (a Hugging Face license id)', 'other')
    .option('--bootstrap <n>', `md, latex, hf: bootstrap resamples for the CIs (0 = none, at most ${MAX_BOOTSTRAP})`, bootstrapCount, DEFAULT_BOOTSTRAP)
    .option('--seed <s>', 'md, latex, hf: seed of the bootstrap PRNG', seedValue, DEFAULT_SEED)
    .addHelpText('after', HELP_AFTER)
    .action(async (dir: string, options: ExportOptions, cmd: Command) => {
      const format = options.format;
      const usage = (message: string) => cmd.error(`medco export: ${message}`, { exitCode: 2, code: 'medco.usage' });
      if ((format === 'parquet' || format === 'sft' || FOLDER_FORMATS.includes(format)) && !options.out) usage(`--format ${format} needs --out`);
      if (NEEDS_TRACES.includes(format) && !options.traces) usage(`--format ${format} needs --traces (the texts come from the traces)`);
      if (options.table !== 'long' && format !== 'csv' && format !== 'jsonl') usage('--table is for --format csv or jsonl (parquet writes every table)');
      const inputs = [...(options.datasetFile ?? []), ...(options.traces ? [options.traces] : []), ...(options.rubric ? [options.rubric] : [])];
      const guard = (out: string) => checkOutputPath(out, { annotationsDir: dir, inputs, force: options.force === true });
      // Refuse a bad --out before any work, and again right before writing (it may appear meanwhile).
      if (FOLDER_FORMATS.includes(format)) checkOutputFolder(options.out!, dir);
      else if (options.out) guard(options.out);
      const input = await loadStatsInput(dir, options);
      const withStats = format === 'md' || format === 'latex' || format === 'hf';
      // The statistics' scales also decide each row's status, so export and stats agree.
      const stats = statsOfInput(input, { ...options, annotationsDir: dir, bootstrap: withStats ? options.bootstrap : 0 });
      const files = options.dataset ? input.files.filter((f) => f.dataset === options.dataset) : input.files;
      if (withStats) reportInvalidLeftOut(stats);
      else reportInvalidValues(stats.invalid.map(formatInvalidValue), 'are exported empty (rows: status "invalid"; gold: empty)');
      const traces = options.traces ? await readCurrentTraces(options.traces) : undefined;
      for (const p of traces?.problems ?? []) warn(formatProblem(p));
      if (traces && traces.problems.length > 0) {
        say(`${traces.problems.length} line(s) of ${options.traces} could not be read; their items are left out or have no config, round or stale (exit 1)`);
        process.exitCode = 1;
      }
      const oneDataset = (): string => {
        const names = [...new Set(files.map((f) => f.dataset))];
        if (names.length !== 1) throw new UserError(`--format ${format} exports one dataset; give --dataset (datasets: ${names.join(', ')})`);
        return names[0];
      };
      const tableOptions = { itemMeta: input.itemMeta, traces: traces?.full };

      if (format === 'md' || format === 'latex') {
        const text = format === 'md' ? `${statsToMarkdown(stats)}\n## Tables for papers\n\n${paperTablesToMarkdown(stats)}` : statsToLatex(stats);
        return emitText(options.out, text, guard);
      }
      if (format === 'hf' || format === 'labelstudio' || format === 'argilla') {
        const contents = new Map<string, string>();
        // Every trace of the file: items nobody has rated yet are what the other tool is for.
        const current = [...(traces?.full.values() ?? [])];
        if (format === 'hf') {
          const dataset = oneDataset();
          for (const [rel, text] of hfRelease({
            dataset, files, rubric: input.rubric, stats, traces: traces?.full, adjudication: input.adjudications.get(dataset),
            itemMeta: input.itemMeta, withAnnotatorIds: options.withAnnotatorIds === true, license: options.license,
          })) contents.set(rel, text);
        } else if (format === 'labelstudio') {
          contents.set('tasks.json', JSON.stringify(labelStudioTasks(current), null, 2) + '\n');
          contents.set('label_config.xml', labelStudioConfig(input.rubric));
        } else {
          contents.set('.argilla/settings.json', JSON.stringify(argillaSettings(input.rubric), null, 2) + '\n');
          contents.set('.argilla/dataset.json', JSON.stringify({ name: options.dataset ?? input.datasets[0] ?? 'medco' }, null, 2) + '\n');
          contents.set('records.json', JSON.stringify(argillaRecords(current), null, 2) + '\n');
        }
        const target = checkOutputFolder(options.out!, dir);
        await writeFolder(target, contents, options.out!);
        if (process.stderr.isTTY) say(`wrote ${options.out}`);
        return;
      }
      if (format === 'sft') {
        const dataset = oneDataset();
        const known = new Set(input.rubric.flags.map((f) => f.id));
        const unknown = (options.safetyFlag ?? []).filter((f) => !known.has(f));
        if (unknown.length > 0) throw new UserError(`--safety-flag ${unknown.join(', ')}: not a flag of rubric ${input.rubric.id} (flags: ${[...known].join(', ')})`);
        const dims = new Set(input.rubric.dimensions.map((d) => d.id));
        const badDim = Object.keys(options.min).find((d) => !dims.has(d));
        if (badDim) throw new UserError(`--min ${badDim}: not a dimension of rubric ${input.rubric.id} (dimensions: ${[...dims].join(', ')})`);
        const { lines, manifest } = sftExport(dataset, files, traces!.full, input.adjudications.get(dataset), {
          rubric: input.rubric, thresholds: options.min, safetyFlags: options.safetyFlag,
        });
        const manifestPath = siblingOf(options.out!, 'manifest', '.jsonl').replace(/\.manifest\.jsonl$/, '.manifest.json');
        const main = guard(options.out!);
        const side = guard(manifestPath);
        await writeOutput(main, rowsToJsonl(lines));
        await writeOutput(side, JSON.stringify(manifest, null, 2) + '\n');
        if (process.stderr.isTTY) say(`wrote ${main.shown} (${lines.length} of ${manifest.counts.traces} traces) and ${side.shown}`);
        return;
      }
      const long = () => longFormatRows(files, {
        dimensions: input.rubric.dimensions.map((d) => d.id),
        itemMeta: input.itemMeta,
        scales: scalesOfStats(stats.dimensions),
        adjudications: input.adjudications,
        traces: traces?.traces,
      });
      if (format === 'parquet') {
        const out = options.out!;
        const outputs: [string, Uint8Array][] = [
          [out, rowsToParquet(LONG_PARQUET, long())],
          [siblingOf(out, 'flags', '.parquet'), rowsToParquet(FLAG_PARQUET, flagRows(files, tableOptions))],
          [siblingOf(out, 'concepts', '.parquet'), rowsToParquet(CONCEPT_PARQUET, conceptRows(files, tableOptions))],
        ];
        const targets = outputs.map(([file]) => guard(file));
        for (let i = 0; i < outputs.length; i++) await writeOutput(targets[i], outputs[i][1]);
        if (process.stderr.isTTY) say(`wrote ${targets.map((t) => t.shown).join(', ')}`);
        return;
      }
      let text: string;
      if (options.table === 'flags') {
        const rows = flagRows(files, tableOptions);
        text = format === 'csv' ? rowsToCsv(FLAG_COLUMNS, rows) : rowsToJsonl(rows);
      } else if (options.table === 'concepts') {
        const rows = conceptRows(files, tableOptions);
        text = format === 'csv' ? rowsToCsv(CONCEPT_COLUMNS, rows) : rowsToJsonl(rows);
      } else {
        const rows = long();
        text = format === 'csv' ? rowsToCsv(LONG_COLUMNS, rows) : rowsToJsonl(rows);
      }
      return emitText(options.out, text, guard);
    });
}

async function emitText(out: string | undefined, text: string, guard: (out: string) => OutputTarget): Promise<void> {
  if (!out) {
    printData(text);
    return;
  }
  const target = guard(out);
  await writeOutput(target, text);
  if (process.stderr.isTTY) say(`wrote ${target.shown}`);
}
