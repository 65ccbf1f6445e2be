// Lint: typescript-eslint's recommended rules plus the layout rule "a folder is a runtime":
// shared/ imports nothing of ours but itself and no Node/Electron; renderer/ never imports db/ or electron/;
// db/ never imports electron/ or renderer/.
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'http', 'crypto'];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'bench/out/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/db/**', '**/electron/**', '**/renderer/**', 'electron', 'better-sqlite3', 'react', ...nodeBuiltins], message: 'shared/ is pure TypeScript: no Node, DOM, Electron or other runtime folders.' },
        ],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/db/**', '**/electron/**', 'electron', 'better-sqlite3', ...nodeBuiltins], message: 'The renderer talks only to the typed api client (renderer/src/api.ts).' }],
      }],
    },
  },
  {
    files: ['db/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/electron/**', '**/renderer/**', 'electron'], message: 'db/ is Node only: no Electron, no renderer.' }],
      }],
    },
  },
);
