// A real HTTP server on 127.0.0.1 speaking enough of the OpenAI API for tests and benchmarks:
// POST /v1/chat/completions and POST /v1/embeddings. It recognises the pipeline's prompts and
// answers each stage plausibly and deterministically, in the requested language: reasoning mentions
// concepts from a small built-in multilingual vocabulary, concept extraction returns the concepts
// that occur in the reasoning it is shown, embeddings hash character trigrams of a concept's English
// gloss (so a concept and its translation get the same vector). Latency, faults (429 with
// Retry-After, 500, stalled responses, malformed JSON) and a json_schema refusal can be switched on;
// every request is counted and logged.
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { mulberry32 } from '../../src/core/stats/random';
import { batchRoutes, type BatchFaults, type BatchRoutes } from './openaiBatches';

export type FaultKind = '429' | '500' | 'stall' | 'malformed';
export type McqAnswerStyle = 'letter' | 'decorated' | 'prose';
export type Stage = 'translate' | 'reason' | 'extract' | 'align' | 'synthesize' | 'judge' | 'other' | 'embeddings' | 'rerank';

export interface FakeServerOptions {
  /** Fixed delay before every answer. */
  latencyMs?: number;
  /** Answer response_format json_schema with a 400, as servers without structured output do. */
  refuseJsonSchema?: boolean;
  /** Random faults: each request fails with probability `rate`, with one of `kinds` (seeded, reproducible). */
  faults?: { rate: number; kinds: FaultKind[]; seed?: number };
  /** Faults by request number (0-based, over all paths); wins over `faults`. */
  schedule?: Record<number, FaultKind>;
  /** Every request of these stages fails this way (a stage that never succeeds). */
  stageFaults?: Partial<Record<Stage, FaultKind>>;
  /** Sent with 429s. */
  retryAfter?: { seconds?: number; ms?: number };
  /** When set, requests without `Authorization: Bearer <key>` get a 401. */
  requireKey?: string;
  /** Error bodies repeat the request's Authorization header (a careless proxy), to test redaction. */
  echoAuthInErrors?: boolean;
  /** Write reasoning in Unicode NFD (decomposed), as some models and tokenizers do. */
  nfdReasoning?: boolean;
  /** The Batch API's timing and injected failures (./openaiBatches). */
  batches?: BatchFaults;
  /** POST /rerank answers with this HTTP status and an error body instead of scores. */
  rerankStatus?: number;
  /** Embeddings of changing length: every second input of a request, or every second request, gets 128 dimensions instead of 256. */
  changingEmbeddingLength?: 'inputs' | 'requests';
  /**
   * Scripted replies of the LLM judge (`medco judge`): the reply's content for a judge request, or
   * undefined for the default (ratings derived from a hash of the judged answer). See judgeAnswer.
   */
  judgeReply?: (request: JudgeRequest) => string | undefined;
  /** The status of the json_schema refusal (default 400; FastAPI-based servers answer 422). */
  jsonSchemaRefusalStatus?: 400 | 422;
  /**
   * How multiple-choice answers are written on the ANSWER line (every stage that answers):
   * `letter` (default) `ANSWER: B`; `decorated` `**ANSWER:** (b) <option text>`, as chat models
   * often reply; `prose` an answer without any option letter (unparseable).
   */
  mcqAnswerStyle?: McqAnswerStyle;
  /** GET /v1/models lists these (default: one chat and one embedding model). */
  models?: string[];
  /** When set, embeddings of any other model get a 404 "model not found" (as Ollama answers). */
  embeddingModels?: string[];
  /** Requests without these exact headers get a 403 (a gateway that needs its own headers). */
  requireHeaders?: Record<string, string>;
  /** Azure OpenAI: requests need `api-key: <this>` and an `api-version` query parameter, else 401/404. */
  azureKey?: string;
}

/** What a judge request is about, for scripted replies. */
export interface JudgeRequest {
  /** The question between the prompt's <<< >>> markers. */
  question: string;
  /** The judged final answer. */
  response: string;
  /** Rubric dimensions and their scales, from the JSON Schema in the prompt. */
  dimensions: { id: string; values: (number | null)[] }[];
  flags: string[];
}

export interface RecordedRequest {
  n: number;
  path: string;
  stage: Stage;
  /** sha256 of the request body (as sent). */
  bodyHash: string;
  body: Record<string, unknown>;
  at: number;
  status: number | 'stalled';
  fault?: FaultKind;
  /** The request's headers (lower-case names) and query string. */
  headers: Record<string, string | string[] | undefined>;
  query: string;
}

