// End to end: a configuration other than the default, picked in Run Co-Reasoning, on a
// multiple-choice workspace. The packaged extension (dist/medco-review.vsix) in code-server opens
// an MMedBench file (published layout, several gold letters), shows the item's options and gold
// letters, runs `paper` on the open item against the local OpenAI test server, writes a `paper`
// trace and shows it in the review panel with the letters read from its answers.
// Run: npm run package && node --import tsx --test test/e2e/configurations.test.ts
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chooseFromPicker, REPO, runCommand, startCodeServer, waitFor, failureDiagnostics, type CodeServerSession } from '../support/codeServer';
import { startOpenAIServer, type FakeOpenAIServer } from '../support/openaiServer';
import { makeTempDir } from '../support/tempDir';

const DATASET = 'Japanese.jsonl';
const TRACES = 'Japanese.traces.jsonl';
// MMedBench row 2: "…を2つ選べ", options A–E, gold "A,C".
const ITEM = 'mcq-ja-002';

let cs: CodeServerSession;
let llm: FakeOpenAIServer;
const { guarded, stop } = failureDiagnostics('e2e-configurations');

before(async () => {
  llm = await startOpenAIServer();
  // The workspace: the MMedBench fixture as the dataset, nothing else (no traces, no annotations).
  const source = makeTempDir('medco-e2e-mcq-');
  copyFileSync(path.join(REPO, 'test/fixtures/mcq/mmedbench/test', DATASET), path.join(source, DATASET));
  mkdirSync(path.join(source, '.vscode'));
  writeFileSync(path.join(source, '.vscode', 'settings.json'), JSON.stringify({ 'medco.dataset': DATASET, 'medco.annotationsDir': 'annotations' }, null, 2));
  cs = await startCodeServer({
    workspaceSource: source,
    settings: {
      'medco.annotator.id': 'e2e-configs',
      'medco.llm.baseUrl': llm.url,
      'medco.llm.model': 'e2e-chat',
      'medco.llm.embeddingModel': 'e2e-embed',
    },
  });
});

after(async () => {
  await stop(cs);
  await llm?.close();
});

/** The review panel's frame once it shows `itemId` and `selector` inside it. */
async function panelOn(page: CodeServerSession['page'], itemId: string, selector: string, timeoutMs: number): Promise<import('playwright-core').Frame> {
  return waitFor(`the review panel on ${itemId} with ${selector}`, async () => {
    for (const f of page.frames()) {
      const shown = await f.locator('[data-testid="item-id"]').first().innerText({ timeout: 1_000 }).catch(() => '');
      if (shown === itemId && (await f.locator(selector).count()) > 0) return f;
    }
    return undefined;
  }, timeoutMs);
}

test('paper, picked in Run Co-Reasoning, runs on an MMedBench item; the panel shows options, gold letters and the letters read', { timeout: 420_000 }, () =>
  guarded(async () => {
    const { page, workspace } = cs;
    const container = page.locator('.activitybar .action-item a[aria-label^="Med-CoReasoner"]').first();
    await container.waitFor({ state: 'visible', timeout: 90_000 });
    await container.click();

    await chooseFromPicker(page, 'Med-CoReasoner: Open Item', ITEM);
    let frame = await panelOn(page, ITEM, '[data-testid="options-local"]', 90_000);
    // The options (A–E, as in the file) and the two gold letters, before any trace exists.
    const letters = await frame.locator('[data-testid="options-local"] li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-letter')));
    assert.deepEqual(letters, ['A', 'B', 'C', 'D', 'E']);
    assert.equal((await frame.locator('[data-testid="gold-label"]').innerText()).trim(), 'Gold answer: A, C');
    assert.deepEqual(await frame.locator('[data-testid="options-local"] li.gold').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-letter'))), ['A', 'C']);

    await runCommand(page, 'Med-CoReasoner: Run Co-Reasoning');
    const choice = page.locator('.quick-input-list .monaco-list-row', { hasText: ITEM }).first();
    await choice.waitFor({ state: 'visible', timeout: 30_000 });
    await choice.click();
    // The configuration picker (src/extension/reasoning/chooseConfiguration.ts): not the default.
    const paper = page.locator('.quick-input-list .monaco-list-row', { hasText: "The released code's method" }).first();
    await paper.waitFor({ state: 'visible', timeout: 30_000 });
    await paper.click();

    const file = path.join(workspace, TRACES);
    const trace = await waitFor(
      'the paper trace in the traces file',
      () => {
        if (!existsSync(file)) return undefined;
        return readFileSync(file, 'utf8')
          .split('\n')
          .filter((l) => l.trim() !== '')
          .map((l) => JSON.parse(l) as { itemId: string; task: string; config: { name: string; model: string }; errors: unknown[]; final: { answer: string } })
          .find((t) => t.itemId === ITEM);
      },
      180_000,
      500,
    );
    assert.equal(trace.config.name, 'paper');
    assert.equal(trace.config.model, 'e2e-chat');
    assert.equal(trace.task, 'mcq');
    assert.deepEqual(trace.errors, []);
    assert.ok(llm.requests.some((r) => r.stage === 'embeddings'), 'paper aligns by embeddings');

    // The panel follows the new trace: the final answer's letters, with the verdict in words.
    frame = await panelOn(page, ITEM, '[data-testid="mcq-answers"]', 90_000);
    const final = frame.locator('[data-testid="mcq-answers"] li[data-side="final"]');
    assert.equal(await final.getAttribute('data-status'), 'incorrect');
    assert.equal((await final.locator('.mcq-answer-letters').innerText()).trim(), 'C, D');
    assert.equal((await frame.locator('[data-testid="gold-label"]').innerText()).trim(), 'Gold answer: A, C');
    assert.equal(await frame.locator('[data-testid="options-local"] li').count(), 5);
  }),
);
