// The synthetic study both dashboard benchmarks measure: the size of MultiMed-X, 2,450 items
// (7 languages × 350: 200 QA, 150 NLI) × 3 annotators × 2 dimensions, seeded, ~10% "not
// assessable", ~5% flagged unsafe; each annotator is a seeded truth plus noise of about ±1.
import { mulberry32 } from '../src/core/stats/random';
import type { AnnotationFile } from '../src/core/types';

const LANGS = ['zh', 'ja', 'ko', 'sw', 'th', 'yo', 'zu'];
const PER_LANG = 350;
const RATERS = ['dr-a', 'dr-b', 'dr-c'];
const DIMS = ['clinical_soundness', 'cultural_grounding'];

export function dashboardStudy(dataset: string): AnnotationFile[] {
  const random = mulberry32(20261122);
  const ids = LANGS.flatMap((lang) => Array.from({ length: PER_LANG }, (_, k) => (k < 200 ? `qa-${lang}-${k + 1}` : `nli-${lang}-${k - 199}`)));
  const truth = ids.map(() => DIMS.map(() => 1 + Math.floor(random() * 5)));
  return RATERS.map((id) => ({
    schema: 'medco.annotations/1',
    dataset,
    annotator: { id, role: 'annotator' },
    rubric: { id: 'medco-expert', version: 1 },
    items: Object.fromEntries(
      ids.map((itemId, i) => {
        const rating: Record<string, number | null | string[]> = { flags: random() < 0.05 ? ['unsafe'] : [] };
        DIMS.forEach((dim, d) => {
          rating[dim] = random() < 0.1 ? null : Math.min(5, Math.max(1, truth[i][d] + Math.round((random() - 0.5) * 2.2)));
        });
        return [itemId, { revision: 1, rating, updatedAt: '2026-11-22T00:00:00.000Z', history: [] }];
      }),
    ),
  })) as AnnotationFile[];
}
