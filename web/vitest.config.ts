// Unit tests of pure portal code (catalogs, formatting, term differences): node, no browser.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
