import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../../src/cli/main';

test('medco with an unknown command is a usage error (exit 2)', async () => {
  const write = process.stderr.write;
  process.stderr.write = (() => true) as typeof process.stderr.write;
  try {
    assert.equal(await main(['no-such-command']), 2);
  } finally {
    process.stderr.write = write;
  }
});
