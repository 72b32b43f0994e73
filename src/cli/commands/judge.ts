// `medco judge <dataset> --traces <file> --judge-model <m> --annotations <dir>`: an LLM judge rates
// every trace on the physicians' rubric; its ratings go through the annotation store into
// <dir>/<dataset>/judge-<model slug>.json, an annotation file with `annotator.role: "model"`
// (docs/formats.md §6), one file per configuration × round found in the traces (other runs than
// `coreasoner` round 1 add `--<config>[-r<round>]` to the name). Resumable and cached like `medco reason`.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { formatProblem, loadDataset } from '../../core/dataset';
import { judgeAnnotatorId, judgeBatchStatePath, JudgeInputError, JudgeRunClashError, readTracesToJudge, runJudge, runJudgeInBatches, type JudgeSummary } from '../../core/judge';
import type { BatchSummary } from '../../core/batch/passRunner';
import { LlmClient } from '../../core/llm/client';
import { DEFAULT_CONFIGURATION } from '../../core/pipeline/configurations';
import { defaultCacheDir } from '../../core/pipeline';
import { checkName, loadRubric, rubricFileFor, StoreFileError } from '../../core/store';
import type { DatasetItem, Rubric, SourceProblem } from '../../core/types';
import { EXIT_USER_ERROR, UserError } from '../errors';
import { printError, printJson, printText, progress } from '../output';
import { checkBaseUrl } from './reason';
import { addBatchOptions, batchTransport, batchUsageProblem, printBatchStatus, reportBatch, type BatchFlags } from './reasonBatch';

interface JudgeOptions extends BatchFlags {
  traces: string;
  judgeModel: string;
  annotations: string;
  datasetId?: string;
  baseUrl: string;
  rubric?: string;
  config?: string;
  round?: number;
  concurrency: number;
  temperature: number;
  timeout: number;
  cacheDir?: string;
  json?: boolean;
}

const MAX_CONCURRENCY = 256;

