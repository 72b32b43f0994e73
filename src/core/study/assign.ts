// Building a study: which annotators rate which items, in which order (docs/formats.md §7).
//
// Each non-calibration item goes to exactly `overlap` annotators who know its language. Items are
// grouped in strata (language × task, or language); within a stratum the stratum's items are dealt
// round-robin over the eligible annotators, so that every annotator's load in the stratum is
// ⌊n·k/m⌋ or ⌈n·k/m⌉ (loads differ by at most 1), and an item's k annotators are k consecutive,
// hence distinct, annotators of the cycle (k ≤ m). The cycle starts with the annotators least
// loaded so far, so the extra items of successive strata also spread over people.
// Calibration items go to everyone who knows their language, first in everyone's order.
// Every random choice is drawn from (seed, label) streams: same inputs and seed → same study.
import { STUDY_SCHEMA, type StudyAnnotator, type StudyFile, type StudyHidden, type StudyItem, type StudyMode, type StudyOrder, type StudyStrata } from './types';
import { seededRandom, shuffled } from './random';

export class StudyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StudyError';
  }
}

export interface CreateStudyOptions {
  dataset: string;
  /** The dataset's items, in dataset order. */
  items: readonly StudyItem[];
  annotators: readonly StudyAnnotator[];
  overlap: number;
  seed: number;
  mode?: StudyMode;
  /** Pairwise mode: the two configurations compared. */
  configs?: [string, string];
  order?: StudyOrder;
  strata?: StudyStrata;
  /** Number of calibration items. */
  calibration?: number;
  hide?: StudyHidden[];
}

function stratumKey(item: StudyItem, strata: StudyStrata): string {
  return strata === 'lang' ? item.lang : `${item.lang}\u0000${item.task}`;
}

function checkInputs(o: CreateStudyOptions): void {
  if (!Number.isInteger(o.overlap) || o.overlap < 1) throw new StudyError(`overlap must be a whole number from 1 (got ${o.overlap})`);
  if (o.annotators.length === 0) throw new StudyError('a study needs at least one annotator');
  const ids = new Set<string>();
  for (const a of o.annotators) {
    if (ids.has(a.id)) throw new StudyError(`annotator ${JSON.stringify(a.id)} is given twice`);
    ids.add(a.id);
    if (a.languages.length === 0) throw new StudyError(`annotator ${JSON.stringify(a.id)} has no languages`);
  }
  const itemIds = new Set<string>();
  for (const item of o.items) {
    if (itemIds.has(item.id)) throw new StudyError(`item ${JSON.stringify(item.id)} occurs twice in the dataset`);
    itemIds.add(item.id);
  }
  const n = o.calibration ?? 0;
  if (!Number.isInteger(n) || n < 0 || n > o.items.length) throw new StudyError(`calibration must be a whole number from 0 to the ${o.items.length} items (got ${n})`);
  if ((o.mode ?? 'single') === 'pairwise') {
    const c = o.configs;
    if (!c || c.length !== 2 || c[0] === c[1]) throw new StudyError('a pairwise study needs two different configurations');
  }
  // Every language must have `overlap` annotators who know it: say which items cannot be rated.
  const byLang = new Map<string, StudyItem[]>();
  for (const item of o.items) byLang.set(item.lang, [...(byLang.get(item.lang) ?? []), item]);
  const problems: string[] = [];
  for (const [lang, items] of [...byLang].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const who = o.annotators.filter((a) => a.languages.includes(lang)).map((a) => a.id);
    if (who.length >= o.overlap) continue;
    const first = `${items.length} item(s) in ${lang} (first: ${items[0].id})`;
    problems.push(
      who.length === 0
        ? `${first}: no annotator knows ${lang}, so nobody can rate them`
        : `${first}: only ${who.length} annotator(s) know ${lang} (${who.join(', ')}), overlap is ${o.overlap}`,
    );
  }
  if (problems.length > 0) throw new StudyError(problems.join('; '));
}

/** The study for these items and annotators. Throws StudyError for inputs no study can satisfy. */
export function createStudy(o: CreateStudyOptions): StudyFile {
  checkInputs(o);
  const mode = o.mode ?? 'single';
  const order = o.order ?? 'shuffle';
  const strata = o.strata ?? 'lang-task';
  const k = o.overlap;
  const position = new Map(o.items.map((item, i) => [item.id, i]));
  const byDatasetOrder = (a: string, b: string) => position.get(a)! - position.get(b)!;

  const calibrationIds = shuffled(o.items.map((i) => i.id), seededRandom(o.seed, 'calibration'))
    .slice(0, o.calibration ?? 0)
    .sort(byDatasetOrder);
  const isCalibration = new Set(calibrationIds);

  const assigned = new Map<string, string[]>(o.annotators.map((a) => [a.id, []]));
  const load = new Map<string, number>(o.annotators.map((a) => [a.id, 0]));
  const strataItems = new Map<string, StudyItem[]>();
  for (const item of o.items) {
    if (isCalibration.has(item.id)) continue;
    const key = stratumKey(item, strata);
    let list = strataItems.get(key);
    if (!list) strataItems.set(key, (list = []));
    list.push(item);
  }
  for (const key of [...strataItems.keys()].sort()) {
    const items = shuffled(strataItems.get(key)!, seededRandom(o.seed, `items:${key}`));
    const lang = items[0].lang;
    const tieBreak = seededRandom(o.seed, `annotators:${key}`);
    const cycle = o.annotators
      .filter((a) => a.languages.includes(lang))
      .map((a) => ({ id: a.id, load: load.get(a.id)!, tie: tieBreak() }))
      .sort((a, b) => a.load - b.load || a.tie - b.tie)
      .map((a) => a.id);
    const m = cycle.length;
    let slot = 0;
    for (const item of items) {
      for (let j = 0; j < k; j++, slot++) {
        const who = cycle[slot % m];
        assigned.get(who)!.push(item.id);
        load.set(who, load.get(who)! + 1);
      }
    }
  }

  const langOf = new Map(o.items.map((i) => [i.id, i.lang]));
  const assignments: Record<string, string[]> = {};
  for (const a of o.annotators) {
    const own = assigned.get(a.id)!.sort(byDatasetOrder);
    const ordered = order === 'dataset' ? own : shuffled(own, seededRandom(o.seed, `order:${a.id}`));
    const calibration = calibrationIds.filter((id) => a.languages.includes(langOf.get(id)!));
    assignments[a.id] = [...calibration, ...ordered];
  }

  const study: StudyFile = {
    schema: STUDY_SCHEMA,
    dataset: o.dataset,
    mode,
    seed: o.seed,
    overlap: k,
    order,
    strata,
    annotators: o.annotators.map((a) => ({ id: a.id, languages: [...a.languages] })),
    assignments,
    calibration: calibrationIds,
  };
  if (mode === 'pairwise') study.pairwise = { configs: [o.configs![0], o.configs![1]] };
  if (o.hide && o.hide.length > 0) study.hide = [...new Set(o.hide)];
  return study;
}
