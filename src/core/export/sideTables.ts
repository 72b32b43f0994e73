// The two tables beside the long format (docs/formats.md §8): `flags`, one row per raised flag
// (item × annotator × flag), and `concepts`, one row per concept-level judgement (item ×
// annotator × concept). Kept apart from the long rows so that neither is repeated once per
// dimension, and so that R or pandas can join them on (dataset, itemId, annotator).
import type { AnnotationFile, ConceptJudgement, Trace } from '../types';
import { type ItemMetaLookup, itemMetaFromId } from '../stats/itemMeta';

export interface FlagRow {
  dataset: string;
  itemId: string;
  lang: string;
  task: string;
  annotator: string;
  role: string | null;
  traceId: string | null;
  flag: string;
  revision: number | null;
  updatedAt: string | null;
}

export const FLAG_COLUMNS: readonly (keyof FlagRow)[] = ['dataset', 'itemId', 'lang', 'task', 'annotator', 'role', 'traceId', 'flag', 'revision', 'updatedAt'];

export interface ConceptRow {
  dataset: string;
  itemId: string;
  lang: string;
  task: string;
  annotator: string;
  role: string | null;
  traceId: string | null;
  /** The judged concept; for an aligned pair, its local concept. */
  conceptId: string;
  /** `english` or `local`: which reasoning the concept was extracted from. */
  side: 'english' | 'local';
  /** The concept's text, from the traces file (null without one, or when the trace changed). */
  text: string | null;
  /** The concept it is aligned with: the judged partner of a pair, else the trace's alignment. */
  alignedWith: string | null;
  /** `aligned` (a pair: is the alignment right?) or `relevant` (a local-only concept: is it relevant local knowledge?). */
  judgement: 'aligned' | 'relevant' | 'note';
  value: boolean | null;
  note: string | null;
}

export const CONCEPT_COLUMNS: readonly (keyof ConceptRow)[] = [
  'dataset', 'itemId', 'lang', 'task', 'annotator', 'role', 'traceId', 'conceptId', 'side', 'text', 'alignedWith', 'judgement', 'value', 'note',
];

export interface SideTableOptions {
  itemMeta?: ItemMetaLookup;
  /** Item id → its current trace, for the concepts' text and alignment. */
  traces?: ReadonlyMap<string, Trace>;
}

function sortedFiles(files: readonly AnnotationFile[]): AnnotationFile[] {
  return [...files].sort((a, b) => a.dataset.localeCompare(b.dataset) || a.annotator.id.localeCompare(b.annotator.id));
}

const roleOf = (file: AnnotationFile) => (typeof file.annotator.role === 'string' ? file.annotator.role : null);

export function flagRows(files: readonly AnnotationFile[], options: SideTableOptions = {}): FlagRow[] {
  const itemMeta = options.itemMeta ?? itemMetaFromId;
  const rows: FlagRow[] = [];
  for (const file of sortedFiles(files)) {
    for (const itemId of Object.keys(file.items ?? {}).sort()) {
      const entry = file.items[itemId];
      const flags = Array.isArray(entry?.rating?.flags) ? entry.rating.flags.filter((f): f is string => typeof f === 'string') : [];
      const { lang, task } = itemMeta(itemId);
      for (const flag of [...new Set(flags)].sort()) {
        rows.push({
          dataset: file.dataset,
          itemId,
          lang,
          task,
          annotator: file.annotator.id,
          role: roleOf(file),
          traceId: typeof entry.traceId === 'string' ? entry.traceId : null,
          flag,
          revision: typeof entry.revision === 'number' ? entry.revision : null,
          updatedAt: typeof entry.updatedAt === 'string' ? entry.updatedAt : null,
        });
      }
    }
  }
  return rows;
}

/** What a trace says about one concept id: its side, text and aligned partner. */
function conceptInfo(trace: Trace | undefined, id: string): { side: 'english' | 'local' | null; text: string | null; partner: string | null } {
  if (!trace) return { side: null, text: null, partner: null };
  const en = trace.english?.concepts?.find((c) => c.id === id);
  const local = trace.local?.concepts?.find((c) => c.id === id);
  const pair = trace.alignment?.pairs?.find((p) => p.local === id || p.english === id);
  const partner = pair ? (pair.local === id ? pair.english : pair.local) : null;
  if (local) return { side: 'local', text: local.text, partner };
  if (en) return { side: 'english', text: en.text, partner };
  return { side: null, text: null, partner };
}

/** Without a trace, the id's prefix decides: the pipeline numbers English concepts `en-N`. */
const sideById = (id: string): 'english' | 'local' => (id.startsWith('en-') ? 'english' : 'local');

export function conceptRows(files: readonly AnnotationFile[], options: SideTableOptions = {}): ConceptRow[] {
  const itemMeta = options.itemMeta ?? itemMetaFromId;
  const rows: ConceptRow[] = [];
  for (const file of sortedFiles(files)) {
    for (const itemId of Object.keys(file.items ?? {}).sort()) {
      const entry = file.items[itemId];
      const judgements = entry?.concepts;
      if (!judgements || typeof judgements !== 'object') continue;
      const { lang, task } = itemMeta(itemId);
      const traceId = typeof entry.traceId === 'string' ? entry.traceId : null;
      // Text and alignment come only from the very trace that was judged.
      const current = options.traces?.get(itemId);
      const trace = current && traceId !== null && current.id === traceId ? current : undefined;
      for (const key of Object.keys(judgements).sort()) {
        const j: ConceptJudgement = judgements[key] ?? {};
        const pair = /^pair:([^/]+)\/(.+)$/.exec(key);
        const conceptId = pair ? pair[1] : key;
        const info = conceptInfo(trace, conceptId);
        const base = {
          dataset: file.dataset,
          itemId,
          lang,
          task,
          annotator: file.annotator.id,
          role: roleOf(file),
          traceId,
          conceptId,
          side: info.side ?? sideById(conceptId),
          text: info.text,
          alignedWith: pair ? pair[2] : info.partner,
          note: typeof j.note === 'string' && j.note !== '' ? j.note : null,
        };
        const judged: ['aligned' | 'relevant', boolean][] = [];
        if (typeof j.aligned === 'boolean') judged.push(['aligned', j.aligned]);
        if (typeof j.relevant === 'boolean') judged.push(['relevant', j.relevant]);
        if (judged.length === 0 && base.note !== null) rows.push({ ...base, judgement: 'note', value: null });
        for (const [judgement, value] of judged) rows.push({ ...base, judgement, value });
      }
    }
  }
  return rows;
}
