// The README is the repository's front page and, packaged, the extension's page in VS Code. On the
// repository its images are relative paths (docs/screenshot-*.png) that must exist. In VS Code the
// packaged README is rendered in a webview that keeps only http(s) and data: image sources (its
// sanitizer and CSP), so the package's README (scripts/vsixReadme.mjs, `vsce package --readme-path`)
// carries each of those images inlined as a data: URI, byte for byte. vsce's own file listing
// (.vscodeignore applied as `vsce package` applies it) shows which README the VSIX takes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { listFiles, PackageManager } from '@vscode/vsce';
import { makeTempDir } from '../../support/tempDir';

const REPO = path.resolve(__dirname, '../../..');

interface VsixReadme {
  inlineImages(markdown: string, root?: string): string;
}
const load = (): Promise<VsixReadme> => import(pathToFileURL(path.join(REPO, 'scripts', 'vsixReadme.mjs')).href) as Promise<VsixReadme>;

/** Image sources of a Markdown document outside fenced code: `![alt](src "title")` and `<img src>`. */
function imageSources(markdown: string): string[] {
  const text = markdown.replace(/^```[\s\S]*?^```/gm, '');
  const sources: string[] = [];
  for (const m of text.matchAll(/!\[[^\]]*\]\(\s*(?:<([^>]+)>|([^)\s]+))(?:\s+"[^"]*")?\s*\)/g)) sources.push(m[1] ?? m[2]);
  for (const m of text.matchAll(/<img\b[^>]*\bsrc\s*=\s*["']([^"']+)["']/gi)) sources.push(m[1]);
  return sources;
}

const README = (): string => readFileSync(path.join(REPO, 'README.md'), 'utf8');

test('every image the README shows exists in the repository and is a PNG, JPEG or GIF, including the walkthrough and the review panel', () => {
  const sources = imageSources(README());
  assert.ok(sources.includes('docs/screenshot-walkthrough.png') && sources.includes('docs/screenshot-review.png'), sources.join(', '));
  // Only Markdown images are inlined for the package: an HTML <img> with a relative source would be broken there.
  assert.doesNotMatch(README().replace(/^```[\s\S]*?^```/gm, ''), /<img\b[^>]*\bsrc\s*=\s*["'](?![a-z]+:)/i);
  for (const src of sources) {
    assert.doesNotMatch(src, /^[a-z]+:/i, `${src}: keep README images in the repository (relative paths)`);
    assert.ok(existsSync(path.join(REPO, decodeURI(src))), `README.md shows ${src}, which does not exist`);
    assert.match(src, /\.(png|jpe?g|gif)$/i, `${src}: vsce and VS Code refuse SVG; use a PNG, JPEG or GIF`);
  }
});

test('the packaged README carries every README image inlined, byte for byte, and nothing else changes', async () => {
  const { inlineImages } = await load();
  const readme = README();
  const packaged = inlineImages(readme);
  const sources = imageSources(readme);
  const inlined = imageSources(packaged);
  assert.equal(inlined.length, sources.length);
  for (const [i, src] of sources.entries()) {
    const m = /^data:image\/(png|jpeg|gif);base64,([A-Za-z0-9+/=]+)$/.exec(inlined[i]);
    assert.ok(m, `${src} is inlined as a data: URI in the packaged README`);
    assert.ok(Buffer.from(m[2], 'base64').equals(readFileSync(path.join(REPO, src))), `${src}: the inlined bytes are the file's`);
  }
  // Only the image sources differ.
  const strip = (text: string): string => text.replace(/!\[([^\]]*)\]\([^)]*\)/g, '![$1]()');
  assert.equal(strip(packaged), strip(readme));
});

test('a missing or SVG image stops packaging with the image named; code blocks and https images stay', async () => {
  const { inlineImages } = await load();
  const dir = makeTempDir('medco-vsix-readme-');
  assert.throws(() => inlineImages('![a](docs/none.png)', dir), /README\.md: image docs\/none\.png does not exist/);
  assert.throws(() => inlineImages('![a](media/icon.svg)', REPO), /image media\/icon\.svg is not a PNG, JPEG or GIF/);
  const kept = '```md\n![x](docs/none.png)\n```\n![b](https://example.org/b.png)\n';
  assert.equal(inlineImages(kept, dir), kept);
});

test('npm run package hands vsce the README with inlined images, which the VSIX then takes as its readme', async () => {
  const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const script = pkg.scripts.package;
  const m = /node scripts\/vsixReadme\.mjs (\S+) && vsce package .*--readme-path (\S+)/.exec(script);
  assert.ok(m && m[1] === m[2], `the package script writes the README it passes to vsce: ${script}`);
  // Relative links are left alone (no repository to rewrite them to): vsce would fail on them.
  assert.match(script, /--no-rewrite-relative-links/);
  // vsce adds the --readme-path file itself (as extension/readme.md); the repository's README.md,
  // with relative images, must not be shipped beside it.
  // listFiles honours readmePath as `vsce package` does (its typings leave the option out).
  const options: Parameters<typeof listFiles>[0] & { readmePath: string } = { cwd: REPO, packageManager: PackageManager.None, readmePath: m[1] };
  const files = await listFiles(options);
  assert.ok(!files.includes('README.md'), 'the repository README is not shipped beside the packaged one');
});
