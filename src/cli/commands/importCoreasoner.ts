// `medco import coreasoner-results <dir> --dataset <file…> --out <file.traces.jsonl>`: the released
// Med-CoReasoner code's outputs become traces (docs/formats.md §8), appended to --out; records
// that match no item or several are reported as file:line and the others are still written.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { importCommand } from './import';
import { formatProblem, loadDataset } from '../../core/dataset';
import { importCoreasonerResults } from '../../core/import/coreasonerResults';
import { readExistingTraceIds, TraceAppender } from '../../core/traces';
import { EXIT_OK, EXIT_USER_ERROR, UserError } from '../errors';
import { printError, printJson, printText } from '../output';
import { annotationsFolderOf, sameFile } from './outputGuard';

interface ImportOptions {
  dataset: string[];
  out: string;
  json?: boolean;
}

const HELP_AFTER = `
<dir> is the released code's results folder (benchmark/<dataset>/results) or any folder above or
inside it: every run_round_<N>/<language>/<model>_results.jsonl under it is read. Each record is
matched to the dataset item of that language whose question has the same text (compared folded:
Unicode NFKC, case, punctuation and spacing); when several items share the question, the options
decide. Traces get config.name "paper-import", config.round N and config.model <model>.

The released outputs do not save similarities, which chain element a local concept matched,
per-side answers or retrieved documents: imported traces have no alignment pairs, local-only
concepts (local concepts absent from the fused chain) with similarity null, and no retrieval.

Traces already in --out (same item, round and model) are left as they are.

Exit status: 0 when every record was imported (or already there), 1 when any record or file could
not be (the others are written first), 2 on a usage error.`;

export function registerImportCoreasoner(program: Command): void {
  importCommand(program)
    .command('coreasoner-results')
    .description("Turn the released Med-CoReasoner code's run_round_<N>/<lang>/<model>_results.jsonl records into traces.")
    .argument('<dir>', 'results folder of the released code')
    .requiredOption('--dataset <file...>', 'the dataset the run was made on (files or folders)')
    .requiredOption('--out <file>', 'traces file to append to (e.g. paper.traces.jsonl)')
    .option('--json', 'print the import summary as one JSON document on stdout')
    .addHelpText('after', HELP_AFTER)
    .action(async (dir: string, options: ImportOptions) => {
      const summary = await run(dir, options);
      if (options.json) printJson(summary);
      else printText(render(summary));
      if (!options.json) for (const p of summary.errors) printError(formatProblem(p));
      process.exitCode = summary.failed > 0 ? EXIT_USER_ERROR : EXIT_OK;
    });
}

interface ImportSummary {
  files: number;
  records: number;
  imported: number;
  skipped: number;
  failed: number;
  out: string;
  errors: { file: string; line: number; message: string }[];
}

async function run(dir: string, options: ImportOptions): Promise<ImportSummary> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UserError(`${dir}: not a folder (expected the released code's results folder)`);
  if (existsSync(options.out) && statSync(options.out).isDirectory()) throw new UserError(`--out ${options.out}: is a folder, not a traces file`);
  const annotations = annotationsFolderOf(options.out);
  if (annotations !== undefined) throw new UserError(`--out ${options.out}: is in the annotations folder ${annotations}; traces never go there`);

  const dataset = await loadDataset(options.dataset);
  const datasetFile = dataset.files.find((f) => sameFile(f, options.out));
  if (datasetFile !== undefined) throw new UserError(`--out ${options.out}: is the dataset file ${datasetFile}; traces are written to a file of their own`);
  for (const p of dataset.errors) printError(formatProblem(p));
  if (dataset.items.length === 0) {
    const first = dataset.errors[0];
    throw new UserError(first ? `no item of the dataset could be loaded; first problem: ${formatProblem(first)}` : `${options.dataset.join(', ')}: no items`);
  }
  const existing = await readExistingTraceIds(options.out);
  if (existing.traceLines === 0 && existing.nonBlankLines > 0) {
    throw new UserError(`--out ${options.out}: not a traces file (none of its ${existing.nonBlankLines} non-empty line(s) is a medco.trace/1 trace)`);
  }

  const result = await importCoreasonerResults(dir, dataset.items);
  const fresh = result.traces.filter((t) => !existing.ids.has(t.id) && !existing.failedIds.has(t.id));
  if (fresh.length > 0) {
    mkdirSync(path.dirname(path.resolve(options.out)), { recursive: true });
    const appender = await TraceAppender.open(options.out);
    try {
      for (const t of fresh) await appender.append(t);
    } finally {
      await appender.close();
    }
  }
  if (result.files.length === 0 && result.problems.length === 0) {
    result.problems.push({ file: dir, line: 0, message: 'no *_results.jsonl files under this folder' });
  }
  return {
    files: result.files.length,
    records: result.records,
    imported: fresh.length,
    skipped: result.traces.length - fresh.length,
    failed: result.problems.length,
    out: options.out,
    errors: result.problems.map((p) => ({ file: p.file, line: p.line, message: p.message })),
  };
}

function render(s: ImportSummary): string {
  return `${s.records} record(s) in ${s.files} file(s): ${s.imported} imported into ${s.out}, ${s.skipped} already there, ${s.failed} not imported\n`;
}
