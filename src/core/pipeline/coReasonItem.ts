// The five stages for one item (DESIGN: parallel reasoning, concept abstraction, alignment and
// fusion, retrieval, synthesis). Each stage starts as soon as its inputs exist: the local reasoning
// does not wait for the translation, and each extraction only waits for its own reasoning. A stage
// that fails is recorded in `errors` and the later stages carry on with what there is; only a
// cancellation stops the item (no trace is written for it then). Which stages run, and how, is
// the configuration's (configurations.ts): baselines skip stages, ablations swap one out.
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { traceId } from '../traces/traceHash';
import { LlmClient } from '../llm/client';
import { DeferredCallError } from '../llm/deferredCalls';
import { AbortedError } from '../llm/priorityLimiter';
import type { KnowledgeBase } from '../retrieval/knowledgeBase';
import type { DenseRetriever } from '../retrieval/denseRetriever';
import { CONFIGURATIONS, type PipelineConfiguration } from './configurations';
import { insertConceptsReleased } from './insertConcepts';
import { TRACE_SCHEMA, type Concept, type DatasetItem, type RetrievedDoc, type StageRecord, type Trace, type TraceConfig } from '../types';
import { alignConcepts, fuseConcepts, type Alignment, type Match } from './alignConcepts';
import { questionText, splitAnswer } from './itemText';
import { languageNames } from '../dataset/languages';
import { locateConcept } from './locateConcepts';
import { foldNeedle, foldText } from '../text/fold';
import { render, taskPromptName, type PromptName, type PromptSet } from './prompts';
import { StageMeter } from './stageMeter';
import { chatStructured } from './structuredOutput';

export const PIPELINE_VERSION = '1';

export interface PipelineContext {
  client: LlmClient;
  prompts: PromptSet;
  kb: KnowledgeBase | null;
  config: TraceConfig;
  /** Default: the `coreasoner` configuration. */
  configuration?: PipelineConfiguration;
  /** Dense retrieval, for configurations that use it. */
  dense?: DenseRetriever | null;
  /** Sent as `seed` with every chat call. */
  seed?: number;
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


/** An empty answer fails its stage; it is not cached, so a re-run of the item asks again. */
const nonEmpty = (content: string): boolean => content.trim() !== '';
const DOC_CHARS_IN_TRACE = 2000;

export async function coReasonItem(item: DatasetItem, ctx: PipelineContext, run: ItemRunOptions): Promise<Trace> {
  const { client, prompts, config } = ctx;
  const cfg = ctx.configuration ?? CONFIGURATIONS.coreasoner;
  const opts = { priority: run.priority, signal: run.signal };
  // What makes this run's calls distinct samples from other configurations' and rounds' identical
  // requests (and from calls made with other prompts or another corpus).
  const cacheSalt = { config: cfg.name, round: config.round ?? 1, prompts: prompts.hash, kb: ctx.kb?.fingerprint ?? null };
  const sampling = { cacheSalt, ...(ctx.seed !== undefined ? { seed: ctx.seed } : {}) };
  const utilityTemperature = cfg.utilityTemperature ?? config.temperature;
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
  const taskInstructions = prompts.get(taskPromptName(item.task)).user;

  // 1. Parallel reasoning (after a translation when there is no parallel English).
  const localQuestion = questionText(item.local, item.task);
  const needsEnglish = cfg.reasonEnglish || cfg.retrieval === 'dense-en-local';
  const englishQuestion: Promise<{ text: string; translated: boolean }> = item.english
    ? Promise.resolve({ text: questionText(item.english, item.task), translated: false })
    : !needsEnglish
      ? Promise.resolve({ text: '', translated: false })
      : stage<{ text: string; translated: boolean }>('translate', { text: localQuestion, translated: false }, async (meter) => {
        const r = meter.add(
          await client.chat(
            'translate',
            { messages: messages('translate', { language: lang.english, text: localQuestion }), temperature: utilityTemperature, accept: nonEmpty, ...sampling },
            opts,
          ),
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
            ...sampling,
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
          temperature: utilityTemperature,
          ...sampling,
        },
        meter,
        opts,
      );
      return toConcepts(out.concepts, reasoning, code);
    });

  const enQ = englishQuestion;
  const noReasoning = Promise.resolve({ reasoning: '', answer: '' });
  const localReasoning = cfg.reasonLocal ? reason('local', localQuestion) : noReasoning;
  const enReasoning = cfg.reasonEnglish ? enQ.then((q) => reason('en', q.text)) : noReasoning;
  // Only a cancellation rejects these; when one side's rejection ends the item early, the other
  // side's must not surface as an unhandled rejection.
  for (const p of [enQ, localReasoning, enReasoning]) p.catch(() => undefined);
  // 4a. Dense retrieval needs only the questions: it starts now, beside the reasonings, rather than
  // after the alignment (which would add its embed and rerank round trips to the item's chain).
  const denseRetrieval =
    cfg.retrieval === 'dense-en-local'
      ? stage('retrieve', [] as RetrievedDoc[], async () => {
          if (!ctx.kb) return [];
          if (!ctx.dense) throw new Error('retrieve: dense retrieval needs an embedding model (--embedding-model)');
          const q = await enQ;
          const queries = [
            ...(q.text ? [{ lang: 'en', text: q.text }] : []),
            ...(item.lang !== 'en' ? [{ lang: item.lang, text: localQuestion }] : []),
          ];
          const r = await ctx.dense.retrieve(queries, config.topK, opts);
          errors.push(...r.problems);
          return r.docs;
        })
      : null;
  denseRetrieval?.catch(() => undefined);
  const none = Promise.resolve([] as Concept[]);
  const [enConcepts, localConcepts] = await Promise.all([
    cfg.extract !== 'none' && cfg.reasonEnglish ? enReasoning.then((r) => extract('en', r.reasoning, 'en')) : none,
    cfg.extract === 'both' && cfg.reasonLocal ? localReasoning.then((r) => extract('local', r.reasoning, item.lang)) : none,
  ]);

