import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isAdjudicationHostToWebview, isAdjudicationWebviewToHost } from '../../../src/protocol/adjudication';
import { interpretAdjudicationKey } from '../../../webview/adjudication/keys';

test('the host accepts well-formed decisions and refuses malformed ones', () => {
  const params = { itemId: 'qa-ja-001', dimension: 'clinical_soundness', status: 'adjudicated', value: 3, rationale: 'r', expectedRevision: 0 };
  const decide = (p: object) => ({ type: 'request', id: 1, method: 'decide', params: p });
  assert.equal(isAdjudicationWebviewToHost(decide(params)), true);
  assert.equal(isAdjudicationWebviewToHost(decide({ ...params, errorType: 'guideline_gap' })), true);
  assert.equal(isAdjudicationWebviewToHost(decide({ ...params, errorType: 'made_up' })), false);
  assert.equal(isAdjudicationWebviewToHost(decide({ ...params, value: 2.5 })), false);
  assert.equal(isAdjudicationWebviewToHost(decide({ ...params, status: 'unresolved' })), false); // unresolved carries no value
  assert.equal(isAdjudicationWebviewToHost(decide({ ...params, status: 'unresolved', value: null })), true);
  assert.equal(isAdjudicationWebviewToHost(decide({ ...params, expectedRevision: -1 })), false);
  assert.equal(isAdjudicationWebviewToHost({ type: 'request', id: 1, method: 'diff', params: { kind: 'comments', left: 'A', right: 'B' } }), true);
  assert.equal(isAdjudicationWebviewToHost({ type: 'request', id: 1, method: 'diff', params: { kind: 'revision', annotator: 'A' } }), false);
  assert.equal(isAdjudicationWebviewToHost({ type: 'request', id: 1, method: 'saveRating', params: {} }), false);
  assert.equal(isAdjudicationWebviewToHost({ type: 'revealNames', reveal: 'yes' }), false);
  assert.equal(isAdjudicationWebviewToHost({ type: 'saveRating' }), false);
  assert.equal(isAdjudicationWebviewToHost(null), false);
});

test('the webview accepts only host messages of known shape', () => {
  assert.equal(isAdjudicationHostToWebview({ type: 'showAdjudication', view: { itemId: 'x', dimensions: [] }, strings: {} }), true);
  assert.equal(isAdjudicationHostToWebview({ type: 'showAdjudication', view: {}, strings: {} }), false);
  assert.equal(isAdjudicationHostToWebview({ type: 'reply', id: 1, result: null }), true);
  assert.equal(isAdjudicationHostToWebview({ type: 'reply', id: 1, error: 'disk full' }), true);
  assert.equal(isAdjudicationHostToWebview({ type: 'reply', id: 1, error: 3 }), false);
  assert.equal(isAdjudicationHostToWebview({ type: 'reply', id: 'a', result: null }), false);
  assert.equal(isAdjudicationHostToWebview({ type: 'decisionState', itemId: 'x', dimension: 'd', state: 'saved' }), false);
});

test('keyboard: digits choose gold, Ctrl+Enter saves even while typing, letters are text in the rationale', () => {
  assert.deepEqual(interpretAdjudicationKey({ key: '4' }, false), { kind: 'gold', value: 4 });
  assert.equal(interpretAdjudicationKey({ key: '4' }, true), null);
  assert.deepEqual(interpretAdjudicationKey({ key: 'Enter', ctrlKey: true }, true), { kind: 'save' });
  assert.deepEqual(interpretAdjudicationKey({ key: 'Enter', metaKey: true }, false), { kind: 'save' });
  assert.deepEqual(interpretAdjudicationKey({ key: 'u' }, false), { kind: 'unresolved' });
  assert.equal(interpretAdjudicationKey({ key: 'u' }, true), null);
  assert.deepEqual(interpretAdjudicationKey({ key: 'Escape' }, true), { kind: 'leaveText' });
  assert.deepEqual(interpretAdjudicationKey({ key: 'N' }, false), { kind: 'navigate', direction: 'next' });
  assert.deepEqual(interpretAdjudicationKey({ key: 'ArrowDown' }, false), { kind: 'dimension', step: 1 });
  assert.equal(interpretAdjudicationKey({ key: '4', ctrlKey: true }, false), null);
});
