// The Batch API of the local OpenAI test server: POST /v1/files (multipart, purpose "batch"),
// GET /v1/files/{id}/content, POST /v1/batches, GET /v1/batches/{id}, GET /v1/batches (list),
// POST /v1/batches/{id}/cancel. A batch moves validating → in_progress → completed by the clock
// (`delayMs` after creation); its lines are answered by the same respond() as live requests and
// written to an output file (and failed lines to an error file) in the Batch API's line format,
// which vLLM's `run-batch` also writes. Failures can be injected per batch (by creation order):
// the whole batch `failed` or `expired` (expired keeps the first half of its answers), lines
// missing from the output, a duplicated output line, a line for a request never sent. Every
// created batch and every answered line is logged, so tests can prove nothing was sent twice.
import type http from 'node:http';

export interface BatchFaults {
  /** Time from creation to completion. */
  delayMs?: number;
  /** Batches (0-based, in creation order) that end `failed` (validation) without output. */
  fail?: number[];
  /** Batches that end `expired`, with answers for the first half of their lines only. */
  expire?: number[];
  /** Batches whose output leaves out their last line. */
  dropLast?: number[];
  /** Batches whose output repeats their first line. */
  duplicateFirst?: number[];
  /** Batches whose output has an extra line for a custom_id that was never sent. */
  stray?: number[];
}

export interface BatchLogEntry {
  id: string;
  endpoint: string;
  lines: number;
  customIds: string[];
}

type Responder = (request: { path: string; body: Record<string, unknown>; n: number }) => { status: number; payload: unknown };

interface StoredFile {
  id: string;
  filename: string;
  purpose: string;
  content: string;
}

interface Batch {
  id: string;
  endpoint: string;
  input_file_id: string;
  completion_window: string;
  createdMs: number;
  ordinal: number;
  cancelled: boolean;
  result?: { status: string; output_file_id: string | null; error_file_id: string | null; counts: { total: number; completed: number; failed: number } };
}

export interface BatchRoutes {
  /** Answers the request if it is a Batch API route; false for other paths. */
  handle(method: string, path: string, req: http.IncomingMessage, raw: Buffer, send: (status: number, payload: unknown, text?: string) => void): boolean;
  /** Batches created, in order. */
  created: BatchLogEntry[];
  /** Batch lines answered, over all batches. */
  linesAnswered(): number;
  /** Forgets a batch, as a server that purged it would (its id then answers 404). */
  forget(id: string): void;
}

