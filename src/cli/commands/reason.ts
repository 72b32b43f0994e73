// `medco reason <dataset> --out <file.traces.jsonl>`: runs co-reasoning on every item that is not
// yet in the output (docs/formats.md §4). Resumable: traces are appended one by one, and every call is
// cached beside the output, so a re-run or a run resumed after a crash pays for nothing twice.
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { canonicalLanguage, formatProblem, loadDataset } from '../../core/dataset';
import {
  CONFIGURATION_NAMES,
  CONFIGURATIONS,
  defaultCacheDir,
  isConfigurationName,
  NotATracesFileError,
  runCoReasoning,
  type ConfigurationName,
  type CoReasoningProgress,
} from '../../core/pipeline';
import { DEFAULT_BASE_URL, DEFAULT_CONCURRENCY, DEFAULT_MODEL, parseHeaders, resolveEmbeddingModel } from '../../core/llm/endpointDefaults';
import { EXIT_USER_ERROR, UserError } from '../errors';
import { printError, printJson, printText } from '../output';
import { annotationsFolderOf, sameFile } from './outputGuard';
import { inShard, parseShard, ShardSpecError, type Shard } from '../../core/dataset/shard';
import { runInBatches } from '../../core/batch/runInBatches';
import { DEFAULT_PRICES, estimateCost, parsePriceTable, StageTokenTally, type PriceTable } from '../../core/llm/costs';
import type { Trace } from '../../core/types';
import { batchStatePath } from '../../core/batch/batchState';
import { addBatchOptions, batchTransport, batchUsageProblem, printBatchStatus, reportBatch, type BatchFlags } from './reasonBatch';

const shardSpec = (v: string): Shard => {
  try {
    return parseShard(v);
  } catch (err) {
    if (err instanceof ShardSpecError) throw new InvalidArgumentError(err.message);
    throw err;
  }
};

interface ReasonOptions extends BatchFlags {
  prices?: string;
  out: string;
  config: ConfigurationName;
  round: number;
  seed?: number;
  baseUrl: string;
  model: string;
  embeddingModel?: string;
  embeddingBaseUrl?: string;
  rerankUrl?: string;
  rerankModel?: string;
  header: string[];
  apiVersion?: string;
  concurrency: number;
  limit?: number;
  kb?: string;
  lang?: string;
  shard?: Shard;
  retrieval: 'concepts' | 'question';
  cacheDir?: string;
  retryFailed: boolean;
  temperature: number;
  alignThreshold: number;
  topK: number;
  timeout: number;
  json?: boolean;
}

const positiveInt = (name: string, max: number) => (v: string) => {
  const n = Number(v);
  if (!/^\s*\d+\s*$/.test(v) || !Number.isInteger(n) || n < 1 || n > max) throw new InvalidArgumentError(`${name} must be an integer from 1 to ${max}.`);
  return n;
};

/** Only http(s): a `file:` or other scheme would fail on every call, retried for nothing. */
export function checkBaseUrl(v: string): string | undefined {
  if (!URL.canParse(v)) return `"${v}" is not a URL (expected e.g. http://127.0.0.1:8000/v1)`;
  const { protocol } = new URL(v);
  if (protocol !== 'http:' && protocol !== 'https:') return `"${v}": only http:// and https:// servers are supported, not ${protocol}`;
  return undefined;
}

