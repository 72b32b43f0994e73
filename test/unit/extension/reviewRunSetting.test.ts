// The settings medco.review.configuration / medco.review.round read as a run: defaults coreasoner
// round 1, a blank configuration is the default one, a bad round falls back to round 1.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { installVscodeStub } from './vscodeStub';
import type * as Setting from '../../../src/extension/workspace/reviewRunSetting';

let readReviewRun: typeof Setting.readReviewRun;
before(async () => {
  installVscodeStub();
  ({ readReviewRun } = await import('../../../src/extension/workspace/reviewRunSetting'));
});

const section = (values: Record<string, unknown>) => ({ get: <T>(key: string) => values[key] as T | undefined });

test('the review run settings: defaults, trimming, a bad round is round 1', () => {
  assert.deepEqual(readReviewRun(section({})), { config: 'coreasoner', round: 1 });
  assert.deepEqual(readReviewRun(section({ 'review.configuration': ' paper ', 'review.round': 3 })), { config: 'paper', round: 3 });
  assert.deepEqual(readReviewRun(section({ 'review.configuration': '', 'review.round': 2 })), { config: 'coreasoner', round: 2 });
  assert.deepEqual(readReviewRun(section({ 'review.configuration': 'direct', 'review.round': 0 })), { config: 'direct', round: 1 });
  assert.deepEqual(readReviewRun(section({ 'review.configuration': 7, 'review.round': 'x' })), { config: 'coreasoner', round: 1 });
});
