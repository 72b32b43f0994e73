// Language and task of an item, for statistics, export and the curation queue. Annotation files
// hold only item ids, so without the dataset at hand they are read from the id
// (`<task>-<lang>-NNN`, docs/formats.md §1), where the task prefix may be the source's name (`bionli`,
// `liveqa`) and the language an alias the language table knows (`jp` in MultiMed-X files).
import { canonicalLanguage } from '../dataset/languages';

export interface ItemMeta {
  lang: string;
  task: string;
}

export type ItemMetaLookup = (itemId: string) => ItemMeta;

const TASK_BY_PREFIX: Record<string, string> = { qa: 'qa', liveqa: 'qa', nli: 'nli', bionli: 'nli' };

export function itemMetaFromId(itemId: string): ItemMeta {
  const match = /^([a-z]+)-([a-z]{2,3})-/i.exec(itemId);
  if (!match) return { lang: 'unknown', task: 'unknown' };
  const prefix = match[1].toLowerCase();
  const lang = match[2].toLowerCase();
  return { lang: canonicalLanguage(lang) ?? lang, task: TASK_BY_PREFIX[prefix] ?? prefix };
}

/** A lookup that prefers a dataset's own metadata and falls back to the id. */
export function itemMetaLookup(known?: ReadonlyMap<string, ItemMeta>): ItemMetaLookup {
  return (itemId) => known?.get(itemId) ?? itemMetaFromId(itemId);
}
