/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS: VS Code loads extensionTestsPath with require() */
// Entry point VS Code calls inside its extension host (`extensionTestsPath`): a small mocha-style
// runner (describe/it with async functions, no extra dependency) over the integration checks.
// Results go to stdout and, when MEDCO_ELECTRON_RESULTS is set, to that file as JSON — code-server
// does not propagate the exit code, so a file is the reliable channel there.
const { writeFileSync } = require('node:fs');
const { suite } = require('./integration.cjs');

async function run() {
  const results = [];
  for (const { name, fn } of suite()) {
    const started = Date.now();
    try {
      await fn();
      results.push({ name, ok: true, ms: Date.now() - started });
      console.log(`  ✓ ${name}`);
    } catch (err) {
      results.push({ name, ok: false, ms: Date.now() - started, error: String(err && err.stack ? err.stack : err) });
      console.error(`  ✗ ${name}\n    ${err && err.message ? err.message : err}`);
    }
  }
  if (process.env.MEDCO_ELECTRON_RESULTS) writeFileSync(process.env.MEDCO_ELECTRON_RESULTS, JSON.stringify(results, null, 2));
  const failed = results.filter((r) => !r.ok).length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  if (failed > 0) throw new Error(`${failed} integration check(s) failed`);
}

module.exports = { run };
