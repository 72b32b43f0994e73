import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.cache/**', 'sample/**', 'out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      // The core is shared by the CLI and plain tests: it must never depend on VS Code.
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'src/core must not import vscode' }] }],
    },
  },
  {
    files: ['webview/**/*.ts'],
    rules: {
      // The webview apps run in a page: they talk to the host only through messages (src/protocol)
      // and may share pure code from src/core, never the extension host's modules or VS Code's API.
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'webview/ runs in a page: it cannot import vscode' }],
        patterns: [{ group: ['**/src/extension', '**/src/extension/**'], message: 'webview/ must not import src/extension: use messages of src/protocol' }],
      }],
    },
  },
);
