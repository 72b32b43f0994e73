// Validate speed and memory on a big dataset: 100,000 MultiMed-X rows (JSONL, all seven
// languages, QA and NLI, with parallel English), the size of a machine-translated training set.
// Baseline in the same run: a bare loop that reads the file and JSON.parses every line.
// Validate path (what `medco validate` runs): validateDataset — streaming read, every check and
// marker split, counts, items not kept. Also measured: loadDataset + summarizeDataset, which
// keeps all 100k items (what the extension holds when it opens such a file).
// Protocol: every timed run is a fresh child process running one path alone (so no path inherits
// another's heap or garbage) that reports its time (after start-up: the path only) and its maxRSS
// (peak memory, Node + tsx included) and its CPU time (user + system, all of the process's
// threads: on a loaded machine wall time includes waiting for a core). ROUNDS rounds, each running the three paths one after
// another in a rotating order; medians over rounds, and each path's ratio to the baseline of
// its own round (median of those ratios), which the machine's load drift affects least.
// Run: node --import tsx bench/validate.ts [rows=100000] [rounds=5]
// The same generated file, to time whole commands (e.g. `medco validate` with /usr/bin/time -v):
//      node --import tsx bench/validate.ts --write <file.jsonl> [rows=100000]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadDataset, summarizeDataset, validateDataset } from '../src/core/dataset';

const MARKERS: Record<string, { qa: [string, string]; nli: [string, string]; word: string }> = {
  zh: { qa: ['问题:', '答案:'], nli: ['前提:', '假设:'], word: '心脏淀粉样变性' },
  ja: { qa: ['質問:', '回答:'], nli: ['前提:', '仮説:'], word: '心臓アミロイドーシス' },
  ko: { qa: ['질문:', '답변:'], nli: ['전제:', '가설:'], word: '심장 아밀로이드증' },
  sw: { qa: ['Swali:', 'Jibu:'], nli: ['Dhana:', 'Nadharia:'], word: 'amyloidosis ya moyo' },
  th: { qa: ['Question:', 'Answer:'], nli: ['Premise:', 'Hypothesis:'], word: 'ภาวะอะไมลอยด์ในหัวใจ' },
  yo: { qa: ['Ìbéèrè:', 'Ìdáhùn:'], nli: ['Premise:', 'Hypothesis:'], word: 'àìsàn ọkàn amyloid' },
  zu: { qa: ['Umbuzo:', 'Impendulo:'], nli: ['Premise:', 'Hypothesis:'], word: 'i-amyloidosis yenhliziyo' },
};
const LANGS = Object.keys(MARKERS);

function sentence(word: string, n: number): string {
  return Array.from({ length: n }, (_, i) => `${word} ${i + 1}.`).join(' ');
}

/** One row about as long as a short published MultiMed-X item (~600 characters of text each side). */
function row(i: number): string {
  const lang = LANGS[i % LANGS.length];
  const m = MARKERS[lang];
  const task = i % 7 < 4 ? 'qa' : 'nli';
  const [a, b] = task === 'qa' ? m.qa : m.nli;
  const [ea, eb] = task === 'qa' ? ['Question:', 'Answer:'] : ['Premise:', 'Hypothesis:'];
  const n = String(i + 1).padStart(6, '0');
  return JSON.stringify({
    id: `${task}-${lang}-${n}`, lang, task, source: task === 'qa' ? 'LiveQA' : 'BioNLI',
    text: `${a}\n${sentence(m.word, 12)}\n${b}\n${sentence(m.word, 12)}`,
    text_en: `${ea}\n${sentence('cardiac amyloidosis', 12)}\n${eb}\n${sentence('cardiac amyloidosis', 12)}`,
    label: task === 'nli' ? (i % 2 === 0 ? 'entailment' : 'contradiction') : null,
  });
}

function baseline(file: string): number {
  let parsed = 0;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line !== '') {
      JSON.parse(line);
      parsed++;
    }
  }
  return parsed;
}

async function validatePath(file: string): Promise<number> {
  return checked(await validateDataset([file]));
}

async function loadPath(file: string): Promise<number> {
  return checked(summarizeDataset(await loadDataset([file])));
}

function checked(summary: { items: number; errors: unknown[] }): number {
  if (summary.errors.length > 0) throw new Error(`unexpected errors: ${JSON.stringify(summary.errors.slice(0, 3))}`);
  return summary.items;
}

async function child(mode: string, file: string): Promise<void> {
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const n = mode === 'validate' ? await validatePath(file) : mode === 'load' ? await loadPath(file) : baseline(file);
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpu0);
  process.stdout.write(JSON.stringify({ n, ms, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMB: process.resourceUsage().maxRSS / 1024 }) + '\n');
}

function inChild(mode: string, file: string): { n: number; ms: number; cpuMs: number; maxRssMB: number } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', __filename, '--child', mode, file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 100_000);
  const rounds = Number(process.argv[3] ?? 5);
  const dir = mkdtempSync(path.join(tmpdir(), 'medco-bench-validate-'));
  const file = path.join(dir, 'big.jsonl');
  writeDataset(file, rows);
  console.log(`${rows} rows, ${(statSync(file).size / 2 ** 20).toFixed(1)} MiB; ${rounds} rounds, each path in a fresh child process`);

  const modes = ['baseline', 'validate', 'load'] as const;
  const runs: Record<(typeof modes)[number], ReturnType<typeof inChild>[]> = { baseline: [], validate: [], load: [] };
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < modes.length; k++) {
      const mode = modes[(round + k) % modes.length];
      const r = inChild(mode, file);
      if (r.n !== rows) throw new Error(`${mode} lost rows: ${r.n} of ${rows}`);
      runs[mode].push(r);
    }
  }
  const labels = {
    baseline: 'baseline (read + JSON.parse per line)',
    validate: 'validate (validateDataset)',
    load: 'load all items (loadDataset + summarize)',
  };
  console.log('| path | wall ms, median | wall min–max | CPU ms, median | × baseline, wall | × baseline, CPU | peak RSS MiB, median |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const mode of modes) {
    const ms = runs[mode].map((r) => r.ms);
    // Each run against the baseline of its own round, then the median of those ratios.
    const wallRatio = median(runs[mode].map((r, i) => r.ms / runs.baseline[i].ms));
    const cpuRatio = median(runs[mode].map((r, i) => r.cpuMs / runs.baseline[i].cpuMs));
    const rss = median(runs[mode].map((r) => r.maxRssMB));
    console.log(
      `| ${labels[mode]} | ${median(ms).toFixed(0)} | ${Math.min(...ms).toFixed(0)}–${Math.max(...ms).toFixed(0)} | ${median(runs[mode].map((r) => r.cpuMs)).toFixed(0)} | ${wallRatio.toFixed(2)} | ${cpuRatio.toFixed(2)} | ${rss.toFixed(0)} |`,
    );
  }
  console.log('goals: validate ≤ 2.0 × baseline, peak RSS < 300 MiB');
  rmSync(dir, { recursive: true, force: true });
}

function writeDataset(file: string, rows: number): void {
  writeFileSync(file, Array.from({ length: rows }, (_, i) => row(i)).join('\n') + '\n');
}

if (process.argv[2] === '--child') {
  void child(process.argv[3], process.argv[4]);
} else if (process.argv[2] === '--write') {
  writeDataset(process.argv[3], Number(process.argv[4] ?? 100_000));
} else {
  void main();
}