const baseUrl = (v: string): string => {
  const problem = checkBaseUrl(v);
  if (problem !== undefined) throw new InvalidArgumentError(problem);
  return v;
};
const configurationName = (v: string): ConfigurationName => {
  if (!isConfigurationName(v)) throw new InvalidArgumentError(`unknown configuration "${v}"; valid: ${CONFIGURATION_NAMES.join(', ')}.`);
  return v;
};
const integer = (name: string, min: number, max: number) => (v: string) => {
  const n = Number(v);
  if (!/^\s*-?\d+\s*$/.test(v) || !Number.isSafeInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${name} must be an integer from ${min} to ${max}.`);
  return n;
};
const header = (v: string, previous: string[]): string[] => {
  try {
    parseHeaders([v]);
  } catch (err) {
    throw new InvalidArgumentError(`${(err as Error).message}.`);
  }
  return [...previous, v];
};
const number = (name: string, min: number, max: number) => (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < min || n > max) throw new InvalidArgumentError(`${name} must be a number from ${min} to ${max}.`);
  return n;
};

const HELP_AFTER = `
The API key is read from OPENAI_API_KEY (never from a flag, so that it stays out of shell history);
keyless local servers (vLLM, llama.cpp, Ollama) need none. Without --embedding-model, concepts are
aligned by text-embedding-3-small on api.openai.com and by the chat model on any other server (the
extension uses the same defaults). Azure OpenAI: --base-url https://your-resource.openai.azure.com/openai
--api-version 2024-10-21 --model <deployment>.

Resuming: items whose trace (same item and configuration) is already in --out are skipped, and every
completed call is cached in --cache-dir (default: .medco-cache/ beside --out), so an interrupted run
can simply be started again. Items whose newest trace recorded errors (unreachable server, 401, a
stage that failed) are run again; their successful calls come from the cache. --no-retry-failed
keeps them as they are. Ctrl-C stops starting new calls; finished traces are kept.

--out must be a traces file or a new file: a non-empty file holding no trace line (a dataset, an
annotation file), a dataset file of this run, or a file in an annotations folder is refused.

Configurations (--config):${CONFIGURATION_NAMES.map((n) => `\n  ${n.padEnd(17)}${CONFIGURATIONS[n].summary}`).join('')}
paper and the baselines use our "neutral" prompt set (prompts/neutral; the paper's prompts were not
published); coreasoner and its ablations use prompts/v1. --round N makes the N-th independent sample
(its own trace ids and cache entries); --seed is sent with every chat call, mixed with the round.
paper needs --embedding-model (alignment and dense retrieval); its chunk embeddings are stored in
<kb>/.medco-index/ and reused while the corpus and the embedding model are unchanged.

Exit status: 0 when the run finished (items whose stages failed still get a trace, with the errors
recorded, and are counted as "failed"), 1 on a problem with the input or when every item run
failed, 2 on a usage error, 130 when interrupted (Ctrl-C).`;

export function registerReason(program: Command): void {
  const command = program
    .command('reason')
    .description('Run Med-CoReasoner co-reasoning on a dataset and append one trace per item to a .traces.jsonl file.')
    .argument('<dataset...>', 'dataset files (.jsonl, .json, .xlsx, .csv)')
    .requiredOption('--out <file>', 'traces file to append to (e.g. ja.traces.jsonl)')
    .option('--config <name>', `pipeline configuration: ${CONFIGURATION_NAMES.join(', ')}`, configurationName, 'coreasoner')
    .option('--round <n>', 'which independent sample of the run this is', positiveInt('--round', 1_000_000), 1)
    .option('--seed <s>', 'sampling seed sent with every chat call (mixed with --round)', integer('--seed', 0, 2 ** 31 - 1))
    .option('--base-url <url>', 'OpenAI-compatible API base URL (http or https)', baseUrl, process.env.OPENAI_BASE_URL ?? DEFAULT_BASE_URL)
    .option('--model <name>', 'chat model', DEFAULT_MODEL)
    .option('--embedding-model <name>', 'embedding model for concept alignment and dense retrieval (default: text-embedding-3-small on api.openai.com, else none)')
    .option('--embedding-base-url <url>', 'a separate OpenAI-compatible server for embeddings (default: --base-url)', baseUrl)
    .option('--rerank-url <url>', 'a /rerank endpoint (vLLM, TEI, Infinity) reranking dense retrieval results, e.g. http://127.0.0.1:8081/rerank', baseUrl)
    .option('--rerank-model <name>', 'model name sent to the reranker')
    .option('--header <name: value>', 'extra HTTP header of every request (repeatable)', header, [])
    .option('--api-version <version>', 'Azure OpenAI api-version (key sent as api-key; model = deployment name)')
    .option('--concurrency <n>', `requests in flight at once, over all items (1–${MAX_CONCURRENCY})`, positiveInt('--concurrency', MAX_CONCURRENCY), DEFAULT_CONCURRENCY)
    .option('--limit <n>', 'run at most n items (after --lang and --shard)', positiveInt('--limit', MAX_LIMIT))
    .option('--kb <dir>', 'knowledge base: folder of <lang>/*.jsonl (or <lang>/chunk/*.jsonl) chunks {title, content}')
    .option('--lang <codes>', 'only items in these languages (comma-separated, e.g. ja,zh)')
    .option('--shard <i/n>', 'run only shard i of n (1…n; by a hash of the item id, so stable across runs and machines)', shardSpec)
    .addOption(new Option('--retrieval <mode>', 'retrieval queries from the fused concepts or from the question').choices(['concepts', 'question']).default('concepts'))
    .option('--cache-dir <dir>', 'call cache (default: .medco-cache beside --out)')
    .option('--no-retry-failed', 'keep items whose trace in --out recorded errors instead of running them again')
    .option('--temperature <t>', 'sampling temperature of reasoning and synthesis', number('--temperature', 0, 2), 0.7)
    .option('--align-threshold <s>', 'cosine similarity from which concepts align', number('--align-threshold', -1, 1), 0.7)
    .option('--top-k <n>', 'documents retrieved per item', positiveInt('--top-k', 1000), 5)
    .option('--timeout <seconds>', 'per request attempt', number('--timeout', 1, 3600), 120)
    .option('--prices <file>', 'price table for the cost estimate (JSON: {"currency", "asOf", "models": {"<model>": {"input", "output"}}}, per 1M tokens)')
    .option('--json', 'print the run summary as one JSON document on stdout');
  addBatchOptions(command)
    .addHelpText('after', HELP_AFTER)
    .action(async (paths: string[], options: ReasonOptions, cmd: Command) => {
      const batchProblem = batchUsageProblem(options);
      if (batchProblem !== undefined) cmd.error(`error: ${batchProblem}`, { exitCode: 2, code: 'medco.usage' });
      if (options.batchStatus) return printBatchStatus(batchStatePath(options.out), options.out, options.json);
      // The default comes from OPENAI_BASE_URL, which the flag's parser never saw.
      const badUrl = checkBaseUrl(options.baseUrl);
      if (badUrl !== undefined) cmd.error(`error: option '--base-url <url>' argument ${badUrl}`, { exitCode: 2, code: 'medco.usage' });
      const summary = await reason(paths, options);
      // Interrupted by Ctrl-C: the conventional 128 + SIGINT, so scripts can tell it from a finished run.
      if (summary.cancelled) process.exitCode = 130;
      else if (summary.done === 0 && summary.failed > 0) {
        // Nothing the run did worked (server down, key refused, a stage that always fails).
        const e = summary.firstError;
        printError(`every item run failed (${summary.failed})${e ? `; first error: ${e.itemId}: ${e.stage}: ${e.message}` : ''}`);
        process.exitCode = EXIT_USER_ERROR;
      }
      if (options.json) {
        const { problems: _p, skipped: _s, cancelled: _c, retries: _r, retried: _rt, firstError: _f, ...rest } = summary;
        printJson({ ...rest, skipped: summary.skipped, retried: summary.retried, retries: summary.retries, cancelled: summary.cancelled });
      } else {
        printText(
          `${summary.items} item(s): ${summary.done} done, ${summary.failed} with errors, ${summary.skipped} already in ${options.out}` +
            `${summary.retried > 0 ? ` (${summary.retried} failed before, run again)` : ''}` +
            `${summary.cancelled ? ', cancelled' : ''}; ${summary.calls} call(s), ${summary.cachedCalls} from cache, ` +
            `${summary.usage.total_tokens} token(s), ${(summary.ms / 1000).toFixed(1)} s; ` +
            `traces' tokens priced at ${formatCost(summary.cost.live, summary.cost.currency)} live, ${formatCost(summary.cost.batch, summary.cost.currency)} batch` +
            `${summary.cost.unpriced.length > 0 ? ` (unpriced: ${summary.cost.unpriced.join(', ')})` : ''}\n`,
        );
      }
    });
}

