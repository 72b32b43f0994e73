// Structured output with a fallback: ask for `json_schema` (strict); a server that refuses it with
// a 400 or 422 about response_format gets `json_object` with the schema spelled out in the prompt instead
// (remembered for the rest of the run). Whatever the mode, the JSON is validated with ajv, because
// json_object and many local servers only promise "some JSON". An invalid answer is asked once more
// (a separate cache entry); if that fails too, the raw text goes into the error for the trace.
import Ajv, { type ValidateFunction } from 'ajv';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { LlmClient, LlmError, type CallOptions, type ChatResult } from '../llm/client';
import { StageMeter } from './stageMeter';

const ajv = new Ajv({ allErrors: true, strict: false });
const compiled = new WeakMap<object, ValidateFunction>();

function validatorFor(schema: object): ValidateFunction {
  let v = compiled.get(schema);
  if (!v) {
    v = ajv.compile(schema);
    compiled.set(schema, v);
  }
  return v;
}

export interface StructuredRequest {
  name: string;
  schema: object;
  messages: ChatCompletionMessageParam[];
  temperature?: number;
  /** Passed through to every call (see ChatRequest). */
  cacheSalt?: Record<string, unknown>;
  seed?: number;
}

export class StructuredOutputError extends Error {
  constructor(
    message: string,
    readonly raw: string,
  ) {
    super(message);
    this.name = 'StructuredOutputError';
  }
}

const RAW_LIMIT = 4000;

/** Parses a model's JSON answer; tolerates a ```json fence around it. */
export function parseJsonContent(content: string): unknown {
  const fenced = /^\s*```(?:json)?\s*\n?([\s\S]*?)\n?```\s*$/i.exec(content);
  return JSON.parse(fenced ? fenced[1] : content);
}

/**
 * A refusal of json_schema: a 400 naming response_format (OpenAI, vLLM), or a 422, the validation
 * error of FastAPI-based servers, whose body (`detail`, not `error`) the SDK reduces to
 * "422 status code (no body)". A 422 for another reason fails the json_object retry the same way,
 * so it still surfaces.
 */
function refusesJsonSchema(err: unknown): boolean {
  if (!(err instanceof LlmError)) return false;
  return err.status === 422 || (err.status === 400 && /response_format|json_schema/i.test(err.message));
}

export async function chatStructured<T>(
  client: LlmClient,
  stage: string,
  req: StructuredRequest,
  meter: StageMeter,
  opts: CallOptions,
): Promise<T> {
  const validate = validatorFor(req.schema);
  let lastProblem = '';
  let lastRaw = '';
  for (let variant = 0; variant < 2; variant++) {
    let res: ChatResult | undefined;
    const call = (mode: 'json_schema' | 'json_object') =>
      client.chat(
        stage,
        {
          messages: req.messages,
          temperature: req.temperature,
          variant,
          ...(req.cacheSalt ? { cacheSalt: req.cacheSalt } : {}),
          ...(req.seed !== undefined ? { seed: req.seed } : {}),
          // An answer that does not parse against the schema is not kept: a re-run asks again.
          accept: (content) => {
            try {
              return validate(parseJsonContent(content));
            } catch {
              return false;
            }
          },
          responseFormat:
            mode === 'json_schema'
              ? { type: 'json_schema', json_schema: { name: req.name, schema: req.schema as Record<string, unknown>, strict: true } }
              : { type: 'json_object' },
        },
        opts,
      );
    // Wait while another call is finding out whether json_schema is accepted.
    while (client.jsonSchemaSupport === 'unknown' && client.jsonSchemaProbe) await client.jsonSchemaProbe;
    if (client.jsonSchemaSupport === 'no') {
      res = meter.add(await call('json_object'));
    } else if (client.jsonSchemaSupport === 'yes') {
      res = meter.add(await call('json_schema'));
    } else {
      let probed!: () => void;
      client.jsonSchemaProbe = new Promise<void>((resolve) => (probed = resolve));
      try {
        res = meter.add(await call('json_schema'));
        client.jsonSchemaSupport = 'yes';
      } catch (err) {
        if (!refusesJsonSchema(err)) throw err;
        meter.addAttempts((err as LlmError).attempts);
        client.jsonSchemaSupport = 'no';
      } finally {
        client.jsonSchemaProbe = null;
        probed();
      }
      if (!res) res = meter.add(await call('json_object'));
    }
    lastRaw = res.content;
    try {
      const value = parseJsonContent(res.content);
      if (validate(value)) return value as T;
      lastProblem = ajv.errorsText(validate.errors);
    } catch (err) {
      lastProblem = `not valid JSON (${(err as Error).message})`;
    }
  }
  const raw = lastRaw.length > RAW_LIMIT ? `${lastRaw.slice(0, RAW_LIMIT)}…` : lastRaw;
  throw new StructuredOutputError(`${stage}: the model's output does not match the ${req.name} schema: ${lastProblem}; raw output: ${raw}`, raw);
}
