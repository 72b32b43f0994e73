// `medco reason <dataset> --out <file.traces.jsonl>`: runs co-reasoning on every item that is not
// yet in the output (CONTRACTS §4). Resumable: traces are appended one by one, and every call is
// cached beside the output, so a re-run or a run resumed after a crash pays for nothing twice.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { formatProblem, loadDataset } from '../../core/dataset';
import { defaultCacheDir, runCoReasoning, type CoReasoningProgress } from '../../core/pipeline';
import { UserError } from '../errors';
import { printJson } from '../output';

interface ReasonOptions {
  out: string;
  baseUrl: string;
  model: string;
  embeddingModel?: string;
  concurrency: number;
  limit?: number;
  kb?: string;
  lang?: string;
  retrieval: 'concepts' | 'question';
  cacheDir?: string;
  temperature: number;
  alignThreshold: number;
  topK: number;
  timeout: number;
  json?: boolean;
}

const positiveInt = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a positive integer.`);
  return n;
};
const number = (name: string, min: number, max: number) => (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < min || n > max) throw new InvalidArgumentError(`${name} must be a number from ${min} to ${max}.`);
  return n;
};

const HELP_AFTER = `
The API key is read from OPENAI_API_KEY (never from a flag, so that it stays out of shell history);
keyless local servers (vLLM, llama.cpp, Ollama) need none. Without --embedding-model, concepts are
aligned by the chat model instead of by embeddings.

Resuming: items whose trace (same item and configuration) is already in --out are skipped, and every
completed call is cached in --cache-dir (default: .medco-cache/ beside --out), so an interrupted run
can simply be started again. Ctrl-C stops starting new calls; finished traces are kept.

Exit status: 0 when the run finished (items whose stages failed still get a trace, with the errors
recorded, and are counted as "failed"), 1 on a problem with the input, 2 on a usage error, 130 when
interrupted (Ctrl-C).`;

export function registerReason(program: Command): void {
  program
    .command('reason')
    .description('Run Med-CoReasoner co-reasoning on a dataset and append one trace per item to a .traces.jsonl file.')
    .argument('<dataset...>', 'dataset files (.jsonl, .json, .xlsx, .csv)')
    .requiredOption('--out <file>', 'traces file to append to (e.g. ja.traces.jsonl)')
    .option('--base-url <url>', 'OpenAI-compatible API base URL', process.env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1')
    .option('--model <name>', 'chat model', 'gpt-4o-mini')
    .option('--embedding-model <name>', 'embedding model for concept alignment')
    .option('--concurrency <n>', 'requests in flight at once, over all items', positiveInt('--concurrency'), 8)
    .option('--limit <n>', 'run at most n items (after --lang)', positiveInt('--limit'))
    .option('--kb <dir>', 'knowledge base: folder of JSONL chunks {id,title,content,lang}')
    .option('--lang <codes>', 'only items in these languages (comma-separated, e.g. ja,zh)')
    .addOption(new Option('--retrieval <mode>', 'retrieval queries from the fused concepts or from the question').choices(['concepts', 'question']).default('concepts'))
    .option('--cache-dir <dir>', 'call cache (default: .medco-cache beside --out)')
    .option('--temperature <t>', 'sampling temperature of reasoning and synthesis', number('--temperature', 0, 2), 0.7)
    .option('--align-threshold <s>', 'cosine similarity from which concepts align', number('--align-threshold', -1, 1), 0.7)
    .option('--top-k <n>', 'documents retrieved per item', positiveInt('--top-k'), 5)
    .option('--timeout <seconds>', 'per request attempt', number('--timeout', 1, 3600), 120)
    .option('--json', 'print the run summary as one JSON document on stdout')
    .addHelpText('after', HELP_AFTER)
    .action(async (paths: string[], options: ReasonOptions) => {
      const summary = await reason(paths, options);
      // Interrupted by Ctrl-C: the conventional 128 + SIGINT, so scripts can tell it from a finished run.
      if (summary.cancelled) process.exitCode = 130;
      if (options.json) {
        const { problems: _p, skipped: _s, cancelled: _c, retries: _r, ...rest } = summary;
        printJson({ ...rest, skipped: summary.skipped, retries: summary.retries, cancelled: summary.cancelled });
      } else {
        process.stdout.write(
          `${summary.items} item(s): ${summary.done} done, ${summary.failed} with errors, ${summary.skipped} already in ${options.out}` +
            `${summary.cancelled ? ', cancelled' : ''}; ${summary.calls} call(s), ${summary.cachedCalls} from cache, ` +
            `${summary.usage.total_tokens} token(s), ${(summary.ms / 1000).toFixed(1)} s\n`,
        );
      }
    });
}

async function reason(paths: string[], options: ReasonOptions) {
  const outDir = path.dirname(path.resolve(options.out));
  if (existsSync(outDir) && !statSync(outDir).isDirectory()) throw new UserError(`${options.out}: ${outDir} is not a folder`);
  mkdirSync(outDir, { recursive: true });
  if (!URL.canParse(options.baseUrl)) throw new UserError(`--base-url ${options.baseUrl}: not a URL`);
  if (existsSync(options.out) && !statSync(options.out).isFile()) throw new UserError(`${options.out}: not a file`);
  if (options.kb && (!existsSync(options.kb) || !statSync(options.kb).isDirectory())) throw new UserError(`${options.kb}: --kb must be a folder of .jsonl files`);
  if (/(^|\.)openai\.com(\/|:|$)/.test(new URL(options.baseUrl).host + '/') && !process.env.OPENAI_API_KEY) {
    throw new UserError(`OPENAI_API_KEY is not set (needed for ${options.baseUrl})`);
  }

  const dataset = await loadDataset(paths);
  for (const p of dataset.errors) process.stderr.write(`medco: ${formatProblem(p)}\n`);
  let items = dataset.items;
  if (options.lang) {
    const langs = new Set(options.lang.split(',').map((s) => s.trim().toLowerCase().replace(/^jp$/, 'ja')));
    items = items.filter((it) => langs.has(it.lang));
  }
  if (options.limit !== undefined) items = items.slice(0, options.limit);
  if (items.length === 0) {
    const first = dataset.errors[0];
    throw new UserError(first ? `no item could be loaded; first problem: ${formatProblem(first)}` : `${paths.join(', ')}: no items to run`);
  }

  const controller = new AbortController();
  const onSigint = (): void => {
    process.stderr.write('\nmedco: stopping (finished traces are kept; run again to resume)…\n');
    controller.abort();
  };
  process.once('SIGINT', onSigint);
  const bar = process.stderr.isTTY ? progressBar() : null;
  try {
    const summary = await runCoReasoning(
      items,
      {
        baseUrl: options.baseUrl,
        model: options.model,
        embeddingModel: options.embeddingModel ?? null,
        concurrency: options.concurrency,
        timeoutMs: options.timeout * 1000,
        kb: options.kb ?? null,
        retrieval: options.retrieval,
        temperature: options.temperature,
        alignThreshold: options.alignThreshold,
        topK: options.topK,
        out: options.out,
        cacheDir: options.cacheDir ?? defaultCacheDir(options.out),
      },
      { signal: controller.signal, onProgress: bar?.update },
    );
    bar?.stop();
    for (const p of summary.problems) process.stderr.write(`medco: ${formatProblem(p)}\n`);
    return summary;
  } finally {
    bar?.stop();
    process.removeListener('SIGINT', onSigint);
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