export interface FakeOpenAIServer {
  /** Base URL for the SDK, ending in /v1. */
  url: string;
  port: number;
  options: FakeServerOptions;
  requests: RecordedRequest[];
  /** Requests received, by stage (every attempt, faults included). */
  countByStage(): Record<string, number>;
  /** Requests answered 200, by stage. */
  completedByStage(): Record<string, number>;
  countByPath(): Record<string, number>;
  /** The Batch API routes: batches created and lines answered. */
  batches: BatchRoutes;
  /** Requests currently open (being delayed or stalled). */
  readonly open: number;
  close(): Promise<void>;
}

// ------------------------------------------------------------------------------ vocabulary

const LANGS = ['en', 'zh', 'ja', 'ko', 'sw', 'th', 'yo', 'zu'] as const;
type Lang = (typeof LANGS)[number];

const LANGUAGE_BY_NAME: Record<string, Lang> = {
  English: 'en',
  Chinese: 'zh',
  Japanese: 'ja',
  Korean: 'ko',
  Swahili: 'sw',
  Thai: 'th',
  Yoruba: 'yo',
  Zulu: 'zu',
};

type Terms = Record<Lang, string>;

/** Concepts that both English and local reasoning use. */
export const SHARED_CONCEPTS: Terms[] = [
  { en: 'cardiac amyloidosis', zh: '心脏淀粉样变性', ja: '心アミロイドーシス', ko: '심장 아밀로이드증', sw: 'amyloidosis ya moyo', th: 'ภาวะแอมีลอยด์ที่หัวใจ', yo: 'àrùn amyloid ọkàn', zu: 'i-amyloidosis yenhliziyo' },
  { en: 'amyloid deposits', zh: '淀粉样蛋白沉积', ja: 'アミロイド沈着', ko: '아밀로이드 침착', sw: 'mabaki ya amyloid', th: 'การสะสมของแอมีลอยด์', yo: 'ìkójọpọ̀ amyloid', zu: 'ukuqoqana kwe-amyloid' },
  { en: 'heart failure', zh: '心力衰竭', ja: '心不全', ko: '심부전', sw: 'kushindwa kwa moyo', th: 'ภาวะหัวใจล้มเหลว', yo: 'ìkùnà ọkàn', zu: 'ukwehluleka kwenhliziyo' },
  { en: 'echocardiography', zh: '超声心动图', ja: '心エコー検査', ko: '심장초음파', sw: 'ekokadiografia', th: 'การตรวจคลื่นเสียงสะท้อนหัวใจ', yo: 'àyẹ̀wò ọkàn pẹ̀lú ìró', zu: 'ukuhlolwa kwenhliziyo ngomsindo' },
  { en: 'hypertension', zh: '高血压', ja: '高血圧', ko: '고혈압', sw: 'shinikizo la damu', th: 'ความดันโลหิตสูง', yo: 'ẹ̀jẹ̀ ríru', zu: 'umfutho wegazi ophezulu' },
  { en: 'antihistamine', zh: '抗组胺药', ja: '抗ヒスタミン薬', ko: '항히스타민제', sw: 'dawa ya antihistamine', th: 'ยาต้านฮิสตามีน', yo: 'òògùn antihistamine', zu: 'umuthi we-antihistamine' },
  { en: 'diabetes', zh: '糖尿病', ja: '糖尿病', ko: '당뇨병', sw: 'kisukari', th: 'โรคเบาหวาน', yo: 'àtọ̀gbẹ', zu: 'isifo sikashukela' },
  { en: 'kidney function', zh: '肾功能', ja: '腎機能', ko: '신장 기능', sw: 'utendaji wa figo', th: 'การทำงานของไต', yo: 'iṣẹ́ kíndìnrín', zu: 'ukusebenza kwezinso' },
];

/** Local knowledge: only the local reasoning mentions it (`en` is the gloss used for embeddings). */
export const LOCAL_CONCEPTS: Terms[] = [
  { en: 'traditional herbal medicine', zh: '中药', ja: '漢方薬', ko: '한약', sw: 'dawa za mitishamba', th: 'ยาสมุนไพรไทย', yo: 'egbòogi ìbílẹ̀', zu: 'imithi yesintu' },
  { en: 'national health insurance scheme', zh: '医保报销', ja: '国民健康保険', ko: '국민건강보험', sw: 'bima ya afya ya taifa', th: 'บัตรทอง', yo: 'ètò ìbánigbófò ìlera', zu: 'umshwalense wezempilo kazwelonke' },
];