  // 3. Alignment and fusion.
  const unaligned: Alignment =
    cfg.alignment === 'released'
      ? // Without similarities nothing can be inserted: the English chain, every local concept unmatched.
        { pairs: [], localOnly: localConcepts.map((l) => ({ local: l.id, nearest: null, similarity: 0 })), fused: localConcepts.length > 0 ? enConcepts.map((e) => e.id) : [] }
      : fuseConcepts(enConcepts, localConcepts, [], []);
  const alignment = cfg.alignment === 'none' || cfg.alignment === 'english-only' ? unaligned : await stage('align', unaligned, async (meter) => {
    if (localConcepts.length === 0 || enConcepts.length === 0) return unaligned;
    if (cfg.alignment === 'released') {
      // The released code embeds each concept's text exactly as extracted.
      if (!client.embeddingModel) throw new Error('align: the paper configuration aligns by embeddings; set an embedding model (--embedding-model)');
      const all = [...enConcepts, ...localConcepts];
      const r = meter.add(await client.embed('align', all.map((c) => c.text), opts));
      return insertConceptsReleased(enConcepts, localConcepts, new Map(all.map((c, i) => [c.id, r.vectors[i]])), config.alignThreshold);
    }
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
        temperature: utilityTemperature,
        ...sampling,
      },
      meter,
      opts,
    );
    const enIds = new Set(enConcepts.map((c) => c.id));
    const localIds = new Set(localConcepts.map((c) => c.id));
    const matches = out.pairs.filter((p) => enIds.has(p.english) && localIds.has(p.local) && p.similarity >= config.alignThreshold);
    return fuseConcepts(enConcepts, localConcepts, matches, []);
  });

  // 4b. Retrieval from the knowledge base by the fused concepts (BM25), once they exist.
  const byId = new Map([...enConcepts, ...localConcepts].map((c) => [c.id, c]));
  const retrieval = denseRetrieval ? await denseRetrieval : cfg.retrieval === 'none' ? [] : await stage('retrieve', [] as RetrievedDoc[], async () => {
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

  // 5. The final answer in the local language.
  const [enR, localR, enQuestion] = await Promise.all([enReasoning, localReasoning, enQ]);
  const localOnly = new Set(alignment.localOnly.map((o) => o.local));
  const chain = alignment.fused
    .map((id, i) => `${i + 1}. ${byId.get(id)?.text ?? id}${localOnly.has(id) ? ' [local]' : ''}`)
    .join('\n');
  const cut = (text: string): string => (cfg.docCharsInPrompt === null ? text : text.slice(0, cfg.docCharsInPrompt));
  // paper: the released code's "title, newline, content", whole; ours: labelled by id, cut.
  const documents = retrieval
    .map((d) => (cfg.name === 'paper' ? `${d.title}\n${d.content ?? ''}` : `[${d.docId}] ${d.title}\n${cut(d.content ?? '')}`))
    .join('\n\n');
  const call = async (stageName: string, prompt: PromptName, vars: Record<string, string>, meter: StageMeter): Promise<{ reasoning: string; answer: string }> => {
    const r = meter.add(await client.chat(stageName, { messages: messages(prompt, vars), temperature: config.temperature, accept: nonEmpty, ...sampling }, opts));
    if (!r.content.trim()) throw new Error(`${stageName}: the model returned an empty answer`);
    return splitAnswer(r.content);
  };
  const shared = { language: lang.english, language_native: lang.native, task_instructions: taskInstructions, question: localQuestion };
  const empty = { response: '', answer: '' };
  let final: { response: string; answer: string };
  switch (cfg.answering) {
    case 'synthesize':
    case 'synthesize-reasonings':
      final = await stage('synthesize', empty, async (meter) => {
        const vars =
          cfg.answering === 'synthesize'
            ? { ...shared, concepts: chain || '(none)', documents: documents || '(none)' }
            : { ...shared, english_reasoning: enR.reasoning || '(none)', local_reasoning: localR.reasoning || '(none)', documents: documents || '(none)' };
        const { reasoning, answer } = await call('synthesize', cfg.answering === 'synthesize' ? 'synthesize' : 'synthesize_reasonings', vars, meter);
        return { response: reasoning, answer };
      });
      break;
    case 'direct':
      final = await stage('direct', empty, async (meter) => {
        const { reasoning, answer } = await call('direct', 'direct', shared, meter);
        return { response: reasoning, answer };
      });
      break;
    case 'local-reasoning':
      final = { response: localR.reasoning, answer: localR.answer };
      break;
    case 'english-translated':
      final = await stage('translate_answer', empty, async (meter) => {
        if (!enR.reasoning) throw new Error('translate_answer: skipped, there is no English reasoning to translate');
        const text = `${enR.reasoning}\nANSWER: ${enR.answer}`;
        const { reasoning, answer } = await call('translate_answer', 'translate_answer', { language: lang.english, language_native: lang.native, text }, meter);
        return { response: reasoning, answer };
      });
      break;
  }

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
