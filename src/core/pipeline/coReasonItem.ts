// The five stages for one item (DESIGN: parallel reasoning, concept abstraction, alignment and
// fusion, retrieval, synthesis). Each stage starts as soon as its inputs exist: the local reasoning
// does not wait for the translation, and each extraction only waits for its own reasoning. A stage
// that fails is recorded in `errors` and the later stages carry on with what there is; only a
// cancellation stops the item (no trace is written for it then).
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { traceId } from '../traces/traceHash';
import { LlmClient } from '../llm/client';
import { DeferredCallError } from '../llm/deferredCalls';
import { AbortedError } from '../llm/priorityLimiter';
import type { KnowledgeBase } from '../retrieval/knowledgeBase';
import { TRACE_SCHEMA, type Concept, type DatasetItem, type RetrievedDoc, type StageRecord, type Trace, type TraceConfig } from '../types';
import { alignConcepts, fuseConcepts, type Alignment, type Match } from './alignConcepts';
import { questionText, splitAnswer } from './itemText';
import { languageNames } from '../dataset/languages';
import { locateConcept } from './locateConcepts';
import { foldNeedle, foldText } from '../text/fold';
import { render, type PromptName, type PromptSet } from './prompts';
import { StageMeter } from './stageMeter';
import { chatStructured } from './structuredOutput';

export const PIPELINE_VERSION = '1';

export interface PipelineContext {
  client: LlmClient;
  prompts: PromptSet;
  kb: KnowledgeBase | null;
  config: TraceConfig;
}

export interface ItemRunOptions {
  /** Lower runs first when calls wait for a slot: the order of the item in the run. */
  priority: number;
  signal?: AbortSignal;
}

const CONCEPTS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['concepts'],
  properties: {
    concepts: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['text', 'quote'],
        properties: { text: { type: 'string' }, quote: { type: 'string' } },
      },
    },
  },
} as const;

const ALIGN_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['pairs'],
  properties: {
    pairs: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['local', 'english', 'similarity', 'side'],
        properties: {
          local: { type: 'string' },
          english: { type: 'string' },
          similarity: { type: 'number' },
          side: { type: 'string', enum: ['before', 'after'] },
        },
      },
    },
  },
} as const;

const DOC_CHARS_IN_PROMPT = 1500;

/** An empty answer fails its stage; it is not cached, so a re-run of the item asks again. */
const nonEmpty = (content: string): boolean => content.trim() !== '';
const DOC_CHARS_IN_TRACE = 2000;

