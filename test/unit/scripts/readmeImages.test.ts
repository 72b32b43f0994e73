// The README is the extension's page in VS Code (read from the VSIX) and the repository's front
// page: every image it shows must exist in the repository and be packaged, under the same relative
// path, since the package keeps relative links (--no-rewrite-relative-links) and VS Code resolves
// them against the installed extension. The packaged files are vsce's own listing (.vscodeignore
// applied as `vsce package` applies it), not a re-implementation of its rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { listFiles, PackageManager } from '@vscode/vsce';

const REPO = path.resolve(__dirname, '../../..');

/** Image sources of a Markdown document: `![alt](src "title")` and HTML `<img src="…">`. */
export function imageSources(markdown: string): string[] {
  // Fenced code is not rendered as images.
  const text = markdown.replace(/^```[\s\S]*?^```/gm, '');
  const sources: string[] = [];
  for (const m of text.matchAll(/!\[[^\]]*\]\(\s*(?:<([^>]+)>|([^)\s]+))(?:\s+"[^"]*")?\s*\)/g)) sources.push(m[1] ?? m[2]);
  for (const m of text.matchAll(/<img\b[^>]*\bsrc\s*=\s*["']([^"']+)["']/gi)) sources.push(m[1]);
  return sources;
}

test('imageSources finds Markdown and HTML images, not those in code blocks', () => {
  const md = '![a](docs/a.png)\n![b](<docs/b c.png> "t")\n<img alt="x" src="docs/c.png">\n```\n![no](docs/no.png)\n```\n[link](docs/d.png)';
  assert.deepEqual(imageSources(md), ['docs/a.png', 'docs/b c.png', 'docs/c.png']);
});

test('every image the README shows exists, is a PNG/JPEG/GIF, and is in the VSIX at the same path', async () => {
  const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const sources = imageSources(readme);
  assert.ok(sources.length >= 2, 'the README shows the walkthrough and the review panel');
  assert.ok(sources.includes('docs/screenshot-walkthrough.png') && sources.includes('docs/screenshot-review.png'), sources.join(', '));
  const packaged = new Set(await listFiles({ cwd: REPO, packageManager: PackageManager.None }));
  for (const src of sources) {
    if (/^[a-z]+:/i.test(src)) {
      // vsce refuses README images that are not https.
      assert.match(src, /^https:\/\//, `${src}: README images from elsewhere must be https`);
      continue;
    }
    const file = path.posix.normalize(decodeURI(src).replace(/^\.\//, ''));
    assert.ok(!file.startsWith('..') && !file.startsWith('/'), `${src}: must be inside the repository`);
    assert.ok(existsSync(path.join(REPO, file)), `README.md shows ${src}, which does not exist`);
    // vsce refuses SVG images in a README (except from trusted badge services).
    assert.match(file, /\.(png|jpe?g|gif)$/i, `${src}: use a PNG, JPEG or GIF`);
    assert.ok(packaged.has(file), `README.md shows ${src}, which .vscodeignore leaves out of the VSIX`);
  }
});

test('the package keeps the README\'s relative links, which resolve inside the VSIX', () => {
  const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string>; repository?: unknown };
  // Without a repository vsce could only rewrite them to nowhere (and fails on images); with one, it
  // would point them at a branch of a repository that may not hold this version's pictures.
  assert.match(pkg.scripts.package, /--no-rewrite-relative-links/);
});
