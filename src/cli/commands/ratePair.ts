// `medco rate … --item I --pair a,b --prefer <dimension>=<config|tie|both_bad> …` (docs/formats.md
// §7): saves one blind pairwise judgement through the same AnnotationStore as the review panel.
import { AnnotationStore, comparisonProblems, type SaveComparisonInput } from '../../core/store';
import { pairSides, pairTracesOf, readStudyFile, readTracesByItem } from '../../core/study';
import { traceSha256 } from '../../core/traces';
import type { Rubric } from '../../core/types';
import { printJson } from '../output';
import { UserError } from '../errors';
import { escapeControl } from '../terminalText';

export interface RatePairOptions {
  dataset: string;
  annotator: string;
  item: string;
  pair: [string, string];
  prefer: string[];
  flag?: string[];
  clearFlags?: boolean;
  comment?: string;
  traces?: string;
  durationMs?: number;
  json?: boolean;
}

/** `dim=outcome` pairs → winner per dimension (outcomes are checked by the store's rules). */
export function parsePreferPairs(pairs: string[]): Record<string, string> {
  const winner: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const dim = eq > 0 ? pair.slice(0, eq).trim() : '';
    const outcome = eq > 0 ? pair.slice(eq + 1).trim() : '';
    if (dim === '' || outcome === '') throw new UserError(`--prefer ${pair}: expected dimension=<config|tie|both_bad>, e.g. clinical_soundness=coreasoner`);
    if (dim in winner) throw new UserError(`--prefer ${dim}=… is given more than once; give each dimension once`);
    winner[dim] = outcome;
  }
  return winner;
}

async function pairTraceIdentity(file: string, itemId: string, pair: [string, string]) {
  const traces = await readTracesByItem(file);
  const found = pairTracesOf(itemId, traces.get(itemId) ?? [], pair);
  if (!found.ok) throw new UserError(`${file}: ${found.message}`);
  const traceIds: Record<string, string> = {};
  const sha: Record<string, string> = {};
  for (const [config, trace] of Object.entries(found.traces)) {
    traceIds[config] = trace.id;
    sha[config] = traceSha256(trace);
  }
  return { traceIds, traceSha256: sha };
}

export async function ratePair(annotationsDir: string, o: RatePairOptions, rubric: Rubric): Promise<void> {
  const input: SaveComparisonInput = { itemId: o.item, configs: o.pair, winner: parsePreferPairs(o.prefer), mode: 'merge' };
  if (o.flag) input.flags = o.flag;
  if (o.clearFlags) input.flags = [];
  if (o.comment !== undefined) input.comment = o.comment;
  if (o.durationMs !== undefined) input.durationMs = o.durationMs;
  const problems = comparisonProblems(input, rubric);
  if (problems.length > 0) throw new UserError(problems.join('; '));
  if (o.traces) Object.assign(input, await pairTraceIdentity(o.traces, o.item, o.pair));
  const store = await AnnotationStore.open({ annotationsDir, dataset: o.dataset, annotator: o.annotator, rubric });
  if (store.problem) throw new UserError(`${store.problem.message} (the file was left untouched)`);
  if (!store.comparison(o.item, ...o.pair)) {
    // First judgement: record the placement the review panel would show this annotator.
    const study = await readStudyFile(annotationsDir, o.dataset);
    if (study.status === 'invalid') throw new UserError(study.error.message);
    const seed = study.status === 'ok' ? study.value.seed : 0;
    input.sides = pairSides(seed, o.annotator, o.item, ...o.pair);
  }
  const { key, entry, changed } = await store.saveComparison(input);
  if (o.json) printJson(entry);
  else process.stdout.write(`${escapeControl(key)}: ${changed ? `saved revision ${entry.revision}` : `unchanged (revision ${entry.revision})`} in ${escapeControl(store.file)}\n`);
}
