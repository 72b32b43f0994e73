// `medco adjudication <annotations-dir>`: per item and dimension the annotators' values, the
// status and the decision, largest disagreement first (docs/formats.md §4).
import path from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { formatProblem } from '../../core/dataset/problems';
import { UserError } from '../errors';
import { printJson, printText } from '../output';
import { escapeControl } from '../terminalText';
import {
  CURATION_STATUSES,
  computeCuration,
  disagreementQueue,
  type CurationStatus,
  type DimensionCuration,
  type QueueFilter,
} from '../../core/adjudication/disagreements';
import { listCurationDatasets, readCurationFolder } from '../../core/adjudication/readCurationFolder';
import { readCurrentTraces } from './tracesInput';
import { say, warn } from './resultMessages';

interface AdjudicationOptions {
  dataset?: string;
  json?: boolean;
  lang?: string[];
  task?: string[];
  dimension?: string[];
  status?: string[];
  traces?: string;
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

/** Columns padded to their widest cell; cells come from files, so their control characters are escaped first. */
function formatTable(cells: string[][]): string {
  const rows = cells.map((r) => r.map(escapeControl));
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

/** `--status`: a value outside the list is a usage error (exit 2) that lists the valid ones. */
function statusList(value: string, previous: string[] = []): string[] {
  const list = collect(value, previous);
  const unknown = list.filter((s) => !CURATION_STATUSES.includes(s as CurationStatus));
  if (unknown.length > 0) throw new InvalidArgumentError(`unknown status ${unknown.map((s) => `"${s}"`).join(', ')}; valid: ${CURATION_STATUSES.join(', ')}`);
  return list;
}

/** A --lang, --task or --dimension value found on no item is a mistake (a typo), not an empty queue. */
function refuseFiltersMatchingNothing(all: readonly DimensionCuration[], options: AdjudicationOptions): void {
  const filters = [
    ['--lang', options.lang, (c: DimensionCuration) => c.lang],
    ['--task', options.task, (c: DimensionCuration) => c.task],
    ['--dimension', options.dimension, (c: DimensionCuration) => c.dimension],
  ] as const;
  for (const [flag, wanted, key] of filters) {
    if (!wanted) continue;
    const present = [...new Set(all.map(key))].sort();
    const missing = wanted.filter((w) => !present.includes(w));
    if (missing.length > 0) {
      throw new UserError(`${flag} ${missing.join(',')}: matches no rated item (present: ${present.join(', ') || 'none'})`);
    }
  }
}

const HELP_AFTER = `
Exit status: 0 done; 1 a file (or a line of --traces) could not be read and is left out (the
listing is still printed; each one is named on stderr, also with --json), no annotator files, or
a --lang/--task/--dimension value matches no rated item; 2 usage (e.g. an unknown --status).
An annotator file whose dataset or annotator id differs from its folder or file name is used
under those names, with a warning.`;

export function registerAdjudication(program: Command): void {
  program
    .command('adjudication <annotations-dir>')
    .description('list, per item and dimension, the annotators\' values, the status and the decision, largest disagreement first')
    .option('--dataset <name>', 'dataset folder under the annotations dir (default: the only one)')
    .option('--lang <code>', 'only these languages (repeatable or comma-separated)', collect)
    .option('--task <task>', 'only these tasks: qa, nli', collect)
    .option('--dimension <id>', 'only these rubric dimensions', collect)
    .option('--status <status>', `only these statuses: ${CURATION_STATUSES.join(', ')}`, statusList)
    .option('--traces <file>', 'the current *.traces.jsonl: ratings made on another trace are flagged stale')
    .option('--json', 'print one JSON document')
    .addHelpText('after', HELP_AFTER)
    .action(async (annotationsDir: string, options: AdjudicationOptions) => {
      const dataset = await pickDataset(annotationsDir, options.dataset);
      const folder = await readCurationFolder(annotationsDir, dataset);
      if (folder.annotations.length === 0 && folder.problems.length === 0) {
        throw new UserError(`${path.join(annotationsDir, dataset)}: no annotator files (expected <annotations-dir>/<dataset>/<annotator>.json)`);
      }
      const filter: QueueFilter = {
        lang: options.lang,
        task: options.task,
        dimension: options.dimension,
        status: options.status as CurationStatus[] | undefined,
      };
      const traces = options.traces ? await readCurrentTraces(options.traces) : undefined;
      const problems = [...folder.problems, ...(traces?.problems ?? [])];
      const all = computeCuration(folder.annotations, folder.adjudication, {
        currentTraceHash: traces ? (itemId) => traces.traces.get(itemId)?.sha256 : undefined,
      });
      refuseFiltersMatchingNothing(all, options);
      // Why the exit status will be 1, and what was used with a warning: on stderr, also with --json.
      for (const w of folder.warnings) warn(formatProblem(w));
      for (const p of problems) say(formatProblem(p));
      if (problems.length > 0) say(`${problems.length} file(s) or line(s) could not be read and are left out of the listing (exit 1)`);
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
        const header = ['item', 'lang', 'task', 'dimension', 'values', 'spread', 'sd', 'status', 'decision'];
        printText(formatTable([header, ...queue.map(humanRow)]) + '\n');
        process.stdout.write(
          `${escapeControl(dataset)}: ${folder.annotations.length} annotators; ` +
            CURATION_STATUSES.map((s) => `${counts[s]} ${s}`).join(', ') +
            (queue.some((c) => c.values.some((v) => v.ratingStale)) ? '; * rating made on an older trace' : '') +
            '\n',
        );
      }
      // The listing is still printed, but a broken file must not go unnoticed by scripts.
      if (problems.length > 0) process.exitCode = 1;
    });
}
