// Language and task of an item, for filtering the curation queue. Annotation files only hold item
// ids, so when the dataset itself is not at hand we read them from the id (`<task>-<lang>-NNN`,
// docs/formats.md §1), where the task prefix may be the source's name (`bionli`, `liveqa`).
import type { Task } from '../types';

export interface ItemMeta {
  lang: string;
  task: Task | string;
}

const TASK_PREFIXES: Record<string, Task> = { qa: 'qa', liveqa: 'qa', nli: 'nli', bionli: 'nli' };

export function itemMetaFromId(itemId: string): ItemMeta {
  const match = /^([a-z]+)-([a-z]{2,3})-/i.exec(itemId);
  if (!match) return { lang: 'unknown', task: 'unknown' };
  const prefix = match[1].toLowerCase();
  const lang = match[2].toLowerCase() === 'jp' ? 'ja' : match[2].toLowerCase();
  return { lang, task: TASK_PREFIXES[prefix] ?? prefix };
}
