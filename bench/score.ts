// `medco score` speed: 7 languages × 3,500 traces (1,750 NLI items × 2 configurations) = 24,500
// traces, each with three sides (final, English, local answers), 1,000 bootstrap resamples per
// interval (macro-F1 of every result, every paired comparison). Goal: < 5 s.
// What is timed (score): scoreFromFiles, what `medco score --json` runs after start-up — load the
// dataset, read and check every trace line, parse every answer, accuracy/Wilson/macro-F1 with
// bootstrap CIs, paired bootstrap + exact McNemar per comparison, rounds — then the JSON document.
// Baseline in the same run: a plain pass that reads the same files, JSON.parses every line and
// counts final answers equal to the gold label.
// Protocol: every timed run is a fresh child process running one measure alone, reporting its
// wall time (after start-up) and CPU time (user + system); ROUNDS rounds alternate the order;
// medians over rounds, and the ratio to the baseline of the same round.
// Run: node --import tsx bench/score.ts [itemsPerLanguage=1750] [rounds=5]
// The same files, to time the whole command: node --import tsx bench/score.ts --write <dir>
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { scoreFromFiles } from '../src/cli/commands/score';

const LANGS = ['zh', 'ja', 'ko', 'sw', 'th', 'yo', 'zu'];
const CONFIGS = ['coreasoner', 'cot-local'];
const LABELS = ['entailment', 'contradiction'];

/** A deterministic answer: right about 80% (coreasoner) / 72% (cot-local) of the time, 2% unparsed. */
function answer(gold: string, i: number, salt: number): string {
  const r = ((i * 2654435761 + salt * 97) >>> 0) % 100;
  if (r < 2) return 'I cannot decide.';
  const wrong = LABELS[1 - LABELS.indexOf(gold)];
  const right = r < (salt === 0 ? 82 : 74);
  return (r % 3 === 0 ? '**' : '') + (right ? gold : wrong);
}

function write(dir: string, perLanguage: number): { dataset: string; traces: string; traceCount: number } {
  const rows: string[] = [];
  const traces: string[] = [];
  for (const lang of LANGS) {
    for (let i = 0; i < perLanguage; i++) {
      const id = `nli-${lang}-${String(i + 1).padStart(5, '0')}`;
      const gold = LABELS[i % 2];
      rows.push(JSON.stringify({ id, lang, task: 'nli', text: `Premise:\nA study of ${i} patients.\nHypothesis:\nThe drug works.`, label: gold }));
      CONFIGS.forEach((name, c) => {
        const side = (s: number) => ({ question: 'q', reasoning: 'r', answer: answer(gold, i, c * 10 + s), concepts: [] });
        traces.push(JSON.stringify({
          schema: 'medco.trace/1', id: `${id}|${name}`, itemId: id, lang, task: 'nli', createdAt: '2026-11-21T10:00:00.000Z',
          config: { model: 'm', temperature: 0.7, alignThreshold: 0.7, topK: 5, retrieval: 'concepts', pipelineVersion: '1', name, round: 1 },
          english: side(1), local: side(2), alignment: { pairs: [], localOnly: [], fused: [] }, retrieval: [],
          final: { response: 'r', answer: answer(gold, i, c * 10) }, stages: {}, errors: [],
        }));
      });
    }
  }
  const dataset = path.join(dir, 'bench-nli.jsonl');
  const tracesFile = path.join(dir, 'bench.traces.jsonl');
  writeFileSync(dataset, rows.join('\n') + '\n');
  writeFileSync(tracesFile, traces.join('\n') + '\n');
  return { dataset, traces: tracesFile, traceCount: traces.length };
}

function baseline(dataset: string, traces: string): number {
  const gold = new Map<string, string>();
  for (const line of readFileSync(dataset, 'utf8').split('\n')) {
    if (line === '') continue;
    const row = JSON.parse(line) as { id: string; label: string };
    gold.set(row.id, row.label);
  }
  let correct = 0;
  for (const line of readFileSync(traces, 'utf8').split('\n')) {
    if (line === '') continue;
    const t = JSON.parse(line) as { itemId: string; final: { answer: string } };
    if (t.final.answer === gold.get(t.itemId)) correct++;
  }
  return correct;
}

async function child(measure: string, dataset: string, traces: string): Promise<void> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  let check: number;
  if (measure === 'baseline') check = baseline(dataset, traces);
  else {
    const doc = await scoreFromFiles([dataset], { traces: [traces], bootstrap: 1000, seed: 1 });
    check = JSON.stringify(doc).length;
  }
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  process.stdout.write(JSON.stringify({ ms, cpuMs: (used.user + used.system) / 1000, check }) + '\n');
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  if (process.argv[2] === '--write') {
    write(process.argv[3], Number(process.argv[4] ?? 1750));
    return;
  }
  if (process.argv[2] === '--child') return child(process.argv[3], process.argv[4], process.argv[5]);
  const perLanguage = Number(process.argv[2] ?? 1750);
  const rounds = Number(process.argv[3] ?? 5);
  const dir = mkdtempSync(path.join(tmpdir(), 'medco-bench-score-'));
  try {
    const files = write(dir, perLanguage);
    console.log(`${files.traceCount} traces (${LANGS.length} languages × ${perLanguage} items × ${CONFIGS.length} configurations), 1000 resamples; ${rounds} rounds`);
    const measures = ['baseline', 'score'];
    const results: Record<string, { ms: number[]; cpu: number[]; ratio: number[] }> = {};
    for (const m of measures) results[m] = { ms: [], cpu: [], ratio: [] };
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 === 0 ? measures : [...measures].reverse();
      const round: Record<string, { ms: number; cpuMs: number }> = {};
      for (const m of order) {
        const out = spawnSync(process.execPath, ['--import', 'tsx', __filename, '--child', m, files.dataset, files.traces], { encoding: 'utf8' });
        if (out.status !== 0) throw new Error(`${m}: ${out.stderr}`);
        round[m] = JSON.parse(out.stdout.trim().split('\n').pop()!);
      }
      for (const m of measures) {
        results[m].ms.push(round[m].ms);
        results[m].cpu.push(round[m].cpuMs);
        results[m].ratio.push(round[m].cpuMs / round.baseline.cpuMs);
      }
    }
    console.log('| measure | wall ms, median (min–max) | CPU ms, median | × baseline (CPU), median |');
    console.log('|---|---:|---:|---:|');
    for (const m of measures) {
      const x = results[m];
      console.log(`| ${m} | ${median(x.ms).toFixed(0)} (${Math.min(...x.ms).toFixed(0)}–${Math.max(...x.ms).toFixed(0)}) | ${median(x.cpu).toFixed(0)} | ${median(x.ratio).toFixed(2)} |`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
