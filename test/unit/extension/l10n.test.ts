import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { hostKeys, reviewWebviewKeys } from '../../support/l10nKeys';
import { REVIEW_UI_STRINGS } from '../../../src/protocol/uiStrings';

const repo = path.resolve(__dirname, '..', '..', '..');
const readJson = (rel: string): Record<string, string> => JSON.parse(readFileSync(path.join(repo, rel), 'utf8'));
const english = readJson('l10n/bundle.l10n.json');
const translations = readdirSync(path.join(repo, 'l10n')).filter((f) => /^bundle\.l10n\.[a-z-]+\.json$/.test(f));
const placeholders = (s: string): string[] => [...s.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();

test('the key scanner finds literal calls and skips computed ones', () => {
  const keys = hostKeys(repo);
  assert.ok(keys.has('Open Dataset'));
  assert.ok(keys.has('{0}/{1} rated'));
  assert.ok(![...keys].some((k) => k.includes('${')));
});

test('every host string has an English bundle entry', () => {
  const missing = [...hostKeys(repo)].filter((k) => !(k in english));
  assert.deepEqual(missing, []);
});

test('every string the review webview asks for is sent by the host and is in the English bundle', () => {
  const sent = new Set(REVIEW_UI_STRINGS);
  const webview = [...reviewWebviewKeys(repo)];
  assert.ok(webview.length > 0, 'no t() calls found in webview/');
  assert.deepEqual(webview.filter((k) => !sent.has(k)), [], 'missing from REVIEW_UI_STRINGS');
  assert.deepEqual(REVIEW_UI_STRINGS.filter((k) => !(k in english)), [], 'missing from l10n/bundle.l10n.json');
});

test('every text of the built-in rubric has an English bundle entry, score anchors included', () => {
  // The review panel looks each rubric text up in the bundles (reviewStrings), so the default rubric
  // is shown translated; a text missing here stays English in every language.
  type Texts = { label: string; description: string };
  const rubric = JSON.parse(readFileSync(path.join(repo, 'annotations/rubric.json'), 'utf8')) as {
    dimensions: (Texts & { levels: Record<string, string> })[];
    flags: Texts[];
  };
  const texts = [
    ...rubric.dimensions.flatMap((d) => [d.label, d.description, ...Object.values(d.levels)]),
    ...rubric.flags.flatMap((f) => [f.label, f.description]),
  ];
  assert.ok(texts.length > 20, 'rubric texts not found');
  assert.deepEqual(texts.filter((k) => !(k in english)), []);
});

test('Japanese, Simplified Chinese and Korean translations exist', () => {
  assert.ok(translations.includes('bundle.l10n.ja.json'));
  assert.ok(translations.includes('bundle.l10n.zh-cn.json'));
  assert.ok(translations.includes('bundle.l10n.ko.json'));
});

for (const file of translations) {
  test(`${file}: translates every host and review string, keeping placeholders`, () => {
    const bundle = readJson(path.join('l10n', file));
    const needed = [...hostKeys(repo), ...REVIEW_UI_STRINGS];
    assert.deepEqual(needed.filter((k) => typeof bundle[k] !== 'string' || bundle[k].trim() === ''), []);
    const broken = needed.filter((k) => placeholders(k).join() !== placeholders(bundle[k]).join());
    assert.deepEqual(broken, [], 'placeholders differ');
    // The save indicator must keep the word "saved" in every language (docs/formats.md §5, automated checks).
    assert.match(bundle['saved'], /saved/);
  });
}

test('package.nls translations cover every command title and setting text', () => {
  const base = Object.keys(readJson('package.nls.json')).sort();
  for (const f of ['package.nls.ja.json', 'package.nls.zh-cn.json', 'package.nls.ko.json']) {
    const t = readJson(f);
    assert.deepEqual(base.filter((k) => typeof t[k] !== 'string' || t[k] === ''), [], f);
  }
  // Every %key% used in package.json exists in package.nls.json.
  const manifest = readFileSync(path.join(repo, 'package.json'), 'utf8');
  const used = [...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
  assert.deepEqual(used.filter((k) => !base.includes(k)), []);
});

// Completeness of every translation file against its English original: the same keys (none missing,
// none left over from a removed string), the same placeholders, key names and product names, and real text. A string equal to the
// English one is almost always an untranslated copy, except for names and codes listed here.
const SAME_IN_EVERY_LANGUAGE: Record<string, ReadonlySet<string>> = {
  'l10n/bundle.l10n.json': new Set(['Gwet AC1']), // the name of a statistic (Gwet's first-order agreement coefficient)
  'package.nls.json': new Set(['medco.container']), // "Med-CoReasoner", the product name
};
// Text a translation keeps as it is: key names of keyboard hints, product and setting names, environment
// variables, literal code spans (a span with <…> describes a path and is translated) and command links.
const VERBATIM = /`[^`<]+`|\(command:[^)]+\)|\bmedco\.[A-Za-z][\w.]*[A-Za-z]|\b(?:Ctrl|Alt|Shift)\+[^\s,·]+|[↑↓←→]|\d–\d|Med-CoReasoner|MultiMed-X|VS Code|\b[A-Z]+_[A-Z_]+\b/g;
const KEY_LETTER = /\b[A-Z](?:\/[A-Z])?\b/g; // N, U, J/K… in a "Keys: …" hint
const verbatimParts = (english: string): string[] => [
  ...(english.match(VERBATIM) ?? []),
  ...(english.startsWith('Keys:') ? english.match(KEY_LETTER) ?? [] : []),
];
const translationsOf = (english: string): string[] => {
  const dir = path.dirname(english);
  const stem = path.basename(english, '.json');
  return readdirSync(path.join(repo, dir))
    .filter((f) => f.startsWith(`${stem}.`) && f.endsWith('.json') && /^[a-z]{2}(-[a-z]+)?$/.test(f.slice(stem.length + 1, -'.json'.length)))
    .map((f) => path.join(dir, f));
};

test('translation files are found for both English originals', () => {
  for (const english of Object.keys(SAME_IN_EVERY_LANGUAGE)) {
    assert.deepEqual(translationsOf(english).map((f) => path.basename(f).split('.').at(-2)).sort(), ['ja', 'ko', 'zh-cn'], english);
  }
});

for (const [englishFile, allowedSame] of Object.entries(SAME_IN_EVERY_LANGUAGE)) {
  const original = readJson(englishFile);
  for (const file of translationsOf(englishFile)) {
    test(`${file} has exactly the keys of ${englishFile}, the same placeholders, key and product names, and real translations`, () => {
      const translated = readJson(file);
      const keys = Object.keys(original);
      const text = (k: string) => typeof translated[k] === 'string' && translated[k].trim() !== '';
      // One assertion over every kind of problem, so a failure lists them all at once.
      const problems = {
        missing: keys.filter((k) => !(k in translated)),
        notInEnglish: Object.keys(translated).filter((k) => !(k in original)),
        empty: keys.filter((k) => k in translated && !text(k)),
        placeholdersDiffer: keys.filter((k) => text(k) && placeholders(original[k]).join() !== placeholders(translated[k]).join())
          .map((k) => `${k} → ${translated[k]}`),
        notKeptVerbatim: keys.filter((k) => text(k)).flatMap((k) => verbatimParts(original[k])
          .filter((part) => !translated[k].includes(part)).map((part) => `${k} → ${part}`)),
        // Add names and codes to SAME_IN_EVERY_LANGUAGE rather than translating them.
        leftInEnglish: keys.filter((k) => translated[k] === original[k] && !allowedSame.has(k)),
      };
      assert.deepEqual(problems, { missing: [], notInEnglish: [], empty: [], placeholdersDiffer: [], notKeptVerbatim: [], leftInEnglish: [] });
    });
  }
}