const STEP: Record<Lang, (i: number, c: string) => string> = {
  en: (i, c) => `${i}. Consider ${c} and what it implies here.`,
  zh: (i, c) => `${i}. 需要考虑${c}及其意义。`,
  ja: (i, c) => `${i}. ${c}とその意味を検討する。`,
  ko: (i, c) => `${i}. ${c}과 그 의미를 고려한다.`,
  sw: (i, c) => `${i}. Fikiria ${c} na maana yake hapa.`,
  th: (i, c) => `${i}. พิจารณา${c}และความหมายของมัน`,
  yo: (i, c) => `${i}. Ronú nípa ${c} àti ohun tí ó túmọ̀ sí.`,
  zu: (i, c) => `${i}. Cabanga ngo ${c} nokuthi kusho ukuthini.`,
};

const FINAL: Record<Lang, string> = {
  en: 'In summary, based on the concepts above:',
  zh: '综上所述：',
  ja: '以上をまとめると：',
  ko: '요약하면:',
  sw: 'Kwa muhtasari:',
  th: 'โดยสรุป:',
  yo: 'Ní àkótán:',
  zu: 'Ngamafuphi:',
};

const nfc = (s: string): string => s.normalize('NFC');

/** Concepts (English gloss) a text names, in order of first occurrence. */
function termsIn(text: string, lang: Lang): { term: string; at: number }[] {
  const t = nfc(text).toLowerCase();
  const found: { term: string; at: number }[] = [];
  for (const c of [...SHARED_CONCEPTS, ...LOCAL_CONCEPTS]) {
    const term = nfc(c[lang]);
    const at = t.indexOf(term.toLowerCase());
    if (at >= 0) found.push({ term, at });
  }
  return found.sort((a, b) => a.at - b.at);
}

/** The English gloss of a vocabulary term in any language, else the text itself. */
function gloss(text: string): string {
  const t = nfc(text).trim().toLowerCase();
  for (const c of [...SHARED_CONCEPTS, ...LOCAL_CONCEPTS]) {
    for (const l of LANGS) if (nfc(c[l]).toLowerCase() === t) return c.en;
  }
  return t;
}

/** Deterministic 256-dimensional vector from hashed character trigrams, L2-normalised. */
export function trigramVector(text: string, dims = 256): number[] {
  const v = new Array<number>(dims).fill(0);
  const s = ` ${gloss(text)} `;
  for (let i = 0; i + 3 <= s.length; i++) {
    let h = 2166136261;
    for (let k = i; k < i + 3; k++) h = Math.imul(h ^ s.charCodeAt(k), 16777619);
    v[(h >>> 0) % dims] += 1;
  }
  const norm = Math.sqrt(v.reduce((a, x) => a + x * x, 0)) || 1;
  return v.map((x) => x / norm);
}

// ------------------------------------------------------------------------------ stage answers

type Message = { role: string; content: string };

