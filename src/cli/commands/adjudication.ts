// `medco adjudication <annotations-dir>`: per item and dimension the annotators' values, the
// status and the decision, largest disagreement first (CONTRACTS §4).
import type { Command } from 'commander';
import { UserError } from '../errors';
import { printJson } from '../output';
import {
  CURATION_STATUSES,
  computeCuration,
  disagreementQueue,
  type CurationStatus,
  type DimensionCuration,
  type QueueFilter,
} from '../../core/curation/disagreements';
import { listCurationDatasets, readCurationFolder } from '../../core/curation/readCurationFolder';
import { readTraces, traceSha256, TracesFileError } from '../../core/traces';
import type { SourceProblem } from '../../core/types';

interface AdjudicationOptions {
  dataset?: string;
  json?: boolean;
  lang?: string[];
  task?: string[];
  dimension?: string[];
  status?: string[];
  traces?: string;
}

/**
 * The current trace hash per item from a traces file, so ratings made on an older trace show as
 * stale. Bad lines are reported as problems; the traces that parsed still count.
 */
async function currentTraceHashes(file: string): Promise<{ hashes: Map<string, string>; problems: SourceProblem[] }> {
  let contents;
  try {
    // Named explicitly, a missing file is a mistake ("not found"), not an empty run.
    contents = await readTraces(file, { missing: 'error' });
  } catch (err) {
    throw new UserError(err instanceof TracesFileError ? err.message : `${file}: cannot read the traces file (${(err as Error).message})`);
  }
  const hashes = new Map<string, string>();
  for (const [itemId, trace] of contents.traces) hashes.set(itemId, traceSha256(trace));
  return { hashes, problems: contents.problems };
}

async function pickDataset(annotationsDir: string, dataset: string | undefined): Promise<string> {
  if (dataset) return dataset;
  let datasets: string[];
  try {
    datasets = await listCurationDatasets(annotationsDir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new UserError(`${annotationsDir}: no such directory`);
    throw err;
  }
  if (datasets.length === 1) return datasets[0];
  if (datasets.length === 0) throw new UserError(`${annotationsDir}: no dataset folder with annotator files`);
  throw new UserError(`${annotationsDir}: several datasets (${datasets.join(', ')}); choose one with --dataset`);
}

function toJsonRow(c: DimensionCuration) {
  return {
    itemId: c.itemId,
    lang: c.lang,
    task: c.task,
    dimension: c.dimension,
    values: Object.fromEntries(c.values.map((v) => [v.annotator, v.value])),
    revisions: Object.fromEntries(c.values.map((v) => [v.annotator, v.revision])),
    staleRatings: c.values.filter((v) => v.ratingStale).map((v) => v.annotator),
    spread: c.spread,
    sd: c.sd === null ? null : Number(c.sd.toFixed(4)),
    status: c.status,
    decision: c.decision,
    decisionStale: c.decisionStale,
    staleSince: c.staleSince,
  };
}

function formatTable(rows: string[][]): string {
  const widths = rows[0].map((_, col) => Math.max(...rows.map((r) => [...r[col]].length)));
  return rows.map((r) => r.map((cell, col) => cell.padEnd(widths[col] + cell.length - [...cell].length)).join('  ').trimEnd()).join('\n');
}

function humanRow(c: DimensionCuration): string[] {
  const decision = c.decision
    ? `${c.decision.status === 'adjudicated' ? `gold ${c.decision.value}` : 'unresolved'} by ${c.decision.adjudicator}${c.decisionStale ? ` (stale: ${c.staleSince.join(', ')} changed)` : ''}`
    : '';
  return [
    c.itemId,
    c.lang,
    c.task,
    c.dimension,
    c.values.map((v) => `${v.annotator}=${v.value ?? 'n/a'}${v.ratingStale ? '*' : ''}`).join(' '),
    c.spread === null ? '-' : String(c.spread),
    c.sd === null ? '-' : c.sd.toFixed(2),
    c.status,
    decision,
  ];
}

const collect = (value: string, previous: string[] = []) => [...previous, ...value.split(',').filter(Boolean)];

export function registerAdjudication(program: Command): void {
  program
    .command('adjudication <annotations-dir>')
    .description('list, per item and dimension, the annotators\' values, the status and the decision, largest disagreement first')
    .option('--dataset <name>', 'dataset folder under the annotations dir (default: the only one)')
    .option('--lang <code>', 'only these languages (repeatable or comma-separated)', collect)
    .option('--task <task>', 'only these tasks: qa, nli', collect)
    .option('--dimension <id>', 'only these rubric dimensions', collect)
    .option('--status <status>', `only these statuses: ${CURATION_STATUSES.join(', ')}`, collect)
    .option('--traces <file>', 'the current *.traces.jsonl: ratings made on another trace are flagged stale')
    .option('--json', 'print one JSON document')
    .action(async (annotationsDir: string, options: AdjudicationOptions) => {
      for (const s of options.status ?? []) {
        if (!CURATION_STATUSES.includes(s as CurationStatus)) {
          throw new UserError(`--status: unknown status "${s}" (expected one of ${CURATION_STATUSES.join(', ')})`);
        }
      }
      const dataset = await pickDataset(annotationsDir, options.dataset);
      const folder = await readCurationFolder(annotationsDir, dataset);
      const filter: QueueFilter = {
        lang: options.lang,
        task: options.task,
        dimension: options.dimension,
        status: options.status as CurationStatus[] | undefined,
      };
      const traces = options.traces ? await currentTraceHashes(options.traces) : undefined;
      const problems = [...folder.problems, ...(traces?.problems ?? [])];
      const all = computeCuration(folder.annotations, folder.adjudication, {
        currentTraceHash: traces ? (itemId) => traces.hashes.get(itemId) : undefined,
      });
      const queue = disagreementQueue(all, filter);
      const counts = Object.fromEntries(CURATION_STATUSES.map((s) => [s, all.filter((c) => c.status === s).length]));
      if (options.json) {
        printJson({
          dataset,
          annotators: folder.annotations.map((f) => f.annotator.id).sort(),
          counts,
          staleDecisions: all.filter((c) => c.decisionStale).length,
          // Distinct (annotator, item) ratings made on a trace other than the current one.
          staleRatings: new Set(all.flatMap((c) => c.values.filter((v) => v.ratingStale).map((v) => `${v.annotator}\u0000${c.itemId}`))).size,
          problems,
          items: queue.map(toJsonRow),
        });
      } else {
        for (const p of problems) process.stderr.write(`medco: ${p.file}:${p.line}: ${p.message}\n`);
        const header = ['item', 'lang', 'task', 'dimension', 'values', 'spread', 'sd', 'status', 'decision'];
        process.stdout.write(formatTable([header, ...queue.map(humanRow)]) + '\n');
        process.stdout.write(
          `${dataset}: ${folder.annotations.length} annotators; ` +
            CURATION_STATUSES.map((s) => `${counts[s]} ${s}`).join(', ') +
            (queue.some((c) => c.values.some((v) => v.ratingStale)) ? '; * rating made on an older trace' : '') +
            '\n',
        );
      }
      // The listing is still printed, but a broken file must not go unnoticed by scripts.
      if (problems.length > 0) process.exitCode = 1;
    });
}