export function batchRoutes(faults: BatchFaults, respond: Responder): BatchRoutes {
  const files = new Map<string, StoredFile>();
  const batches = new Map<string, Batch>();
  const created: BatchLogEntry[] = [];
  let answered = 0;
  let fileCount = 0;
  let lineCount = 0;

  const storeFile = (filename: string, purpose: string, content: string): StoredFile => {
    const file = { id: `file-${++fileCount}`, filename, purpose, content };
    files.set(file.id, file);
    return file;
  };
  const fileObject = (f: StoredFile) => ({ id: f.id, object: 'file', bytes: Buffer.byteLength(f.content), created_at: 0, filename: f.filename, purpose: f.purpose });

  /** Runs the batch once its time has come: answers its lines and writes the output and error files. */
  const settle = (batch: Batch): void => {
    if (batch.result) return;
    const input = files.get(batch.input_file_id)!.content;
    const lines = input.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as { custom_id: string; url: string; body: Record<string, unknown> });
    const has = (list?: number[]) => list?.includes(batch.ordinal) ?? false;
    if (has(faults.fail)) {
      batch.result = { status: 'failed', output_file_id: null, error_file_id: null, counts: { total: lines.length, completed: 0, failed: 0 } };
      return;
    }
    const expired = has(faults.expire);
    const kept = expired ? lines.slice(0, Math.floor(lines.length / 2)) : has(faults.dropLast) ? lines.slice(0, -1) : lines;
    const out: string[] = [];
    const errors: string[] = [];
    for (const line of kept) {
      const answer = respond({ path: line.url, body: line.body, n: lineCount++ });
      answered++;
      const record = { id: `batch_req_${lineCount}`, custom_id: line.custom_id, response: { status_code: answer.status, request_id: `req_${lineCount}`, body: answer.payload }, error: null };
      (answer.status === 200 ? out : errors).push(JSON.stringify(record));
    }
    if (has(faults.duplicateFirst) && out.length > 0) out.push(out[0]);
    if (has(faults.stray)) out.push(JSON.stringify({ id: 'batch_req_stray', custom_id: 'never-sent', response: { status_code: 200, body: {} }, error: null }));
    const output = out.length > 0 ? storeFile(`${batch.id}_output.jsonl`, 'batch_output', out.join('\n') + '\n') : null;
    const error = errors.length > 0 ? storeFile(`${batch.id}_error.jsonl`, 'batch_output', errors.join('\n') + '\n') : null;
    batch.result = {
      status: expired ? 'expired' : 'completed',
      output_file_id: output?.id ?? null,
      error_file_id: error?.id ?? null,
      counts: { total: lines.length, completed: out.length, failed: errors.length },
    };
  };

  const batchObject = (batch: Batch) => {
    const age = Date.now() - batch.createdMs;
    const delay = faults.delayMs ?? 0;
    let status: string;
    if (batch.cancelled) status = 'cancelled';
    else if (age < delay / 3) status = 'validating';
    else if (age < delay) status = 'in_progress';
    else {
      settle(batch);
      status = batch.result!.status;
    }
    const done = ['completed', 'expired'].includes(status);
    return {
      id: batch.id,
      object: 'batch',
      endpoint: batch.endpoint,
      input_file_id: batch.input_file_id,
      completion_window: batch.completion_window,
      status,
      output_file_id: done ? batch.result!.output_file_id : null,
      error_file_id: done ? batch.result!.error_file_id : null,
      created_at: Math.floor(batch.createdMs / 1000),
      request_counts: batch.result?.counts ?? { total: 0, completed: 0, failed: 0 },
      errors: status === 'failed' ? { object: 'list', data: [{ code: 'invalid_request', message: 'injected validation failure', line: 1 }] } : null,
    };
  };

  const notFound = (send: (status: number, payload: unknown) => void, what: string) =>
    send(404, { error: { message: `No such ${what}`, type: 'invalid_request_error' } });

  return {
    created,
    linesAnswered: () => answered,
    forget: (id) => void batches.delete(id),
    handle(method, path, req, raw, send) {
      const fileContent = /^\/v1\/files\/([^/]+)\/content$/.exec(path);
      const batchPath = /^\/v1\/batches(?:\/([^/]+))?(\/cancel)?$/.exec(path);
      if (method === 'POST' && path === '/v1/files') {
        void new Response(new Uint8Array(raw), { headers: { 'content-type': req.headers['content-type'] ?? '' } })
          .formData()
          .then(async (form) => {
            const file = form.get('file');
            if (!(file instanceof Blob)) return send(400, { error: { message: 'missing file', type: 'invalid_request_error' } });
            const name = (file as File).name ?? 'upload.jsonl';
            send(200, fileObject(storeFile(name, String(form.get('purpose') ?? ''), await file.text())));
          })
          .catch((err: Error) => send(400, { error: { message: `bad multipart body: ${err.message}`, type: 'invalid_request_error' } }));
        return true;
      }
      if (method === 'GET' && fileContent) {
        const file = files.get(fileContent[1]);
        if (!file) notFound(send, 'file');
        else send(200, null, file.content);
        return true;
      }
      if (!batchPath) return false;
      const [, id, cancel] = batchPath;
      if (method === 'POST' && !id) {
        const body = JSON.parse(raw.toString('utf8') || '{}') as { input_file_id?: string; endpoint?: string; completion_window?: string };
        const input = body.input_file_id ? files.get(body.input_file_id) : undefined;
        if (!input) return notFound(send, 'input file'), true;
        const batch: Batch = {
          id: `batch_${created.length + 1}`,
          endpoint: body.endpoint ?? '',
          input_file_id: input.id,
          completion_window: body.completion_window ?? '24h',
          createdMs: Date.now(),
          ordinal: created.length,
          cancelled: false,
        };
        batches.set(batch.id, batch);
        const customIds = input.content.split('\n').filter((l) => l.trim()).map((l) => (JSON.parse(l) as { custom_id: string }).custom_id);
        created.push({ id: batch.id, endpoint: batch.endpoint, lines: customIds.length, customIds });
        send(200, batchObject(batch));
        return true;
      }
      if (method === 'GET' && !id) {
        send(200, { object: 'list', data: [...batches.values()].map(batchObject), has_more: false });
        return true;
      }
      const batch = id ? batches.get(id) : undefined;
      if (!batch) return notFound(send, 'batch'), true;
      if (method === 'POST' && cancel) batch.cancelled = true;
      send(200, batchObject(batch));
      return true;
    },
  };
}
