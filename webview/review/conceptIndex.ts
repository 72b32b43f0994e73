// What the review panel needs to know about each concept of a trace: its side, its text, the
// concepts it is aligned with (and how similar), whether it is local-only knowledge, and the
// colour slot its pair shares. Pure: unit-tested in Node.
import type { Trace } from '../../src/core/types';

/** Number of distinct pair colours in media/review.css (.pair-c0 … .pair-c7). */
export const PAIR_COLOURS = 8;

export type ConceptRole = 'aligned' | 'localOnly' | 'unaligned';

export interface ConceptInfo {
  id: string;
  side: 'english' | 'local';
  text: string;
  role: ConceptRole;
  /** Colour slot shared by every concept of one alignment pair; -1 when not aligned. */
  colour: number;
  partners: { id: string; similarity: number }[];
  /** For a local-only concept: the nearest English concept and its similarity. */
  nearest?: { id: string | null; similarity: number };
}

export function indexConcepts(trace: Trace): Map<string, ConceptInfo> {
  const index = new Map<string, ConceptInfo>();
  for (const side of ['english', 'local'] as const) {
    for (const c of trace[side]?.concepts ?? []) {
      if (typeof c?.id !== 'string' || index.has(c.id)) continue;
      index.set(c.id, { id: c.id, side, text: String(c.text ?? ''), role: 'unaligned', colour: -1, partners: [] });
    }
  }
  // A colour per English concept that has partners, in chain order, so one English concept with
  // two local partners keeps one colour and neighbouring pairs differ.
  const colourOf = new Map<string, number>();
  for (const pair of trace.alignment?.pairs ?? []) {
    const local = index.get(pair.local);
    const english = index.get(pair.english);
    if (!local || !english) continue;
    if (!colourOf.has(english.id)) colourOf.set(english.id, colourOf.size % PAIR_COLOURS);
    const colour = colourOf.get(english.id)!;
    const similarity = Number(pair.similarity);
    for (const [a, b] of [[local, english], [english, local]] as const) {
      a.role = 'aligned';
      a.colour = colour;
      a.partners.push({ id: b.id, similarity });
    }
  }
  for (const lo of trace.alignment?.localOnly ?? []) {
    const info = index.get(lo.local);
    if (!info || info.role === 'aligned') continue;
    info.role = 'localOnly';
    info.nearest = { id: lo.nearest ?? null, similarity: Number(lo.similarity) };
  }
  return index;
}

/** Key of a pair judgement in the annotation file (docs/formats.md §3): "pair:<local>/<english>". */
export function pairKey(local: string, english: string): string {
  return `pair:${local}/${english}`;
}
