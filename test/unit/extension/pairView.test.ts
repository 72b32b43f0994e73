// What the review panel is sent for a blind comparison (src/extension/review/pairView.ts): the
// responses in the sides the session gives, names and anything naming a configuration left out
// when the study hides them, the saved judgement turned into sides and back, and staleness.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blindTrace, judgementInSides, pairViewOf, winnerByConfig, type SessionPair } from '../../../src/extension/review/pairView';
import type { ComparisonEntry } from '../../../src/core/types';
import { sampleTrace } from '../traces/sampleTrace';

const trace = (name: string, answer: string) => {
  const base = sampleTrace({ itemId: 'qa-ja-001' });
  return { ...base, id: `id-${name}`, createdAt: `2026-11-2${name.length}T10:00:00.000Z`, config: { ...base.config, name, model: `model-of-${name}` }, final: { response: answer, answer } };
};

function pair(entry?: ComparisonEntry): SessionPair {
  return {
    configs: ['coreasoner', 'direct'],
    sides: { '1': 'direct', '2': 'coreasoner' },
    traces: { coreasoner: trace('coreasoner', 'A of coreasoner'), direct: trace('direct', 'A of direct') },
    sha256: { coreasoner: 'sha-c', direct: 'sha-d' },
    entry,
  };
}

const entry = (extra: Partial<ComparisonEntry> = {}): ComparisonEntry => ({
  sides: { '1': 'direct', '2': 'coreasoner' },
  traceIds: { coreasoner: 'id-coreasoner', direct: 'id-direct' },
  traceSha256: { coreasoner: 'sha-c', direct: 'sha-d' },
  winner: { clinical_soundness: 'coreasoner', cultural_grounding: 'tie', safety: 'direct', other: 'both_bad' },
  flags: ['unsafe'],
  comment: 'c',
  revision: 3,
  updatedAt: '2026-11-25T10:00:00.000Z',
  history: [],
  ...extra,
});

test('responses follow the session\'s sides; hidden names leave no configuration, id or date in what is sent', () => {
  const view = pairViewOf(pair(), true);
  assert.ok(view.ok);
  assert.deepEqual(view.responses.map((r) => [r.side, r.trace.final.answer]), [['1', 'A of direct'], ['2', 'A of coreasoner']]);
  const sent = JSON.stringify(view);
  for (const secret of ['coreasoner', 'direct', 'id-', 'model-of', '2026-11-2']) {
    assert.ok(!sent.replace(/A of (coreasoner|direct)/g, '').includes(secret), `"${secret}" reaches the webview`);
  }
  assert.equal(view.judgement, null);
  assert.equal(view.stale, false);
  // Not hidden: names and traces as they are.
  const open = pairViewOf(pair(), false);
  assert.ok(open.ok);
  assert.deepEqual(open.responses.map((r) => r.config), ['direct', 'coreasoner']);
  assert.equal(open.responses[0].trace.id, 'id-direct');
  assert.equal(blindTrace(trace('x', 'y')).final.answer, 'y');
});

test('a saved judgement is shown in sides and saved back as configurations', () => {
  const view = pairViewOf(pair(entry()), true);
  assert.ok(view.ok && view.judgement);
  assert.deepEqual(view.judgement, {
    revision: 3,
    winner: { clinical_soundness: '2', cultural_grounding: 'tie', safety: '1', other: 'both_bad' },
    flags: ['unsafe'],
    comment: 'c',
  });
  assert.deepEqual(winnerByConfig(view.judgement.winner, pair().sides), entry().winner);
  // A winner naming neither configuration (a hand-edited file) is left out, not shown as a side.
  assert.deepEqual(judgementInSides(entry({ winner: { clinical_soundness: 'paper' } }), pair().sides).winner, {});
});

test('stale once either response changed since the judgement; an item without a pair carries the reason', () => {
  assert.equal((pairViewOf(pair(entry({ traceSha256: { coreasoner: 'sha-c', direct: 'old' } })), true) as { stale: boolean }).stale, true);
  assert.equal((pairViewOf(pair(entry()), true) as { stale: boolean }).stale, false);
  assert.deepEqual(pairViewOf({ ok: false, message: 'item x has no trace of direct' }, true), { ok: false, message: 'item x has no trace of direct' });
});
