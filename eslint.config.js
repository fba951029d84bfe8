// One linter for the whole tree. Besides the usual checks it enforces the layering of
// ARCHITECTURE.md: where a file lives decides what it may import.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeOnly = [
  'node:*',
  'fs',
  'path',
  'child_process',
  'better-sqlite3',
  'node-hid',
  'usb',
  'serialport',
  'ws',
];
const pattern = (names, message) => names.map((name) => ({ group: [name], message }));

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error', 'info'] }],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['main/app/**', 'preload/**', 'e2e/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Only main/app/ and preload/ may import electron.' }] },
      ],
    },
  },
  {
    files: ['main/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'domain/ is pure.' }],
          patterns: pattern([...nodeOnly, '../store/*', '../services/*'], 'domain/ is pure: no I/O.'),
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ...reactHooks.configs.flat.recommended,
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to main through window.pos only.' }],
          patterns: [
            ...pattern(
              [...nodeOnly, '**/main/*', '**/native-drivers/*'],
              'The renderer sees only contract/ and its own code.',
            ),
            ...pattern(
              ['**/contract/compiled-parse'],
              "It compiles with new Function, which the renderer's CSP forbids.",
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['native-drivers/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'native-drivers/ runs without Electron.' }],
          patterns: pattern(
            ['**/main/*', '**/renderer/*'],
            'native-drivers/ owns bytes: it depends on contract/ at most, never on main/ or the UI.',
          ),
        },
      ],
    },
  },
  {
    files: ['contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: pattern(
            [...nodeOnly, 'electron', '**/main/*', '**/renderer/*'],
            'contract/ depends only on zod.',
          ),
        },
      ],
    },
  },
);
