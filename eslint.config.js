// Boundary rules are the point of this file: they keep the layers of DESIGN.md honest.
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

const noNode = { paths: nodeBuiltins.map((name) => ({ name, message: 'No Node built-ins here.' })) };

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'models/cache/**', 'test-results/**', 'playwright-report/**', 'e2e/artifacts/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        ...noNode,
        patterns: [
          { group: ['electron', 'electron/*'], message: 'shared/ is the contract: no Electron.' },
          { group: ['../electron/**', '../renderer/**', '../models/**', 'react', 'react-dom'], message: 'shared/ imports nothing but zod.' },
        ],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        ...noNode,
        patterns: [
          { group: ['electron', 'electron/*'], message: 'The renderer talks to the core only through the typed client.' },
          { group: ['**/electron/**', '**/models/**', '**/e2e/**'], message: 'The renderer may import only shared/ and UI libraries.' },
        ],
      }],
      'no-restricted-globals': ['error',
        { name: 'process', message: 'No Node in the renderer.' },
        { name: 'require', message: 'No Node in the renderer.' },
        { name: 'Buffer', message: 'No Node in the renderer.' },
        { name: '__dirname', message: 'No Node in the renderer.' },
      ],
      'no-restricted-properties': ['error',
        { object: 'window', property: 'require', message: 'No Node in the renderer.' },
        { object: 'window', property: 'process', message: 'No Node in the renderer.' },
        { object: 'globalThis', property: 'require', message: 'No Node in the renderer.' },
      ],
      'no-restricted-syntax': ['error',
        { selector: "Literal[value=/^file:\\/\\//]", message: 'No file:// URLs in the renderer; media comes by id.' },
      ],
    },
  },
  {
    // The core's utility process is plain Node too (Electron hands it only process.parentPort), and
    // it must not reach into the main process's code: the channel's protocol.ts is all they share.
    files: ['electron/utility/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron', 'electron/*'], message: 'The core process imports nothing from Electron.' },
          { group: ['../main/**'], message: 'Main-process code stays in main; share through protocol.ts or shared/.' },
        ],
      }],
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['electron', 'electron/*'], message: 'electron/core runs in plain Node: never import electron.' }],
      }],
    },
  },
);
