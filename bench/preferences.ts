// Benchmark of Bradley–Terry with bootstrap intervals (issue #13 goal: 1,000 resamples over
// 10 systems × 25,000 judgements in < 5 s). Synthetic, seeded: 2,500 items, each judged 10 times
// (2 annotators × 5 random pairs of systems); systems have latent log-strengths spread over
// [−1, 1]; an outcome is a win by Bradley–Terry's probability, with 15% ties and 5% both_bad.
//
// Protocol: one warm-up round, then ROUNDS rounds, each timing the baseline first and then the
// measures; medians of wall and process CPU time. Baseline, measured in the same rounds: one
// Bradley–Terry fit on the data as they are (building the per-item contributions, the win
// matrix and the Newton fit), so "× baseline" reads as "this many fits".
// Every result is checked: a null strength or interval ends the run with exit 1.
//
// Run: node --import tsx bench/preferences.ts [rounds=5]
import { performance } from 'node:perf_hooks';
import { fitBradleyTerry } from '../src/core/stats/bradleyTerry';
import { type PreferenceJudgement, type PreferenceOutcome, bradleyTerryWithBootstrap, computePreferences, winContributions, winMatrix } from '../src/core/stats/preferences';
import { mulberry32 } from '../src/core/stats/random';

const SYSTEMS = 10;
const ITEMS = 2500;
const PAIRS_PER_ITEM = 5;
const ANNOTATORS = 2;
const RESAMPLES = 1000;
const ROUNDS = Number(process.argv[2] ?? 5);

const random = mulberry32(13_2026);
const names = Array.from({ length: SYSTEMS }, (_, i) => `sys-${String(i).padStart(2, '0')}`);
const strength = names.map((_, i) => -1 + (2 * i) / (SYSTEMS - 1));
const judgements: PreferenceJudgement[] = [];
for (let u = 0; u < ITEMS; u++) {
  const itemId = `qa-ja-${String(u + 1).padStart(4, '0')}`;
  for (let p = 0; p < PAIRS_PER_ITEM; p++) {
    const i = Math.floor(random() * SYSTEMS);
    let j = Math.floor(random() * (SYSTEMS - 1));
    if (j >= i) j++;
    const [a, b] = i < j ? [i, j] : [j, i];
    for (let r = 0; r < ANNOTATORS; r++) {
      const x = random();
      const pa = 1 / (1 + Math.exp(strength[b] - strength[a]));
      const outcome: PreferenceOutcome = x < 0.15 ? 'tie' : x < 0.2 ? 'both_bad' : random() < pa ? 'a' : 'b';
      judgements.push({ itemId, lang: 'ja', annotator: `dr-${r}`, dimension: 'clinical_soundness', a: names[a], b: names[b], outcome, side1: random() < 0.5 ? names[a] : names[b] });
    }
  }
}

function check(ok: boolean, what: string): void {
  if (!ok) {
    console.error(`check failed: ${what}`);
    process.exit(1);
  }
}

const measures: { name: string; run: () => void }[] = [
  {
    name: 'baseline: one Bradley–Terry fit (contributions, win matrix, Newton)',
    run: () => {
      const data = winContributions(judgements);
      const fit = fitBradleyTerry(winMatrix(data), data.systems.length);
      check(fit.logStrength !== null, 'single fit');
    },
  },
  {
    name: `Bradley–Terry + ${RESAMPLES} bootstrap resamples over items`,
    run: () => {
      const bt = bradleyTerryWithBootstrap(judgements, RESAMPLES, 7);
      check(bt.logStrength !== null && bt.ci95.every((c) => c !== null) && bt.defined === RESAMPLES, 'bootstrap');
    },
  },
  {
    name: `whole preferences section (pairs, Wilson, sign tests, BT + ${RESAMPLES} resamples, position bias, alpha; overall + 1 language)`,
    run: () => {
      const p = computePreferences(judgements, { bootstrap: RESAMPLES, seed: 7 }).clinical_soundness;
      check(p.pairs.length === (SYSTEMS * (SYSTEMS - 1)) / 2 && p.alpha_nominal !== null, 'preferences');
    },
  },
];

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

const wall = measures.map(() => [] as number[]);
const cpu = measures.map(() => [] as number[]);
for (let round = 0; round <= ROUNDS; round++) {
  measures.forEach((m, i) => {
    const c0 = cpuMs();
    const t0 = performance.now();
    m.run();
    const t = performance.now() - t0;
    const c = cpuMs() - c0;
    if (round > 0) {
      wall[i].push(t);
      cpu[i].push(c);
    }
  });
}
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const f = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
console.log(`${judgements.length} judgements, ${SYSTEMS} systems, ${ITEMS} items; ${ROUNDS} rounds after a warm-up; Node ${process.version}`);
console.log('| measure | wall ms, median (min–max) | CPU ms, median | × baseline, CPU (wall) | goal |');
console.log('|---|---|---|---|---|');
measures.forEach((m, i) => {
  const w = median(wall[i]);
  const c = median(cpu[i]);
  const goal = i === 1 ? (w < 5000 ? '< 5 s: met' : '< 5 s: NOT met') : '';
  console.log(`| ${m.name} | ${f(w)} (${f(Math.min(...wall[i]))}–${f(Math.max(...wall[i]))}) | ${f(c)} | ${(c / median(cpu[0])).toFixed(0)} (${(w / median(wall[0])).toFixed(0)}) | ${goal} |`);
});
