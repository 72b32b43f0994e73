import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { findPromptsDir, loadPrompts, render, type PromptName } from '../../../src/core/pipeline/prompts';
import { languageInfo } from '../../../src/core/dataset/languages';
import { REPO } from './helpers';

test('prompts are found from the source tree, from a bundle in dist/, and from the install root', () => {
  const expected = path.join(REPO, 'prompts', 'v1');
  assert.equal(findPromptsDir('v1'), expected);
  assert.equal(findPromptsDir('v1', path.join(REPO, 'dist')), expected);
  assert.equal(findPromptsDir('v1', path.join(REPO, 'src', 'core', 'pipeline')), expected);
  assert.throws(() => findPromptsDir('v999', REPO), /prompts\/v999/);
});

test('every template has a system and a user part and renders with its documented placeholders', () => {
  const prompts = loadPrompts();
  assert.equal(prompts.version, 'v1');
  const vars = {
    language: 'Japanese',
    language_native: '日本語',
    task_instructions: 'TASK',
    question: 'Q',
    text: 'T',
    reasoning: 'R',
    schema: '{}',
    english_concepts: 'en-1: a',
    english_reasoning: 'ER',
    local_reasoning: 'LR',
    local_concepts: 'ja-1: b',
    concepts: 'C',
    documents: 'D',
  };
  const names = readdirSync(prompts.dir)
    .filter((f) => f.endsWith('.md'))
    .map((f) => f.replace(/\.md$/, '') as PromptName);
  assert.deepEqual(names.sort(), ['align', 'direct', 'extract_concepts', 'reason', 'synthesize', 'synthesize_reasonings', 'task_mcq', 'task_nli', 'task_qa', 'translate', 'translate_answer']);
  for (const name of names) {
    const t = prompts.get(name);
    assert.ok(t.user.length > 100, `${name} has a user part`);
    const rendered = render(t.system, vars) + render(t.user, vars);
    assert.doesNotMatch(rendered, /\{\{\w+\}\}/, `${name}: every placeholder filled`);
  }
  assert.ok(prompts.get('reason').system.length > 0);
});

test('rendering is one pass: placeholders inside inserted text stay as they are', () => {
  assert.equal(render('Q: {{question}} / {{language}}', { question: 'what is {{language}}?', language: 'Thai' }), 'Q: what is {{language}}? / Thai');
  assert.throws(() => render('{{missing}}', {}), /missing/);
});

test('language names exist for the seven MultiMed-X languages and English', () => {
  for (const code of ['en', 'zh', 'ja', 'ko', 'sw', 'th', 'yo', 'zu']) {
    assert.ok(languageInfo(code)?.englishName && languageInfo(code)?.nativeName, code);
  }
});
