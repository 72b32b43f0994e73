import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allLanguages, canonicalLanguage, languageInfo, MULTIMEDX_LANGUAGES } from '../../../src/core/dataset/languages';

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
