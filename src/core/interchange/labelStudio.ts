// Label Studio interchange (docs/formats.md §8). Export: `tasks.json` (a JSON array of tasks, each
// `{"data": {medco_item_id, question, reasoning_en, reasoning_local, answer, …}}`, the layout of
// Label Studio's task import) and `label_config.xml` (a labeling config generated from the rubric:
// one <Rating> per dimension, <Choices name="flags"> with the rubric's flags, <TextArea
// name="comment">). Import: Label Studio's JSON export of those tasks (an array of tasks, each with
// `annotations[]` whose `result[]` items carry `from_name`, `type` and `value`: `rating` →
// `value.rating`, `choices` → `value.choices`, `textarea` → `value.text`), turned into ratings.
import type { Rubric, Trace } from '../types';
import type { ImportedRating, ImportProblem } from './importRatings';

export interface LabelStudioTask {
  data: {
    medco_item_id: string;
    question: string;
    reasoning_en: string;
    reasoning_local: string;
    answer: string;
    lang: string;
    task: string;
    medco_trace_id: string;
  };
}

export function labelStudioTasks(traces: Iterable<Trace>): LabelStudioTask[] {
  return [...traces]
    .sort((a, b) => a.itemId.localeCompare(b.itemId))
    .map((t) => ({
      data: {
        medco_item_id: t.itemId,
        question: t.local.question,
        reasoning_en: t.english.reasoning,
        reasoning_local: t.local.reasoning,
        answer: t.final.response || t.final.answer,
        lang: t.lang,
        task: t.task,
        medco_trace_id: t.id,
      },
    }));
}

function xmlAttr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/[\r\n\t]+/g, ' ');
}

/** The labeling config: the texts to read, then one control per rubric dimension, flags, comment. */
export function labelStudioConfig(rubric: Rubric): string {
  const lines = [
    '<View>',
    '  <Header value="Question"/>',
    '  <Text name="question" value="$question"/>',
    '  <Header value="English reasoning"/>',
    '  <Text name="reasoning_en" value="$reasoning_en"/>',
    '  <Header value="Local-language reasoning"/>',
    '  <Text name="reasoning_local" value="$reasoning_local"/>',
    '  <Header value="Final answer"/>',
    '  <Text name="answer" value="$answer"/>',
  ];
  for (const d of rubric.dimensions) {
    // Label Studio's Rating runs 1..maxRating; a rubric scale that does not start at 1 is shifted on import.
    lines.push(`  <Header value="${xmlAttr(`${d.label} (${d.min}–${d.max})`)}"/>`);
    lines.push(`  <Rating name="${xmlAttr(d.id)}" toName="answer" maxRating="${d.max - d.min + 1}" hint="${xmlAttr(d.description)}"/>`);
  }
  lines.push('  <Header value="Flags"/>');
  lines.push('  <Choices name="flags" toName="answer" choice="multiple">');
  for (const f of rubric.flags) lines.push(`    <Choice value="${xmlAttr(f.id)}" alias="${xmlAttr(f.id)}" hint="${xmlAttr(f.description)}"/>`);
  lines.push('  </Choices>');
  lines.push('  <Header value="Comment"/>');
  lines.push('  <TextArea name="comment" toName="answer" rows="3" maxSubmissions="1"/>');
  lines.push('</View>');
  return lines.join('\n') + '\n';
}

function completedBy(value: unknown): string | undefined {
  if (typeof value === 'number' || (typeof value === 'string' && value !== '')) return String(value);
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.email === 'string' && o.email) return o.email;
    if (typeof o.id === 'number' || typeof o.id === 'string') return String(o.id);
  }
  return undefined;
}

/**
 * The ratings in a Label Studio JSON export. `where(i)` names task i for messages (file:line).
 * Every problem is returned; the caller writes nothing for a file that has any.
 */
