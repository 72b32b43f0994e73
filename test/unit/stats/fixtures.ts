// Annotation files built from plain rating columns, for tests of computeStats, the CLI and export.
import type { AnnotationFile } from '../../../src/core/types';

export function annotationFile(
  annotator: string,
  itemIds: readonly string[],
  dims: Record<string, readonly (number | null)[]>,
  extra: { durations?: readonly number[]; flags?: readonly string[][]; dataset?: string } = {},
): AnnotationFile {
  const items: AnnotationFile['items'] = {};
  itemIds.forEach((id, i) => {
    const rating: AnnotationFile['items'][string]['rating'] = {};
    let any = false;
    for (const [dim, values] of Object.entries(dims)) {
      if (values[i] === undefined) continue;
      rating[dim] = values[i];
      any = true;
    }
    if (!any) return; // this annotator did not rate the item (null is a saved "not assessable")
    rating.flags = [...(extra.flags?.[i] ?? [])];
    items[id] = {
      revision: 1,
      rating,
      updatedAt: '2026-11-21T10:05:00.000Z',
      ...(extra.durations ? { durationMs: extra.durations[i] } : {}),
      history: [],
    };
  });
  return {
    schema: 'medco.annotations/1',
    dataset: extra.dataset ?? 'multimedx-ja',
    annotator: { id: annotator, role: 'annotator' },
    rubric: { id: 'medco-expert', version: 1 },
    items,
  };
}
