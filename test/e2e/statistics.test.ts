// End to end: the statistics dashboard of the packaged extension (dist/medco-review.vsix) in
// code-server + Chromium. The dashboard computes in a worker thread (dist/statsWorker.js, found
// beside dist/extension.js); this is the only test that starts that worker from the installed VSIX
// inside a real extension host. Expected figures are counted straight from the sample's annotation
// files here (not through our loader or statistics code). Run:
// npm run package && node --import tsx --test test/e2e/statistics.test.ts
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Frame } from 'playwright-core';
import { findFrame, REPO, runCommand, startCodeServer, waitFor, failureDiagnostics, type CodeServerSession } from '../support/codeServer';

const WORKSPACE_SOURCE = process.env.MEDCO_E2E_WORKSPACE ?? path.join(REPO, 'sample');
const DIMENSION = 'clinical_soundness';
const NEW_ANNOTATOR = 'dr-e2e-stats';

interface AnnotationFile {
  annotator: { id: string; role?: string };
  items: Record<string, { rating?: Record<string, unknown> }>;
}

function datasetInfo(): { datasetFile: string; dataset: string; firstItemId: string } {
  const settings = JSON.parse(readFileSync(path.join(WORKSPACE_SOURCE, '.vscode', 'settings.json'), 'utf8'));
  const datasetFile = settings['medco.dataset'] as string;
  const firstItemId = readFileSync(path.join(WORKSPACE_SOURCE, datasetFile), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { id: string; lang: string })
    .find((r) => r.lang !== 'en')!.id;
  return { datasetFile, dataset: path.basename(datasetFile, path.extname(datasetFile)), firstItemId };
}

/** Per annotator: items with a rating, and ratings of DIMENSION — counted from the raw files. */
function countsOnDisk(annotationsDir: string): Map<string, { items: number; dimensionRatings: number }> {
  const counts = new Map<string, { items: number; dimensionRatings: number }>();
  for (const name of readdirSync(annotationsDir).filter((f) => f.endsWith('.json'))) {
    const doc = JSON.parse(readFileSync(path.join(annotationsDir, name), 'utf8')) as AnnotationFile;
    if (doc.annotator.role === 'model') continue; // the LLM judge: left out of the physicians' statistics
    const ratings = Object.values(doc.items).map((e) => e.rating ?? {});
    counts.set(doc.annotator.id, {
      items: ratings.filter((r) => Object.values(r).some((v) => typeof v === 'number')).length,
      dimensionRatings: ratings.filter((r) => typeof r[DIMENSION] === 'number').length,
    });
  }
  return counts;
}

/** A table of the panel as rows of cell texts (header row excluded). */
async function tableRows(frame: Frame, testId: string): Promise<string[][]> {
  return frame.locator(`[data-testid="${testId}"] tbody tr`).evaluateAll((rows) =>
    rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').trim())),
  );
}

/** The dimension's label from the rubric file shipped with the workspace or the extension. */
function dimensionLabel(): string {
  const rubric = JSON.parse(readFileSync(path.join(REPO, 'annotations', 'rubric.json'), 'utf8')) as { dimensions: { id: string; label: string }[] };
  return rubric.dimensions.find((d) => d.id === DIMENSION)!.label;
}

let cs: CodeServerSession;
const { guarded, stop } = failureDiagnostics('e2e-statistics');

before(async () => {
  cs = await startCodeServer({ workspaceSource: WORKSPACE_SOURCE, settings: { 'medco.annotator.id': 'e2e-stats-viewer' } });
});

after(async () => {
  await stop(cs);
});

test('the statistics dashboard computes in its worker and follows a new annotator file on disk', { timeout: 240_000 }, () =>
  guarded(async () => {
    const { page, workspace } = cs;
    const { dataset, firstItemId } = datasetInfo();
    const annotationsDir = path.join(workspace, 'annotations', dataset);
    const before = countsOnDisk(annotationsDir);
    const expectedRatings = [...before.values()].reduce((sum, c) => sum + c.dimensionRatings, 0);
    const label = dimensionLabel();

    await runCommand(page, 'Med-CoReasoner: Show Statistics');
    // The frame shows either the dashboard or the error the host sent (e.g. a worker that did not start).
    const frame = await findFrame(page, '[data-testid="stats-key-numbers"], [data-testid="stats-error"]', 90_000);
    const error = frame.locator('[data-testid="stats-error"]');
    if ((await error.count()) > 0) assert.fail(`the panel shows an error: ${await error.innerText()}`);

    // Header: dataset name and the number of annotators in the folder.
    const meta = frame.locator('[data-testid="stats-meta"]');
    await waitFor('the dataset and annotator count in the header', async () => {
      const text = await meta.innerText();
      return text.includes(dataset) && text.includes(`${before.size} annotators`);
    }, 30_000);
    assert.equal(before.size, 3, 'the sample has three annotators');

    // Charts are inline SVG elements.
    const charts = frame.locator('[data-testid^="chart-"] svg');
    assert.ok((await charts.count()) >= 2, `charts rendered: ${await charts.count()}`);
    assert.ok((await frame.locator('[data-testid="chart-annotators"] svg').count()) === 1, 'the annotator heatmap is an SVG');

    // Key numbers: the dimension's number of ratings equals the count in the files.
    const keyRow = (await tableRows(frame, 'table-key-numbers')).find((r) => r[0] === label);
    assert.ok(keyRow, `a key-numbers row for ${label}`);
    assert.equal(keyRow[1], String(expectedRatings));

    // The annotator table: one row per file with its rated items.
    const annotatorRows = await tableRows(frame, 'table-annotators');
    assert.deepEqual(
      Object.fromEntries(annotatorRows.map((r) => [r[0], r[1]])),
      Object.fromEntries([...before].map(([id, c]) => [id, String(c.items)])),
    );

    // Another annotator's file appears on disk (copied in by the coordinator, or `medco rate`).
    const template = JSON.parse(readFileSync(path.join(annotationsDir, readdirSync(annotationsDir).find((f) => f.endsWith('.json') && !f.startsWith('judge-'))!), 'utf8'));
    const newFile = {
      schema: template.schema,
      dataset: template.dataset,
      annotator: { id: NEW_ANNOTATOR, languages: ['zh'], role: 'annotator' },
      rubric: template.rubric,
      items: {
        [firstItemId]: {
          revision: 1,
          rating: { [DIMENSION]: 3 },
          updatedAt: new Date().toISOString(),
          history: [],
        },
      },
    };
    writeFileSync(path.join(annotationsDir, `${NEW_ANNOTATOR}.json`), `${JSON.stringify(newFile, null, 2)}\n`);

    await waitFor('the header to count the new annotator', async () => (await meta.innerText()).includes(`${before.size + 1} annotators`), 30_000);
    const keyRowAfter = (await tableRows(frame, 'table-key-numbers')).find((r) => r[0] === label);
    assert.equal(keyRowAfter?.[1], String(expectedRatings + 1));
    const newRow = (await tableRows(frame, 'table-annotators')).find((r) => r[0] === NEW_ANNOTATOR);
    assert.deepEqual(newRow?.slice(0, 2), [NEW_ANNOTATOR, '1']);
  }),
);