const formatCost = (x: number, currency: string): string => `${x.toFixed(x < 1 ? 4 : 2)} ${currency}`;

const MAX_CONCURRENCY = 256;
const MAX_LIMIT = 10_000_000;

async function reason(paths: string[], options: ReasonOptions) {
  const outDir = path.dirname(path.resolve(options.out));
  if (existsSync(outDir) && !statSync(outDir).isDirectory()) throw new UserError(`${options.out}: ${outDir} is not a folder`);
  if (existsSync(options.out)) {
    const info = statSync(options.out);
    if (info.isDirectory()) throw new UserError(`--out ${options.out}: is a folder, not a traces file`);
    if (!info.isFile()) throw new UserError(`--out ${options.out}: not a regular file`);
  }
  const annotations = annotationsFolderOf(options.out);
  if (annotations !== undefined) {
    throw new UserError(`--out ${options.out}: is in the annotations folder ${annotations}; traces never go there (annotator files would be overwritten or mixed up)`);
  }
  if (options.kb && (!existsSync(options.kb) || !statSync(options.kb).isDirectory())) throw new UserError(`${options.kb}: --kb must be a folder of .jsonl files`);
  const prices = options.prices ? readPriceTable(options.prices) : DEFAULT_PRICES;
  const configuration = CONFIGURATIONS[options.config];
  if ((configuration.alignment === 'released' || configuration.retrieval === 'dense-en-local') && !resolveEmbeddingModel(options.baseUrl, options.embeddingModel)) {
    throw new UserError(`--config ${options.config} aligns concepts and retrieves documents by embeddings: give --embedding-model (and --embedding-base-url for a separate server)`);
  }
  if (/(^|\.)openai\.com(\/|:|$)/.test(new URL(options.baseUrl).host + '/') && !process.env.OPENAI_API_KEY) {
    throw new UserError(`OPENAI_API_KEY is not set (needed for ${options.baseUrl})`);
  }

  const dataset = await loadDataset(paths);
  const datasetFile = dataset.files.find((f) => sameFile(f, options.out));
  if (datasetFile !== undefined) throw new UserError(`--out ${options.out}: is the dataset file ${datasetFile}; traces are written to a file of their own (e.g. ja.traces.jsonl)`);
  mkdirSync(outDir, { recursive: true });
  for (const p of dataset.errors) printError(formatProblem(p));
  let items = dataset.items;
  if (options.lang) {
    const asked = options.lang.split(',').map((s) => s.trim()).filter(Boolean);
    const present = new Set(items.map((it) => it.lang));
    const unmatched = asked.filter((code) => !present.has(canonicalLanguage(code) ?? code.toLowerCase()));
    if (unmatched.length > 0 || asked.length === 0) {
      throw new UserError(
        `--lang ${options.lang}: no item in ${unmatched.length > 0 ? unmatched.join(', ') : 'these languages'}; the dataset has ${[...present].sort().join(', ') || 'no items'}`,
      );
    }
    const langs = new Set(asked.map((code) => canonicalLanguage(code) ?? code.toLowerCase()));
    items = items.filter((it) => langs.has(it.lang));
  }
  if (items.length === 0) {
    const first = dataset.errors[0];
    throw new UserError(first ? `no item could be loaded; first problem: ${formatProblem(first)}` : `${paths.join(', ')}: no items to run`);
  }
  // A shard may hold no item of a small dataset: that shard's run is empty, not an error.
  const shard = options.shard;
  if (shard !== undefined) items = items.filter((it) => inShard(it.id, shard));
  if (options.limit !== undefined) items = items.slice(0, options.limit);

  const controller = new AbortController();
  const onSigint = (): void => {
    process.stderr.write('\nmedco: stopping (finished traces are kept; run again to resume)…\n');
    controller.abort();
  };
  process.once('SIGINT', onSigint);
  const bar = process.stderr.isTTY ? progressBar() : null;
  try {
    const pipelineOptions = {
      configName: options.config,
      round: options.round,
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      baseUrl: options.baseUrl,
      model: options.model,
      embeddingModel: resolveEmbeddingModel(options.baseUrl, options.embeddingModel),
      headers: parseHeaders(options.header),
      apiVersion: options.apiVersion,
      ...(options.embeddingBaseUrl ? { embeddingBaseUrl: options.embeddingBaseUrl } : {}),
      ...(options.rerankUrl ? { rerankUrl: options.rerankUrl } : {}),
      ...(options.rerankModel ? { rerankModel: options.rerankModel } : {}),
      concurrency: options.concurrency,
      timeoutMs: options.timeout * 1000,
      kb: options.kb ?? null,
      retrieval: options.retrieval,
      temperature: options.temperature,
      alignThreshold: options.alignThreshold,
      topK: options.topK,
      out: options.out,
      cacheDir: options.cacheDir ?? defaultCacheDir(options.out),
      retryFailed: options.retryFailed,
    };
    const tally = new StageTokenTally();
    const hooks = { signal: controller.signal, onProgress: bar?.update, onTrace: (t: Trace) => tally.add(t), onNotice: printError };
    const transport = batchTransport(options, { baseUrl: options.baseUrl, model: options.model, timeoutMs: options.timeout * 1000, headers: parseHeaders(options.header), apiVersion: options.apiVersion });
    const running = transport
      ? runInBatches(items, pipelineOptions, { transport, stateFile: batchStatePath(options.out), pollMs: options.batchPollMs, onBatch: reportBatch }, hooks)
      : runCoReasoning(items, pipelineOptions, hooks);
    const summary = await running.catch((err: unknown) => {
      if (err instanceof NotATracesFileError) throw new UserError(`--out ${err.message}`);
      throw err;
    });
    bar?.stop();
    for (const p of summary.problems) printError(formatProblem(p));
    const cost = estimateCost(tally.byStage, { chat: options.model, embedding: options.embeddingModel ?? null }, prices);
    return { ...summary, tokensByStage: tally.byStage, cost };
  } finally {
    bar?.stop();
    process.removeListener('SIGINT', onSigint);
  }
}

