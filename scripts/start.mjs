// `npm start`: runs the extension on the bundled sample workspace (sample/).
// - With desktop VS Code (a `code` command on PATH): builds, then opens a development window
//   (`code --extensionDevelopmentPath=<repo> sample`).
// - Otherwise: packages the VSIX if it is missing or older than the sources, prepares code-server
//   (scripts/setup-e2e.sh), installs the VSIX into a user-data dir under .cache/start, starts
//   code-server on 127.0.0.1 with a free port, prints the URL, and runs until Ctrl+C.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sample = path.join(root, 'sample');
const vsix = path.join(root, 'dist', 'medco-review.vsix');
const codeServer = path.join(root, '.cache', 'code-server', 'package', 'out', 'node', 'entry.js');
const stateDir = path.join(root, '.cache', 'start');

function fail(message) {
  console.error(`npm start: ${message}`);
  process.exit(1);
}

function run(cmd, args, what) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) fail(`${what} failed (exit ${r.status ?? r.signal})`);
}

function onPath(command) {
  const r = spawnSync(process.platform === 'win32' ? 'where' : 'which', [command], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() !== '';
}

/** Newest modification time under the folders the VSIX is built from. */
function newestSource() {
  let newest = statSync(path.join(root, 'package.json')).mtimeMs;
  for (const dir of ['src', 'webview', 'media', 'l10n', 'prompts', 'annotations']) {
    const abs = path.join(root, dir);
    if (!existsSync(abs)) continue;
    for (const f of readdirSync(abs, { recursive: true })) {
      const t = statSync(path.join(abs, f)).mtimeMs;
      if (t > newest) newest = t;
    }
  }
  return newest;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

if (!existsSync(path.join(sample, '.vscode', 'settings.json'))) fail(`the sample workspace is missing: ${sample}`);

if (onPath('code') && !process.env.MEDCO_START_WEB) {
  run(process.execPath, ['scripts/build.mjs'], 'build');
  console.log('npm start: opening desktop VS Code on sample/ with the extension in development mode');
  const child = spawn('code', [`--extensionDevelopmentPath=${root}`, sample], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  if (!existsSync(vsix) || statSync(vsix).mtimeMs < newestSource()) run('npm', ['run', 'package', '--silent'], 'packaging the VSIX');
  if (!existsSync(codeServer)) {
    console.log('npm start: no desktop VS Code found; preparing code-server (first run only, a few minutes)');
    run('bash', ['scripts/setup-e2e.sh'], 'scripts/setup-e2e.sh');
  }
  const userData = path.join(stateDir, 'user-data');
  const extensions = path.join(stateDir, 'extensions');
  const workspace = path.join(stateDir, 'workspace');
  mkdirSync(path.join(userData, 'User'), { recursive: true });
  const settings = path.join(userData, 'User', 'settings.json');
  if (!existsSync(settings)) {
    writeFileSync(settings, `${JSON.stringify({ 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off' }, null, 2)}\n`);
  }
  // Ratings made while trying the extension go to a copy, so the committed sample stays as shipped.
  if (!existsSync(workspace)) cpSync(sample, workspace, { recursive: true });
  run(process.execPath, [codeServer, '--extensions-dir', extensions, '--user-data-dir', userData, '--install-extension', vsix, '--force'], 'installing the VSIX');

  const port = Number(process.env.PORT) || (await freePort());
  const server = spawn(
    process.execPath,
    [
      codeServer,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--user-data-dir', userData,
      '--extensions-dir', extensions,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      workspace,
    ],
    { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  console.log(`\nnpm start: Med-CoReasoner Review on the sample workspace:\n\n    http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}\n`);
  console.log(`(a copy of sample/ in ${workspace}; delete it to start over. Ctrl+C stops.)\n`);
  const stop = () => server.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.on('exit', (code) => process.exit(code ?? 0));
}
