// Argilla interchange (docs/formats.md §8), in the folder layout of Argilla 2.x `Dataset.to_disk`
// / `Dataset.from_disk`: `.argilla/settings.json` (the serialized `rg.Settings`: TextFields for the
// texts, a RatingQuestion per rubric dimension, a MultiLabelQuestion `flags`, a TextQuestion
// `comment`), `.argilla/dataset.json` (the dataset's name) and `records.json` (a JSON array of
// records `{id, fields, metadata, suggestions, responses, vectors}`, as `Record.to_dict`). Import
// reads the same `records.json` after annotation: `responses` maps each question to a list of
// `{value, user_id}`, one per annotator.
import type { Rubric, Trace } from '../types';
import type { ImportedRating, ImportProblem } from './importRatings';

const TEXT_FIELDS = [
  ['question', 'Question'],
  ['reasoning_en', 'English reasoning'],
  ['reasoning_local', 'Local-language reasoning'],
  ['answer', 'Final answer'],
] as const;

export function argillaSettings(rubric: Rubric): Record<string, unknown> {
  return {
    guidelines: `Rate each answer with the ${rubric.id} rubric (version ${rubric.version}). Each rating question describes its dimension; flags mark specific problems.`,
    allow_extra_metadata: false,
    distribution: { strategy: 'overlap', min_submitted: 1 },
    fields: TEXT_FIELDS.map(([name, title]) => ({ name, title, required: name !== 'reasoning_en', description: null, settings: { type: 'text', use_markdown: false } })),
    questions: [
      ...rubric.dimensions.map((d) => ({
        name: d.id,
        title: d.label,
        description: `${d.description} ${Object.entries(d.levels).map(([v, m]) => `${v}: ${m}`).join(' ')}`,
        required: false,
        settings: { type: 'rating', options: Array.from({ length: d.max - d.min + 1 }, (_, i) => ({ value: d.min + i })) },
      })),
      {
        name: 'flags',
        title: 'Flags',
        description: 'Specific problems of the answer.',
        required: false,
        settings: {
          type: 'multi_label_selection',
          options: rubric.flags.map((f) => ({ value: f.id, text: f.label, description: f.description })),
          visible_options: null,
          options_order: 'natural',
        },
      },
      { name: 'comment', title: 'Comment', description: null, required: false, settings: { type: 'text', use_markdown: false } },
    ],
    metadata: [
      { name: 'lang', title: 'Language', visible_for_annotators: true, type: 'terms', options: null },
      { name: 'task', title: 'Task', visible_for_annotators: true, type: 'terms', options: null },
    ],
    vectors: [],
    mapping: null,
  };
}

export function argillaRecords(traces: Iterable<Trace>): Record<string, unknown>[] {
  return [...traces]
    .sort((a, b) => a.itemId.localeCompare(b.itemId))
    .map((t) => ({
      id: t.itemId,
      fields: { question: t.local.question, reasoning_en: t.english.reasoning, reasoning_local: t.local.reasoning, answer: t.final.response || t.final.answer },
      metadata: { lang: t.lang, task: t.task, medco_item_id: t.itemId, medco_trace_id: t.id },
      suggestions: {},
      responses: {},
      vectors: {},
      _server_id: null,
    }));
}

/** The ratings in an annotated `records.json`. `where(i)` names record i for messages. */
export function ratingsFromArgilla(records: unknown, rubric: Rubric, where: (index: number) => string): { ratings: ImportedRating[]; problems: ImportProblem[] } {
  const ratings: ImportedRating[] = [];
  const problems: ImportProblem[] = [];
  if (!Array.isArray(records)) return { ratings, problems: [{ where: where(-1), message: 'expected a JSON array of records (Argilla\'s records.json)' }] };
  const dims = new Map(rubric.dimensions.map((d) => [d.id, d]));
  records.forEach((record: unknown, ri) => {
    const at = where(ri);
    const r = record as { id?: unknown; metadata?: Record<string, unknown>; responses?: unknown };
    const itemId = typeof r?.metadata?.medco_item_id === 'string' ? r.metadata.medco_item_id : r?.id;
    if (typeof itemId !== 'string' || itemId === '') {
      problems.push({ where: at, message: 'record has no id nor metadata.medco_item_id' });
      return;
    }
    if (r.responses === undefined || r.responses === null) return;
    if (typeof r.responses !== 'object' || Array.isArray(r.responses)) {
      problems.push({ where: at, message: 'responses is not an object of questions' });
      return;
    }
    const byUser = new Map<string, ImportedRating['rating']>();
    for (const [question, list] of Object.entries(r.responses as Record<string, unknown>)) {
      if (!Array.isArray(list)) {
        problems.push({ where: at, message: `responses.${question} is not a list` });
        continue;
      }
      for (const response of list as unknown[]) {
        const { value, user_id: user } = (response ?? {}) as { value?: unknown; user_id?: unknown };
        if (typeof user !== 'string' || user === '' || user === 'None') {
          problems.push({ where: at, message: `responses.${question}: a response has no user_id` });
          continue;
        }
        const rating = byUser.get(user) ?? {};
        byUser.set(user, rating);
        const dim = dims.get(question);
        if (dim) {
          if (typeof value !== 'number' || !Number.isInteger(value) || value < dim.min || value > dim.max) {
            problems.push({ where: at, message: `${question} = ${JSON.stringify(value)} is off the rubric's scale ${dim.min}–${dim.max}` });
          } else rating[question] = value;
        } else if (question === 'flags') {
          if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) problems.push({ where: at, message: 'flags: value is not a list of strings' });
          else rating.flags = [...(value as string[])];
        } else if (question === 'comment') {
          if (typeof value !== 'string') problems.push({ where: at, message: 'comment: value is not a string' });
          else rating.comment = value;
        } else {
          problems.push({ where: at, message: `question "${question}" is not in rubric ${rubric.id}` });
        }
      }
    }
    const traceId = typeof r.metadata?.medco_trace_id === 'string' ? r.metadata.medco_trace_id : undefined;
    for (const [user, rating] of byUser) ratings.push({ source: `${at} (user ${user})`, externalAnnotator: user, itemId, rating, traceId });
  });
  return { ratings, problems };
}