function readPriceTable(file: string): PriceTable {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UserError(`--prices ${file}: cannot read it (${(err as Error).message})`);
  }
  try {
    return parsePriceTable(JSON.parse(text));
  } catch (err) {
    throw new UserError(`--prices ${file}: ${(err as Error).message}`);
  }
}

/** Items, calls, cache hits, tokens, rate and ETA on one line of a terminal's stderr. */
function progressBar(): { update: (p: CoReasoningProgress) => void; stop: () => void } {
  const bar = new SingleBar(
    {
      stream: process.stderr,
      format: 'reason [{bar}] {value}/{total} items | {calls} calls, {cached} cached, {tokens} tokens | {rate} items/min | ETA {eta_formatted}',
      hideCursor: true,
      etaBuffer: 50,
    },
    Presets.shades_classic,
  );
  let started = false;
  let stopped = false;
  const t0 = Date.now();
  return {
    update(p) {
      if (stopped) return;
      const value = p.itemsDone + p.itemsFailed + p.itemsSkipped;
      const payload = {
        calls: p.calls,
        cached: p.cachedCalls,
        tokens: p.tokens,
        rate: (((p.itemsDone + p.itemsFailed) * 60_000) / Math.max(1, Date.now() - t0)).toFixed(1),
      };
      if (!started) {
        bar.start(p.itemsTotal, value, payload);
        started = true;
      } else bar.update(value, payload);
    },
    stop() {
      if (started && !stopped) bar.stop();
      stopped = true;
    },
  };
}
