// What "Open Item" searches: the item's whole text (question, premise, hypothesis, reference answer,
// in the local language and in English), both reasoning traces and the final answer, and the
// annotator's own comment and concept notes, not only the first 120 characters shown as detail.
// Pure (no vscode), so that it is unit-tested directly.
import type { AnnotationEntry, DatasetItem, SplitText, Trace } from '../../core/types';

export interface SearchDoc {
  itemId: string;
  /** The searchable text, folded (see fold). */
  folded: string;
  /** The same fields unfolded, joined, for snippets. */
  text: string;
}

/** NFKC (full-width → ASCII, composed forms) and lower case: 'ＨＥＡＲＴ' finds 'heart'. */
export function fold(s: string): string {
  return s.normalize('NFKC').toLowerCase();
}

const split = (t: SplitText | undefined): string[] => (t ? [t.question, t.premise, t.hypothesis, t.answer].filter((x): x is string => !!x) : []);

export function searchDoc(item: DatasetItem, trace: Trace | undefined, entry: AnnotationEntry | undefined): SearchDoc {
  const parts = [
    item.id,
    ...split(item.local),
    ...split(item.english),
    trace?.english.reasoning, trace?.english.answer, trace?.local.reasoning, trace?.local.answer, trace?.final.answer,
    typeof entry?.rating.comment === 'string' ? entry.rating.comment : undefined,
    ...Object.values(entry?.concepts ?? {}).map((c) => c.note),
  ].filter((x): x is string => typeof x === 'string' && x !== '');
  const text = parts.join('\n');
  return { itemId: item.id, text, folded: fold(text) };
}

/** Words of the query (space-separated; CJK text without spaces is one word, matched as a substring). */
function terms(query: string): string[] {
  return fold(query).split(/\s+/).filter(Boolean);
}

/** Whether every word of the query occurs in the document. An empty query matches everything. */
export function matches(doc: SearchDoc, query: string): boolean {
  return terms(query).every((t) => doc.folded.includes(t));
}

/**
 * A one-line excerpt around the first word's first hit, for the picker's detail line. Offsets of the
 * folded text are used on the unfolded one, which is exact when folding kept the length (most text)
 * and close otherwise: it only chooses where the excerpt starts.
 */
export function snippet(doc: SearchDoc, query: string, width = 120): string {
  const [first] = terms(query);
  const at = first ? Math.max(0, doc.folded.indexOf(first)) : 0;
  const start = Math.max(0, Math.min(at - Math.floor(width / 3), doc.text.length - width));
  const line = doc.text.slice(start, start + width).replace(/\s+/g, ' ').trim();
  return `${start > 0 ? '…' : ''}${line}${start + width < doc.text.length ? '…' : ''}`;
}

/**
 * Every item's search document, built once and reused by each query and each opening of the
 * picker (folding the whole text of 24,500 items and traces took over a second per opening).
 * Documents are rebuilt only for the items a change names; `invalidate()` without ids drops all.
 */
export class ItemSearchIndex {
  private docs = new Map<string, SearchDoc>();

  constructor(private readonly source: () => { items: readonly DatasetItem[]; trace: (id: string) => Trace | undefined; entry: (id: string) => AnnotationEntry | undefined }) {}

  private generation = 0;

  invalidate(itemIds?: readonly string[]): void {
    if (itemIds === undefined) {
      this.docs.clear();
      this.generation++;
    } else for (const id of itemIds) this.docs.delete(id);
  }

  /**
   * Builds the missing documents in slices, yielding between them, so that the index is ready
   * before the picker is first opened without blocking the extension host. Stops when dropped.
   */
  async warm(slice = 250): Promise<void> {
    const generation = this.generation;
    const { items } = this.source();
    for (let at = 0; at < items.length; at += slice) {
      if (generation !== this.generation) return;
      this.build(items.slice(at, at + slice));
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  private build(items: readonly DatasetItem[]): { item: DatasetItem; doc: SearchDoc }[] {
    const { trace, entry } = this.source();
    return items.map((item) => {
      let doc = this.docs.get(item.id);
      if (doc === undefined) {
        doc = searchDoc(item, trace(item.id), entry(item.id));
        this.docs.set(item.id, doc);
      }
      return { item, doc };
    });
  }

  /** The documents of the current items, in their order (built where missing). */
  documents(): { item: DatasetItem; doc: SearchDoc }[] {
    return this.build(this.source().items);
  }

  /** The items whose documents hold every word of `query`, in item order. */
  search(query: string): { item: DatasetItem; doc: SearchDoc }[] {
    const words = terms(query);
    return this.documents().filter(({ doc }) => words.every((t) => doc.folded.includes(t)));
  }
}
