// typescript-eslint over every TypeScript file of the project.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { FRONTS, LAYERS } from './scripts/layers.mjs';

/**
 * The layers of server/src as an import rule: each layer's files may not import a layer above
 * it or a front (scripts/layers.mjs; scripts/check-layers.mjs also finds cycles).
 */
const layerRules = Object.entries(LAYERS).map(([layer, allowed]) => {
  const forbidden = [...Object.keys(LAYERS).filter((other) => other !== layer && !allowed.includes(other)), ...FRONTS];
  return {
    files: [`server/src/${layer}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: forbidden.map((name) => ({
            group: [`**/${name}`, `**/${name}/**`, `**/${name}.js`],
            message: `${layer}/ sits below ${name}: see scripts/layers.mjs and docs/architecture.md.`,
          })),
        },
      ],
    },
  };
});

export default tseslint.config(
  { ignores: ['**/out/**', 'dist/**', 'node_modules/**', '.tools/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      eqeqeq: ['error', 'always'],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  ...layerRules,
  {
    files: ['bin/**/*.js', 'bench/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', process: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: {
      sourceType: 'module',
      globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' },
    },
  },
);