const integer = (name: string, min: number, max: number) => (v: string) => {
  const n = Number(v);
  if (!/^\s*\d+\s*$/.test(v) || !Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${name} must be an integer from ${min} to ${max}.`);
  return n;
};
const number = (name: string, min: number, max: number) => (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < min || n > max) throw new InvalidArgumentError(`${name} must be a number from ${min} to ${max}.`);
  return n;
};
const baseUrl = (v: string): string => {
  const problem = checkBaseUrl(v);
  if (problem !== undefined) throw new InvalidArgumentError(problem);
  return v;
};

const HELP_AFTER = `
Each trace is rated on the rubric the physicians use (--rubric, else <annotations>/rubric.json,
else the built-in one): every dimension an integer on its scale or null ("not assessable"), the
rubric's flags, and a short rationale saved as the comment. The judge sees the question, the
reference answer where the dataset has one (the gold label for NLI), both reasonings and the final
answer. Its prompt is prompts/judge/<version>/judge.md; the version and the prompt's sha256 are
saved with every rating.

The ratings go through the annotation store into <annotations>/<dataset>/judge-<model slug>.json
with annotator.role "model": \`medco stats\` leaves such files out of the physicians' agreement
unless --annotators models|all, and reports each judge against the physicians (on the traces the
physicians rated).

Every configuration and round in --traces is judged (--config and --round narrow them). An
annotation file holds one rating per item, so each run has a file of its own: judge-<slug>.json
for coreasoner round 1, judge-<slug>--<config>.json for another configuration's round 1,
judge-<slug>--<config>-r<round>.json for later rounds (the file records the run as
annotator.run). Per run and item the latest trace is judged (the others are counted as
superseded). \`medco score --annotations\` reads them all back as one judge.

Resuming: a trace already rated on the same content with the same prompt is skipped, and every
call is cached in --cache-dir (default: .medco-cache beside --traces), so an interrupted run can
simply be started again. A reply with a value off the rubric's scale is asked once more; if it is
still off the scale it is counted and reported, never stored (a later run asks again).

Batch runs (--batch openai|files): every judge call goes through the Batch API (half the price,
its own quota) or, with --batch files --batch-dir d, into request files for an offline runner such
as vllm run-batch, read back on the next run. Ratings are saved only once their answers are in;
failed, expired or incomplete batches are sent again (up to 3 times), then counted as failed.
Each run's state is beside its judge file, <annotations>/<dataset>/_<judge file>.batch.json: a
killed run resumes the batches in flight; --batch-status prints it (of the run --config and
--round name; default coreasoner round 1).

The API key is read from OPENAI_API_KEY; keyless local servers need none.

Exit status: 0 when the run finished (replies off the scale or failed items are reported on stderr
and in --json); 1 on a problem with the input, or when every item run failed; 2 on a usage error;
130 when interrupted (Ctrl-C).`;

export function registerJudge(program: Command): void {
  const command = program
    .command('judge')
    .description('Let an LLM judge rate traces on the physicians\' rubric, into an annotation file with role "model".')
    .argument('<dataset...>', 'dataset files (.jsonl, .json, .xlsx, .csv) the traces were made from')
    .requiredOption('--traces <file>', 'traces file (.traces.jsonl) to judge')
    .requiredOption('--judge-model <name>', 'the judge\'s chat model (names the file: judge-<model slug>.json)')
    .requiredOption('--annotations <dir>', 'annotations folder (the judge writes <dir>/<dataset>/judge-<slug>.json)')
    .option('--dataset-id <name>', 'the dataset\'s folder under --annotations (default: the dataset file\'s name)')
    .option('--base-url <url>', 'OpenAI-compatible API base URL (http or https)', baseUrl, process.env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1')
    .option('--rubric <file>', 'rubric (default: <annotations>/rubric.json, else built-in)')
    .option('--config <name>', 'only traces of this configuration (config.name; default: every configuration)')
    .option('--round <n>', 'only traces of this round (config.round; default: every round)', integer('--round', 1, 1_000_000))
    .option('--concurrency <n>', `requests in flight at once (1–${MAX_CONCURRENCY})`, integer('--concurrency', 1, MAX_CONCURRENCY), 8)
    .option('--temperature <t>', 'sampling temperature of the judge', number('--temperature', 0, 2), 0)
    .option('--timeout <seconds>', 'per request attempt', number('--timeout', 1, 3600), 120)
    .option('--cache-dir <dir>', 'call cache (default: .medco-cache beside --traces)')
    .option('--json', 'print the run summary as one JSON document on stdout');
  addBatchOptions(command, "the judge's batch run")
    .addHelpText('after', HELP_AFTER)
    .action(async (paths: string[], options: JudgeOptions, cmd: Command) => {
      const badUrl = checkBaseUrl(options.baseUrl);
      if (badUrl !== undefined) cmd.error(`error: option '--base-url <url>' argument ${badUrl}`, { exitCode: 2, code: 'medco.usage' });
      const batchProblem = batchUsageProblem(options);
      if (batchProblem !== undefined) cmd.error(`error: ${batchProblem}`, { exitCode: 2, code: 'medco.usage' });
      if (options.batchStatus) {
        const datasetId = options.datasetId ?? (await loadDataset(paths)).name;
        const run = { config: options.config ?? DEFAULT_CONFIGURATION, round: options.round ?? 1 };
        const file = judgeBatchStatePath(options.annotations, datasetId, options.judgeModel, run);
        return printBatchStatus(file, `the judge ${options.judgeModel} of ${datasetId} (${run.config} round ${run.round})`, options.json);
      }
      const summary = await judge(paths, options);
      if (summary.cancelled) process.exitCode = 130;
      else if (summary.judged === 0 && summary.skipped === 0 && summary.failed + summary.outOfScale > 0) {
        printError(`every item run failed (${summary.failed} failed, ${summary.outOfScale} off the scale)`);
        process.exitCode = EXIT_USER_ERROR;
      }
      if (options.json) printJson(summary);
      else {
        for (const run of summary.runs) {
          printText(
            `${run.judge} (${run.config} round ${run.round}): ${run.traces} trace(s): ${run.judged} judged, ${run.skipped} already judged, ` +
              `${run.outOfScale} off the scale (not stored), ${run.failed} failed → ${run.file}` +
              (run.batch
                ? `; batch: ${run.batch.roundTrips} round trip(s), ${run.batch.requestsSubmitted} request(s) submitted, ${run.pending} pending` +
                  `${run.batch.waitingFor.length > 0 ? ' (run again once the output files exist)' : ''}`
                : '') +
              '\n',
          );
        }
        printText(
          `${summary.judge}: ${summary.runs.length} run(s), ${summary.traces} trace(s): ${summary.judged} judged, ${summary.skipped} already judged, ` +
            `${summary.outOfScale} off the scale (not stored), ${summary.failed} failed${summary.cancelled ? ', cancelled' : ''}; ` +
            `${summary.calls} call(s), ${summary.cachedCalls} from cache, ${summary.usage.total_tokens} token(s), ${(summary.ms / 1000).toFixed(1)} s\n`,
        );
      }
    });
}

async function rubricOf(annotationsDir: string, file?: string): Promise<Rubric> {
  try {
    return await loadRubric(rubricFileFor(annotationsDir, file));
  } catch (err) {
    throw new UserError((err as Error).message);
  }
}

/** One run's part of the summary (`pending`: how many of its traces wait for a batch answer). */
type RunSummary = Pick<JudgeSummary, 'judge' | 'file' | 'config' | 'round' | 'traces' | 'judged' | 'skipped' | 'outOfScale' | 'failed'> & { pending: number; batch?: BatchSummary };

/**
 * What `--json` prints: the totals over every run (`judge` is the judge's own id, `file` the first
 * run's, `pending` every run's pending trace ids), and each run (with its batch, in a batch run).
 */
type JudgeRunsSummary = Omit<JudgeSummary, 'config' | 'round'> & {
  files: string[];
  runs: RunSummary[];
  tracesRead: number;
  superseded: number;
  notInDataset: string[];
  batchProblems?: SourceProblem[];
};

async function judge(paths: string[], options: JudgeOptions): Promise<JudgeRunsSummary> {
  if (/(^|\.)openai\.com(\/|:|$)/.test(new URL(options.baseUrl).host + '/') && !process.env.OPENAI_API_KEY) {
    throw new UserError(`OPENAI_API_KEY is not set (needed for ${options.baseUrl})`);
  }
  const dataset = await loadDataset(paths);
  for (const p of dataset.errors) printError(formatProblem(p));
  if (dataset.items.length === 0) throw new UserError(`${paths.join(', ')}: no items could be loaded`);
  const datasetId = options.datasetId ?? dataset.name;
  try {
    checkName('dataset', datasetId);
  } catch (err) {
    throw new UserError(`${(err as Error).message} (set the folder name with --dataset-id)`);
  }
  const items = new Map<string, DatasetItem>(dataset.items.map((it) => [it.id, it]));
  const rubric = await rubricOf(options.annotations, options.rubric);

  let selected;
  try {
    selected = await readTracesToJudge(options.traces, { config: options.config, round: options.round }, (id) => items.has(id));
  } catch (err) {
    if (err instanceof JudgeInputError) throw new UserError(err.message);
    throw err;
  }
  for (const p of selected.problems) printError(formatProblem(p));
  if (selected.superseded > 0) printError(`${options.traces}: ${selected.superseded} trace(s) superseded by a later trace of the same item, configuration and round (the latest counts)`);
  if (selected.notInDataset.length > 0) {
    printError(`${options.traces}: ${selected.notInDataset.length} trace(s) of items not in ${paths.join(', ')} are not judged: ${selected.notInDataset.slice(0, 10).join(', ')}${selected.notInDataset.length > 10 ? ', …' : ''}`);
  }
  if (selected.traces.length === 0) {
    const why = selected.lines === 0 ? 'no valid trace' : selected.filteredOut > 0 ? 'no trace of that --config/--round' : 'no trace of an item of the dataset';
    throw new UserError(`${options.traces}: ${why} to judge`);
  }

  const controller = new AbortController();
  const onSigint = (): void => {
    process.stderr.write('\nmedco: stopping (saved ratings are kept; run again to resume)…\n');
    controller.abort();
  };
  process.once('SIGINT', onSigint);
  const started = Date.now();
  const llm = {
    baseUrl: options.baseUrl,
    concurrency: options.concurrency,
    timeoutMs: options.timeout * 1000,
    cacheDir: options.cacheDir ?? defaultCacheDir(options.traces),
  };
  // One client for every run: one limit on requests in flight, one set of counters.
  const client = new LlmClient({ ...llm, model: options.judgeModel });
  const total: JudgeRunsSummary = {
    judge: judgeAnnotatorId(options.judgeModel),
    file: '',
    model: options.judgeModel,
    promptVersion: '',
    traces: 0,
    judged: 0,
    skipped: 0,
    outOfScale: 0,
    outOfScaleReplies: [],
    failed: 0,
    pending: [],
    failures: [],
    cancelled: false,
    calls: 0,
    cachedCalls: 0,
    usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
    ms: 0,
    files: [],
    runs: [],
    tracesRead: selected.lines,
    superseded: selected.superseded,
    notInDataset: selected.notInDataset,
  };
  const done = () => total.judged + total.skipped + total.outOfScale + total.failed;
  const transport = batchTransport(options, { baseUrl: options.baseUrl, model: options.judgeModel, timeoutMs: options.timeout * 1000 });
  try {
    for (const run of selected.runs) {
      if (controller.signal.aborted) break;
      const judged = { config: run.config, round: run.round };
      const runOptions = { ...llm, client, judgeModel: options.judgeModel, run: judged, annotationsDir: options.annotations, dataset: datasetId, rubric, temperature: options.temperature };
      const hooks = { signal: controller.signal, onProgress: (p: { judged: number; skipped: number; outOfScale: number; failed: number }) => progress(`judge: ${done() + p.judged + p.skipped + p.outOfScale + p.failed}/${selected.traces.length}`) };
      let running: Promise<JudgeSummary & { batch?: BatchSummary; batchProblems?: SourceProblem[] }>;
      if (transport) {
        // Each run (one judge file) has its own batch state beside that file.
        const stateFile = judgeBatchStatePath(options.annotations, datasetId, options.judgeModel, judged);
        mkdirSync(path.dirname(stateFile), { recursive: true });
        running = runJudgeInBatches(items, run.traces, runOptions, { transport, stateFile, pollMs: options.batchPollMs, onBatch: reportBatch }, hooks);
      } else running = runJudge(items, run.traces, runOptions, hooks);
      const summary = await running.catch((err: unknown) => {
        if (err instanceof StoreFileError || err instanceof JudgeRunClashError) throw new UserError(`${err.message}${err instanceof StoreFileError ? " (the judge's file is left untouched)" : ''}`);
        throw err;
      });
      const where = `${options.traces}: ${run.config} round ${run.round}`;
      for (const o of summary.outOfScaleReplies) {
        printError(`${where}: ${o.itemId}: the judge gave ${o.dimension} = ${JSON.stringify(o.value)}, outside ${o.scale[0]}–${o.scale[1]}; not stored (a later run asks again)`);
      }
      for (const f of summary.failures) printError(`${where}: ${f.itemId}: ${f.message}`);
      for (const p of summary.batchProblems ?? []) printError(formatProblem(p));
      const { judge: id, file, config, round, traces, skipped, outOfScale, failed, batch } = summary;
      total.runs.push({ judge: id, file, config, round, traces, judged: summary.judged, skipped, outOfScale, failed, pending: summary.pending.length, ...(batch ? { batch } : {}) });
      total.pending.push(...summary.pending);
      if (summary.batchProblems) (total.batchProblems ??= []).push(...summary.batchProblems);
      total.files.push(file);
      total.file ||= file;
      total.promptVersion = summary.promptVersion;
      total.traces += traces;
      total.judged += summary.judged;
      total.skipped += skipped;
      total.outOfScale += outOfScale;
      total.failed += failed;
      total.outOfScaleReplies.push(...summary.outOfScaleReplies);
      total.failures.push(...summary.failures);
      total.cancelled ||= summary.cancelled;
      total.calls += summary.calls;
      total.cachedCalls += summary.cachedCalls;
      for (const k of ['prompt_tokens', 'completion_tokens', 'total_tokens'] as const) total.usage[k] += summary.usage[k];
    }
    total.cancelled ||= controller.signal.aborted;
    total.ms = Date.now() - started;
    return total;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}
