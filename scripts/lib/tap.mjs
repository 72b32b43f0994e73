// Reads the results of one `node --test` run from its TAP output.

/**
 * { pass, fail } of a TAP stream: from node's closing summary (cancelled tests, e.g. cut off by
 * --test-timeout, count as failed); a stream cut short has no summary, so its top-level result
 * lines are counted instead.
 */
export function countTap(text) {
  const summary = (key) => (text.match(new RegExp(`^# ${key} (\\d+)$`, 'm')) ?? [])[1];
  if (summary('pass') !== undefined) {
    return { pass: Number(summary('pass')), fail: Number(summary('fail') ?? 0) + Number(summary('cancelled') ?? 0) };
  }
  return { pass: (text.match(/^ok \d+/gm) ?? []).length, fail: (text.match(/^not ok \d+/gm) ?? []).length };
}
