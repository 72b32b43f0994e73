// First contact (issue #14, item 7), checked on package.json as VS Code reads it: every palette
// command in category "Med-CoReasoner" with a translated title, every view with an icon and a
// welcome view, a walkthrough whose steps point at media and commands that exist, a 128×128 PNG
// extension icon, and Open Sample's sample listed in the package.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const c = pkg.contributes;
const nlsFiles = readdirSync(ROOT).filter((f) => /^package\.nls(\.[a-z-]+)?\.json$/.test(f));
const nls = (key: string): string => key.replace(/^%|%$/g, '');
const commandIds = new Set<string>(c.commands.map((x: { command: string }) => x.command));

test('every command is in category Med-CoReasoner with a title in every package.nls bundle', () => {
  assert.ok(nlsFiles.includes('package.nls.ko.json'));
  for (const cmd of c.commands) {
    assert.equal(cmd.category, 'Med-CoReasoner', cmd.command);
    for (const f of nlsFiles) {
      const bundle = JSON.parse(readFileSync(path.join(ROOT, f), 'utf8'));
      assert.equal(typeof bundle[nls(cmd.title)], 'string', `${f}: ${cmd.title}`);
    }
  }
  for (const id of ['medco.openSampleWorkspace', 'medco.testConnection', 'medco.showAnnotationFile']) assert.ok(commandIds.has(id), id);
});

test('every view has an icon file and a welcome view', () => {
  const views = Object.values(c.views).flat() as { id: string; icon?: string }[];
  assert.ok(views.length >= 2);
  for (const v of views) {
    assert.ok(v.icon && existsSync(path.join(ROOT, v.icon)), `${v.id}: icon`);
    assert.ok(c.viewsWelcome.some((w: { view: string }) => w.view === v.id), `${v.id}: welcome view`);
  }
});

test('the walkthrough opens the sample, sets the id, rates, shows the file, disagreements and statistics', () => {
  const [w] = c.walkthroughs;
  assert.deepEqual(w.steps.map((s: { id: string }) => s.id), ['openSample', 'setAnnotator', 'rate', 'seeFile', 'disagreements', 'statistics']);
  const en = JSON.parse(readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8'));
  for (const s of w.steps) {
    assert.ok(existsSync(path.join(ROOT, s.media.markdown)), s.media.markdown);
    for (const ev of s.completionEvents as string[]) {
      if (ev.startsWith('onCommand:')) assert.ok(commandIds.has(ev.slice(10)), ev);
    }
    // Every command link in a step is a command of ours (or a built-in one).
    for (const m of (en[nls(s.description)] as string).matchAll(/\(command:([\w.]+)/g)) {
      assert.ok(commandIds.has(m[1]) || m[1].startsWith('workbench.') || m[1] === 'medco.disagreements.focus', m[1]);
    }
  }
});

test('the extension icon is a 128×128 PNG, and the sample ships in the VSIX', () => {
  const png = readFileSync(path.join(ROOT, pkg.icon));
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  const ignore = readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8');
  assert.match(ignore, /^!sample\/\*\.jsonl$/m);
  assert.match(ignore, /^!media\/\*\*$/m);
});
