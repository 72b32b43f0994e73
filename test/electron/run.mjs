// `npm run test:electron`: the integration suite in a real desktop VS Code downloaded by
// @vscode/test-electron (needs internet; on offline machines use the code-server e2e tests).
// Runs the built extension (dist/extension.js) on a copy of sample/.
import { runTests } from '@vscode/test-electron';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(1);

const temp = mkdtempSync(path.join(tmpdir(), 'medco-electron-'));
const workspace = path.join(temp, 'workspace');
cpSync(path.join(root, 'sample'), workspace, { recursive: true });
const userData = path.join(temp, 'user-data');
mkdirSync(path.join(userData, 'User'), { recursive: true });
writeFileSync(
  path.join(userData, 'User', 'settings.json'),
  JSON.stringify({ 'medco.annotator.id': 'electron-tester', 'security.workspace.trust.enabled': false }),
);

try {
  await runTests({
    version: '1.100.3',
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'test', 'electron', 'suite', 'index.cjs'),
    launchArgs: [workspace, '--disable-extensions', `--user-data-dir=${userData}`],
  });
} catch (err) {
  console.error(`test:electron failed: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}
