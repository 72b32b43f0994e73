// One rule for which rubric an annotations folder is rated with (the review session, the
// statistics panel and `medco stats` all ask rubricFileFor).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { rubricFileFor } from '../../../src/core/store';
import { makeTempDir } from '../../support/tempDir';

test('the configured rubric wins; else the folder rubric.json when there is one; else the built-in default', () => {
  const dir = makeTempDir('medco-rubric-');
  assert.equal(rubricFileFor(dir), undefined);
  assert.equal(rubricFileFor(dir, '/elsewhere/rubric.json'), '/elsewhere/rubric.json');
  writeFileSync(path.join(dir, 'rubric.json'), '{}');
  assert.equal(rubricFileFor(dir), path.join(dir, 'rubric.json'));
  assert.equal(rubricFileFor(dir, '/elsewhere/rubric.json'), '/elsewhere/rubric.json');
});
