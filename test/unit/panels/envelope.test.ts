// The one message envelope (src/protocol/envelope.ts): requests carry ids, each reply settles the
// request with that id and no other, results are checked against the request type's guard, and
// the host-side guards of the panels refuse unknown methods and malformed params.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answer, isReply, isRequestOf, PendingRequests, requestType } from '../../../src/protocol/envelope';
import { isWebviewToHost, isHostToWebview, SAVE_RATING } from '../../../src/protocol/messages';
import { ADJUDICATION_REQUESTS } from '../../../src/protocol/adjudication';

const isNumber = (v: unknown): v is number => typeof v === 'number';
const isText = (v: unknown): v is string => typeof v === 'string';
const DOUBLE = requestType('double', isNumber, isNumber);
const ECHO = requestType('echo', isText, isText);

test('replies settle the request with their id, in any order; unknown ids are ignored', async () => {
  const pending = new PendingRequests();
  const a = pending.start(DOUBLE, 2);
  const b = pending.start(ECHO, 'x');
  assert.deepEqual(a.message, { type: 'request', id: 1, method: 'double', params: 2 });
  assert.equal(b.message.id, 2);
  assert.equal(pending.settle({ type: 'reply', id: 99, result: 1 }), false);
  assert.equal(pending.settle({ type: 'reply', id: 2, result: 'x' }), true);
  assert.equal(pending.settle({ type: 'reply', id: 1, result: 4 }), true);
  assert.equal(await a.reply, 4);
  assert.equal(await b.reply, 'x');
  // Each request is settled once: a repeated reply finds nobody waiting.
  assert.equal(pending.settle({ type: 'reply', id: 1, result: 4 }), false);
});

test('an error reply rejects with the host\'s reason; a result of the wrong shape rejects too', async () => {
  const pending = new PendingRequests();
  const failed = pending.start(DOUBLE, 1);
  const malformed = pending.start(DOUBLE, 1);
  pending.settle({ type: 'reply', id: failed.message.id, error: 'disk full' });
  pending.settle({ type: 'reply', id: malformed.message.id, result: 'four' });
  await assert.rejects(failed.reply, /disk full/);
  await assert.rejects(malformed.reply, /malformed reply to double/);
});

test('the host answers once: a result, or the thrown error as text', async () => {
  assert.deepEqual(await answer(3, () => 6), { type: 'reply', id: 3, result: 6 });
  assert.deepEqual(await answer(4, async () => { throw new Error('no such revision'); }), { type: 'reply', id: 4, error: 'no such revision' });
});

test('request and reply guards: ids, known methods, params checked by the request type', () => {
  assert.equal(isRequestOf([DOUBLE], { type: 'request', id: 1, method: 'double', params: 2 }), true);
  for (const bad of [
    { type: 'request', id: 1, method: 'double', params: '2' },
    { type: 'request', id: 1, method: 'triple', params: 2 },
    { type: 'request', id: 0, method: 'double', params: 2 },
    { type: 'request', id: 1.5, method: 'double', params: 2 },
    { type: 'request', method: 'double', params: 2 },
    { type: 'notification', id: 1, method: 'double', params: 2 },
    null,
    [],
  ]) assert.equal(isRequestOf([DOUBLE], bad), false, JSON.stringify(bad));
  assert.equal(isReply({ type: 'reply', id: 1, result: null }), true);
  assert.equal(isReply({ type: 'reply', id: 1, error: 'x' }), true);
  assert.equal(isReply({ type: 'reply', id: 1 }), false);
  assert.equal(isReply({ type: 'reply', id: 1, result: 1, error: 'x' }), false);
  assert.equal(isReply({ type: 'reply', id: -1, result: 1 }), false);
});

test('the review host accepts a well-formed saveRating request and refuses malformed ones', () => {
  const params = { itemId: 'qa-ja-001', rating: { clinical_soundness: 4, flags: [], comment: 'ok' }, concepts: {}, durationMs: 1200 };
  const request = (p: unknown, method: string = SAVE_RATING.method) => ({ type: 'request', id: 1, method, params: p });
  assert.equal(isWebviewToHost(request(params)), true);
  assert.equal(isWebviewToHost(request({ ...params, durationMs: -1 })), false);
  assert.equal(isWebviewToHost(request({ ...params, rating: { clinical_soundness: 4.5 } })), false);
  assert.equal(isWebviewToHost(request(params, 'decide')), false); // another panel's request
  assert.equal(isWebviewToHost({ type: 'saveRating', ...params }), false); // the old, unnumbered shape
  assert.equal(isHostToWebview({ type: 'reply', id: 1, result: { revision: 2, rated: 3 } }), true);
  assert.equal(isHostToWebview({ type: 'saveState', itemId: 'x', state: 'saved' }), false);
  assert.deepEqual(ADJUDICATION_REQUESTS.map((r) => r.method), ['diff', 'decide']);
});