export async function coReasonItem(item: DatasetItem, ctx: PipelineContext, run: ItemRunOptions): Promise<Trace> {
  const { client, prompts, config } = ctx;
  const opts = { priority: run.priority, signal: run.signal };
  const stages: Record<string, StageRecord> = {};
  const errors: { stage: string; message: string }[] = [];
  const lang = languageNames(item.lang);

  /** Runs a stage, records its meter, turns a failure into an error entry and the fallback value. */
  async function stage<T>(name: string, fallback: T, body: (meter: StageMeter) => Promise<T>): Promise<T> {
    const meter = new StageMeter();
    try {
      return await body(meter);
    } catch (err) {
      if (err instanceof AbortedError || run.signal?.aborted) throw new AbortedError();
      // A batch run's call that is not answered yet: the item waits for the next pass, no trace now.
      if (err instanceof DeferredCallError) throw err;
      const attempts = (err as { attempts?: number }).attempts;
      if (typeof attempts === 'number') meter.addAttempts(attempts);
      errors.push({ stage: name, message: client.redact((err as Error).message ?? String(err)) });
      return fallback;
    } finally {
      stages[name] = meter.record();
    }
  }

  const messages = (name: PromptName, vars: Record<string, string>): ChatCompletionMessageParam[] => {
    const t = prompts.get(name);
    const out: ChatCompletionMessageParam[] = [];
    if (t.system) out.push({ role: 'system', content: render(t.system, vars) });
    out.push({ role: 'user', content: render(t.user, vars) });
    return out;
  };
  const taskInstructions = prompts.get(item.task === 'nli' ? 'task_nli' : 'task_qa').user;

  // 1. Parallel reasoning (after a translation when there is no parallel English).
  const localQuestion = questionText(item.local, item.task);
  const englishQuestion: Promise<{ text: string; translated: boolean }> = item.english
    ? Promise.resolve({ text: questionText(item.english, item.task), translated: false })
    : stage<{ text: string; translated: boolean }>('translate', { text: localQuestion, translated: false }, async (meter) => {
        const r = meter.add(
          await client.chat('translate', { messages: messages('translate', { language: lang.english, text: localQuestion }), temperature: 0, accept: nonEmpty }, opts),
        );
        const text = r.content.trim();
        if (!text) throw new Error('translate: the model returned an empty translation');
        return { text, translated: true };
      });

  const reason = (side: 'en' | 'local', question: string) => {
    const l = side === 'en' ? languageNames('en') : lang;
    return stage(`reason_${side}`, { reasoning: '', answer: '' }, async (meter) => {
      const r = meter.add(
        await client.chat(
          `reason_${side}`,
          {
            messages: messages('reason', { language: l.english, language_native: l.native, task_instructions: taskInstructions, question }),
            temperature: config.temperature,
            accept: nonEmpty,
          },
          opts,
        ),
      );
      if (!r.content.trim()) throw new Error(`reason_${side}: the model returned no reasoning`);
      return splitAnswer(r.content);
    });
  };

  const extract = (side: 'en' | 'local', reasoning: string, code: string) =>
    stage(`extract_${side}`, [] as Concept[], async (meter) => {
      if (!reasoning) throw new Error(`extract_${side}: skipped, there is no reasoning to extract from`);
      const l = languageNames(code);
      const out = await chatStructured<{ concepts: { text: string; quote: string }[] }>(
        client,
        `extract_${side}`,
        {
          name: 'concept_chain',
          schema: CONCEPTS_SCHEMA,
          messages: messages('extract_concepts', { language: l.english, reasoning, schema: JSON.stringify(CONCEPTS_SCHEMA) }),
          temperature: 0,
        },
        meter,
        opts,
      );
      return toConcepts(out.concepts, reasoning, code);
    });

  const enQ = englishQuestion;
  const localReasoning = reason('local', localQuestion);
  const enReasoning = enQ.then((q) => reason('en', q.text));
  // Only a cancellation rejects these; when one side's rejection ends the item early, the other
  // side's must not surface as an unhandled rejection.
  for (const p of [enQ, localReasoning, enReasoning]) p.catch(() => undefined);
  const [enConcepts, localConcepts] = await Promise.all([
    enReasoning.then((r) => extract('en', r.reasoning, 'en')),
    localReasoning.then((r) => extract('local', r.reasoning, item.lang)),
  ]);

  // 3. Alignment and fusion.
  const unaligned: Alignment = fuseConcepts(enConcepts, localConcepts, [], []);
  const alignment = await stage('align', unaligned, async (meter) => {
    if (localConcepts.length === 0 || enConcepts.length === 0) return unaligned;
    if (client.embeddingModel) {
      const all = [...enConcepts, ...localConcepts];
      const r = meter.add(await client.embed('align', all.map((c) => c.text), opts));
      const vectors = new Map(all.map((c, i) => [c.id, r.vectors[i]]));
      return alignConcepts(enConcepts, localConcepts, vectors, config.alignThreshold);
    }
    const list = (cs: Concept[]) => cs.map((c) => `${c.id}: ${c.text}`).join('\n');
    const out = await chatStructured<{ pairs: Match[] }>(
      client,
      'align',
      {
        name: 'concept_alignment',
        schema: ALIGN_SCHEMA,
        messages: messages('align', {
          language: lang.english,
          english_concepts: list(enConcepts),
          local_concepts: list(localConcepts),
          schema: JSON.stringify(ALIGN_SCHEMA),
        }),
        temperature: 0,
      },
      meter,
      opts,
    );
    const enIds = new Set(enConcepts.map((c) => c.id));
    const localIds = new Set(localConcepts.map((c) => c.id));
    const matches = out.pairs.filter((p) => enIds.has(p.english) && localIds.has(p.local) && p.similarity >= config.alignThreshold);
    return fuseConcepts(enConcepts, localConcepts, matches, []);
  });

  // 4. Retrieval from the local knowledge base.
  const byId = new Map([...enConcepts, ...localConcepts].map((c) => [c.id, c]));
  const retrieval = await stage('retrieve', [] as RetrievedDoc[], async () => {
    if (!ctx.kb) return [];
    const queries = config.retrieval === 'question' ? [localQuestion] : alignment.fused.map((id) => byId.get(id)?.text ?? '').filter(Boolean);
    if (queries.length === 0) queries.push(localQuestion);
    return ctx.kb.search(item.lang, queries, config.topK).map((h) => ({
      docId: h.chunk.id,
      lang: h.chunk.lang,
      title: h.chunk.title,
      score: h.score,
      query: h.query,
      content: h.chunk.content.length > DOC_CHARS_IN_TRACE ? `${h.chunk.content.slice(0, DOC_CHARS_IN_TRACE)}…` : h.chunk.content,
    }));
  });

  // 5. Synthesis in the local language.
  const [enR, localR, enQuestion] = await Promise.all([enReasoning, localReasoning, enQ]);
  const localOnly = new Set(alignment.localOnly.map((o) => o.local));
  const chain = alignment.fused
    .map((id, i) => `${i + 1}. ${byId.get(id)?.text ?? id}${localOnly.has(id) ? ' [local]' : ''}`)
    .join('\n');
  const documents = retrieval
    .map((d) => `[${d.docId}] ${d.title}\n${(d.content ?? '').slice(0, DOC_CHARS_IN_PROMPT)}`)
    .join('\n\n');
  const final = await stage('synthesize', { response: '', answer: '' }, async (meter) => {
    const r = meter.add(
      await client.chat(
        'synthesize',
        {
          messages: messages('synthesize', {
            language: lang.english,
            language_native: lang.native,
            task_instructions: taskInstructions,
            question: localQuestion,
            concepts: chain || '(none)',
            documents: documents || '(none)',
          }),
          temperature: config.temperature,
          accept: nonEmpty,
        },
        opts,
      ),
    );
    if (!r.content.trim()) throw new Error('synthesize: the model returned an empty answer');
    const { reasoning, answer } = splitAnswer(r.content);
    return { response: reasoning, answer };
  });

  return {
    schema: TRACE_SCHEMA,
    id: traceId(item.id, config),
    itemId: item.id,
    lang: item.lang,
    task: item.task,
    createdAt: new Date().toISOString(),
    config,
    english: { question: enQuestion.text, translated: enQuestion.translated, reasoning: enR.reasoning, answer: enR.answer, concepts: enConcepts },
    local: { question: localQuestion, reasoning: localR.reasoning, answer: localR.answer, concepts: localConcepts },
    alignment,
    retrieval,
    final,
    stages,
    errors,
  };
}

/** Numbered concepts (`en-1`, `ja-1`, …) with their spans; repeats of one concept are dropped. */
export function toConcepts(raw: { text: string; quote?: string }[], reasoning: string, code: string): Concept[] {
  const folded = foldText(reasoning);
  const seen = new Set<string>();
  const concepts: Concept[] = [];
  for (const r of raw) {
    const text = r.text.trim();
    const key = foldNeedle(text);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    concepts.push({ id: `${code}-${concepts.length + 1}`, text, spans: locateConcept(reasoning, text, r.quote, {}, folded) });
  }
  return concepts;
}
