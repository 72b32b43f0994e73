// Type-checks every TypeScript project of the repository, one `tsc --noEmit -p` each: the code that
// runs in Node has no DOM, the webview apps have no Node, and the programs that drive a page have
// both (see the comment at the top of each tsconfig). `npm run typecheck` and `npm test` run this.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PROJECTS = ['tsconfig.json', 'webview/tsconfig.json', 'test/webview/tsconfig.json'];
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');

const failed = PROJECTS.filter((project) => {
  const r = spawnSync(process.execPath, [tsc, '--noEmit', '-p', project], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) console.error(`type check failed: ${project}`);
  return r.status !== 0;
});
process.exit(failed.length === 0 ? 0 : 1);
