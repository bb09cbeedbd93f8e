// The portal's linter (npm run lint; CTest portal.lint): ESLint's and typescript-eslint's
// recommended rules, and the portal's own: text from records is set as text, never as HTML.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'src/generated/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      'no-restricted-properties': ['error',
        { property: 'innerHTML', message: 'Set text with textContent or the h() helper (src/dom.ts).' },
        { property: 'outerHTML', message: 'Set text with textContent or the h() helper (src/dom.ts).' },
        { property: 'insertAdjacentHTML', message: 'Build elements with the h() helper (src/dom.ts).' },
      ],
      'no-restricted-syntax': ['error',
        { selector: "CallExpression[callee.object.name='document'][callee.property.name='write']", message: 'No document.write.' },
      ],
      // As tsc's noUnusedParameters: a parameter kept for its position is named _like_this.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'prefer-const': 'error',
    },
  },
);
