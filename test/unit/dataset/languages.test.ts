import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allLanguages, canonicalLanguage, languageInfo, languageLabel, languageNames, MULTIMEDX_LANGUAGES } from '../../../src/core/dataset/languages';

test('the seven MultiMed-X languages and English are known, with native names', () => {
  assert.deepEqual([...MULTIMEDX_LANGUAGES], ['zh', 'ja', 'ko', 'sw', 'th', 'yo', 'zu']);
  const names = Object.fromEntries(allLanguages().map((l) => [l.code, l.nativeName]));
  assert.deepEqual(names, {
    en: 'English', zh: '中文', ja: '日本語', ko: '한국어', sw: 'Kiswahili', th: 'ไทย', yo: 'Èdè Yorùbá', zu: 'isiZulu',
  });
  for (const l of allLanguages()) assert.equal(l.direction, 'ltr');
  assert.equal(languageInfo('th')?.script, 'Thai');
});

test('jp is an alias of ja; codes are case-insensitive; unknown codes are undefined', () => {
  assert.equal(canonicalLanguage('jp'), 'ja');
  assert.equal(canonicalLanguage('JP'), 'ja');
  assert.equal(canonicalLanguage(' zh '), 'zh');
  assert.equal(languageInfo('jp')?.englishName, 'Japanese');
  assert.equal(canonicalLanguage('fr'), undefined);
  assert.equal(canonicalLanguage(''), undefined);
});

test('a code outside the table is named from Intl (its own name, its English name) and keeps its direction', () => {
  assert.deepEqual(languageNames('fr'), { code: 'fr', native: 'français', english: 'French', dir: 'ltr' });
  assert.deepEqual(languageNames('fa'), { code: 'fa', native: 'فارسی', english: 'Persian', dir: 'rtl' });
  assert.equal(languageLabel('fr'), 'français (French)');
  // Not a language code at all: the code itself, never an exception.
  assert.deepEqual(languageNames('not a code!'), { code: 'not a code!', native: 'not a code!', english: 'not a code!', dir: 'ltr' });
});
