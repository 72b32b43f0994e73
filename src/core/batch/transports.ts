// Where a pass's calls go. `openai`: the Batch API of an OpenAI-compatible server (upload the
// JSONL as a file with purpose "batch", create a batch, poll it, download its output and error
// files). `files`: offline; the request JSONL is written to --batch-dir for the user to run
// elsewhere (e.g. `vllm run-batch` on a GPU node) and the output file is read when it appears.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import OpenAI, { toFile } from 'openai';
import { createOpenAISdk, type EndpointOptions } from '../llm/sdkClient';
import type { BatchMode, BatchRecord } from './batchState';

export type PollResult =
  | { state: 'pending'; serverStatus: string }
  /** Ended: what the server answered (output and error file contents may be empty). */
  | { state: 'ended'; serverStatus: string; output: string; errors: string; where: string; message?: string }
  /** The server does not know the batch (purged, another account): its calls are collected again. */
  | { state: 'lost'; message: string }
  /** Offline: the output file is not there yet. */
  | { state: 'waiting'; message: string };

export interface BatchTransport {
  readonly mode: BatchMode;
  /** Submits the batch, calling `save` after each step a killed run must not repeat. */
  submit(record: BatchRecord, jsonl: string, save: () => Promise<void>): Promise<void>;
  poll(record: BatchRecord): Promise<PollResult>;
}

const ENDED = new Set(['completed', 'failed', 'expired', 'cancelled']);

export class OpenAIBatchTransport implements BatchTransport {
  readonly mode = 'openai';
  private readonly sdk: OpenAI;

  constructor(options: EndpointOptions) {
    // The same endpoint options (headers, Azure) as the live client; the SDK retries these few calls itself.
    this.sdk = createOpenAISdk({ ...options, apiKey: options.apiKey || process.env.OPENAI_API_KEY }).withOptions({ maxRetries: 3 });
  }

  async submit(record: BatchRecord, jsonl: string, save: () => Promise<void>): Promise<void> {
    if (!record.inputFileId) {
      const file = await this.sdk.files.create({ file: await toFile(Buffer.from(jsonl, 'utf8'), `medco-pass-${record.pass}.jsonl`), purpose: 'batch' });
      record.inputFileId = file.id;
      record.status = 'uploaded';
      await save();
    }
    if (!record.batchId) {
      // Killed between creating the batch and saving its id? Then the server has it already.
      const existing = await this.findBatchOf(record.inputFileId);
      const batch = existing ?? (await this.sdk.batches.create({ input_file_id: record.inputFileId, endpoint: record.url, completion_window: '24h' }));
      record.batchId = batch.id;
      record.serverStatus = batch.status;
      record.status = 'submitted';
      await save();
    }
  }

  async poll(record: BatchRecord): Promise<PollResult> {
    if (!record.batchId) return { state: 'lost', message: `the batch of pass ${record.pass} was never created` };
    let batch;
    try {
      batch = await this.sdk.batches.retrieve(record.batchId);
    } catch (err) {
      if ((err as { status?: number }).status === 404) return { state: 'lost', message: `the server no longer knows batch ${record.batchId}` };
      throw err;
    }
    if (!ENDED.has(batch.status)) return { state: 'pending', serverStatus: batch.status };
    const download = async (id: string | null | undefined) => (id ? await (await this.sdk.files.content(id)).text() : '');
    const reasons = batch.errors?.data?.map((e) => e.message).filter(Boolean).join('; ');
    return {
      state: 'ended',
      serverStatus: batch.status,
      output: await download(batch.output_file_id),
      errors: await download(batch.error_file_id),
      where: `batch ${batch.id}`,
      ...(reasons ? { message: reasons } : {}),
    };
  }

  private async findBatchOf(inputFileId: string | undefined): Promise<{ id: string; status: string } | undefined> {
    if (!inputFileId) return undefined;
    for await (const batch of this.sdk.batches.list({ limit: 100 })) if (batch.input_file_id === inputFileId) return batch;
    return undefined;
  }
}

export class FileBatchTransport implements BatchTransport {
  readonly mode = 'files';

  constructor(
    private readonly dir: string,
    private readonly model: string,
  ) {}

  async submit(record: BatchRecord, jsonl: string, save: () => Promise<void>): Promise<void> {
    const name = `pass-${record.pass}-${record.url.endsWith('embeddings') ? 'embeddings' : 'chat'}`;
    record.requestFile = path.join(this.dir, `${name}.jsonl`);
    record.outputFile = path.join(this.dir, `${name}.output.jsonl`);
    await mkdir(this.dir, { recursive: true });
    await writeFile(record.requestFile, jsonl, 'utf8');
    record.status = 'waiting';
    await save();
  }

  async poll(record: BatchRecord): Promise<PollResult> {
    const output = record.outputFile!;
    if (!existsSync(output)) {
      return {
        state: 'waiting',
        message: `waiting for ${output}; run the requests elsewhere, e.g.\n  vllm run-batch -i ${record.requestFile} -o ${output} --model ${this.model}\nthen run this command again`,
      };
    }
    return { state: 'ended', serverStatus: 'completed', output: await readFile(output, 'utf8'), errors: '', where: output };
  }
}
