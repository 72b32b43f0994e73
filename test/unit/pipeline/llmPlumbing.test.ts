import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { backoffMs, retryAfterMs } from '../../../src/core/llm/retry';
import { PriorityLimiter } from '../../../src/core/llm/priorityLimiter';
import { splitAnswer } from '../../../src/core/pipeline/itemText';

test('Retry-After: seconds, an HTTP date, and retry-after-ms (which wins)', () => {
  const now = Date.parse('2026-11-21T10:00:00Z');
  assert.equal(retryAfterMs(new Headers({ 'retry-after': '3' }), now), 3000);
  assert.equal(retryAfterMs(new Headers({ 'retry-after': 'Sat, 21 Nov 2026 10:00:07 GMT' }), now), 7000);
  assert.equal(retryAfterMs(new Headers({ 'retry-after': '3', 'retry-after-ms': '250' }), now), 250);
  assert.equal(retryAfterMs(new Headers({ 'retry-after': 'soon' }), now), null);
  assert.equal(retryAfterMs(undefined, now), null);
});

test('backoff doubles per attempt within jitter bounds, is capped, and never undercuts the server', () => {
  const policy = { maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 1000 };
  assert.equal(backoffMs(1, policy, null, () => 0), 50);
  assert.equal(backoffMs(1, policy, null, () => 1), 100);
  assert.equal(backoffMs(3, policy, null, () => 1), 400);
  assert.equal(backoffMs(10, policy, null, () => 1), 1000);
  assert.equal(backoffMs(1, policy, 2000, () => 0), 2000);
  assert.ok(backoffMs(1, policy, 2000, () => 1) <= 2100);
});

test('the limiter never runs more than its limit and starts waiting tasks by priority', async () => {
  const limiter = new PriorityLimiter(2);
  let running = 0;
  let peak = 0;
  const order: number[] = [];
  const task = (id: number) => async () => {
    running++;
    peak = Math.max(peak, running);
    order.push(id);
    await new Promise((r) => setTimeout(r, 5));
    running--;
  };
  const all = [5, 4, 3, 2, 1, 0].map((p) => limiter.run(p, task(p)));
  await Promise.all(all);
  assert.equal(peak, 2);
  // 5 and 4 start at once (free slots); the rest wait and start lowest priority number first
  assert.deepEqual(order, [5, 4, 0, 1, 2, 3]);
});

test('an aborted signal removes a waiting task without running it', async () => {
  const limiter = new PriorityLimiter(1);
  const controller = new AbortController();
  let ran = false;
  const first = limiter.run(0, () => new Promise((r) => setTimeout(r, 20)));
  const second = limiter.run(1, async () => void (ran = true), controller.signal);
  controller.abort();
  await assert.rejects(second, /cancelled/);
  await first;
  assert.equal(ran, false);
  assert.equal(limiter.inFlight, 0);
});

test('waiting tasks that share a signal share one abort listener, removed once none waits; aborting cancels them all', async () => {
  const limiter = new PriorityLimiter(1);
  const controller = new AbortController();
  /** Takes the only slot; resolves once the task runs, with what ends it. */
  const holdSlot = async (): Promise<{ release: () => void; done: Promise<void> }> => {
    let release!: () => void;
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const done = limiter.run(0, () => new Promise<void>((r) => ((release = r), started())));
    await running;
    return { release, done };
  };
  const first = await holdSlot();
  const ran: number[] = [];
  const waiting = Array.from({ length: 500 }, (_, i) => limiter.run(i + 1, async () => void ran.push(i), controller.signal));
  // One listener, not one per waiting task (each add and remove walks the signal's list).
  assert.equal(getEventListeners(controller.signal, 'abort').length, 1);
  first.release();
  await first.done;
  await Promise.all(waiting);
  assert.equal(ran.length, 500);
  assert.equal(getEventListeners(controller.signal, 'abort').length, 0, 'no listener left on the signal');

  const hold = await holdSlot();
  const cancelled = Array.from({ length: 3 }, (_, i) => limiter.run(i + 1, async () => void ran.push(-1), controller.signal));
  const other = limiter.run(9, async () => void ran.push(-2));
  controller.abort();
  for (const c of cancelled) await assert.rejects(c, /cancelled/);
  assert.equal(limiter.queued, 1, 'only the task without the signal still waits');
  hold.release();
  await hold.done;
  await other;
  assert.deepEqual(ran.slice(500), [-2]);
  assert.equal(limiter.inFlight, 0);
});

test('the reply is split at the last ANSWER line', () => {
  assert.deepEqual(splitAnswer('1. 心不全を考える。\nANSWER: 利尿薬'), { reasoning: '1. 心不全を考える。', answer: '利尿薬' });
  assert.deepEqual(splitAnswer('step\n**ANSWER:** entailment'), { reasoning: 'step', answer: 'entailment' });
  assert.deepEqual(splitAnswer('no marker\nlast line'), { reasoning: 'no marker\nlast line', answer: 'last line' });
  assert.deepEqual(splitAnswer('ANSWER: draft\nmore\nANSWER：最終'), { reasoning: 'ANSWER: draft\nmore', answer: '最終' });
});