function stageOf(messages: Message[]): Stage {
  const user = messages.filter((m) => m.role === 'user').map((m) => m.content).join('\n');
  if (/Rate the AI system's answer below on this rubric/.test(user)) return 'judge';
  if (/Translate the following medical text/.test(user)) return 'translate';
  if (/Extract the ordered chain of medical concepts/.test(user)) return 'extract';
  if (/Align the concepts/.test(user)) return 'align';
  if (/Write the final answer/.test(user)) return 'synthesize';
  if (/Think step by step/.test(user)) return 'reason';
  return 'other';
}

function langFrom(text: string, pattern: RegExp): Lang {
  const m = pattern.exec(text);
  return (m && LANGUAGE_BY_NAME[m[1]]) || 'en';
}

/** The item number: the first integer in the question, shared by an item's English and local text. */
function itemNumber(text: string): number {
  const m = /(\d+)/.exec(text);
  return m ? Number(m[1]) : 0;
}

function between(text: string, open: string, close: string): string {
  const a = text.indexOf(open);
  const b = text.lastIndexOf(close);
  return a >= 0 && b > a ? text.slice(a + open.length, b) : text;
}

function reasonAnswer(user: string, nfdOut: boolean, mcqStyle: McqAnswerStyle): string {
  const lang = langFrom(user, /Respond in (\w+) \(/);
  const question = user.slice(user.lastIndexOf('ANSWER: <your short answer>') + 27);
  const n = itemNumber(question);
  const pick = [0, 1, 2, 3].map((k) => SHARED_CONCEPTS[(n + k) % SHARED_CONCEPTS.length][lang]);
  let chain = pick;
  if (lang !== 'en') {
    // Local reasoning orders things a little differently and adds local knowledge.
    chain = [pick[0], pick[2], pick[1], LOCAL_CONCEPTS[n % LOCAL_CONCEPTS.length][lang], pick[3]];
  }
  const nli = /Hypothesis:/.test(question);
  const answerLine = mcqAnswerLine(question, mcqStyle) ?? `ANSWER: ${nli ? (n % 2 === 0 ? 'entailment' : 'contradiction') : `${FINAL[lang]} ${chain[0]}.`}`;
  // The item number heads the reasoning, so that different items' reasonings (and the requests
  // that quote them) differ, as they would with a real model.
  const text = `(#${n})\n${chain.map((c, i) => STEP[lang](i + 1, c)).join('\n')}\n${answerLine}`;
  return nfdOut ? text.normalize('NFD') : text;
}

function extractAnswer(user: string): string {
  const lang = langFrom(user, /which is written in\s+(\w+)/);
  const reasoning = between(user, 'Reasoning:\n<<<\n', '\n>>>');
  return JSON.stringify({ concepts: termsIn(reasoning, lang).map((t) => ({ text: t.term, quote: t.term })) });
}

function alignAnswer(user: string): string {
  const list = (header: RegExp): { id: string; text: string }[] => {
    const m = header.exec(user);
    if (!m) return [];
    const rest = user.slice(m.index + m[0].length);
    const block = rest.split(/\n\s*\n/)[0];
    return block
      .split('\n')
      .map((l) => /^([\w-]+): (.*)$/.exec(l.trim()))
      .filter((x): x is RegExpExecArray => !!x)
      .map((x) => ({ id: x[1], text: x[2] }));
  };
  const en = list(/English concepts \(id: text\):\n/);
  const local = list(/\n\w+ concepts \(id: text\):\n(?![\s\S]*\n\w+ concepts \(id: text\):)/);
  const pairs = local.flatMap((l) => {
    const e = en.find((x) => gloss(x.text) === gloss(l.text));
    return e ? [{ local: l.id, english: e.id, similarity: 0.95, side: 'after' }] : [];
  });
  return JSON.stringify({ pairs });
}

function synthesizeAnswer(system: string, user: string, mcqStyle: McqAnswerStyle): string {
  const lang = langFrom(system, /answering in (\w+) \(/);
  const chain = between(user, 'Concept chain:\n', '\n\nRetrieved documents:').split('\n').filter(Boolean);
  const docs = (user.match(/^\[[^\]]+\]/gm) ?? []).length;
  const nli = /Hypothesis:/.test(user);
  const question = questionOf(user);
  const n = itemNumber(question);
  const body = `${FINAL[lang]}\n${chain.map((c) => c.replace(/^\d+\.\s*/, '')).join('; ')}\n(${docs})`;
  const mcq = mcqAnswerLine(question, mcqStyle);
  return `${body}\n${mcq ?? `ANSWER: ${nli ? (n % 2 === 0 ? 'entailment' : 'contradiction') : chain[0]?.replace(/^\d+\.\s*/, '') ?? ''}`}`;
}

/** A multiple-choice question "translated": the option letters and the instruction survive, as with a real model. */
function mcqTranslation(text: string, n: number): string | undefined {
  if (mcqLetter(text) === undefined) return undefined;
  const options = [...text.matchAll(/^([A-Z])\. .*$/gm)].map((m) => `${m[1]}. Translated option ${m[1]} of question ${n}.`);
  const instruction = text.slice(text.lastIndexOf('\n\n') + 2);
  // "…を2つ選べ" survives as "Choose 2", so that both sides are asked for the same number of letters.
  const wanted = /(\d+)\s*つ選べ/.exec(text)?.[1];
  return `Translated question ${n}.${wanted ? ` Choose ${wanted}.` : ''}\n\n${options.join('\n')}\n\n${instruction}`;
}

/**
 * Multiple-choice questions (pipeline/itemText renders "A. …" lines and asks for the letter on
 * the ANSWER line): the letter of option number (item number mod options), so that answers vary by
 * item and are the same for the English and local side. Undefined for other questions.
 */
function mcqLetter(question: string): string | undefined {
  if (!/On the ANSWER line write only its letter/.test(question)) return undefined;
  const letters = [...question.matchAll(/^([A-Z])\. /gm)].map((m) => m[1]);
  if (letters.length === 0) return undefined;
  // "…を2つ選べ" / "choose 2": that many letters from there on (MMedBench's multi-answer items).
  const wanted = Math.min(letters.length, Number(/(\d+)\s*つ選べ|(?:choose|select) (\d+)/i.exec(question)?.slice(1).find(Boolean) ?? 1));
  const first = itemNumber(question) % letters.length;
  return Array.from({ length: wanted }, (_, k) => letters[(first + k) % letters.length]).sort().join(',');
}

/** The question part of a synthesis or direct-answer prompt (after "Question:", before what follows it). */
function questionOf(user: string): string {
  const rest = user.slice(user.indexOf('Question:\n') + 'Question:\n'.length);
  const end = ['\n\nConcept chain:', '\n\nEnglish reasoning:'].map((m) => rest.lastIndexOf(m)).filter((i) => i >= 0);
  return end.length > 0 ? rest.slice(0, Math.min(...end)) : rest;
}

/** A multiple-choice question's ANSWER line in the server's answer style, or undefined for other questions. */
function mcqAnswerLine(question: string, style: McqAnswerStyle): string | undefined {
  const letters = mcqLetter(question);
  if (letters === undefined) return undefined;
  if (style === 'prose') return 'ANSWER: the option that matches the reasoning above';
  if (style === 'letter') return `ANSWER: ${letters}`;
  if (letters.includes(',')) return `**ANSWER:** ${letters.toLowerCase().split(',').map((l) => `(${l})`).join(' and ')}`;
  const text = new RegExp(`^${letters}\\. (.*)$`, 'm').exec(question)?.[1] ?? '';
  return `**ANSWER:** (${letters.toLowerCase()}) ${text}`;
}

/**
 * Stages the server has no own name for: the direct answer (`direct`) answers a multiple-choice
 * question in the answer style and anything else with "OK"; the answer translation (`cot-en`)
 * keeps the ANSWER line as it is (letters and labels are not translated), as the prompt asks.
 */
function otherAnswer(user: string, mcqStyle: McqAnswerStyle): string {
  if (/Answer directly/.test(user)) {
    const question = questionOf(user);
    const n = itemNumber(question);
    return mcqAnswerLine(question, mcqStyle) ?? (/Hypothesis:/.test(question) ? `ANSWER: ${n % 2 === 0 ? 'entailment' : 'contradiction'}` : 'OK');
  }
  if (/Translate the following medical answer/.test(user)) {
    const text = between(user, 'Answer:\n<<<\n', '\n>>>');
    const line = /^.*ANSWER.*$/gm;
    const last = [...text.matchAll(line)].pop()?.[0];
    return `Translated answer of ${text.length} characters.${last ? `\n${last}` : ''}`;
  }
  return 'OK';
}

function translateAnswer(user: string): string {
  const text = between(user, 'Text:\n<<<\n', '\n>>>');
  // Digits survive translation, so the item number stays the same on both sides.
  const n = itemNumber(text);
  const mcq = mcqTranslation(text, n);
  if (mcq !== undefined) return mcq;
  return /Premise:/.test(text) ? `Premise:\nTranslated premise ${n}.\n\nHypothesis:\nTranslated hypothesis ${n}.` : `Translated question ${n}: ${text.length} characters.`;
}

// ------------------------------------------------------------------------------ rerank and embedding faults

/**
 * POST /rerank in the Cohere/Jina shape vLLM and Infinity serve: `{query, documents, top_n}` →
 * `{results: [{index, relevance_score}]}`, best first. The score is the trigram cosine of the query
 * and the document, so a reranker's order is predictable in tests.
 */
function rerankResponse(body: Record<string, unknown>, options: FakeServerOptions): { status: number; payload: unknown } {
  if (options.rerankStatus) return { status: options.rerankStatus, payload: { error: { message: 'reranker unavailable' } } };
  const query = typeof body.query === 'string' ? body.query : '';
  const documents = Array.isArray(body.documents) ? (body.documents as unknown[]).map(String) : null;
  if (!documents) return { status: 400, payload: { error: { message: 'documents must be a list of strings' } } };
  const q = trigramVector(query);
  const results = documents
    .map((d, index) => ({ index, relevance_score: trigramVector(d).reduce((a, x, i) => a + x * q[i], 0) }))
    .sort((a, b) => b.relevance_score - a.relevance_score || a.index - b.index);
  const topN = typeof body.top_n === 'number' ? body.top_n : results.length;
  return { status: 200, payload: { id: 'rerank-1', results: results.slice(0, topN) } };
}

function embeddingLength(options: FakeServerOptions, requestNumber: number, inputIndex: number): number {
  if (options.changingEmbeddingLength === 'inputs') return inputIndex % 2 === 1 ? 128 : 256;
  if (options.changingEmbeddingLength === 'requests') return requestNumber % 2 === 1 ? 128 : 256;
  return 256;
}

// ------------------------------------------------------------------------------ LLM judge

/** The judge request's parts: question, judged answer, and the schema the prompt spells out. */
export function parseJudgeRequest(user: string): JudgeRequest {
  const block = (label: string): string => {
    const at = user.indexOf(label);
    if (at < 0) return '';
    const open = user.indexOf('<<<\n', at);
    const close = user.indexOf('\n>>>', open);
    return open >= 0 && close > open ? user.slice(open + 4, close) : '';
  };
  const schemaLine = /JSON Schema, and nothing else:\n(.*)\n/.exec(user)?.[1] ?? '{}';
  const schema = JSON.parse(schemaLine) as {
    properties?: { ratings?: { properties?: Record<string, { enum?: (number | null)[] }> }; flags?: { items?: { enum?: string[] } } };
  };
  const dims = schema.properties?.ratings?.properties ?? {};
  return {
    question: block('Question ('),
    response: block("The system's final answer"),
    dimensions: Object.entries(dims).map(([id, d]) => ({ id, values: d.enum ?? [] })),
    flags: schema.properties?.flags?.items?.enum ?? [],
  };
}

/**
 * Strict structured output as OpenAI enforces it: `strict: true`, every object closed
 * (`additionalProperties: false`) with all its properties required. A problem, or undefined.
 */
export function strictSchemaProblem(responseFormat: unknown): string | undefined {
  const f = responseFormat as { type?: string; json_schema?: { strict?: unknown; schema?: unknown } } | undefined;
  if (f?.type !== 'json_schema') return undefined;
  if (f.json_schema?.strict !== true) return "Invalid schema for response_format: 'strict' must be true for this endpoint.";
  const check = (node: unknown, at: string): string | undefined => {
    if (typeof node !== 'object' || node === null) return undefined;
    const n = node as { type?: unknown; properties?: Record<string, unknown>; required?: string[]; additionalProperties?: unknown; items?: unknown };
    const isObject = n.type === 'object' || (Array.isArray(n.type) && n.type.includes('object'));
    if (isObject) {
      if (n.additionalProperties !== false) return `Invalid schema for response_format: In context=${at}, 'additionalProperties' is required to be supplied and to be false.`;
      const keys = Object.keys(n.properties ?? {});
      const missing = keys.filter((k) => !(n.required ?? []).includes(k));
      if (missing.length > 0) return `Invalid schema for response_format: In context=${at}, 'required' is required to include every key in properties. Missing '${missing[0]}'.`;
      for (const k of keys) {
        const p = check(n.properties![k], `${at}/properties/${k}`);
        if (p) return p;
      }
    }
    return check(n.items, `${at}/items`);
  };
  return check(f.json_schema.schema, '()');
}

/** Default judge: ratings from a hash of the judged answer (deterministic), one flag on some, a rationale. */
export function judgeAnswer(request: JudgeRequest): string {
  const h = createHash('sha256').update(request.response).digest();
  const ratings: Record<string, number | null> = {};
  request.dimensions.forEach((d, i) => {
    const numbers = d.values.filter((v): v is number => typeof v === 'number');
    ratings[d.id] = numbers.length > 0 ? numbers[h[i] % numbers.length] : null;
  });
  const flags = request.flags.length > 0 && h[7] % 3 === 0 ? [request.flags[h[8] % request.flags.length]] : [];
  return JSON.stringify({ ratings, flags, rationale: `Judged answer of ${request.response.length} characters.` });
}

// ------------------------------------------------------------------------------ server

const tokens = (s: string): number => Math.max(1, Math.ceil(s.length / 4));

/** What the server answers a chat or embeddings request (live, or one line of a batch). */
export function respond(
  options: FakeServerOptions,
  request: { path: string; body: Record<string, unknown>; n: number; malformed?: boolean },
): { status: number; payload: unknown } {
  const { body, n } = request;
  const isEmbed = request.path.endsWith('/embeddings');
  const messages = (Array.isArray(body.messages) ? body.messages : []) as Message[];
  const stage: Stage = isEmbed ? 'embeddings' : stageOf(messages);
  const format = (body.response_format as { type?: string } | undefined)?.type;
  if (isEmbed) {
    const input = Array.isArray(body.input) ? (body.input as string[]) : [String(body.input ?? '')];
    const used = input.reduce((a, t) => a + tokens(t), 0);
    const data = input.map((t, index) => ({ object: 'embedding', index, embedding: trigramVector(t, embeddingLength(options, n, index)) }));
    return { status: 200, payload: { object: 'list', model: body.model, data, usage: { prompt_tokens: used, total_tokens: used } } };
  }

  if (format === 'json_schema' && options.refuseJsonSchema) {
    const refusal = jsonSchemaRefusal(options.jsonSchemaRefusalStatus ?? 400);
    return { status: refusal.status, payload: refusal.body };
  }
  const user = messages.filter((m) => m.role === 'user').map((m) => m.content).join('\n');
  const system = messages.filter((m) => m.role === 'system').map((m) => m.content).join('\n');
  if (stage === 'judge') {
    const strictProblem = strictSchemaProblem(body.response_format);
    if (strictProblem) return { status: 400, payload: { error: { message: strictProblem, type: 'invalid_request_error', param: 'response_format' } } };
  }
  let content: string;
  switch (stage) {
    case 'translate':
      content = translateAnswer(user);
      break;
    case 'reason':
      content = reasonAnswer(user, !!options.nfdReasoning, options.mcqAnswerStyle ?? 'letter');
      break;
    case 'extract':
      content = extractAnswer(user);
      break;
    case 'align':
      content = alignAnswer(user);
      break;
    case 'synthesize':
      content = synthesizeAnswer(system, user, options.mcqAnswerStyle ?? 'letter');
      break;
    case 'judge': {
      const request = parseJudgeRequest(user);
      content = options.judgeReply?.(request) ?? judgeAnswer(request);
      break;
    }
    default:
      content = format ? '{}' : otherAnswer(user, options.mcqAnswerStyle ?? 'letter');
  }
  if (request.malformed) content = content.slice(0, Math.max(1, Math.floor(content.length / 2)));
  const prompt = tokens(messages.map((m) => m.content).join(''));
  const completion = tokens(content);
  const payload = {
    id: `chatcmpl-${n}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: body.model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
  };
  return { status: 200, payload };
}

/** GET /v1/models: the configured models, in OpenAI's list shape. */
function modelsList(options: FakeServerOptions): unknown {
  const ids = options.models ?? ['fake-chat', 'fake-embed'];
  return { object: 'list', data: ids.map((id) => ({ id, object: 'model', created: 0, owned_by: 'medco-test' })) };
}

/** The json_schema refusal: OpenAI's 400 error body, or a FastAPI validation error (422, `detail`). */
function jsonSchemaRefusal(status: 400 | 422): { status: number; body: unknown } {
  if (status === 422) {
    return { status, body: { detail: [{ type: 'literal_error', loc: ['body', 'response_format', 'type'], msg: "Input should be 'text' or 'json_object'", input: 'json_schema' }] } };
  }
  return { status, body: { error: { message: "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.", type: 'invalid_request_error', param: 'response_format' } } };
}

/** A gateway's checks: required custom headers (403) and Azure OpenAI's api-key and api-version (401, 404). */
function gatewayRefusal(options: FakeServerOptions, req: http.IncomingMessage, query: string): { status: number; message: string } | undefined {
  for (const [name, value] of Object.entries(options.requireHeaders ?? {})) {
    if (req.headers[name.toLowerCase()] !== value) return { status: 403, message: `missing or wrong header ${name}` };
  }
  if (options.azureKey !== undefined) {
    if (req.headers['api-key'] !== options.azureKey) return { status: 401, message: 'Access denied due to invalid subscription key or wrong API endpoint.' };
    if (!new URLSearchParams(query).get('api-version')) return { status: 404, message: 'Resource not found (no api-version)' };
  }
  return undefined;
}

export async function startOpenAIServer(options: FakeServerOptions = {}): Promise<FakeOpenAIServer> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const random = mulberry32(options.faults?.seed ?? 12345);
  let open = 0;
  let count = 0;
  const batches = batchRoutes(options.batches ?? {}, (request) => respond(options, request));

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      open++;
      res.on('close', () => open--);
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, unknown> = {};
      try {
        body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      } catch {
        // left empty: answered with a 400 below
      }
      const path = (req.url ?? '').split('?')[0];
      const isChat = path.endsWith('/chat/completions');
      const isEmbed = path.endsWith('/embeddings');
      const messages = (Array.isArray(body.messages) ? body.messages : []) as Message[];
      const stage: Stage = isEmbed ? 'embeddings' : stageOf(messages);
      const rec: RecordedRequest = {
        n: count++,
        path,
        stage,
        bodyHash: createHash('sha256').update(raw).digest('hex'),
        body,
        at: Date.now(),
        status: 200,
        headers: { ...req.headers },
        query: (req.url ?? '').includes('?') ? (req.url ?? '').slice((req.url ?? '').indexOf('?') + 1) : '',
      };
      requests.push(rec);

      const send = (status: number, payload: unknown, headers: Record<string, string> = {}): void => {
        rec.status = status;
        setTimeout(() => {
          if (res.destroyed) return;
          res.writeHead(status, { 'content-type': 'application/json', ...headers });
          res.end(JSON.stringify(payload));
        }, options.latencyMs ?? 0);
      };
      const error = (status: number, message: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): void => {
        const auth = options.echoAuthInErrors ? ` (request had Authorization: ${req.headers.authorization ?? 'none'})` : '';
        send(status, { error: { message: message + auth, type: status === 429 ? 'rate_limit_error' : 'server_error', ...extra } }, headers);
      };

      if (options.requireKey && req.headers.authorization !== `Bearer ${options.requireKey}`) {
        return error(401, 'Incorrect API key provided.');
      }
      const refused = gatewayRefusal(options, req, rec.query);
      if (refused) return error(refused.status, refused.message);
      if (req.method === 'GET' && path.endsWith('/models')) return send(200, modelsList(options));
      const answerBatchRoute = (status: number, payload: unknown, text?: string): void => {
        rec.status = status;
        res.writeHead(status, { 'content-type': text === undefined ? 'application/json' : 'application/octet-stream' });
        res.end(text ?? JSON.stringify(payload));
      };
      if (batches.handle(req.method ?? 'GET', path, req, Buffer.concat(chunks), answerBatchRoute)) return;
      if (path.endsWith('/rerank')) {
        rec.stage = 'rerank';
        const r = rerankResponse(body, options);
        return send(r.status, r.payload);
      }
      if (!isChat && !isEmbed) return error(404, `no route ${path}`);
      if (!raw || Object.keys(body).length === 0) return error(400, 'could not parse the JSON body');

      const scheduled = options.schedule?.[rec.n] ?? options.stageFaults?.[stage];
      const fault: FaultKind | undefined =
        scheduled ?? (options.faults && random() < options.faults.rate ? options.faults.kinds[Math.floor(random() * options.faults.kinds.length)] : undefined);
      const format = (body.response_format as { type?: string } | undefined)?.type;
      if (fault && !(fault === 'malformed' && (!isChat || !format))) {
        rec.fault = fault;
        if (fault === 'stall') {
          rec.status = 'stalled';
          return; // never answered; the socket is destroyed on close()
        }
        if (fault === '429') {
          const h: Record<string, string> = {};
          if (options.retryAfter?.seconds !== undefined) h['retry-after'] = String(options.retryAfter.seconds);
          if (options.retryAfter?.ms !== undefined) h['retry-after-ms'] = String(options.retryAfter.ms);
          return error(429, 'Rate limit reached, please retry.', {}, h);
        }
        if (fault === '500') return error(500, 'The server had an error while processing your request.');
      }

      if (isEmbed && options.embeddingModels && !options.embeddingModels.includes(String(body.model))) {
        return error(404, `model "${String(body.model)}" not found, try pulling it first`);
      }
      const answer = respond(options, { path, body, n: rec.n, malformed: fault === 'malformed' });
      send(answer.status, answer.payload);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  // Many items in flight: let keep-alive connections pile up without limit.
  server.maxConnections = 10_000;
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const tally = (filter: (r: RecordedRequest) => boolean, key: (r: RecordedRequest) => string) => {
    const out: Record<string, number> = {};
    for (const r of requests) if (filter(r)) out[key(r)] = (out[key(r)] ?? 0) + 1;
    return out;
  };
  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    options,
    requests,
    countByStage: () => tally(() => true, (r) => r.stage),
    completedByStage: () => tally((r) => r.status === 200, (r) => r.stage),
    countByPath: () => tally(() => true, (r) => r.path),
    batches,
    get open() {
      return open;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Runs the server as a child process entry: `node --import tsx test/support/openaiServer.ts` prints its URL. */
if (require.main === module) {
  const latencyMs = Number(process.env.FAKE_OPENAI_LATENCY_MS ?? 0);
  void startOpenAIServer({ latencyMs }).then((s) => process.stdout.write(`${s.url}\n`));
  // The benchmark asks for the server's own CPU time on its way out.
  process.on('SIGTERM', () => {
    const cpu = process.cpuUsage();
    if (process.env.FAKE_OPENAI_REPORT_CPU) process.stderr.write(`fake server CPU: ${Math.round((cpu.user + cpu.system) / 1000)} ms\n`);
    process.exit(0);
  });
}