export function ratingsFromLabelStudio(exported: unknown, rubric: Rubric, where: (taskIndex: number, annotationIndex?: number) => string): { ratings: ImportedRating[]; problems: ImportProblem[] } {
  const ratings: ImportedRating[] = [];
  const problems: ImportProblem[] = [];
  if (!Array.isArray(exported)) return { ratings, problems: [{ where: where(-1), message: 'expected a JSON array of tasks (Label Studio\'s JSON export)' }] };
  const dims = new Map(rubric.dimensions.map((d) => [d.id, d]));
  const flagIds = new Set(rubric.flags.map((f) => f.id));
  exported.forEach((task: unknown, ti) => {
    const t = task as { data?: Record<string, unknown>; annotations?: unknown };
    const itemId = t?.data?.medco_item_id;
    if (typeof itemId !== 'string' || itemId === '') {
      problems.push({ where: where(ti), message: 'task has no data.medco_item_id (was it exported by medco export --format labelstudio?)' });
      return;
    }
    if (t.annotations !== undefined && !Array.isArray(t.annotations)) {
      problems.push({ where: where(ti), message: 'annotations is not an array' });
      return;
    }
    ((t.annotations as unknown[]) ?? []).forEach((ann: unknown, ai) => {
      const a = ann as { completed_by?: unknown; result?: unknown; was_cancelled?: unknown; lead_time?: unknown; updated_at?: unknown; created_at?: unknown };
      if (a?.was_cancelled === true) return; // skipped in Label Studio: not a rating
      const at = where(ti, ai);
      const who = completedBy(a?.completed_by);
      if (!who) {
        problems.push({ where: at, message: 'annotation has no completed_by' });
        return;
      }
      if (!Array.isArray(a.result)) {
        problems.push({ where: at, message: 'annotation has no result array' });
        return;
      }
      const rating: ImportedRating['rating'] = {};
      for (const r of a.result as unknown[]) {
        const res = r as { from_name?: unknown; type?: unknown; value?: Record<string, unknown> };
        const name = res?.from_name;
        if (typeof name !== 'string') {
          problems.push({ where: at, message: 'a result has no from_name' });
          continue;
        }
        if (res.type === 'rating') {
          const dim = dims.get(name);
          const raw = res.value?.rating;
          if (!dim) problems.push({ where: at, message: `rating "${name}" is not a dimension of rubric ${rubric.id}` });
          else if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1 || raw > dim.max - dim.min + 1) {
            problems.push({ where: at, message: `rating "${name}" = ${JSON.stringify(raw)} is off the rubric's scale ${dim.min}–${dim.max}` });
          } else rating[name] = raw - 1 + dim.min;
        } else if (res.type === 'choices' && name === 'flags') {
          const choices = res.value?.choices;
          if (!Array.isArray(choices) || choices.some((c) => typeof c !== 'string')) problems.push({ where: at, message: 'flags: value.choices is not a list of strings' });
          else {
            const unknown = (choices as string[]).filter((c) => !flagIds.has(c));
            if (unknown.length > 0) problems.push({ where: at, message: `flags: ${unknown.map((u) => JSON.stringify(u)).join(', ')} not in rubric ${rubric.id}` });
            else rating.flags = [...(choices as string[])];
          }
        } else if (res.type === 'textarea' && name === 'comment') {
          const text = res.value?.text;
          if (!Array.isArray(text) || text.some((c) => typeof c !== 'string')) problems.push({ where: at, message: 'comment: value.text is not a list of strings' });
          else rating.comment = (text as string[]).join('\n');
        }
        // Other results (regions, other controls) are not part of the rubric: ignored.
      }
      const seconds = typeof a.lead_time === 'number' && Number.isFinite(a.lead_time) && a.lead_time >= 0 ? a.lead_time : undefined;
      ratings.push({
        source: at,
        externalAnnotator: who,
        itemId,
        rating,
        durationMs: seconds === undefined ? undefined : Math.min(Math.round(seconds * 1000), 2_147_483_647),
        traceId: typeof t.data?.medco_trace_id === 'string' ? t.data.medco_trace_id : undefined,
      });
    });
  });
  return { ratings, problems };
}
