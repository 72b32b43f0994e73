// What the review panel sends for one item (protocol ItemView), from the session's data. Pure (no
// vscode), so that bench/largeWorkspace.ts times the same code the panel runs when an item opens.
import type { AnnotationEntry, DatasetItem, Rubric, Trace } from '../../core/types';
import type { ItemView } from '../../protocol/messages';
import { languageNames } from '../../core/dataset/languages';
import type { ItemStatus, StatusCounts } from '../items/itemStatus';

/** The part of the review session an item's view is made from. */
export interface ItemViewSource {
  readonly items: readonly DatasetItem[];
  readonly rubric: Rubric | undefined;
  readonly annotator: string | undefined;
  item(id: string): DatasetItem | undefined;
  trace(id: string): Trace | undefined;
  entry(id: string): AnnotationEntry | undefined;
  status(id: string): ItemStatus;
  counts(): StatusCounts;
}

export function itemView(session: ItemViewSource, id: string | undefined): ItemView | undefined {
  const item = id ? session.item(id) : undefined;
  if (!id || !item || !session.rubric || !session.annotator) return undefined;
  return {
    item,
    language: languageNames(item.lang),
    trace: session.trace(id) ?? null,
    rubric: session.rubric,
    // Blind rating: only this annotator's own entry ever reaches the webview.
    annotation: session.entry(id) ?? null,
    annotator: session.annotator,
    position: { index: session.items.findIndex((i) => i.id === id), total: session.items.length, rated: session.counts().rated },
    stale: session.status(id) === 'stale',
  };
}
